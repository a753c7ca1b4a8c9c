using System;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_recvfrom(Socket $socket, &amp;$data, int $length, int $flags, &amp;$address): int|false</c>
    /// for AF_UNIX sockets: <paramref name="address"/> gets the sender's path as a C string ("" when
    /// unbound). On AF_INET and AF_INET6 PHP requires the port argument and throws
    /// <c>ArgumentCountError: Wrong parameter count for socket_recvfrom()</c> without it.
    /// </summary>
    public static int? socket_recvfrom(Socket socket, ref PhpString? data, long length, long flags, ref PhpString? address)
    {
        int unused = 0;
        return RecvFrom(socket, ref data, length, flags, ref address, ref unused, withPort: false);
    }

    /// <summary>
    /// <c>socket_recvfrom(Socket $socket, &amp;$data, int $length, int $flags, &amp;$address, &amp;$port): int|false</c>:
    /// one recvfrom(2); the sender's address and port (port untouched for AF_UNIX). On failure all
    /// by-reference arguments are left untouched.
    /// </summary>
    public static int? socket_recvfrom(Socket socket, ref PhpString? data, long length, long flags, ref PhpString? address, ref int port) =>
        RecvFrom(socket, ref data, length, flags, ref address, ref port, withPort: true);

    private static unsafe int? RecvFrom(Socket socket, ref PhpString? data, long length, long flags, ref PhpString? address, ref int port, bool withPort)
    {
        const string fn = nameof(socket_recvfrom);
        SocketErrors.EnsureOpen(socket, fn);
        if (length <= 0) return null;
        int family = socket.Family;
        if (family is not (AF_UNIX or AF_INET or AF_INET6)) throw SocketErrors.UnsupportedFamily(fn);
        if (family != AF_UNIX && !withPort) throw new PhpArgumentCountError("Wrong parameter count for socket_recvfrom()");
        using var buffer = new ReceiveBuffer(length);
        SockAddrStorage storage = default;
        byte* sa = (byte*)&storage;
        int saLength = SockAddrStorage.Size;
        int count;
        fixed (byte* p = buffer.Span)
        {
            count = (int)Libc.RecvFrom(socket.Handle, p, (nuint)buffer.Span.Length, (int)flags, sa, &saLength);
        }
        if (count < 0)
        {
            SocketErrors.Record(socket, fn, family == AF_INET6 ? "unable to recvfrom" : "Unable to recvfrom", SocketErrors.Errno());
            return null;
        }
        data = buffer.ToPhpString(Math.Min(count, buffer.Span.Length));
        var bytes = new ReadOnlySpan<byte>(sa, SockAddrStorage.Size);
        if (family == AF_UNIX)
        {
            address = SocketAddress.UnixPath(bytes, saLength);
            return count;
        }
        // PHP reads the address as the socket's own family whatever the kernel filled in.
        System.Runtime.InteropServices.MemoryMarshal.Write(new Span<byte>(sa, 2), (ushort)family);
        address = SocketAddress.InetText(bytes);
        port = SocketAddress.Port(bytes);
        return count;
    }

    /// <summary>
    /// <c>socket_sendto(Socket $socket, string $data, int $length, int $flags, string $address, ?int $port = null): int|false</c>.
    /// AF_UNIX paths are read as C strings and cut to 107 bytes (so abstract names cannot be used
    /// here, as in PHP); AF_INET and AF_INET6 need the port.
    /// </summary>
    public static unsafe int? socket_sendto(Socket socket, PhpString data, long length, long flags, PhpString address, long? port = null)
    {
        const string fn = nameof(socket_sendto);
        SocketErrors.EnsureOpen(socket, fn);
        if (length < 0) throw new PhpValueError("socket_sendto(): Argument #3 ($length) must be greater than or equal to 0");
        SockAddrStorage storage = default;
        byte* sa = (byte*)&storage;
        var buffer = new Span<byte>(sa, SockAddrStorage.Size);
        int saLength;
        switch (socket.Family)
        {
            case AF_UNIX:
                saLength = SocketAddress.EncodeUnixCString(buffer, address.Span);
                break;
            case AF_INET:
            case AF_INET6:
                if (port is null)
                    throw new PhpValueError($"{fn}(): Argument #6 ($port) cannot be null when the socket type is {FamilyName(socket.Family)}");
                saLength = EncodeInetAddress(socket, fn, address.Span, SocketErrors.CheckPort(fn, 6, port.Value), buffer);
                if (saLength < 0) return null;
                break;
            default:
                throw SocketErrors.UnsupportedFamily(fn);
        }
        ReadOnlySpan<byte> bytes = data.Span;
        if (length < bytes.Length) bytes = bytes[..(int)length];
        nint sent;
        fixed (byte* p = bytes.IsEmpty ? [0] : bytes)
        {
            sent = Libc.SendTo(socket.Handle, p, (nuint)bytes.Length, (int)flags, sa, saLength);
        }
        if (sent >= 0) return (int)sent;
        SocketErrors.Record(socket, fn, "Unable to write to socket", SocketErrors.Errno());
        return null;
    }
}
