using System;
using PhpSockets.Legacy;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Fuzz;

/// <summary>
/// The address parsers: PHP's rules for IPv4 strings, IPv6 strings with a %scope, and AF_UNIX paths
/// (binary-safe for bind/connect, C strings cut to 107 bytes for sendto), through socket_bind,
/// socket_connect and socket_sendto on real datagram sockets, the PHP 4.0 bind/connect, and the
/// internal encoders directly.
/// <para>Input: byte 0 chooses the family (bits 0-1), the operation (bits 2-3) and the port (bits 4-7,
/// an index into <see cref="Ports"/>); the rest is the address string.</para>
/// <para>Containment: strings that glibc would send to DNS are skipped (<see cref="LocalAddress"/>);
/// socket_connect runs on datagram sockets only (no packet leaves); socket_sendto runs only when the
/// address resolves to loopback or the unspecified address; filesystem AF_UNIX paths always start
/// with <see cref="Harness.WorkingFolder"/> and are unlinked afterwards.</para>
/// </summary>
public static class AddressTarget
{
    /// <summary>Ports at and beyond the limits; null (no port) where the function allows it.</summary>
    public static readonly long?[] Ports =
        [0, 1, 9, 65535, 65536, -1, 70000, int.MinValue, int.MaxValue, long.MinValue, long.MaxValue, null, 4464, 5555, 40000, -65536];

    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return;
        int family = input[0] & 3;
        int operation = (input[0] >> 2) & 3;
        long? port = Ports[input[0] >> 4];
        byte[] address = input[1..].ToArray();
        Harness.Run(() =>
        {
            switch (family)
            {
                case 0: Inet(AF_INET, operation, address, port); break;
                case 1: Inet(AF_INET6, operation, address, port); break;
                case 2: Unix(operation, address, port); break;
                default: Encoders(address); break;
            }
        });
    }

    private static void Inet(int family, int operation, byte[] address, long? port)
    {
        bool local = family == AF_INET ? LocalAddress.IsLocalForInet(address) : LocalAddress.IsLocalForInet6(address);
        if (!local) return;
        Socket? socket = socket_create(family, SOCK_DGRAM, 0);
        if (socket is null) throw new InvariantException("socket_create failed");
        try
        {
            switch (operation)
            {
                case 0:
                    socket_bind(socket, address, port ?? 0);
                    break;
                case 1:
                    socket_connect(socket, address, port);
                    break;
                case 2:
                    if (IsLoopbackDestination(family, address))
                        socket_sendto(socket, "x"u8.ToArray(), 1, MSG_DONTWAIT, address, port);
                    else
                        socket_bind(socket, address, port ?? 0);
                    break;
                default:
                    if (family == AF_INET) Legacy(AF_INET, address, port);
                    else socket_bind(socket, address, port ?? 0);
                    break;
            }
        }
        finally
        {
            socket_close(socket);
        }
    }

    private static void Unix(int operation, byte[] input, long? port)
    {
        byte[] path = UnixPath(input);
        Socket? socket = socket_create(AF_UNIX, SOCK_DGRAM, 0);
        if (socket is null) throw new InvariantException("socket_create failed");
        try
        {
            switch (operation)
            {
                case 0: socket_bind(socket, path, port ?? 0); break;
                case 1: socket_connect(socket, path, port); break;
                case 2: socket_sendto(socket, "x"u8.ToArray(), 1, MSG_DONTWAIT, path, port); break;
                default: Legacy(AF_UNIX, path, port); break;
            }
        }
        finally
        {
            socket_close(socket);
            RemoveSocketFile(path);
        }
    }

    /// <summary>PHP 4.0's bind and connect on a bare descriptor: their answers are return codes.</summary>
    private static void Legacy(int family, byte[] address, long? port)
    {
        int fd = Php4Sockets.socket(family, SOCK_DGRAM, 0);
        if (fd < 0) throw new InvariantException("socket() failed: " + fd);
        try
        {
            int bound = Php4Sockets.bind(fd, address, port);
            if (bound > 0) throw new InvariantException("bind() returned " + bound);
            int connected = Php4Sockets.connect(fd, address, port);
            if (connected > 0) throw new InvariantException("connect() returned " + connected);
        }
        finally
        {
            Php4Sockets.close(fd);
        }
    }

    /// <summary>The internal encoders and the %scope reader, fed the raw bytes.</summary>
    private static void Encoders(byte[] address)
    {
        Span<byte> sa = stackalloc byte[SockAddrStorage.Size];
        HostResolver.ScopeId(address, out _);
        if (address.Length < SocketAddress.UnixPathMax)
        {
            int length = SocketAddress.EncodeUnix(sa, address);
            if (length != SocketAddress.UnixPathOffset + address.Length) throw new InvariantException("EncodeUnix length " + length);
        }
        int cLength = SocketAddress.EncodeUnixCString(sa, address);
        if (cLength > SocketAddress.UnixPathOffset + SocketAddress.UnixPathMax - 1) throw new InvariantException("EncodeUnixCString length " + cLength);
        byte[] path = SocketAddress.UnixPath(sa, cLength);
        if (path.Length > SocketAddress.UnixPathMax - 1) throw new InvariantException("UnixPath length " + path.Length);
        Span<byte> raw = stackalloc byte[16];
        if (LocalAddress.IsLocalForInet(address)) HostResolver.ResolveInet(address, raw[..4], out _);
        if (LocalAddress.IsLocalForInet6(address)) HostResolver.ResolveInet6(address, raw, out _);
    }

    /// <summary>
    /// An AF_UNIX path from fuzz bytes that stays in the working folder: a leading NUL keeps the bytes
    /// as an abstract name (no file); otherwise '/' becomes '_' and the folder is put in front, so the
    /// length still crosses 107 and 108 as the input grows.
    /// </summary>
    public static byte[] UnixPath(ReadOnlySpan<byte> input)
    {
        if (!input.IsEmpty && input[0] == 0) return input.ToArray();
        byte[] folder = System.Text.Encoding.ASCII.GetBytes(Harness.WorkingFolder + "/");
        var path = new byte[folder.Length + input.Length];
        folder.CopyTo(path, 0);
        for (int i = 0; i < input.Length; i++) path[folder.Length + i] = input[i] == '/' ? (byte)'_' : input[i];
        return path;
    }

    /// <summary>Unlinks the file a bind may have made (the path up to its first NUL), only inside the working folder.</summary>
    private static unsafe void RemoveSocketFile(byte[] path)
    {
        if (path.Length == 0 || path[0] == 0) return;
        int nul = Array.IndexOf(path, (byte)0);
        int length = nul < 0 ? path.Length : nul;
        var c = new byte[length + 1];
        Array.Copy(path, c, length);
        if (!System.Text.Encoding.ASCII.GetString(c, 0, length).StartsWith(Harness.WorkingFolder + "/", StringComparison.Ordinal)) return;
        fixed (byte* p = c) Native.Unlink(p);
    }

    /// <summary>Whether the address resolves (without DNS: the caller checked) to loopback or the unspecified address.</summary>
    private static bool IsLoopbackDestination(int family, byte[] address)
    {
        Span<byte> raw = stackalloc byte[16];
        if (family == AF_INET)
        {
            if (HostResolver.ResolveInet(address, raw[..4], out _) != LookupOutcome.Resolved) return false;
            return raw[0] == 127 || (raw[0] == 0 && raw[1] == 0 && raw[2] == 0 && raw[3] == 0);
        }
        if (HostResolver.ResolveInet6(address, raw, out _) != LookupOutcome.Resolved) return false;
        bool zeroPrefix = raw[..10].IndexOfAnyExcept((byte)0) < 0;
        if (zeroPrefix && raw[10] == 0 && raw[11] == 0)
            return raw[12..15].IndexOfAnyExcept((byte)0) < 0 && raw[15] is 0 or 1; // :: and ::1
        return zeroPrefix && raw[10] == 0xff && raw[11] == 0xff && (raw[12] == 127 || raw[12..16].IndexOfAnyExcept((byte)0) < 0);
    }
}
