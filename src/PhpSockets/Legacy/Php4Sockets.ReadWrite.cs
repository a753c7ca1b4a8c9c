using System;
using PhpSockets.Interop;

namespace PhpSockets.Legacy;

public static partial class Php4Sockets
{
    private const int EAGAIN = 11;

    /// <summary>
    /// <c>int read(int fd, string &amp;buf, int length [, int type = PHP_NORMAL_READ])</c>: the byte
    /// count, with the bytes in <paramref name="buf"/>; 0 (and "") at end of stream; or -errno, with
    /// <paramref name="buf"/> untouched. PHP_NORMAL_READ, PHP 4.0's default, reads one line: up to
    /// and including the first "\n" or "\r", at most <paramref name="length"/> bytes, nothing past
    /// the line end taken from the descriptor. PHP_BINARY_READ and PHP_SYSTEM_READ are one read(2).
    /// Any other type reads a line, as in PHP 4.0. A negative length gives -EINVAL.
    /// </summary>
    // PHP 4.0.6's line reader returned -ECONNRESET after 200 empty reads at end of stream, which
    // makes the seed's `while (read(...))` loop forever and its `if ($ret == 0)` dead code; PHP
    // 4.0.2, which the seed was written for, returned read(2)'s 0. End of stream gives 0 here, in
    // both modes. A non-blocking descriptor with no data gives -EAGAIN (4.0.6 returned 0, which
    // reads as end of stream), or the part of the line already read.
    public static int read(int fd, ref PhpString buf, long length, long type = PHP_NORMAL_READ)
    {
        if (length < 0) return -EINVAL;
        using var buffer = new ReceiveBuffer(length);
        SafeFdHandle handle = Fd(fd);
        int count = type is PHP_BINARY_READ or PHP_SYSTEM_READ ? ReadOnce(handle, buffer.Span) : ReadLine(handle, buffer.Span);
        if (count < 0) return count;
        buf = buffer.ToPhpString(count);
        return count;
    }

    private static unsafe int ReadOnce(SafeFdHandle handle, Span<byte> buffer)
    {
        fixed (byte* p = buffer.IsEmpty ? [0] : buffer)
        {
            return Result(Libc.Read(handle, p, (nuint)buffer.Length));
        }
    }

    /// <summary>
    /// One byte per read(2), as PHP 4.0 did: read(2) works on any descriptor, and nothing after the
    /// line end leaves it.
    /// </summary>
    private static unsafe int ReadLine(SafeFdHandle handle, Span<byte> buffer)
    {
        int total = 0;
        fixed (byte* p = buffer)
        {
            while (total < buffer.Length)
            {
                nint got = Libc.Read(handle, p + total, 1);
                if (got < 0)
                {
                    int errno = SocketErrors.Errno();
                    return errno == EAGAIN && total > 0 ? total : -errno;
                }
                if (got == 0) break;
                total++;
                if (p[total - 1] is (byte)'\n' or (byte)'\r') break;
            }
        }
        return total;
    }

    /// <summary>
    /// <c>int write(int fd, string buf, int length)</c>: one write(2) of min(length, strlen(buf))
    /// bytes; the count written, or -errno. A negative length gives -EINVAL.
    /// </summary>
    public static unsafe int write(int fd, PhpString buf, long length)
    {
        if (length < 0) return -EINVAL;
        ReadOnlySpan<byte> bytes = buf.Span;
        if (length < bytes.Length) bytes = bytes[..(int)length];
        fixed (byte* p = bytes.IsEmpty ? [0] : bytes)
        {
            return Result(Libc.Write(Fd(fd), p, (nuint)bytes.Length));
        }
    }

    /// <summary>
    /// <c>int recv(int fd, string &amp;buf, int len, int flags)</c>: one recv(2) with any MSG_ flags;
    /// the count, with the bytes in <paramref name="buf"/> ("" at end of stream), or -errno with
    /// <paramref name="buf"/> untouched. A negative length gives -EINVAL.
    /// </summary>
    // PHP 4.0 copied the data with strlen, cutting it at the first NUL byte; the bytes are kept whole.
    public static unsafe int recv(int fd, ref PhpString buf, long len, long flags)
    {
        if (len < 0) return -EINVAL;
        using var buffer = new ReceiveBuffer(len);
        int count;
        fixed (byte* p = buffer.Span.IsEmpty ? [0] : buffer.Span)
        {
            count = Result(Libc.Recv(Fd(fd), p, (nuint)buffer.Span.Length, (int)flags));
        }
        if (count < 0) return count;
        // With MSG_TRUNC the kernel reports a datagram's full length; only the buffer's worth exists.
        buf = buffer.ToPhpString(Math.Min(count, buffer.Span.Length));
        return count;
    }

    /// <summary>
    /// <c>int send(int fd, string buf, int len, int flags)</c>: one send(2) of min(len, strlen(buf))
    /// bytes with any MSG_ flags; the count sent, or -errno. A negative length gives -EINVAL.
    /// </summary>
    public static unsafe int send(int fd, PhpString buf, long len, long flags)
    {
        if (len < 0) return -EINVAL;
        ReadOnlySpan<byte> bytes = buf.Span;
        if (len < bytes.Length) bytes = bytes[..(int)len];
        fixed (byte* p = bytes.IsEmpty ? [0] : bytes)
        {
            return Result(Libc.Send(Fd(fd), p, (nuint)bytes.Length, (int)flags));
        }
    }
}
