using System;
using System.Collections.Generic;
using System.IO;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Fuzz;

/// <summary>
/// socket_sendmsg's and socket_recvmsg's message-array converters, fed random PHP array shapes
/// (<see cref="ShapeReader"/>): missing keys, wrong types, out-of-range integers, nested garbage,
/// closed sockets, streams without descriptors, objects without a string form.
/// <para>Input: byte 0 bits 0-1 choose the mode: 0 and 1 convert for an AF_INET / AF_INET6 socket
/// without sending (no packet may leave); 2 sends for real on an AF_UNIX stream socket pair (a
/// name is refused with EISCONN there, so no path is looked up) and drains the peer with
/// socket_recvmsg; 3 uses the array as socket_recvmsg's request on that pair. Byte 0 bit 2 wraps
/// the shape as ['name' =&gt; ..., 'iov' =&gt; ..., 'control' =&gt; ...]. Byte 1 picks the flags.
/// The rest is the shape.</para>
/// </summary>
public static class SendMessageTarget
{
    public static readonly long[] Flags = [0, MSG_DONTWAIT, MSG_PEEK | MSG_DONTWAIT, (long)int.MaxValue + 1, int.MinValue, -1, MSG_EOR, MSG_WAITALL];

    private const int MaxReceiveBuffer = 1 << 20;

    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2) return;
        int mode = input[0] & 3;
        bool wrap = (input[0] & 4) != 0;
        long flags = Flags[input[1] % Flags.Length];
        byte[] shape = input[2..].ToArray();
        Harness.Run(() =>
        {
            var sockets = new List<Socket>();
            ShapeReader? reader = null;
            try
            {
                Socket? extra = socket_create(AF_UNIX, SOCK_DGRAM, 0);
                Socket? closed = socket_create(AF_UNIX, SOCK_DGRAM, 0);
                if (extra is null || closed is null) throw new InvariantException("socket_create failed");
                sockets.Add(extra);
                socket_close(closed);
                int pick = 0;
                reader = new ShapeReader(shape, () => pick++ % 2 == 0 ? extra : closed);
                PhpArray message = wrap ? Wrapped(reader) : reader.Array();
                ShapeReader.Sanitize(message);
                switch (mode)
                {
                    case 0: ConvertOnly(AF_INET, message, sockets); break;
                    case 1: ConvertOnly(AF_INET6, message, sockets); break;
                    case 2: SendAndDrain(message, flags, sockets); break;
                    default: ReceiveWith(message, flags, sockets); break;
                }
            }
            finally
            {
                foreach (Socket s in sockets)
                {
                    if (!s.IsClosed) socket_close(s);
                }
                if (reader is not null)
                {
                    foreach (IDisposable d in reader.Made) d.Dispose();
                }
            }
        });
    }

    private static PhpArray Wrapped(ShapeReader reader)
    {
        var message = new PhpArray();
        byte present = reader.Next();
        if ((present & 1) != 0) message["name"] = reader.Value(1);
        if ((present & 2) != 0) message["iov"] = reader.Value(1);
        if ((present & 4) != 0) message["control"] = reader.Value(1);
        if ((present & 8) != 0) message["controllen"] = reader.Value(1);
        if ((present & 16) != 0) message["buffer_size"] = reader.Value(1);
        return message;
    }

    /// <summary>Both converters for an IP socket; nothing is sent.</summary>
    private static void ConvertOnly(int family, PhpArray message, List<Socket> sockets)
    {
        Socket socket = socket_create(family, SOCK_DGRAM, 0) ?? throw new InvariantException("socket_create failed");
        sockets.Add(socket);
        using (var outgoing = new OutgoingMessage())
        {
            UserMessageConverter send = UserMessageConverter.ForSend(socket, nameof(socket_sendmsg), message, outgoing);
            if (send.Pending is { } pending) throw pending;
        }
        UserMessageConverter receive = UserMessageConverter.ForReceive(socket, nameof(socket_recvmsg), message, out ReceiveRequest request);
        if (receive.Pending is { } pending2) throw pending2;
        if (receive.Error is null && (request.BufferSize < 0 || request.BufferSize > 104857600 || request.ControlLength == 0))
            throw new InvariantException($"request out of PHP's bounds: {request}");
    }

    private static (Socket A, Socket B) Pair(List<Socket> sockets)
    {
        Socket[]? pair = null;
        if (!socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref pair) || pair is null) throw new InvariantException("socket_create_pair failed");
        sockets.AddRange(pair);
        return (pair[0], pair[1]);
    }

    private static void SendAndDrain(PhpArray message, long flags, List<Socket> sockets)
    {
        (Socket a, Socket b) = Pair(sockets);
        long sendFlags = flags is >= int.MinValue and <= int.MaxValue ? flags | MSG_DONTWAIT : flags;
        int? sent;
        try
        {
            sent = socket_sendmsg(a, message, sendFlags);
        }
        finally
        {
            Drain(b, sockets);
        }
        if (sent < 0) throw new InvariantException("negative count " + sent);
    }

    private static void ReceiveWith(PhpArray message, long flags, List<Socket> sockets)
    {
        (Socket a, Socket b) = Pair(sockets);
        socket_write(a, "hello"u8.ToArray());
        UserMessageConverter check = UserMessageConverter.ForReceive(b, nameof(socket_recvmsg), message, out ReceiveRequest request);
        if (check.Error is null && request.BufferSize > MaxReceiveBuffer) return; // a 100 MiB buffer per run would only be slow
        long receiveFlags = flags is >= int.MinValue and <= int.MaxValue ? (flags | MSG_DONTWAIT) & ~MSG_WAITALL : flags;
        PhpArray? result = message;
        int? count = socket_recvmsg(b, ref result, receiveFlags);
        if (count is not null && result is not null) DisposeValues(result);
    }

    /// <summary>Reads what the peer got, closing every descriptor that came with it.</summary>
    private static void Drain(Socket b, List<Socket> sockets)
    {
        for (int i = 0; i < 4; i++)
        {
            PhpArray? request = new PhpArray
            {
                ["controllen"] = socket_cmsg_space(SOL_SOCKET, SCM_RIGHTS, 64)!.Value + socket_cmsg_space(SOL_SOCKET, SCM_CREDENTIALS)!.Value,
                ["buffer_size"] = 1 << 16,
            };
            int? count = socket_recvmsg(b, ref request, MSG_DONTWAIT);
            if (count is null or 0) return;
            if (request is not null) DisposeValues(request);
        }
    }

    private static void DisposeValues(PhpArray array)
    {
        foreach (KeyValuePair<object, object?> entry in array)
        {
            switch (entry.Value)
            {
                case PhpArray nested: DisposeValues(nested); break;
                case Socket socket when !socket.IsClosed: socket_close(socket); break;
                case Stream stream: stream.Dispose(); break;
            }
        }
    }
}
