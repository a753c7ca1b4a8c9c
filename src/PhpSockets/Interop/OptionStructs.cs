using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

// The values that socket options carry, laid out as on Linux x64 and arm64 (the two share them).

/// <summary>struct linger (8 bytes): SO_LINGER.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeLinger
{
    /// <summary>l_onoff.</summary>
    internal int OnOff;

    /// <summary>l_linger, in seconds.</summary>
    internal int Seconds;
}

/// <summary>struct timeval (16 bytes on 64-bit Linux): SO_RCVTIMEO and SO_SNDTIMEO.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TimeVal
{
    /// <summary>tv_sec.</summary>
    internal long Seconds;

    /// <summary>tv_usec.</summary>
    internal long Microseconds;
}

/// <summary>
/// struct group_req (RFC 3678; 136 bytes): MCAST_JOIN_GROUP and MCAST_LEAVE_GROUP. The
/// sockaddr_storage is 8-aligned, so 4 bytes of padding follow the interface index.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GroupReq
{
    /// <summary>gr_interface: an interface index, 0 for any.</summary>
    internal uint Interface;
    private uint _padding;

    /// <summary>gr_group: a sockaddr_in or sockaddr_in6, zero-filled to 128 bytes.</summary>
    internal SockAddrStorage Group;
}

/// <summary>
/// struct group_source_req (RFC 3678; 264 bytes): MCAST_JOIN_SOURCE_GROUP, MCAST_LEAVE_SOURCE_GROUP,
/// MCAST_BLOCK_SOURCE and MCAST_UNBLOCK_SOURCE.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GroupSourceReq
{
    /// <summary>gsr_interface: an interface index, 0 for any.</summary>
    internal uint Interface;
    private uint _padding;

    /// <summary>gsr_group.</summary>
    internal SockAddrStorage Group;

    /// <summary>gsr_source.</summary>
    internal SockAddrStorage Source;
}

/// <summary>The 16 bytes of struct in6_addr.</summary>
[InlineArray(16)]
internal struct In6Addr
{
    private byte _first;
}

/// <summary>struct in6_pktinfo (20 bytes): IPV6_PKTINFO.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct In6PktInfo
{
    /// <summary>ipi6_addr.</summary>
    internal In6Addr Address;

    /// <summary>ipi6_ifindex.</summary>
    internal uint InterfaceIndex;
}

/// <summary>
/// The u32 array of SO_MEMINFO (SK_MEMINFO_VARS = 9 entries: rmem_alloc, rcvbuf, wmem_alloc,
/// sndbuf, fwd_alloc, wmem_queued, optmem, backlog, drops).
/// </summary>
[InlineArray(Count)]
internal struct MemInfoArray
{
    internal const int Count = 9;
    private uint _first;
}

/// <summary>The 16-byte buffer (TCP_CA_NAME_MAX) that TCP_CONGESTION is read into.</summary>
[InlineArray(Size)]
internal struct CongestionName
{
    internal const int Size = 16;
    private byte _first;
}
