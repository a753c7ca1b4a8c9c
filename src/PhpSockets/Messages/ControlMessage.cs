using System;
using System.Collections.Generic;
using System.Net;

namespace PhpSockets;

/// <summary>
/// One control (ancillary) message of a <see cref="SocketMessage"/> or a <see cref="ReceivedMessage"/>:
/// the typed form of an element of PHP's <c>control</c> list, <c>['level' =&gt; ..., 'type' =&gt; ..., 'data' =&gt; ...]</c>.
/// </summary>
public abstract record ControlMessage
{
    /// <summary>cmsg_level: SOL_SOCKET (1), IPPROTO_IPV6 (41)...</summary>
    public abstract int Level { get; }

    /// <summary>cmsg_type: SCM_RIGHTS (1), IPV6_PKTINFO (50)...</summary>
    public abstract int Type { get; }
}

/// <summary>
/// SCM_RIGHTS (SOL_SOCKET, 1): descriptors passed over an AF_UNIX socket, in order. Sent: each
/// Socket or stream's descriptor. Received: new descriptors, as Socket objects for sockets and
/// <see cref="System.IO.FileStream"/>s for anything else (see <see cref="PassedDescriptor"/>).
/// </summary>
/// <param name="Descriptors">The sockets and streams, at least one to send.</param>
public sealed record ScmRights(IReadOnlyList<PassedDescriptor> Descriptors) : ControlMessage
{
    /// <inheritdoc />
    public override int Level => AncillaryTypes.SOL_SOCKET;

    /// <inheritdoc />
    public override int Type => AncillaryTypes.SCM_RIGHTS;
}

/// <summary>
/// SCM_CREDENTIALS (SOL_SOCKET, 2): struct ucred. A receiver with SO_PASSCRED gets the sender's;
/// a sender may state its own (or any, with CAP_SYS_ADMIN, CAP_SETUID and CAP_SETGID).
/// </summary>
/// <param name="ProcessId">pid.</param>
/// <param name="UserId">uid.</param>
/// <param name="GroupId">gid.</param>
public sealed record ScmCredentials(int ProcessId, uint UserId, uint GroupId) : ControlMessage
{
    /// <inheritdoc />
    public override int Level => AncillaryTypes.SOL_SOCKET;

    /// <inheritdoc />
    public override int Type => AncillaryTypes.SCM_CREDENTIALS;
}

/// <summary>
/// IPV6_PKTINFO (IPPROTO_IPV6, 50): struct in6_pktinfo. Received (with IPV6_RECVPKTINFO): the
/// datagram's destination address and arrival interface. Sent: the source address and outgoing
/// interface to use (0 and :: leave the choice to the kernel).
/// </summary>
/// <param name="Address">An IPv6 address (an IPv4 one is sent v4-mapped).</param>
/// <param name="InterfaceIndex">The interface index (lo is usually 1).</param>
public sealed record Ipv6PacketInfo(IPAddress Address, uint InterfaceIndex) : ControlMessage
{
    /// <inheritdoc />
    public override int Level => AncillaryTypes.IPPROTO_IPV6;

    /// <inheritdoc />
    public override int Type => AncillaryTypes.IPV6_PKTINFO;
}

/// <summary>IPV6_HOPLIMIT (IPPROTO_IPV6, 52): the hop limit, received with IPV6_RECVHOPLIMIT or set for one datagram (-1 for the default).</summary>
/// <param name="HopLimit">0 to 255, or -1.</param>
public sealed record Ipv6HopLimit(int HopLimit) : ControlMessage
{
    /// <inheritdoc />
    public override int Level => AncillaryTypes.IPPROTO_IPV6;

    /// <inheritdoc />
    public override int Type => AncillaryTypes.IPV6_HOPLIMIT;
}

/// <summary>IPV6_TCLASS (IPPROTO_IPV6, 67): the traffic class, received with IPV6_RECVTCLASS or set for one datagram (-1 for the default).</summary>
/// <param name="TrafficClass">0 to 255, or -1.</param>
public sealed record Ipv6TrafficClass(int TrafficClass) : ControlMessage
{
    /// <inheritdoc />
    public override int Level => AncillaryTypes.IPPROTO_IPV6;

    /// <inheritdoc />
    public override int Type => AncillaryTypes.IPV6_TCLASS;
}

/// <summary>
/// Any other control message, as raw data: what <see cref="SocketMessages.ReceiveMessage(Socket, int, int, int)"/>
/// gives for a kind PHP cannot convert (socket_recvmsg warns and gives false instead), and a way to
/// send kinds PHP's arrays cannot express (IP_PKTINFO, IP_TTL...). Equality compares the data by reference.
/// </summary>
/// <param name="MessageLevel">cmsg_level.</param>
/// <param name="MessageType">cmsg_type.</param>
/// <param name="Data">The data after the header, in the kernel's layout.</param>
public sealed record RawControlMessage(int MessageLevel, int MessageType, ReadOnlyMemory<byte> Data) : ControlMessage
{
    /// <inheritdoc />
    public override int Level => MessageLevel;

    /// <inheritdoc />
    public override int Type => MessageType;
}
