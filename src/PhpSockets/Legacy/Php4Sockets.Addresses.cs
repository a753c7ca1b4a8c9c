using System;
using PhpSockets.Interop;

namespace PhpSockets.Legacy;

public static partial class Php4Sockets
{
    private const int EPROTONOSUPPORT = 93;

    /// <summary>
    /// <c>int bind(int sockfd, string addr [, int port])</c>: 0, or -errno. The family comes from
    /// getsockname(2), as in PHP 4.0. AF_UNIX: <paramref name="addr"/> is the path (up to 107
    /// bytes, to its first NUL). AF_INET: a dotted quad or a host name, and the port is required
    /// (without it: ArgumentCountError <c>Wrong parameter count for bind()</c>); a name that does
    /// not resolve gives -10000 - h_errno, a port outside 0..65535 -EINVAL. Other families give
    /// -EPROTONOSUPPORT.
    /// </summary>
    // PHP 4.0.x tested inet_aton(...) < 0, which is never true, so a host name bound an undefined
    // address (fixed in 4.0.7). Names are resolved here: inet_pton first, then the resolver.
    public static unsafe int bind(int sockfd, PhpString addr, long? port = null)
    {
        SafeFdHandle handle = Fd(sockfd);
        SockAddrStorage storage = default;
        byte* sa = (byte*)&storage;
        int length = EncodeAddress(nameof(bind), handle, addr, port, sa, unsupportedFamily: -EPROTONOSUPPORT);
        return length < 0 ? length : Result(Libc.Bind(handle, sa, length));
    }

    /// <summary>
    /// <c>int connect(int sockfd, string addr [, int port])</c>: 0, or -errno; as <see cref="bind"/>
    /// for the address (the family from getsockname(2), the port required for AF_INET), with
    /// -EINVAL for other families. A non-blocking socket gives -EINPROGRESS (-115).
    /// </summary>
    // PHP 4.0.x inverted the inet_aton test (== 0): dotted quads went through gethostbyname and host
    // names connected to an uninitialised address. Not reproduced: both resolve correctly.
    public static unsafe int connect(int sockfd, PhpString addr, long? port = null)
    {
        SafeFdHandle handle = Fd(sockfd);
        SockAddrStorage storage = default;
        byte* sa = (byte*)&storage;
        int length = EncodeAddress(nameof(connect), handle, addr, port, sa, unsupportedFamily: -EINVAL);
        return length < 0 ? length : Result(Libc.Connect(handle, sa, length));
    }

    /// <summary>The sockaddr for bind or connect: its length, or the negative code to return.</summary>
    private static unsafe int EncodeAddress(string function, SafeFdHandle handle, PhpString addr, long? port, byte* sa, int unsupportedFamily)
    {
        int length = SockAddrStorage.Size;
        if (Libc.GetSockName(handle, sa, &length) != 0) return -SocketErrors.Errno();
        var buffer = new Span<byte>(sa, SockAddrStorage.Size);
        switch (SocketAddress.Family(buffer))
        {
            case AF_UNIX:
                // PHP 4.0: snprintf(sun_path, 108, "%s", addr) and SUN_LEN.
                return SocketAddress.EncodeUnixCString(buffer, addr.Span);
            case AF_INET:
                if (port is null) throw new PhpArgumentCountError($"Wrong parameter count for {function}()");
                // PHP 4.0 wrapped the port to 16 bits, silently reaching another port.
                if (port is < 0 or > 65535) return -EINVAL;
                Span<byte> address4 = stackalloc byte[4];
                switch (HostResolver.ResolveInet(addr.Span, address4, out int hostError))
                {
                    case LookupOutcome.HostError: return hostError;
                    case LookupOutcome.WrongFamily: return -EINVAL;
                }
                return SocketAddress.EncodeInet(buffer, address4, (ushort)port.Value);
            default:
                return unsupportedFamily;
        }
    }

    /// <summary>
    /// <c>int getsockname(int fd, string &amp;addr)</c>: 0 with the local address in
    /// <paramref name="addr"/> (a dotted quad, or the AF_UNIX path), or -errno; -EINVAL for other
    /// families. <paramref name="addr"/> is untouched on failure.
    /// </summary>
    public static int getsockname(int fd, ref PhpString addr)
    {
        int unused = 0;
        return SocketName(fd, peer: false, ref addr, ref unused);
    }

    /// <summary><c>int getsockname(int fd, string &amp;addr, int &amp;port)</c>: also the port (untouched for AF_UNIX).</summary>
    public static int getsockname(int fd, ref PhpString addr, ref int port) =>
        SocketName(fd, peer: false, ref addr, ref port);

    /// <summary><c>int getpeername(int fd, string &amp;addr)</c>: as <see cref="getsockname(int, ref PhpString)"/>, for the remote side.</summary>
    public static int getpeername(int fd, ref PhpString addr)
    {
        int unused = 0;
        return SocketName(fd, peer: true, ref addr, ref unused);
    }

    /// <summary><c>int getpeername(int fd, string &amp;addr, int &amp;port)</c>: also the port (untouched for AF_UNIX).</summary>
    public static int getpeername(int fd, ref PhpString addr, ref int port) =>
        SocketName(fd, peer: true, ref addr, ref port);

    private static unsafe int SocketName(int fd, bool peer, ref PhpString addr, ref int port)
    {
        SafeFdHandle handle = Fd(fd);
        SockAddrStorage storage = default;
        byte* sa = (byte*)&storage;
        int length = SockAddrStorage.Size;
        int result = peer ? Libc.GetPeerName(handle, sa, &length) : Libc.GetSockName(handle, sa, &length);
        if (result != 0) return -SocketErrors.Errno();
        var bytes = new ReadOnlySpan<byte>(sa, SockAddrStorage.Size);
        switch (SocketAddress.Family(bytes))
        {
            case AF_INET:
                addr = SocketAddress.InetText(bytes);
                port = SocketAddress.Port(bytes);
                return 0;
            case AF_UNIX:
                addr = SocketAddress.UnixPath(bytes, length);
                return 0;
            default:
                return -EINVAL;
        }
    }
}
