using System;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    // ---------------------------------------------------------------------------------------------
    // socket_get_option / socket_getopt
    // ---------------------------------------------------------------------------------------------

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
        const string fn = nameof(socket_get_option);
        SocketErrors.EnsureOpen(socket, fn);
        if (ReadShapeOf(level, option) != ReadShape.Linger) throw WrongShape(level, option, nameof(Linger));
        bool ok = Read(fn, socket, level, option, out NativeLinger linger);
        value = new Linger(linger.OnOff != 0, linger.Seconds);
        return ok;
    }

    /// <summary>Reads SO_RCVTIMEO or SO_SNDTIMEO. False after PHP's warning when the call fails.</summary>
    /// <exception cref="ArgumentException">The option is not SOL_SOCKET/SO_RCVTIMEO or SO_SNDTIMEO.</exception>
    public static bool socket_get_option(Socket socket, long level, long option, out TimeValue value)
    {
        const string fn = nameof(socket_get_option);
        SocketErrors.EnsureOpen(socket, fn);
        if (ReadShapeOf(level, option) != ReadShape.TimeValue) throw WrongShape(level, option, nameof(TimeValue));
        bool ok = Read(fn, socket, level, option, out TimeVal time);
        value = new TimeValue(time.Seconds, time.Microseconds);
        return ok;
    }

    /// <summary>Reads TCP_CONGESTION: the name of the congestion control algorithm (<c>"cubic"</c>, <c>"reno"</c>...).</summary>
    /// <exception cref="ArgumentException">The option is not SOL_TCP/TCP_CONGESTION.</exception>
    public static bool socket_get_option(Socket socket, long level, long option, out PhpString value)
    {
        const string fn = nameof(socket_get_option);
        SocketErrors.EnsureOpen(socket, fn);
        if (ReadShapeOf(level, option) != ReadShape.Congestion) throw WrongShape(level, option, "a name");
        return ReadCongestion(fn, socket, level, option, out value);
    }

    /// <summary>Reads SO_MEMINFO. False after PHP's warning when the call fails or returns fewer than nine values.</summary>
    /// <exception cref="ArgumentException">The option is not SOL_SOCKET/SO_MEMINFO.</exception>
    public static bool socket_get_option(Socket socket, long level, long option, out MemoryInfo value)
    {
        const string fn = nameof(socket_get_option);
        SocketErrors.EnsureOpen(socket, fn);
        if (ReadShapeOf(level, option) != ReadShape.MemoryInfo) throw WrongShape(level, option, nameof(MemoryInfo));
        return ReadMemoryInfo(fn, socket, level, option, out value);
    }

    /// <summary>
    /// Reads IPV6_PKTINFO. Linux does not support reading it: this gives false with ENOPROTOOPT and
    /// PHP's warning <c>unable to get socket option [92]: Protocol not available</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The option is not IPPROTO_IPV6/IPV6_PKTINFO.</exception>
    public static bool socket_get_option(Socket socket, long level, long option, out PacketInfo value)
    {
        const string fn = nameof(socket_get_option);
        SocketErrors.EnsureOpen(socket, fn);
        if (ReadShapeOf(level, option) != ReadShape.PacketInfo) throw WrongShape(level, option, nameof(PacketInfo));
        return ReadPacketInfo(fn, socket, level, option, out value);
    }

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
    private static bool Read<T>(string fn, Socket socket, long level, long option, out T value) where T : unmanaged
    {
        int error = SocketOptions.Get(socket, unchecked((int)level), unchecked((int)option), out value, out _);
        if (error == 0) return true;
        SocketErrors.Record(socket, fn, "Unable to retrieve socket option", error);
        return false;
    }

    /// <summary>PHP's default path: an int, of which only the first byte counts when the kernel wrote one byte.</summary>
    private static bool ReadInteger(string fn, Socket socket, long level, long option, out long value)
    {
        int error = SocketOptions.Get(socket, unchecked((int)level), unchecked((int)option), out int raw, out int length);
        if (error != 0)
        {
            SocketErrors.Record(socket, fn, "Unable to retrieve socket option", error);
            value = 0;
            return false;
        }
        value = length == 1 ? MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in raw))[0] : raw;
        return true;
    }

    /// <summary>IP_MULTICAST_IF: the in_addr the kernel holds, mapped back to the index of the interface that has it.</summary>
    private static bool ReadMulticastInterface(string fn, Socket socket, long level, long option, out uint index)
    {
        index = 0;
        if (!Read(fn, socket, level, option, out uint address)) return false;
        switch (NetworkInterfaces.IndexOfIPv4(socket, address, out index, out int errno))
        {
            case InterfaceLookup.Found:
                return true;
            case InterfaceLookup.ListFailed:
                PhpWarnings.Warn($"{fn}(): Failed obtaining interfaces list: error {errno}");
                return false;
            case InterfaceLookup.IndexFailed:
                PhpWarnings.Warn($"{fn}(): Error converting interface name to index: error {errno}");
                return false;
            default:
                Span<byte> bytes = stackalloc byte[4];
                MemoryMarshal.Write(bytes, in address);
                PhpWarnings.Warn($"{fn}(): The interface with IP address {bytes[0]}.{bytes[1]}.{bytes[2]}.{bytes[3]} was not found");
                return false;
        }
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
        int error = SocketOptions.Get(socket, unchecked((int)level), unchecked((int)option), out MemInfoArray values, out int length);
        if (error != 0)
        {
            SocketErrors.Record(socket, fn, "Unable to retrieve socket option", error);
            return false;
        }
        if (length != MemInfoArray.Count * sizeof(uint))
        {
            PhpWarnings.Warn($"{fn}(): Unable to retrieve all socket meminfo data");
            return false;
        }
        memory = new MemoryInfo(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8]);
        return true;
    }

    /// <summary>IPV6_PKTINFO: an in6_pktinfo; this path's failure message is lowercase in PHP.</summary>
    private static unsafe bool ReadPacketInfo(string fn, Socket socket, long level, long option, out PacketInfo info)
    {
        info = default;
        int error = SocketOptions.Get(socket, unchecked((int)level), unchecked((int)option), out In6PktInfo raw, out _);
        if (error != 0)
        {
            SocketErrors.Record(socket, fn, "unable to get socket option", error);
            return false;
        }
        byte* text = stackalloc byte[64];
        byte* address = (byte*)&raw;
        string addressText = Libc.InetNtop(AF_INET6, address, text, 64) == null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";
        info = new PacketInfo(addressText, raw.InterfaceIndex);
        return true;
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

    // ---------------------------------------------------------------------------------------------
    // socket_set_option / socket_setopt
    // ---------------------------------------------------------------------------------------------

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

    /// <summary>
    /// Sets an integer option (SO_REUSEADDR, SO_RCVBUF, TCP_NODELAY, IPV6_V6ONLY, IP_MULTICAST_TTL...)
    /// without boxing. For an option PHP reads another shape from, this is PHP's call with the integer
    /// as <c>$value</c>.
    /// </summary>
    public static bool socket_set_option(Socket socket, long level, long option, long value)
    {
        const string fn = nameof(socket_set_option);
        if (WriteShapeOf(level, option) != WriteShape.Integer) return SetOption(fn, socket, level, option, value);
        SocketErrors.EnsureOpen(socket, fn);
        return Write(fn, socket, level, option, unchecked((int)value));
    }

    /// <summary>
    /// Sets SO_LINGER. For another option this is PHP's call with <see cref="Linger.ToPhpArray"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Linger.Seconds"/> is outside 0..65535 (PHP would keep only its low 16 bits).</exception>
    public static bool socket_set_option(Socket socket, long level, long option, Linger value)
    {
        const string fn = nameof(socket_set_option);
        if (value.Seconds is < 0 or > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(value), value.Seconds, "Linger.Seconds must be between 0 and 65535.");
        if (WriteShapeOf(level, option) != WriteShape.Linger) return SetOption(fn, socket, level, option, value.ToPhpArray());
        SocketErrors.EnsureOpen(socket, fn);
        return Write(fn, socket, level, option, new NativeLinger { OnOff = value.Enabled ? 1 : 0, Seconds = value.Seconds });
    }

    /// <summary>
    /// Sets SO_RCVTIMEO or SO_SNDTIMEO (<c>TimeValue.From(TimeSpan.FromSeconds(5))</c>). For another
    /// option this is PHP's call with <see cref="TimeValue.ToPhpArray"/>.
    /// </summary>
    public static bool socket_set_option(Socket socket, long level, long option, TimeValue value)
    {
        const string fn = nameof(socket_set_option);
        if (WriteShapeOf(level, option) != WriteShape.TimeValue) return SetOption(fn, socket, level, option, value.ToPhpArray());
        SocketErrors.EnsureOpen(socket, fn);
        return Write(fn, socket, level, option, new TimeVal { Seconds = value.Seconds, Microseconds = value.Microseconds });
    }

    /// <summary>
    /// Joins, leaves, blocks or unblocks with one of the MCAST_* options at IPPROTO_IP or IPPROTO_IPV6.
    /// The source-specific options need <see cref="MulticastRequest.Source"/> (PHP's ValueError
    /// <c>No key "source" passed in optval</c> otherwise). For another option this is PHP's call with
    /// <see cref="MulticastRequest.ToPhpArray"/>.
    /// </summary>
    public static bool socket_set_option(Socket socket, long level, long option, MulticastRequest value)
    {
        const string fn = nameof(socket_set_option);
        if (WriteShapeOf(level, option) != WriteShape.Multicast) return SetOption(fn, socket, level, option, value.ToPhpArray());
        SocketErrors.EnsureOpen(socket, fn);
        SockAddrStorage group = default, source = default;
        if (!ResolveMulticastAddress(fn, socket, value.Group, ref group)) return false;
        bool withSource = IsSourceOperation(option);
        if (withSource)
        {
            if (value.Source is not { } sourceText) throw new PhpValueError("No key \"source\" passed in optval");
            if (!ResolveMulticastAddress(fn, socket, sourceText, ref source)) return false;
        }
        uint index = value.InterfaceIndex;
        if (value.InterfaceName is { } name && !InterfaceIndexFromName(fn, name, out index)) return false;
        return WriteMulticast(fn, socket, level, option, in group, in source, withSource, index);
    }

    /// <summary>
    /// Sets IPV6_PKTINFO (sticky source address and interface). For another option this is PHP's call
    /// with <see cref="PacketInfo.ToPhpArray"/>.
    /// </summary>
    public static bool socket_set_option(Socket socket, long level, long option, PacketInfo value)
    {
        const string fn = nameof(socket_set_option);
        if (WriteShapeOf(level, option) != WriteShape.PacketInfo) return SetOption(fn, socket, level, option, value.ToPhpArray());
        SocketErrors.EnsureOpen(socket, fn);
        In6PktInfo info = default;
        if (!ResolvePacketInfoAddress(fn, socket, value.Address, isString: true, ref info.Address)) return false;
        info.InterfaceIndex = value.InterfaceIndex;
        return Write(fn, socket, level, option, in info);
    }

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

    private static bool IsSourceOperation(long option) =>
        option is MCAST_BLOCK_SOURCE or MCAST_UNBLOCK_SOURCE or MCAST_JOIN_SOURCE_GROUP or MCAST_LEAVE_SOURCE_GROUP;

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
            {
                PhpError? pending = null;
                bool found = InterfaceIndexFromValue(fn, value, out uint index, ref pending);
                ThrowPending(pending);
                if (!found) return false;
                int error = NetworkInterfaces.IPv4AddressOf(socket, index, out uint address);
                if (error != 0)
                {
                    PhpWarnings.Warn($"{fn}(): Failed obtaining address for interface {index}: error {error}");
                    return false;
                }
                return Write(fn, socket, level, option, address);
            }

            case WriteShape.IPv4MulticastLoop:
                return Write(fn, socket, level, option, (byte)(PhpValues.ToBool(value) ? 1 : 0));

            case WriteShape.IPv4MulticastTtl:
            {
                long ttl = OptionValue.ToLong(value);
                if (ttl is < 0 or > 255) throw new PhpValueError($"{fn}(): Argument #4 ($value) must be between 0 and 255");
                return Write(fn, socket, level, option, (byte)ttl);
            }

            case WriteShape.IPv6MulticastInterface:
            {
                PhpError? pending = null;
                bool found = InterfaceIndexFromValue(fn, value, out uint interfaceIndex, ref pending);
                ThrowPending(pending);
                return found && Write(fn, socket, level, option, interfaceIndex);
            }

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
                PhpArray array = OptionValue.ToArray(value);
                if (!array.TryGetValue("l_onoff", out object? onOff)) throw MissingKey(fn, "l_onoff");
                if (!array.TryGetValue("l_linger", out object? seconds)) throw MissingKey(fn, "l_linger");
                long on = OptionValue.ToLong(OptionValue.Normalize(onOff));
                long linger = OptionValue.ToLong(OptionValue.Normalize(seconds));
                // PHP stores both members through (unsigned short).
                return Write(fn, socket, level, option, new NativeLinger { OnOff = unchecked((ushort)on), Seconds = unchecked((ushort)linger) });
            }

            case WriteShape.TimeValue:
            {
                PhpArray array = OptionValue.ToArray(value);
                if (!array.TryGetValue("sec", out object? sec)) throw MissingKey(fn, "sec");
                if (!array.TryGetValue("usec", out object? usec)) throw MissingKey(fn, "usec");
                long seconds = OptionValue.ToLong(OptionValue.Normalize(sec));
                long microseconds = OptionValue.ToLong(OptionValue.Normalize(usec));
                return Write(fn, socket, level, option, new TimeVal { Seconds = seconds, Microseconds = microseconds });
            }

            default:
                return Write(fn, socket, level, option, unchecked((int)OptionValue.ToLong(value)));
        }
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

    /// <summary>
    /// The MCAST_* options from PHP's value, in PHP's order: the value becomes an array; "group" is
    /// required and resolved at once; then "source" for the source-specific options; then the optional
    /// "interface".
    /// </summary>
    private static bool SetMulticast(string fn, Socket socket, long level, long option, object? value, ref PhpError? pending)
    {
        PhpArray request = OptionValue.ToArray(value);
        SockAddrStorage group = default, source = default;
        if (!request.TryGetValue("group", out object? groupValue)) throw new PhpValueError("No key \"group\" passed in optval");
        if (!ResolveMulticastAddress(fn, socket, OptionValue.ToPhpString(OptionValue.Normalize(groupValue), ref pending), ref group)) return false;
        bool withSource = IsSourceOperation(option);
        if (withSource)
        {
            if (!request.TryGetValue("source", out object? sourceValue)) throw new PhpValueError("No key \"source\" passed in optval");
            if (!ResolveMulticastAddress(fn, socket, OptionValue.ToPhpString(OptionValue.Normalize(sourceValue), ref pending), ref source)) return false;
        }
        uint index = 0;
        if (request.TryGetValue("interface", out object? interfaceValue) && !InterfaceIndexFromValue(fn, OptionValue.Normalize(interfaceValue), out index, ref pending))
            return false;
        return WriteMulticast(fn, socket, level, option, in group, in source, withSource, index);
    }

    /// <summary>setsockopt with a group_req, or a group_source_req for the source-specific options (RFC 3678).</summary>
    private static bool WriteMulticast(string fn, Socket socket, long level, long option, in SockAddrStorage group, in SockAddrStorage source, bool withSource, uint index)
    {
        if (withSource)
        {
            var request = new GroupSourceReq { Interface = index, Group = group, Source = source };
            return Write(fn, socket, level, option, in request);
        }
        var single = new GroupReq { Interface = index, Group = group };
        return Write(fn, socket, level, option, in single);
    }

    /// <summary>
    /// A group or source address, resolved by the socket's family (php_set_inet46_addr): port 0, and
    /// for IPv6 the %scope. False after PHP's warning.
    /// </summary>
    private static bool ResolveMulticastAddress(string fn, Socket socket, PhpString host, ref SockAddrStorage storage)
    {
        if (socket.Family is not (AF_INET or AF_INET6))
        {
            PhpWarnings.Warn($"{fn}(): IP address used in the context of an unexpected type of socket");
            return false;
        }
        Span<byte> raw = stackalloc byte[16];
        if (!ResolveOptionAddress(fn, socket, host.Span, socket.Family == AF_INET6, raw)) return false;
        Span<byte> sa = storage;
        if (socket.Family == AF_INET)
        {
            SocketAddress.EncodeInet(sa, raw[..4], 0);
            return true;
        }
        uint scope = HostResolver.ScopeId(host.Span, out string? unknownInterface);
        if (unknownInterface is not null) PhpWarnings.Warn($"{fn}(): No interface with name \"{unknownInterface}\" could be found");
        SocketAddress.EncodeInet6(sa, raw, 0, scope);
        return true;
    }

    /// <summary>
    /// PHP's php_set_inet_addr / php_set_inet6_addr lookup into 4 or 16 bytes: "Host lookup failed"
    /// recorded on the socket, or the wrong-family warning, on failure.
    /// </summary>
    private static bool ResolveOptionAddress(string fn, Socket socket, ReadOnlySpan<byte> host, bool v6, Span<byte> raw)
    {
        LookupOutcome outcome = v6
            ? HostResolver.ResolveInet6(host, raw, out int errorCode)
            : HostResolver.ResolveInet(host, raw[..4], out errorCode);
        switch (outcome)
        {
            case LookupOutcome.HostError:
                SocketErrors.Record(socket, fn, "Host lookup failed", errorCode);
                return false;
            case LookupOutcome.WrongFamily:
                PhpWarnings.Warn(v6
                    ? $"{fn}(): Host lookup failed: Non AF_INET6 domain returned on AF_INET6 socket"
                    : $"{fn}(): Host lookup failed: Non AF_INET domain returned on AF_INET socket");
                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// An interface from PHP's value: an integer is an index (0..4294967295, else ValueError without a
    /// function prefix); anything else is converted to a string and looked up by name.
    /// </summary>
    private static bool InterfaceIndexFromValue(string fn, object? value, out uint index, ref PhpError? pending)
    {
        if (value is long number)
        {
            if (number is < 0 or > uint.MaxValue) throw new PhpValueError($"Index must be between 0 and {uint.MaxValue}");
            index = (uint)number;
            return true;
        }
        return InterfaceIndexFromName(fn, OptionValue.ToPhpString(value, ref pending), out index);
    }

    /// <summary>if_nametoindex on the name as a C string; PHP's warning when no interface has it.</summary>
    private static unsafe bool InterfaceIndexFromName(string fn, PhpString name, out uint index)
    {
        ReadOnlySpan<byte> c = SocketAddress.CString(name.Span);
        Span<byte> buffer = c.Length < 256 ? stackalloc byte[c.Length + 1] : new byte[c.Length + 1];
        c.CopyTo(buffer);
        buffer[c.Length] = 0;
        fixed (byte* n = buffer)
        {
            index = Libc.IfNameToIndex(n);
        }
        if (index != 0) return true;
        PhpWarnings.Warn($"{fn}(): No interface with name \"{System.Text.Encoding.UTF8.GetString(c)}\" could be found");
        return false;
    }

    /// <summary>
    /// IPV6_PKTINFO from PHP's value through PHP's conversion rules (conversions.c): an array with the
    /// required keys "addr" and "ifindex"; problems are warnings <c>error converting user data (path: ...)</c>.
    /// </summary>
    private static bool SetPacketInfo(string fn, Socket socket, long level, long option, object? value, ref PhpError? pending)
    {
        const string top = "in6_pktinfo";
        if (value is not PhpArray array) return ConversionError(fn, top, "expected an array here");
        In6PktInfo info = default;
        if (!array.TryGetValue("addr", out object? addressValue)) return ConversionError(fn, top, "The key 'addr' is required");
        addressValue = OptionValue.Normalize(addressValue);
        if (!ResolvePacketInfoAddress(fn, socket, OptionValue.ToPhpString(addressValue, ref pending), addressValue is PhpString, ref info.Address)) return false;
        if (!array.TryGetValue("ifindex", out object? indexValue)) return ConversionError(fn, top, "The key 'ifindex' is required");
        indexValue = OptionValue.Normalize(indexValue);
        if (indexValue is long number)
        {
            if (number is < 0 or > uint.MaxValue)
                return ConversionError(fn, top + " > ifindex", $"the interface index cannot be negative or larger than {uint.MaxValue}; given {number}");
            info.InterfaceIndex = (uint)number;
        }
        else if (!PacketInfoInterfaceByName(fn, OptionValue.ToPhpString(indexValue, ref pending), out info.InterfaceIndex))
        {
            return false;
        }
        return Write(fn, socket, level, option, in info);
    }

    /// <summary>
    /// in6_pktinfo's address: always resolved by IPv6 rules, whatever the socket's family; a failure
    /// adds the conversion warning after the lookup's own.
    /// </summary>
    private static bool ResolvePacketInfoAddress(string fn, Socket socket, PhpString address, bool isString, ref In6Addr destination)
    {
        if (ResolveOptionAddress(fn, socket, address.Span, v6: true, destination))
        {
            HostResolver.ScopeId(address.Span, out string? unknownInterface);
            if (unknownInterface is not null) PhpWarnings.Warn($"{fn}(): No interface with name \"{unknownInterface}\" could be found");
            return true;
        }
        // PHP prints the original value's C string; for a value that was not a string it prints what
        // its memory happens to hold, which is empty in practice.
        string shown = isString ? System.Text.Encoding.UTF8.GetString(SocketAddress.CString(address.Span)) : "";
        return ConversionError(fn, "in6_pktinfo > addr", $"could not resolve address '{shown}' to get an AF_INET6 address");
    }

    private static unsafe bool PacketInfoInterfaceByName(string fn, PhpString name, out uint index)
    {
        ReadOnlySpan<byte> c = SocketAddress.CString(name.Span);
        Span<byte> buffer = c.Length < 256 ? stackalloc byte[c.Length + 1] : new byte[c.Length + 1];
        c.CopyTo(buffer);
        buffer[c.Length] = 0;
        fixed (byte* n = buffer)
        {
            index = Libc.IfNameToIndex(n);
        }
        if (index != 0) return true;
        return ConversionError(fn, "in6_pktinfo > ifindex", $"no interface with name \"{System.Text.Encoding.UTF8.GetString(c)}\" could be found");
    }

    private static bool ConversionError(string fn, string path, string message)
    {
        PhpWarnings.Warn($"{fn}(): error converting user data (path: {path}): {message}");
        return false;
    }
}
