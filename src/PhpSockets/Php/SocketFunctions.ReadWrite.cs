using System;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_write(Socket $socket, string $data, ?int $length = null): int|false</c>: one write(2)
    /// of min(length, strlen(data)) bytes; partial writes are possible. EAGAIN gives null silently.
    /// </summary>
    public static int? socket_write(Socket socket, PhpString data, long? length = null)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_write));
        if (length < 0) throw new PhpValueError("socket_write(): Argument #3 ($length) must be greater than or equal to 0");
        ReadOnlySpan<byte> bytes = data.Span;
        if (length is { } l && l < bytes.Length) bytes = bytes[..(int)l];
        return Write(socket, bytes);
    }

    /// <summary>socket_write of a span: no allocation. Returns the count written, or null as PHP's false.</summary>
    public static int? socket_write(Socket socket, ReadOnlySpan<byte> data)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_write));
        return Write(socket, data);
    }

    private static unsafe int? Write(Socket socket, ReadOnlySpan<byte> data)
    {
        nint written;
        fixed (byte* p = data.IsEmpty ? [0] : data)
        {
            // On a non-blocking socket write(2) and send(2) with MSG_DONTWAIT do the same: no wait, no transition.
            written = WaitsForPeer(socket, 0)
                ? Libc.Write(socket.Handle, p, (nuint)data.Length)
                : Libc.SendNoWait(socket.Handle, p, (nuint)data.Length, 0);
        }
        if (written >= 0) return (int)written;
        SocketErrors.Record(socket, nameof(socket_write), "unable to write to socket", SocketErrors.Errno());
        return null;
    }

    /// <summary>
    /// <c>socket_read(Socket $socket, int $length, int $mode = PHP_BINARY_READ): string|false</c>.
    /// Binary mode: one recv(2); "" at end of stream. PHP_NORMAL_READ: up to and including the first
    /// "\n" or "\r", nothing after it taken from the kernel; at end of stream false with PHP's
    /// ECONNRESET warning. A length of 0 or less gives null without a warning.
    /// </summary>
    public static PhpString? socket_read(Socket socket, long length, long mode = PHP_BINARY_READ)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_read));
        if (length <= 0) return null;
        using var buffer = new ReceiveBuffer(length);
        int count = Read(socket, buffer.Span, mode);
        return count < 0 ? null : (PhpString?)buffer.ToPhpString(count);
    }

    /// <summary>socket_read into a span (its length is PHP's $length): no allocation. The count read, or null as PHP's false.</summary>
    public static int? socket_read(Socket socket, Span<byte> buffer, long mode = PHP_BINARY_READ)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_read));
        if (buffer.IsEmpty) return null;
        int count = Read(socket, buffer, mode);
        return count < 0 ? null : count;
    }

    private static int Read(Socket socket, Span<byte> buffer, long mode)
    {
        int count = mode == PHP_NORMAL_READ ? LineReader.Read(socket, buffer) : Receive(socket, buffer, 0);
        if (count >= 0) return count;
        int errno = SocketErrors.Errno();
        if (errno == SocketErrors.EAGAIN)
        {
            socket.Error = errno;
            SocketErrors.LastError = errno;
        }
        else
        {
            SocketErrors.Record(socket, nameof(socket_read), "unable to read from socket", errno);
        }
        return -1;
    }

    /// <summary>One recv(2) into <paramref name="buffer"/>; -1 with errno left for the caller.</summary>
    internal static unsafe int Receive(Socket socket, Span<byte> buffer, int flags)
    {
        fixed (byte* p = buffer)
        {
            return WaitsForPeer(socket, flags)
                ? (int)Libc.Recv(socket.Handle, p, (nuint)buffer.Length, flags)
                : (int)Libc.RecvNoWait(socket.Handle, p, (nuint)buffer.Length, flags);
        }
    }

    /// <summary>
    /// Whether a recv or send on <paramref name="socket"/> with <paramref name="flags"/> may wait for the
    /// peer: then it must take the normal GC transition. Only a socket set non-blocking through
    /// PhpSockets, or MSG_DONTWAIT, takes the calls without it (<see cref="Libc.RecvNoWait"/>).
    /// </summary>
    internal static bool WaitsForPeer(Socket socket, int flags) => socket.Blocking && (flags & Libc.MSG_DONTWAIT) == 0;

    /// <summary>
    /// <c>socket_recv(Socket $socket, &amp;$data, int $length, int $flags): int|false</c>: one recv(2)
    /// with any MSG_ flags. <paramref name="data"/> gets the bytes, or null at end of stream or on
    /// failure. With MSG_TRUNC the kernel's full datagram length is returned but only
    /// <paramref name="length"/> bytes are copied (PHP 8.2 reads past its buffer there).
    /// </summary>
    public static int? socket_recv(Socket socket, ref PhpString? data, long length, long flags)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_recv));
        if (length <= 0) return null;
        using var buffer = new ReceiveBuffer(length);
        int count = Receive(socket, buffer.Span, (int)flags);
        if (count < 0)
        {
            data = null;
            SocketErrors.Record(socket, nameof(socket_recv), "Unable to read from socket", SocketErrors.Errno());
            return null;
        }
        data = count == 0 ? null : (PhpString?)buffer.ToPhpString(Math.Min(count, buffer.Span.Length));
        return count;
    }

    /// <summary>socket_recv into a span (its length is PHP's $length): no allocation. The kernel's count, or null as PHP's false.</summary>
    public static int? socket_recv(Socket socket, Span<byte> buffer, long flags)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_recv));
        if (buffer.IsEmpty) return null;
        int count = Receive(socket, buffer, (int)flags);
        if (count >= 0) return count;
        SocketErrors.Record(socket, nameof(socket_recv), "Unable to read from socket", SocketErrors.Errno());
        return null;
    }

    /// <summary>
    /// <c>socket_send(Socket $socket, string $data, int $length, int $flags): int|false</c>: one send(2)
    /// of min(length, strlen(data)) bytes with any MSG_ flags.
    /// </summary>
    public static int? socket_send(Socket socket, PhpString data, long length, long flags)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_send));
        if (length < 0) throw new PhpValueError("socket_send(): Argument #3 ($length) must be greater than or equal to 0");
        ReadOnlySpan<byte> bytes = data.Span;
        if (length < bytes.Length) bytes = bytes[..(int)length];
        return Send(socket, bytes, (int)flags);
    }

    /// <summary>socket_send of a span: no allocation.</summary>
    public static int? socket_send(Socket socket, ReadOnlySpan<byte> data, long flags)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_send));
        return Send(socket, data, (int)flags);
    }

    private static unsafe int? Send(Socket socket, ReadOnlySpan<byte> data, int flags)
    {
        nint sent;
        fixed (byte* p = data.IsEmpty ? [0] : data)
        {
            sent = WaitsForPeer(socket, flags)
                ? Libc.Send(socket.Handle, p, (nuint)data.Length, flags)
                : Libc.SendNoWait(socket.Handle, p, (nuint)data.Length, flags);
        }
        if (sent >= 0) return (int)sent;
        SocketErrors.Record(socket, nameof(socket_send), "Unable to write to socket", SocketErrors.Errno());
        return null;
    }
}
