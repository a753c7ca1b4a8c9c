using System;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_sendmsg(Socket $socket, array $message, int $flags = 0): int|false</c>: one sendmsg(2)
    /// of a message array <c>['name' =&gt; [...], 'iov' =&gt; [string, ...], 'control' =&gt; [[level, type, data], ...]]</c>,
    /// every key optional. A value PHP cannot convert gives one warning naming its key path
    /// (<c>error converting user data (path: msghdr &gt; name &gt; port): ...</c>) and null, without an
    /// error code; a failed call gives <c>Error in sendmsg [errno]: ...</c> (silent for EAGAIN).
    /// SCM_RIGHTS sends exactly the descriptors named (PHP 8.2 shifts Socket objects by one slot;
    /// see docs/divergences.md).
    /// </summary>
    public static int? socket_sendmsg(Socket socket, PhpArray message, long flags = 0)
    {
        const string fn = nameof(socket_sendmsg);
        ArgumentNullException.ThrowIfNull(message);
        int nativeFlags = CheckMessageFlags(fn, flags);
        SocketErrors.EnsureOpen(socket, fn);
        using var outgoing = new OutgoingMessage();
        UserMessageConverter conversion = UserMessageConverter.ForSend(socket, fn, message, outgoing);
        int? result = conversion.Error is null ? SendPrepared(socket, outgoing, nativeFlags) : ReportConversion(fn, conversion.Error);
        if (conversion.Pending is { } pending) throw pending;
        return result;
    }

    /// <summary>
    /// <c>socket_recvmsg(Socket $socket, array &amp;$message, int $flags = 0): int|false</c>: one recvmsg(2).
    /// The array asks: <c>controllen</c> (required, non-zero: size it with socket_cmsg_space),
    /// <c>buffer_size</c> (0..104857600, default 8192), <c>name</c> (an array; present to get the
    /// sender's address). On success <paramref name="message"/> becomes
    /// <c>['name' =&gt; ..., 'control' =&gt; [...], 'iov' =&gt; [bytes], 'flags' =&gt; msg_flags]</c> and the
    /// byte count is returned; when PHP cannot convert a received control message it warns and
    /// <paramref name="message"/> becomes null (PHP's false) while the count is still returned.
    /// A failed call records the error globally only and warns, even for EAGAIN.
    /// </summary>
    public static int? socket_recvmsg(Socket socket, ref PhpArray? message, long flags = 0)
    {
        const string fn = nameof(socket_recvmsg);
        ArgumentNullException.ThrowIfNull(message);
        int nativeFlags = CheckMessageFlags(fn, flags);
        SocketErrors.EnsureOpen(socket, fn);
        UserMessageConverter conversion = UserMessageConverter.ForReceive(socket, fn, message, out ReceiveRequest request);
        if (conversion.Error is not null)
        {
            ReportConversion(fn, conversion.Error);
            if (conversion.Pending is { } pending) throw pending;
            return null;
        }
        return ReceiveInto(socket, request, nativeFlags, ref message);
    }

    /// <summary>
    /// <c>socket_cmsg_space(int $level, int $type, int $num = 0): ?int</c>: the control buffer size
    /// (CMSG_SPACE) one message of this kind needs, with <paramref name="num"/> descriptors for
    /// SCM_RIGHTS. Only the pairs PHP knows are accepted: SCM_RIGHTS, SCM_CREDENTIALS, IPV6_PKTINFO,
    /// IPV6_HOPLIMIT and IPV6_TCLASS; any other pair throws PHP's ValueError.
    /// </summary>
    public static long? socket_cmsg_space(long level, long type, long num = 0)
    {
        const string fn = nameof(socket_cmsg_space);
        CheckIntArgument(fn, 1, "level", level);
        CheckIntArgument(fn, 2, "type", type);
        CheckIntArgument(fn, 3, "num", num);
        if (num < 0) throw new PhpValueError($"{fn}(): Argument #3 ($num) must be greater than or equal to 0");
        AncillaryTypes.Kind kind = AncillaryTypes.Classify((int)level, (int)type);
        if (kind == AncillaryTypes.Kind.Unsupported) throw new PhpValueError($"Pair level {level} and/or type {type} is not supported");
        long size = AncillaryTypes.FixedSize(kind);
        long element = AncillaryTypes.ElementSize(kind);
        if (element > 0)
        {
            if (num > (long.MaxValue - size) / element || long.MaxValue - size - num * element < 16)
                throw new PhpValueError($"{fn}(): Argument #3 ($num) is too large");
            size += num * element;
        }
        return Libc.CmsgSpace(size);
    }

    private static int CheckMessageFlags(string function, long flags)
    {
        CheckIntArgument(function, 3, "flags", flags);
        return (int)flags;
    }

    private static void CheckIntArgument(string function, int position, string name, long value)
    {
        if (value is < int.MinValue or > int.MaxValue)
            throw new PhpValueError($"{function}(): Argument #{position} (${name}) must be between {int.MinValue} and {int.MaxValue}");
    }

    /// <summary>PHP's err_msg_dispose: the conversion's warning (none when an exception ended it), and false.</summary>
    private static int? ReportConversion(string function, string error)
    {
        if (error.Length > 0) PhpWarnings.Warn($"{function}(): {error}");
        return null;
    }

    /// <summary>sendmsg(2) of a converted message, with PHP_SOCKET_ERROR's rules on failure.</summary>
    internal static int? SendPrepared(Socket socket, OutgoingMessage message, int flags)
    {
        nint sent = message.Send(socket.Handle, flags, out int errno);
        if (sent >= 0) return (int)sent;
        SocketErrors.Record(socket, nameof(socket_sendmsg), "Error in sendmsg", errno);
        return null;
    }

    private static int? ReceiveInto(Socket socket, ReceiveRequest request, int flags, ref PhpArray? message)
    {
        const string fn = nameof(socket_recvmsg);
        int? count = MessageReceive.Run<PhpArray?>(socket, fn, request.NameLength, request.BufferSize, request.ControlLength, flags,
            out PhpArray? received, static (in ReceivedFrame frame, out PhpArray? array) =>
            {
                var context = ConversionContext.FromNative();
                array = NativeMessageConverter.ToPhpArray(frame, fn, context);
                if (context.Error is { } error) PhpWarnings.Warn($"{fn}(): {error}");
            });
        if (count is not null) message = received;
        return count;
    }
}
