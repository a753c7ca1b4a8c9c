using System;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_get_option(Socket $socket, int $level, int $option): array|int|false</c>. Returns a
    /// boxed <see cref="long"/> for integer options, a <see cref="PhpArray"/> for SO_LINGER
    /// (<c>l_onoff, l_linger</c>), SO_RCVTIMEO and SO_SNDTIMEO (<c>sec, usec</c>), SO_MEMINFO (nine
    /// keys), TCP_CONGESTION (<c>name</c>) and IPV6_PKTINFO (<c>addr, ifindex</c>), and null after
    /// PHP's warning on failure. IP_MULTICAST_IF is returned as an interface index.
    /// The typed overloads (<c>out long</c>, <c>out Linger</c>, ...) read the same options without boxing.
    /// </summary>
    public static object? socket_get_option(Socket socket, long level, long option) =>
        GetOption(nameof(socket_get_option), socket, level, option);

    /// <summary><c>socket_getopt()</c>: PHP's alias of <see cref="socket_get_option(Socket, long, long)"/>; its messages name <c>socket_getopt()</c>.</summary>
    public static object? socket_getopt(Socket socket, long level, long option) =>
        GetOption(nameof(socket_getopt), socket, level, option);

    /// <summary>How PHP 8.2 reads an option: the special cases it checks, in its order, before the integer path.</summary>
    private enum ReadShape
    {
        Integer,
        MulticastInterface,
        PacketInfo,
        Congestion,
        Linger,
        TimeValue,
        MemoryInfo,
    }

    // PHP compares the 64-bit arguments before getsockopt truncates them to int: keep both steps.
    private static ReadShape ReadShapeOf(long level, long option) => level switch
    {
        IPPROTO_IP when option == IP_MULTICAST_IF => ReadShape.MulticastInterface,
        IPPROTO_IPV6 when option == IPV6_PKTINFO => ReadShape.PacketInfo,
        SOL_TCP when option == TCP_CONGESTION => ReadShape.Congestion,
        SOL_SOCKET => option switch
        {
            SO_LINGER => ReadShape.Linger,
            SO_RCVTIMEO or SO_SNDTIMEO => ReadShape.TimeValue,
            SO_MEMINFO => ReadShape.MemoryInfo,
            _ => ReadShape.Integer,
        },
        _ => ReadShape.Integer,
    };

    private static object? GetOption(string fn, Socket socket, long level, long option)
    {
        SocketErrors.EnsureOpen(socket, fn);
        switch (ReadShapeOf(level, option))
        {
            case ReadShape.MulticastInterface:
                return ReadMulticastInterface(fn, socket, level, option, out uint index) ? (long)index : null;
            case ReadShape.PacketInfo:
                return ReadPacketInfo(fn, socket, level, option, out PacketInfo info) ? info.ToPhpArray() : null;
            case ReadShape.Congestion:
                return ReadCongestion(fn, socket, level, option, out PhpString name) ? new PhpArray { ["name"] = name } : null;
            case ReadShape.Linger:
                return Read(fn, socket, level, option, out NativeLinger linger)
                    ? new PhpArray { ["l_onoff"] = (long)linger.OnOff, ["l_linger"] = (long)linger.Seconds }
                    : null;
            case ReadShape.TimeValue:
                return Read(fn, socket, level, option, out TimeVal time)
                    ? new PhpArray { ["sec"] = time.Seconds, ["usec"] = time.Microseconds }
                    : null;
            case ReadShape.MemoryInfo:
                return ReadMemoryInfo(fn, socket, level, option, out MemoryInfo memory) ? memory.ToPhpArray() : null;
            default:
                return ReadInteger(fn, socket, level, option, out long value) ? value : null;
        }
    }

    /// <summary>getsockopt into a <typeparamref name="T"/>; PHP's "Unable to retrieve socket option" on failure.</summary>
    private static bool Read<T>(string fn, Socket socket, long level, long option, out T value) where T : unmanaged =>
        Read(fn, socket, level, option, out value, out _);

    /// <summary>As <see cref="Read{T}(string, Socket, long, long, out T)"/>, with the length the kernel wrote.</summary>
    private static bool Read<T>(string fn, Socket socket, long level, long option, out T value, out int length) where T : unmanaged
    {
        int error = SocketOptions.Get(socket, unchecked((int)level), unchecked((int)option), out value, out length);
        if (error == 0) return true;
        SocketErrors.Record(socket, fn, "Unable to retrieve socket option", error);
        return false;
    }

    /// <summary>PHP's default path: an int, of which only the first byte counts when the kernel wrote one byte.</summary>
    private static bool ReadInteger(string fn, Socket socket, long level, long option, out long value)
    {
        value = 0;
        if (!Read(fn, socket, level, option, out int raw, out int length)) return false;
        value = length == 1 ? MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in raw))[0] : raw;
        return true;
    }

    /// <summary>TCP_CONGESTION: read into 16 bytes, taken as a C string.</summary>
    private static bool ReadCongestion(string fn, Socket socket, long level, long option, out PhpString name)
    {
        name = PhpString.Empty;
        if (!Read(fn, socket, level, option, out CongestionName buffer)) return false;
        name = new PhpString(SocketAddress.CString(buffer));
        return true;
    }

    /// <summary>SO_MEMINFO: nine u32 values, all of which the kernel must fill.</summary>
    private static bool ReadMemoryInfo(string fn, Socket socket, long level, long option, out MemoryInfo memory)
    {
        memory = default;
        if (!Read(fn, socket, level, option, out MemInfoArray values, out int length)) return false;
        if (length != MemInfoArray.Count * sizeof(uint))
        {
            PhpWarnings.Warn($"{fn}(): Unable to retrieve all socket meminfo data");
            return false;
        }
        memory = new MemoryInfo(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8]);
        return true;
    }
}
