using System;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_set_option(Socket $socket, int $level, int $option, $value): bool</c> with PHP's
    /// untyped <c>$value</c>: null, bool, an integer type, double, <see cref="string"/>,
    /// <see cref="PhpString"/>, <c>byte[]</c> or <see cref="PhpArray"/>, converted as PHP 8.2 converts it.
    /// PHP's dispatch is kept exactly, including its quirk: below IPPROTO_IP, IPPROTO_IPV6 and
    /// TCP_CONGESTION, options 13, 20, 21 and 25 are SO_LINGER, SO_RCVTIMEO, SO_SNDTIMEO and
    /// SO_BINDTODEVICE at every level, so <c>(SOL_TCP, TCP_NOTSENT_LOWAT, 16384)</c> sends an empty
    /// device name and fails with EINVAL, as in PHP. Throws <see cref="PhpValueError"/> where PHP
    /// throws ValueError (missing keys, TTL, hop limit and interface index ranges).
    /// </summary>
    public static bool socket_set_option(Socket socket, long level, long option, object? value) =>
        SetOption(nameof(socket_set_option), socket, level, option, value);

    /// <summary><c>socket_setopt()</c>: PHP's alias of <see cref="socket_set_option(Socket, long, long, object?)"/>; its messages name <c>socket_setopt()</c>.</summary>
    public static bool socket_setopt(Socket socket, long level, long option, object? value) =>
        SetOption(nameof(socket_setopt), socket, level, option, value);

    /// <summary>How PHP 8.2 writes an option: its dispatch order, level checks first, then the option-number switch.</summary>
    private enum WriteShape
    {
        Integer,
        Multicast,
        IPv4MulticastInterface,
        IPv4MulticastLoop,
        IPv4MulticastTtl,
        IPv6MulticastInterface,
        IPv6MulticastLoop,
        IPv6MulticastHops,
        PacketInfo,
        Congestion,
        Linger,
        TimeValue,
        DeviceName,
    }

    private static WriteShape WriteShapeOf(long level, long option)
    {
        if (level == IPPROTO_IP)
        {
            // Every other IP-level option skips the option-number switch and takes the integer path.
            return option switch
            {
                >= MCAST_JOIN_GROUP and <= MCAST_LEAVE_SOURCE_GROUP => WriteShape.Multicast,
                IP_MULTICAST_IF => WriteShape.IPv4MulticastInterface,
                IP_MULTICAST_LOOP => WriteShape.IPv4MulticastLoop,
                IP_MULTICAST_TTL => WriteShape.IPv4MulticastTtl,
                _ => WriteShape.Integer,
            };
        }
        if (level == IPPROTO_IPV6)
        {
            return option switch
            {
                >= MCAST_JOIN_GROUP and <= MCAST_LEAVE_SOURCE_GROUP => WriteShape.Multicast,
                IPV6_MULTICAST_IF => WriteShape.IPv6MulticastInterface,
                IPV6_MULTICAST_LOOP => WriteShape.IPv6MulticastLoop,
                IPV6_MULTICAST_HOPS => WriteShape.IPv6MulticastHops,
                IPV6_PKTINFO => WriteShape.PacketInfo,
                _ => WriteShape.Integer,
            };
        }
        if (level == SOL_TCP && option == TCP_CONGESTION) return WriteShape.Congestion;
        // PHP's switch on the option number alone, whatever the level (SOL_SOCKET, SOL_TCP, SOL_UDP...).
        return option switch
        {
            SO_LINGER => WriteShape.Linger,
            SO_RCVTIMEO or SO_SNDTIMEO => WriteShape.TimeValue,
            SO_BINDTODEVICE => WriteShape.DeviceName,
            _ => WriteShape.Integer,
        };
    }

    private static bool SetOption(string fn, Socket socket, long level, long option, object? value)
    {
        SocketErrors.EnsureOpen(socket, fn);
        value = OptionValue.Normalize(value);
        switch (WriteShapeOf(level, option))
        {
            case WriteShape.Multicast:
            {
                PhpError? pending = null;
                bool done = SetMulticast(fn, socket, level, option, value, ref pending);
                ThrowPending(pending);
                return done;
            }

            case WriteShape.IPv4MulticastInterface:
                return SetIPv4MulticastInterface(fn, socket, level, option, value);

            case WriteShape.IPv4MulticastLoop:
                return Write(fn, socket, level, option, (byte)(PhpValues.ToBool(value) ? 1 : 0));

            case WriteShape.IPv4MulticastTtl:
            {
                long ttl = OptionValue.ToLong(value);
                if (ttl is < 0 or > 255) throw new PhpValueError($"{fn}(): Argument #4 ($value) must be between 0 and 255");
                return Write(fn, socket, level, option, (byte)ttl);
            }

            case WriteShape.IPv6MulticastInterface:
                return InterfaceIndexFromValue(fn, value, out uint interfaceIndex) && Write(fn, socket, level, option, interfaceIndex);

            case WriteShape.IPv6MulticastLoop:
                return Write(fn, socket, level, option, PhpValues.ToBool(value) ? 1 : 0);

            case WriteShape.IPv6MulticastHops:
            {
                long hops = OptionValue.ToLong(value);
                if (hops is < -1 or > 255) throw new PhpValueError($"{fn}(): Argument #4 ($value) must be between -1 and 255");
                return Write(fn, socket, level, option, (int)hops);
            }

            case WriteShape.PacketInfo:
            {
                PhpError? pending = null;
                bool done = SetPacketInfo(fn, socket, level, option, value, ref pending);
                ThrowPending(pending);
                return done;
            }

            case WriteShape.Congestion:
            case WriteShape.DeviceName:
            {
                // A string goes as its bytes; anything else as an empty option (PHP passes "" with length 0).
                ReadOnlySpan<byte> bytes = value is PhpString text ? text.Span : default;
                return Check(fn, socket, SocketOptions.Set(socket, unchecked((int)level), unchecked((int)option), bytes));
            }

            case WriteShape.Linger:
            {
                (long on, long linger) = RequiredPair(fn, value, "l_onoff", "l_linger");
                // PHP stores both members through (unsigned short).
                return Write(fn, socket, level, option, new NativeLinger { OnOff = unchecked((ushort)on), Seconds = unchecked((ushort)linger) });
            }

            case WriteShape.TimeValue:
            {
                (long seconds, long microseconds) = RequiredPair(fn, value, "sec", "usec");
                return Write(fn, socket, level, option, new TimeVal { Seconds = seconds, Microseconds = microseconds });
            }

            default:
                return Write(fn, socket, level, option, unchecked((int)OptionValue.ToLong(value)));
        }
    }

    /// <summary>
    /// SO_LINGER's and the timeouts' array: both keys required (ValueError, first key first), then
    /// both converted to integers in order.
    /// </summary>
    private static (long First, long Second) RequiredPair(string fn, object? value, string firstKey, string secondKey)
    {
        PhpArray array = OptionValue.ToArray(value);
        if (!array.TryGetValue(firstKey, out object? first)) throw MissingKey(fn, firstKey);
        if (!array.TryGetValue(secondKey, out object? second)) throw MissingKey(fn, secondKey);
        return (OptionValue.ToLong(OptionValue.Normalize(first)), OptionValue.ToLong(OptionValue.Normalize(second)));
    }

    /// <summary>
    /// PHP's string conversion of an object throws, but the C code goes on with an empty string and
    /// the exception surfaces when the function returns: the lookups and their warnings still happen.
    /// </summary>
    private static void ThrowPending(PhpError? pending)
    {
        if (pending is not null) throw pending;
    }

    private static PhpValueError MissingKey(string fn, string key) => new($"{fn}(): Argument #4 ($value) must have key \"{key}\"");

    /// <summary>setsockopt with a <typeparamref name="T"/>; PHP's "Unable to set socket option" on failure.</summary>
    private static bool Write<T>(string fn, Socket socket, long level, long option, in T value) where T : unmanaged =>
        Check(fn, socket, SocketOptions.Set(socket, unchecked((int)level), unchecked((int)option), in value));

    private static bool Check(string fn, Socket socket, int error)
    {
        if (error == 0) return true;
        SocketErrors.Record(socket, fn, "Unable to set socket option", error);
        return false;
    }
}
