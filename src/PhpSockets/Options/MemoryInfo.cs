namespace PhpSockets;

/// <summary>
/// SO_MEMINFO (Linux 4.12 and later, sock_diag(7)): the socket's memory accounting, in bytes, as
/// PHP returns it in this key order: <c>rmem_alloc, rcvbuf, wmem_alloc, sndbuf, fwd_alloc,
/// wmem_queued, optmem, backlog, drops</c>.
/// </summary>
/// <param name="ReceiveAllocated">rmem_alloc: memory held by received data.</param>
/// <param name="ReceiveBuffer">rcvbuf: the receive buffer size (SO_RCVBUF).</param>
/// <param name="SendAllocated">wmem_alloc: memory held by data being sent.</param>
/// <param name="SendBuffer">sndbuf: the send buffer size (SO_SNDBUF).</param>
/// <param name="ForwardAllocated">fwd_alloc: memory reserved ahead.</param>
/// <param name="SendQueued">wmem_queued: memory of queued, unsent data.</param>
/// <param name="OptionMemory">optmem: memory for options and ancillary data.</param>
/// <param name="Backlog">backlog: bytes in the backlog queue.</param>
/// <param name="Drops">drops: packets dropped.</param>
public readonly record struct MemoryInfo(
    uint ReceiveAllocated,
    uint ReceiveBuffer,
    uint SendAllocated,
    uint SendBuffer,
    uint ForwardAllocated,
    uint SendQueued,
    uint OptionMemory,
    uint Backlog,
    uint Drops)
{
    /// <summary>PHP's array form, with PHP's nine keys in PHP's order.</summary>
    public PhpArray ToPhpArray() => new()
    {
        ["rmem_alloc"] = (long)ReceiveAllocated,
        ["rcvbuf"] = (long)ReceiveBuffer,
        ["wmem_alloc"] = (long)SendAllocated,
        ["sndbuf"] = (long)SendBuffer,
        ["fwd_alloc"] = (long)ForwardAllocated,
        ["wmem_queued"] = (long)SendQueued,
        ["optmem"] = (long)OptionMemory,
        ["backlog"] = (long)Backlog,
        ["drops"] = (long)Drops,
    };
}
