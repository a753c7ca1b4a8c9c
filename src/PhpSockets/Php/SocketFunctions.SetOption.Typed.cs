using System;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// Sets an integer option (SO_REUSEADDR, SO_RCVBUF, TCP_NODELAY, IPV6_V6ONLY, IP_MULTICAST_TTL...)
    /// without boxing. For an option PHP reads another shape from, this is PHP's call with the integer
    /// as <c>$value</c>.
    /// </summary>
    public static bool socket_set_option(Socket socket, long level, long option, long value)
    {
        const string fn = nameof(socket_set_option);
        if (!TakesTypedWrite(socket, level, option, WriteShape.Integer)) return SetOption(fn, socket, level, option, value);
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
        if (!TakesTypedWrite(socket, level, option, WriteShape.Linger)) return SetOption(fn, socket, level, option, value.ToPhpArray());
        return Write(fn, socket, level, option, new NativeLinger { OnOff = value.Enabled ? 1 : 0, Seconds = value.Seconds });
    }

    /// <summary>
    /// Sets SO_RCVTIMEO or SO_SNDTIMEO (<c>TimeValue.From(TimeSpan.FromSeconds(5))</c>). For another
    /// option this is PHP's call with <see cref="TimeValue.ToPhpArray"/>.
    /// </summary>
    public static bool socket_set_option(Socket socket, long level, long option, TimeValue value)
    {
        const string fn = nameof(socket_set_option);
        if (!TakesTypedWrite(socket, level, option, WriteShape.TimeValue)) return SetOption(fn, socket, level, option, value.ToPhpArray());
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
        if (!TakesTypedWrite(socket, level, option, WriteShape.Multicast)) return SetOption(fn, socket, level, option, value.ToPhpArray());
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
        if (!TakesTypedWrite(socket, level, option, WriteShape.PacketInfo)) return SetOption(fn, socket, level, option, value.ToPhpArray());
        In6PktInfo info = default;
        if (!ResolvePacketInfoAddress(fn, socket, value.Address, isString: true, ref info.Address)) return false;
        info.InterfaceIndex = value.InterfaceIndex;
        return Write(fn, socket, level, option, in info);
    }

    /// <summary>
    /// Whether PHP writes the option as <paramref name="shape"/>, the typed value's own shape (the
    /// socket is then checked open); otherwise the caller takes PHP's untyped path with the value's array.
    /// </summary>
    private static bool TakesTypedWrite(Socket socket, long level, long option, WriteShape shape)
    {
        if (WriteShapeOf(level, option) != shape) return false;
        SocketErrors.EnsureOpen(socket, nameof(socket_set_option));
        return true;
    }
}
