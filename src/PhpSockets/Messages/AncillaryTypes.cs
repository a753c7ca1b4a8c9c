namespace PhpSockets;

/// <summary>
/// The control messages PHP 8.2 knows on Linux (its "ancillary registry"): for each level and type,
/// the size of the data and, for a list such as SCM_RIGHTS, the size of one more element. Any other
/// pair is refused both ways: by socket_cmsg_space, by socket_sendmsg, and when socket_recvmsg
/// meets it.
/// </summary>
internal static class AncillaryTypes
{
    internal const int SOL_SOCKET = 1;
    internal const int SCM_RIGHTS = 1;
    internal const int SCM_CREDENTIALS = 2;
    internal const int IPPROTO_IPV6 = 41;
    internal const int IPV6_PKTINFO = 50;
    internal const int IPV6_HOPLIMIT = 52;
    internal const int IPV6_TCLASS = 67;

    /// <summary>struct ucred: pid, uid, gid.</summary>
    internal const int CredentialsSize = 12;

    /// <summary>struct in6_pktinfo: a 16-byte address and an unsigned interface index.</summary>
    internal const int Ipv6PacketInfoSize = 20;

    /// <summary>The kind of data one (level, type) pair carries.</summary>
    internal enum Kind
    {
        /// <summary>Not a pair PHP knows.</summary>
        Unsupported,
        /// <summary>SCM_RIGHTS: a list of descriptors (C ints).</summary>
        Rights,
        /// <summary>SCM_CREDENTIALS: struct ucred.</summary>
        Credentials,
        /// <summary>IPV6_PKTINFO: struct in6_pktinfo.</summary>
        Ipv6PacketInfo,
        /// <summary>IPV6_HOPLIMIT or IPV6_TCLASS: one C int.</summary>
        Integer,
    }

    internal static Kind Classify(int level, int type) => (level, type) switch
    {
        (SOL_SOCKET, SCM_RIGHTS) => Kind.Rights,
        (SOL_SOCKET, SCM_CREDENTIALS) => Kind.Credentials,
        (IPPROTO_IPV6, IPV6_PKTINFO) => Kind.Ipv6PacketInfo,
        (IPPROTO_IPV6, IPV6_HOPLIMIT) => Kind.Integer,
        (IPPROTO_IPV6, IPV6_TCLASS) => Kind.Integer,
        _ => Kind.Unsupported,
    };

    /// <summary>The fixed data size of a kind (0 for SCM_RIGHTS, whose size depends on the count).</summary>
    internal static int FixedSize(Kind kind) => kind switch
    {
        Kind.Credentials => CredentialsSize,
        Kind.Ipv6PacketInfo => Ipv6PacketInfoSize,
        Kind.Integer => sizeof(int),
        _ => 0,
    };

    /// <summary>The size each further element adds (only SCM_RIGHTS has elements: one int per descriptor).</summary>
    internal static int ElementSize(Kind kind) => kind == Kind.Rights ? sizeof(int) : 0;
}
