using System;
using System.Collections.Generic;
using System.Net;

namespace PhpSockets;

/// <summary>
/// A message for <see cref="SocketMessages.SendMessage"/>: the typed form of socket_sendmsg's array
/// <c>['name' =&gt; ..., 'iov' =&gt; [...], 'control' =&gt; [...]]</c>.
/// </summary>
public sealed class SocketMessage
{
    /// <summary>
    /// The destination (msg_name), or null for a connected socket: an <see cref="IPEndPoint"/> for
    /// AF_INET and AF_INET6 sockets (IPv4 on an AF_INET6 socket is sent as an AF_INET address, as
    /// PHP allows), a <see cref="System.Net.Sockets.UnixDomainSocketEndPoint"/> for AF_UNIX (a path
    /// starting with "\0" is an abstract name).
    /// </summary>
    public EndPoint? Name { get; init; }

    /// <summary>The buffers (msg_iov), sent in order as one message.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Buffers { get; init; } = [];

    /// <summary>The control messages (msg_control), in order.</summary>
    public IReadOnlyList<ControlMessage> ControlMessages { get; init; } = [];
}

/// <summary>What <see cref="SocketMessages.ReceiveMessage(Socket, int, int, int)"/> received: the typed form of socket_recvmsg's result array.</summary>
public sealed class ReceivedMessage
{
    internal ReceivedMessage(int length, ReadOnlyMemory<byte> data, EndPoint? name, IReadOnlyList<ControlMessage> controlMessages, int flags)
    {
        Length = length;
        Data = data;
        Name = name;
        ControlMessages = controlMessages;
        Flags = flags;
    }

    /// <summary>recvmsg's result: the message's length, which with MSG_TRUNC may exceed <see cref="Data"/>.</summary>
    public int Length { get; }

    /// <summary>The bytes received that fit the buffer.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>
    /// The sender (msg_name): an <see cref="IPEndPoint"/>, a <see cref="System.Net.Sockets.UnixDomainSocketEndPoint"/>
    /// (abstract names keep their leading "\0"), or null when the socket reports none (a connected
    /// stream, an unbound AF_UNIX sender).
    /// </summary>
    public EndPoint? Name { get; }

    /// <summary>The control messages, in the order the kernel gave them; kinds PHP does not know come as <see cref="RawControlMessage"/>.</summary>
    public IReadOnlyList<ControlMessage> ControlMessages { get; }

    /// <summary>msg_flags: MSG_TRUNC (32), MSG_CTRUNC (8), MSG_EOR...</summary>
    public int Flags { get; }

    /// <summary>True when the message did not fit the buffer (MSG_TRUNC).</summary>
    public bool IsTruncated => (Flags & SocketFunctions.MSG_TRUNC) != 0;

    /// <summary>True when control messages did not fit the control buffer (MSG_CTRUNC).</summary>
    public bool IsControlTruncated => (Flags & SocketFunctions.MSG_CTRUNC) != 0;
}
