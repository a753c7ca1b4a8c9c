namespace PhpSockets;

/// <summary>
/// A struct in6_pktinfo (ipv6(7)): the value of IPV6_PKTINFO, PHP's <c>['addr' => string, 'ifindex' => int]</c>.
/// Set on a socket, it fixes the source address and outgoing interface of what the socket sends.
/// </summary>
/// <param name="Address">The IPv6 source address (text, resolved as socket_bind resolves it).</param>
/// <param name="InterfaceIndex">The outgoing interface index, 0 for any.</param>
public readonly record struct PacketInfo(PhpString Address, uint InterfaceIndex)
{
    /// <summary>PHP's array form, <c>['addr' => address, 'ifindex' => index]</c>.</summary>
    public PhpArray ToPhpArray() => new() { ["addr"] = Address, ["ifindex"] = (long)InterfaceIndex };
}
