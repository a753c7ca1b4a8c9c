using System;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>How a search of the IPv4 interface list ended.</summary>
internal enum InterfaceLookup
{
    /// <summary>The index is in the output.</summary>
    Found,
    /// <summary>No interface has that address.</summary>
    NotFound,
    /// <summary>SIOCGIFCONF failed: the errno is in the output.</summary>
    ListFailed,
    /// <summary>SIOCGIFINDEX failed for the interface that has the address: the errno is in the output.</summary>
    IndexFailed,
}

/// <summary>
/// Interface index ↔ IPv4 address, through the socket's own descriptor as PHP does it on Linux
/// (netdevice(7)): SIOCGIFNAME then SIOCGIFADDR one way, SIOCGIFCONF then SIOCGIFINDEX the other.
/// No PHP rules here: errno and outcomes out.
/// </summary>
internal static unsafe class NetworkInterfaces
{
    private const ushort AF_INET = 2;

    /// <summary>
    /// The IPv4 address (network order) of interface <paramref name="index"/>; 0 (INADDR_ANY) for
    /// index 0 without a call. Returns 0 or the errno of the ioctl that failed.
    /// </summary>
    internal static int IPv4AddressOf(Socket socket, uint index, out uint address)
    {
        address = 0;
        if (index == 0) return 0;
        IfReq request = default;
        request.Index = unchecked((int)index);
        if (Libc.Ioctl(socket.Handle, Libc.SIOCGIFNAME, &request) == -1) return SocketErrors.Errno();
        if (Libc.Ioctl(socket.Handle, Libc.SIOCGIFADDR, &request) == -1) return SocketErrors.Errno();
        address = request.Inet4Address;
        return 0;
    }

    /// <summary>
    /// if_nametoindex(3) on <paramref name="name"/> read as a C string (up to its first NUL): the
    /// interface's index, or 0 when no interface has that name.
    /// </summary>
    internal static uint IndexOfName(ReadOnlySpan<byte> name)
    {
        // The name is the caller's string, any length: only a short one goes on the stack.
        byte[]? large = null;
        Span<byte> buffer = SocketAddress.NulTerminated(name, stackalloc byte[256], ref large);
        fixed (byte* n = buffer) return Libc.IfNameToIndex(n);
    }

    /// <summary>
    /// The index of the interface whose IPv4 address is <paramref name="address"/> (network order);
    /// 0 for INADDR_ANY without a call. The list is read with a buffer grown by five entries until
    /// the kernel's answer stops growing, as PHP reads it.
    /// </summary>
    internal static InterfaceLookup IndexOfIPv4(Socket socket, uint address, out uint index, out int errno)
    {
        index = 0;
        errno = 0;
        if (address == 0) return InterfaceLookup.Found;
        byte[]? buffer = null;
        int size = 0, lastSize = 0;
        IfConf conf = default;
        for (;;)
        {
            size += 5 * IfReq.Size;
            buffer = new byte[size];
            fixed (byte* b = buffer)
            {
                conf.Length = size;
                conf.Buffer = b;
                if (Libc.Ioctl(socket.Handle, Libc.SIOCGIFCONF, &conf) == -1)
                {
                    int error = SocketErrors.Errno();
                    if (error != SocketErrors.EINVAL || lastSize != 0)
                    {
                        errno = error;
                        return InterfaceLookup.ListFailed;
                    }
                }
            }
            if (conf.Length == lastSize) break;
            lastSize = conf.Length;
        }
        for (int offset = 0; offset + IfReq.Size <= conf.Length; offset += IfReq.Size)
        {
            IfReq entry = System.Runtime.InteropServices.MemoryMarshal.Read<IfReq>(buffer.AsSpan(offset, IfReq.Size));
            if (entry.AddressFamily != AF_INET || entry.Inet4Address != address) continue;
            if (Libc.Ioctl(socket.Handle, Libc.SIOCGIFINDEX, &entry) == -1)
            {
                errno = SocketErrors.Errno();
                return InterfaceLookup.IndexFailed;
            }
            index = unchecked((uint)entry.Index);
            return InterfaceLookup.Found;
        }
        return InterfaceLookup.NotFound;
    }
}
