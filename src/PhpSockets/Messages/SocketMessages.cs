using System;

namespace PhpSockets;

/// <summary>
/// sendmsg(2) and recvmsg(2) with typed messages instead of PHP arrays: <see cref="SocketMessage"/>
/// out, <see cref="ReceivedMessage"/> in, control messages as records (<see cref="ScmRights"/>,
/// <see cref="ScmCredentials"/>, <see cref="Ipv6PacketInfo"/>, <see cref="Ipv6HopLimit"/>,
/// <see cref="Ipv6TrafficClass"/>, <see cref="RawControlMessage"/>). They are socket_sendmsg and
/// socket_recvmsg underneath and report as those do: null for PHP's false, the error code in
/// socket_last_error, PHP's warnings (with those functions' names) and PHP's Error for a closed socket.
/// </summary>
public static class SocketMessages
{
    /// <summary>The control buffer <see cref="ReceiveMessage(Socket, int, int, int)"/> offers by default: room for any common mix of control messages.</summary>
    public const int DefaultControlLength = 1024;

    /// <summary>The receive buffer size used by default, PHP's for socket_recvmsg.</summary>
    public const int DefaultBufferSize = 8192;

    /// <summary>
    /// Sends <paramref name="message"/> with one sendmsg(2): the bytes sent, or null (the error in
    /// socket_last_error, and socket_sendmsg's warning unless it was EAGAIN). A name of the wrong
    /// family for the socket, an empty or closed SCM_RIGHTS entry give socket_sendmsg's conversion
    /// warning and null.
    /// </summary>
    public static int? SendMessage(Socket socket, SocketMessage message, int flags = 0)
    {
        const string fn = nameof(SocketFunctions.socket_sendmsg);
        ArgumentNullException.ThrowIfNull(message);
        SocketErrors.EnsureOpen(socket, fn);
        using var outgoing = new OutgoingMessage();
        var context = ConversionContext.FromUser();
        TypedMessageEncoder.Encode(socket, message, outgoing, context);
        if (context.Error is { } error)
        {
            PhpWarnings.Warn($"{fn}(): {error}");
            return null;
        }
        return SocketFunctions.SendPrepared(socket, outgoing, flags);
    }

    /// <summary>
    /// Receives one message with recvmsg(2) into a new buffer of <paramref name="bufferSize"/> bytes,
    /// asking for the sender's address and offering <paramref name="controlLength"/> bytes of
    /// control room. Null on failure (the error in socket_last_error() only, and socket_recvmsg's
    /// warning, even for EAGAIN).
    /// </summary>
    public static ReceivedMessage? ReceiveMessage(Socket socket, int bufferSize = DefaultBufferSize, int controlLength = DefaultControlLength, int flags = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bufferSize);
        ArgumentOutOfRangeException.ThrowIfNegative(controlLength);
        SocketErrors.EnsureOpen(socket, nameof(SocketFunctions.socket_recvmsg));
        MessageReceive.Run<ReceivedMessage>(socket, nameof(SocketFunctions.socket_recvmsg), SockAddrStorage.Size, bufferSize, (uint)controlLength, flags,
            out ReceivedMessage? received, static (in ReceivedFrame frame, out ReceivedMessage result) => result = TypedMessageDecoder.Decode(frame, frame.Data.ToArray()));
        return received;
    }

    /// <summary>
    /// Receives one message into <paramref name="buffer"/> (no copy: <see cref="ReceivedMessage.Data"/>
    /// is a slice of it), otherwise as <see cref="ReceiveMessage(Socket, int, int, int)"/>.
    /// </summary>
    public static ReceivedMessage? ReceiveMessage(Socket socket, Memory<byte> buffer, int controlLength = DefaultControlLength, int flags = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(controlLength);
        SocketErrors.EnsureOpen(socket, nameof(SocketFunctions.socket_recvmsg));
        ReceivedMessage? received = null;
        int? count = MessageReceive.Run<int>(socket, nameof(SocketFunctions.socket_recvmsg), SockAddrStorage.Size, buffer.Span, (uint)controlLength, flags,
            out _, (in ReceivedFrame frame, out int length) =>
            {
                received = TypedMessageDecoder.Decode(frame, buffer[..frame.Data.Length]);
                length = (int)frame.Count;
            });
        return count is null ? null : received;
    }
}
