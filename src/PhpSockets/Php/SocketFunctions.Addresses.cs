using System;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_bind(Socket $socket, string $address, int $port = 0): bool</c>. AF_UNIX paths are
    /// binary-safe (an abstract name starts with "\0"; an empty path autobinds); AF_INET and AF_INET6
    /// addresses go through PHP's resolution rules.
    /// </summary>
    public static unsafe bool socket_bind(Socket socket, PhpString address, long port = 0)
    {
        const string fn = nameof(socket_bind);
        SocketErrors.EnsureOpen(socket, fn);
        SockAddrStorage storage = default;
        byte* sa = (byte*)&storage;
        int length = EncodeAddress(socket, fn, address, port, portArgument: 3, sa);
        if (length < 0) return false;
        if (Libc.Bind(socket.Handle, sa, length) == 0) return true;
        SocketErrors.Record(socket, fn, "Unable to bind address", SocketErrors.Errno());
        return false;
    }

    /// <summary>
    /// <c>socket_connect(Socket $socket, string $address, ?int $port = null): bool</c>. The port is
    /// required for AF_INET and AF_INET6. A non-blocking connect gives false with EINPROGRESS (115)
    /// recorded and no warning; wait for writability with socket_select, then read SO_ERROR.
    /// </summary>
    public static unsafe bool socket_connect(Socket socket, PhpString address, long? port = null)
    {
        const string fn = nameof(socket_connect);
        SocketErrors.EnsureOpen(socket, fn);
        if (port is null && socket.Family is AF_INET or AF_INET6)
            throw new PhpValueError($"{fn}(): Argument #3 ($port) cannot be null when the socket type is {FamilyName(socket.Family)}");
        SockAddrStorage storage = default;
        byte* sa = (byte*)&storage;
        int length = EncodeAddress(socket, fn, address, port ?? 0, portArgument: 3, sa);
        if (length < 0) return false;
        if (Libc.Connect(socket.Handle, sa, length) == 0) return true;
        SocketErrors.Record(socket, fn, "unable to connect", SocketErrors.Errno());
        return false;
    }

    private static string FamilyName(int family) => family == AF_INET6 ? "AF_INET6" : "AF_INET";

    /// <summary>
    /// The sockaddr for bind and connect, by the family recorded at creation: its length, or -1 after
    /// PHP's warning for a failed lookup. Throws PHP's ValueErrors for a long AF_UNIX path, an
    /// out-of-range port and an unsupported family.
    /// </summary>
    private static unsafe int EncodeAddress(Socket socket, string function, PhpString address, long port, int portArgument, byte* sa)
    {
        var buffer = new Span<byte>(sa, SockAddrStorage.Size);
        switch (socket.Family)
        {
            case AF_UNIX:
                if (address.Length >= SocketAddress.UnixPathMax)
                    throw new PhpValueError($"{function}(): Argument #2 ($address) must be less than {SocketAddress.UnixPathMax}");
                return SocketAddress.EncodeUnix(buffer, address.Span);
            case AF_INET:
            case AF_INET6:
                ushort checkedPort = SocketErrors.CheckPort(function, portArgument, port);
                return EncodeInetAddress(socket, function, address.Span, checkedPort, buffer);
            default:
                throw SocketErrors.UnsupportedFamily(function);
        }
    }

    /// <summary>Resolves an AF_INET or AF_INET6 address string the way PHP does; -1 after the warning on failure.</summary>
    private static int EncodeInetAddress(Socket socket, string function, ReadOnlySpan<byte> host, ushort port, Span<byte> sa)
    {
        bool v6 = socket.Family == AF_INET6;
        Span<byte> raw = stackalloc byte[16];
        if (!InetAddressLookup.Resolve(function, socket, host, v6, raw)) return -1;
        return v6
            ? SocketAddress.EncodeInet6(sa, raw, port, InetAddressLookup.ScopeId(function, host))
            : SocketAddress.EncodeInet(sa, raw[..4], port);
    }

    /// <summary>
    /// <c>socket_getsockname(Socket $socket, &amp;$address): bool</c>: the local address (dotted quad,
    /// IPv6 text, or the AF_UNIX path as a C string). Untouched on failure.
    /// </summary>
    public static bool socket_getsockname(Socket socket, ref PhpString? address)
    {
        int unused = 0;
        return SocketName(socket, peer: false, ref address, ref unused, withPort: false);
    }

    /// <summary><c>socket_getsockname(Socket $socket, &amp;$address, &amp;$port): bool</c>: also the port (untouched for AF_UNIX).</summary>
    public static bool socket_getsockname(Socket socket, ref PhpString? address, ref int port) =>
        SocketName(socket, peer: false, ref address, ref port, withPort: true);

    /// <summary><c>socket_getpeername(Socket $socket, &amp;$address): bool</c>: the remote address.</summary>
    public static bool socket_getpeername(Socket socket, ref PhpString? address)
    {
        int unused = 0;
        return SocketName(socket, peer: true, ref address, ref unused, withPort: false);
    }

    /// <summary><c>socket_getpeername(Socket $socket, &amp;$address, &amp;$port): bool</c>: also the port (untouched for AF_UNIX).</summary>
    public static bool socket_getpeername(Socket socket, ref PhpString? address, ref int port) =>
        SocketName(socket, peer: true, ref address, ref port, withPort: true);

    private static unsafe bool SocketName(Socket socket, bool peer, ref PhpString? address, ref int port, bool withPort)
    {
        string fn = peer ? nameof(socket_getpeername) : nameof(socket_getsockname);
        SocketErrors.EnsureOpen(socket, fn);
        SockAddrStorage storage = default;
        byte* sa = (byte*)&storage;
        int length = SockAddrStorage.Size;
        int result = peer ? Libc.GetPeerName(socket.Handle, sa, &length) : Libc.GetSockName(socket.Handle, sa, &length);
        if (result != 0)
        {
            SocketErrors.Record(socket, fn, peer ? "unable to retrieve peer name" : "unable to retrieve socket name", SocketErrors.Errno());
            return false;
        }
        var bytes = new ReadOnlySpan<byte>(sa, SockAddrStorage.Size);
        switch (SocketAddress.Family(bytes))
        {
            case AF_INET:
            case AF_INET6:
                address = SocketAddress.InetText(bytes);
                if (withPort) port = SocketAddress.Port(bytes);
                return true;
            case AF_UNIX:
                address = SocketAddress.UnixPath(bytes, length);
                return true;
            default:
                throw SocketErrors.UnsupportedFamily(fn);
        }
    }
}
