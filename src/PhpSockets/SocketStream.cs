using System;
using System.IO;
using System.Threading;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// A socket descriptor as a .NET <see cref="Stream"/>: what <c>socket_export_stream</c> returns, as PHP
/// returns a stream resource. It shares the Socket's descriptor (no copy, no buffer): <see cref="Read(Span{byte})"/>
/// is one recv(2), <see cref="Write(ReadOnlySpan{byte})"/> calls send(2) until every byte is gone, both
/// straight through libc and in whatever blocking mode the descriptor is in. Not seekable.
/// <para>
/// Lifetime, as in PHP: disposing the stream closes the descriptor, and the Socket's later calls
/// fail with EBADF warnings; <c>socket_close</c> on the Socket disposes the stream. The descriptor is
/// closed once, when the last call still using it returns.
/// </para>
/// <para>
/// Errors are <see cref="IOException"/>s whose <see cref="Exception.HResult"/> is the errno and whose
/// message is the C library's text, as .NET reports Unix I/O errors. On a non-blocking socket a read
/// with nothing to read, or a write the kernel cannot take, throws with errno 11 (EAGAIN). A timeout
/// (<see cref="ReadTimeout"/>, <see cref="WriteTimeout"/>) throws with errno 110 (ETIMEDOUT). Async
/// reads and writes are the base class's: the blocking call runs on a thread-pool thread.
/// </para>
/// </summary>
public sealed class SocketStream : Stream
{
    private const int MSG_NOSIGNAL = 0x4000;
    private const int ETIMEDOUT = 110;

    private readonly SafeFdHandle _handle;
    private int _readTimeout = Timeout.Infinite;
    private int _writeTimeout = Timeout.Infinite;

    internal SocketStream(SafeFdHandle handle)
    {
        _handle = handle;
        Link = new SocketStreamLink(this);
    }

    /// <summary>The shared descriptor handle.</summary>
    internal SafeFdHandle Handle => _handle;

    /// <summary>The link a Socket made from this stream (export or import) carries.</summary>
    internal SocketLink Link { get; }

    /// <summary>True once the stream, or a Socket linked to it, has been closed.</summary>
    public bool IsClosed => _handle.IsClosed;

    /// <summary>The descriptor number, or -1 once closed.</summary>
    public int Descriptor => IsClosed ? -1 : _handle.Descriptor;

    /// <summary>
    /// Whether the descriptor is in blocking mode (no O_NONBLOCK), as <c>stream_set_blocking</c> sees
    /// and sets it. The mode belongs to the descriptor, so the linked Socket shares it.
    /// </summary>
    /// <exception cref="IOException">fcntl(2) failed.</exception>
    public bool Blocking
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            int flags = Libc.Fcntl(_handle, Libc.F_GETFL, 0);
            if (flags == -1) throw Failure(SocketErrors.Errno());
            return (flags & Libc.O_NONBLOCK) == 0;
        }
        set
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            int flags = Libc.Fcntl(_handle, Libc.F_GETFL, 0);
            if (flags == -1) throw Failure(SocketErrors.Errno());
            flags = value ? flags & ~Libc.O_NONBLOCK : flags | Libc.O_NONBLOCK;
            if (Libc.Fcntl(_handle, Libc.F_SETFL, flags) == -1) throw Failure(SocketErrors.Errno());
        }
    }

    /// <inheritdoc />
    public override bool CanRead => !IsClosed;

    /// <inheritdoc />
    public override bool CanWrite => !IsClosed;

    /// <summary>Always false: a socket has no position.</summary>
    public override bool CanSeek => false;

    /// <summary>Always true: <see cref="ReadTimeout"/> and <see cref="WriteTimeout"/> are honoured.</summary>
    public override bool CanTimeout => true;

    /// <summary>Milliseconds a read waits for data before it throws (errno 110); <see cref="Timeout.Infinite"/> (the default) waits for ever.</summary>
    public override int ReadTimeout
    {
        get => _readTimeout;
        set => _readTimeout = CheckTimeout(value);
    }

    /// <summary>Milliseconds a write waits for room before it throws (errno 110); <see cref="Timeout.Infinite"/> (the default) waits for ever.</summary>
    public override int WriteTimeout
    {
        get => _writeTimeout;
        set => _writeTimeout = CheckTimeout(value);
    }

    /// <summary>Not supported: a socket has no length.</summary>
    public override long Length => throw new NotSupportedException("A socket stream has no length.");

    /// <summary>Not supported: a socket has no position.</summary>
    public override long Position
    {
        get => throw new NotSupportedException("A socket stream has no position.");
        set => throw new NotSupportedException("A socket stream has no position.");
    }

    /// <summary>Not supported: a socket cannot seek.</summary>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A socket stream cannot seek.");

    /// <summary>Not supported: a socket has no length.</summary>
    public override void SetLength(long value) => throw new NotSupportedException("A socket stream has no length.");

    /// <summary>Nothing to do: the stream keeps no buffer.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <summary>One recv(2): the bytes the kernel had, up to <paramref name="buffer"/>'s length; 0 at end of stream.</summary>
    public override unsafe int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        if (buffer.IsEmpty) return 0;
        WaitReady(Libc.POLLIN, _readTimeout);
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint received = Libc.Recv(_handle, p, (nuint)buffer.Length, 0);
                if (received >= 0) return (int)received;
                int errno = SocketErrors.Errno();
                if (errno != SocketErrors.EINTR) throw Failure(errno);
            }
        }
    }

    /// <inheritdoc />
    public override unsafe int ReadByte()
    {
        byte b;
        return Read(new Span<byte>(&b, 1)) == 0 ? -1 : b;
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <summary>send(2) until every byte is sent (MSG_NOSIGNAL: a closed peer is EPIPE, never SIGPIPE).</summary>
    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        fixed (byte* p = buffer)
        {
            int done = 0;
            while (done < buffer.Length)
            {
                WaitReady(Libc.POLLOUT, _writeTimeout);
                nint sent = Libc.Send(_handle, p + done, (nuint)(buffer.Length - done), MSG_NOSIGNAL);
                if (sent >= 0)
                {
                    done += (int)sent;
                    continue;
                }
                int errno = SocketErrors.Errno();
                if (errno != SocketErrors.EINTR) throw Failure(errno);
            }
        }
    }

    /// <inheritdoc />
    public override unsafe void WriteByte(byte value) => Write(new ReadOnlySpan<byte>(&value, 1));

    /// <summary>Closes the descriptor (once the calls still using it return); a linked Socket's later calls fail with EBADF.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _handle.Dispose();
        base.Dispose(disposing);
    }

    private static int CheckTimeout(int value) =>
        value > 0 || value == Timeout.Infinite ? value : throw new ArgumentOutOfRangeException(nameof(value), "The timeout must be positive or Timeout.Infinite.");

    /// <summary>With a timeout set, waits in poll(2) until the descriptor is ready; without one, returns at once.</summary>
    private unsafe void WaitReady(short events, int timeoutMilliseconds)
    {
        if (timeoutMilliseconds == Timeout.Infinite) return;
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            long deadline = Environment.TickCount64 + timeoutMilliseconds;
            while (true)
            {
                long left = Math.Max(0, deadline - Environment.TickCount64);
                var pollFd = new PollFd { Fd = _handle.Descriptor, Events = events };
                var timeout = new TimeSpec { Seconds = left / 1000, Nanoseconds = left % 1000 * 1_000_000 };
                int ready = Libc.PPoll(&pollFd, 1, &timeout, null);
                if (ready > 0) return;
                if (ready == 0) throw Failure(ETIMEDOUT);
                int errno = SocketErrors.Errno();
                if (errno != SocketErrors.EINTR) throw Failure(errno);
            }
        }
        finally
        {
            if (added) _handle.DangerousRelease();
        }
    }

    private static IOException Failure(int errno) => new(ErrorText.For(errno), errno);
}
