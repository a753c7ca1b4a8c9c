using System;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// The socket layer of socket options: one getsockopt or setsockopt per call, typed values in,
/// errno out (0 on success), no PHP rules. The value kinds, per level, as PHP 8.2 uses them:
/// <list type="bullet">
/// <item>SOL_SOCKET: int (SO_REUSEADDR, SO_RCVBUF, SO_TYPE, SO_ERROR...), <see cref="NativeLinger"/>
/// (SO_LINGER), <see cref="TimeVal"/> (SO_RCVTIMEO, SO_SNDTIMEO), raw bytes (SO_BINDTODEVICE),
/// <see cref="MemInfoArray"/> (SO_MEMINFO).</item>
/// <item>IPPROTO_IP: int, unsigned char (IP_MULTICAST_TTL, IP_MULTICAST_LOOP), in_addr
/// (IP_MULTICAST_IF), <see cref="GroupReq"/> and <see cref="GroupSourceReq"/> (MCAST_*).</item>
/// <item>IPPROTO_IPV6: int, unsigned int (IPV6_MULTICAST_IF), <see cref="In6PktInfo"/>
/// (IPV6_PKTINFO), the MCAST_* requests.</item>
/// <item>IPPROTO_TCP: int, raw bytes (TCP_CONGESTION, read into <see cref="CongestionName"/>).</item>
/// </list>
/// See getsockopt(2), socket(7), ip(7), ipv6(7) and tcp(7).
/// </summary>
internal static unsafe class SocketOptions
{
    /// <summary>
    /// getsockopt(2) into a <typeparamref name="T"/>: <paramref name="length"/> is the size the kernel
    /// wrote (it may be less, e.g. 1 byte for some IP options). Returns 0 or errno.
    /// </summary>
    internal static int Get<T>(Socket socket, int level, int option, out T value, out int length) where T : unmanaged
    {
        value = default;
        int size = sizeof(T);
        fixed (T* p = &value)
        {
            int result = Libc.GetSockOpt(socket.Handle, level, option, p, &size);
            length = size;
            return result == 0 ? 0 : SocketErrors.Errno();
        }
    }

    /// <summary>setsockopt(2) with a <typeparamref name="T"/> of sizeof(T) bytes. Returns 0 or errno.</summary>
    internal static int Set<T>(Socket socket, int level, int option, in T value) where T : unmanaged
    {
        fixed (T* p = &value)
        {
            return Libc.SetSockOpt(socket.Handle, level, option, p, sizeof(T)) == 0 ? 0 : SocketErrors.Errno();
        }
    }

    /// <summary>
    /// setsockopt(2) with raw bytes (SO_BINDTODEVICE, TCP_CONGESTION). An empty span passes a valid
    /// pointer with length 0, as PHP does with <c>""</c>. Returns 0 or errno.
    /// </summary>
    internal static int Set(Socket socket, int level, int option, ReadOnlySpan<byte> bytes)
    {
        byte empty = 0;
        fixed (byte* p = bytes)
        {
            byte* pointer = bytes.IsEmpty ? &empty : p;
            return Libc.SetSockOpt(socket.Handle, level, option, pointer, bytes.Length) == 0 ? 0 : SocketErrors.Errno();
        }
    }
}
