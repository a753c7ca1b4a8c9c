using System;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// Reads an integer option (SO_TYPE, SO_ERROR, SO_RCVBUF, TCP_NODELAY, IP_MULTICAST_TTL, ...), or
    /// IP_MULTICAST_IF as an interface index. False after PHP's warning when the call fails.
    /// </summary>
    /// <exception cref="ArgumentException">PHP reads this option as an array, not an integer.</exception>
    public static bool socket_get_option(Socket socket, long level, long option, out long value)
    {
        const string fn = nameof(socket_get_option);
        SocketErrors.EnsureOpen(socket, fn);
        value = 0;
        switch (ReadShapeOf(level, option))
        {
            case ReadShape.Integer:
                return ReadInteger(fn, socket, level, option, out value);
            case ReadShape.MulticastInterface:
                bool ok = ReadMulticastInterface(fn, socket, level, option, out uint index);
                value = index;
                return ok;
            default:
                throw WrongShape(level, option, "an integer");
        }
    }

    /// <summary>Reads SO_LINGER. False after PHP's warning when the call fails.</summary>
    /// <exception cref="ArgumentException">The option is not SOL_SOCKET/SO_LINGER.</exception>
    public static bool socket_get_option(Socket socket, long level, long option, out Linger value)
    {
        EnsureTypedRead(socket, level, option, ReadShape.Linger, nameof(Linger));
        bool ok = Read(nameof(socket_get_option), socket, level, option, out NativeLinger linger);
        value = new Linger(linger.OnOff != 0, linger.Seconds);
        return ok;
    }

    /// <summary>Reads SO_RCVTIMEO or SO_SNDTIMEO. False after PHP's warning when the call fails.</summary>
    /// <exception cref="ArgumentException">The option is not SOL_SOCKET/SO_RCVTIMEO or SO_SNDTIMEO.</exception>
    public static bool socket_get_option(Socket socket, long level, long option, out TimeValue value)
    {
        EnsureTypedRead(socket, level, option, ReadShape.TimeValue, nameof(TimeValue));
        bool ok = Read(nameof(socket_get_option), socket, level, option, out TimeVal time);
        value = new TimeValue(time.Seconds, time.Microseconds);
        return ok;
    }

    /// <summary>Reads TCP_CONGESTION: the name of the congestion control algorithm (<c>"cubic"</c>, <c>"reno"</c>...).</summary>
    /// <exception cref="ArgumentException">The option is not SOL_TCP/TCP_CONGESTION.</exception>
    public static bool socket_get_option(Socket socket, long level, long option, out PhpString value)
    {
        EnsureTypedRead(socket, level, option, ReadShape.Congestion, "a name");
        return ReadCongestion(nameof(socket_get_option), socket, level, option, out value);
    }

    /// <summary>Reads SO_MEMINFO. False after PHP's warning when the call fails or returns fewer than nine values.</summary>
    /// <exception cref="ArgumentException">The option is not SOL_SOCKET/SO_MEMINFO.</exception>
    public static bool socket_get_option(Socket socket, long level, long option, out MemoryInfo value)
    {
        EnsureTypedRead(socket, level, option, ReadShape.MemoryInfo, nameof(MemoryInfo));
        return ReadMemoryInfo(nameof(socket_get_option), socket, level, option, out value);
    }

    /// <summary>
    /// Reads IPV6_PKTINFO. Linux does not support reading it: this gives false with ENOPROTOOPT and
    /// PHP's warning <c>unable to get socket option [92]: Protocol not available</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The option is not IPPROTO_IPV6/IPV6_PKTINFO.</exception>
    public static bool socket_get_option(Socket socket, long level, long option, out PacketInfo value)
    {
        EnsureTypedRead(socket, level, option, ReadShape.PacketInfo, nameof(PacketInfo));
        return ReadPacketInfo(nameof(socket_get_option), socket, level, option, out value);
    }

    /// <summary>A typed read's checks, in order: PHP's Error for a closed socket, then the option's shape.</summary>
    private static void EnsureTypedRead(Socket socket, long level, long option, ReadShape expected, string requested)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_get_option));
        if (ReadShapeOf(level, option) != expected) throw WrongShape(level, option, requested);
    }

    private static ArgumentException WrongShape(long level, long option, string requested) =>
        new($"socket_get_option() does not read level {level}, option {option} as {requested}: {DescribeReadShape(ReadShapeOf(level, option))}.", nameof(option));

    private static string DescribeReadShape(ReadShape shape) => shape switch
    {
        ReadShape.Integer or ReadShape.MulticastInterface => "PHP returns an integer for it (out long)",
        ReadShape.Linger => "it is SO_LINGER (out Linger)",
        ReadShape.TimeValue => "it is a timeout (out TimeValue)",
        ReadShape.Congestion => "it is TCP_CONGESTION (out PhpString)",
        ReadShape.MemoryInfo => "it is SO_MEMINFO (out MemoryInfo)",
        _ => "it is IPV6_PKTINFO (out PacketInfo)",
    };
}
