namespace PhpSockets;

/// <summary>What socket_recvmsg's array asks for: the address room, the data buffer and the control buffer.</summary>
/// <param name="NameLength">The msg_namelen to offer (the size of the family's sockaddr), or 0 for no address.</param>
/// <param name="BufferSize">The size of the single receive buffer.</param>
/// <param name="ControlLength">The msg_controllen to offer.</param>
internal readonly record struct ReceiveRequest(int NameLength, int BufferSize, uint ControlLength);
