namespace PhpSockets;

/// <summary>
/// The value of the RFC 3678 multicast options (MCAST_JOIN_GROUP, MCAST_LEAVE_GROUP,
/// MCAST_BLOCK_SOURCE, MCAST_UNBLOCK_SOURCE, MCAST_JOIN_SOURCE_GROUP, MCAST_LEAVE_SOURCE_GROUP)
/// at level IPPROTO_IP or IPPROTO_IPV6: PHP's <c>['group' => ..., 'source' => ..., 'interface' => ...]</c>.
/// Addresses are resolved by the socket's family, as socket_bind resolves them (an IPv6 address
/// may carry a <c>%scope</c>). The interface is <see cref="InterfaceIndex"/> (0: let the kernel
/// choose), or <see cref="InterfaceName"/> when set, looked up with if_nametoindex.
/// </summary>
/// <param name="Group">The multicast group, e.g. <c>"224.0.0.251"</c> or <c>"ff02::fb"</c>.</param>
/// <param name="Source">The source address, required by the four source-specific options and ignored by the others.</param>
/// <param name="InterfaceIndex">The interface index, 0 for any.</param>
public readonly record struct MulticastRequest(PhpString Group, PhpString? Source = null, uint InterfaceIndex = 0)
{
    /// <summary>An interface name (<c>"lo"</c>, <c>"eth0"</c>); when set it replaces <see cref="InterfaceIndex"/>.</summary>
    public string? InterfaceName { get; init; }

    /// <summary>PHP's array form: <c>group</c>, then <c>source</c> when given, then <c>interface</c> (name or index).</summary>
    public PhpArray ToPhpArray()
    {
        var array = new PhpArray { ["group"] = Group };
        if (Source is { } source) array["source"] = source;
        array["interface"] = InterfaceName is { } name ? (PhpString)name : (object)(long)InterfaceIndex;
        return array;
    }
}
