using System;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// socket_select's engine: select(2)'s semantics on ppoll(2), so descriptors of 1024 and above work
/// and the timeout keeps microsecond precision. One pollfd per array element, in the order read,
/// write, except; an element is ready under select's rules (read: IN, HUP, ERR; write: OUT, ERR;
/// except: PRI), and a wake-up select would not see (HUP or ERR of an except entry) does not end the
/// wait. The count is select's: each descriptor once per set. Buffers are per thread and reused, so
/// a call allocates nothing once warm.
/// </summary>
internal static class Selector
{
    private const short ReadEvents = Libc.POLLIN | Libc.POLLRDNORM | Libc.POLLRDBAND;
    private const short ReadReady = ReadEvents | Libc.POLLHUP | Libc.POLLERR;
    private const short WriteEvents = Libc.POLLOUT | Libc.POLLWRNORM | Libc.POLLWRBAND;
    private const short WriteReady = WriteEvents | Libc.POLLERR;
    private const short ExceptEvents = Libc.POLLPRI;

    /// <summary>This thread's buffers, behind one thread-static: one lookup per call, where there were a dozen.</summary>
    [ThreadStatic] private static Buffers? t_buffers;

    /// <summary>Which argument a set is, for PHP's messages.</summary>
    internal static readonly string[] ArgumentNames = ["read", "write", "except"];

    /// <summary>
    /// PHP's checks (every element an open Socket, then at least one element in all), then the poll;
    /// returns select's count, or -1 after PHP's warning (arrays must then stay as they were).
    /// <see cref="Results"/> then tells, by position over read+write+except, which elements are ready.
    /// </summary>
    internal static int Poll(ReadOnlySpan<Socket?> read, ReadOnlySpan<Socket?> write, ReadOnlySpan<Socket?> except, long? seconds, long microseconds)
    {
        int total = read.Length + write.Length + except.Length;
        Buffers buffers = t_buffers ??= new Buffers();
        if (buffers.Fds.Length < total) buffers.Grow(total);
        PollFd[] fds = buffers.Fds;
        HeldHandle[] held = buffers.Held;
        int heldCount = 0;
        try
        {
            // One pass per set both checks, as PHP does set by set, and fills: a bad element found in
            // the write set after the read set was filled throws all the same, and the holds taken are
            // released below.
            Fill(fds.AsSpan(0, read.Length), read, ReadEvents, held, ref heldCount, 1);
            Fill(fds.AsSpan(read.Length, write.Length), write, WriteEvents, held, ref heldCount, 2);
            Fill(fds.AsSpan(read.Length + write.Length, except.Length), except, ExceptEvents, held, ref heldCount, 3);
            if (total == 0) throw new PhpValueError("socket_select(): At least one array argument must be passed");
            // A larger set whose sockets are mostly idle waits on this thread's epoll mirror of it; a
            // handle with no descriptor (select's EBADF) and a negative timeout (EINVAL) are ppoll's to report.
            int result = EpollInterestSet.UsePoll;
            bool large = total >= EpollInterestSet.MinimumEntries;
            if (large && heldCount == total && (seconds is null || (seconds >= 0 && microseconds >= 0))
                && EpollInterestSet.ForThisCall() is { } epoll)
            {
                result = epoll.Wait(fds, held, read.Length, write.Length, except.Length, seconds, microseconds);
            }
            if (result == EpollInterestSet.UsePoll) result = Wait(fds, total, read.Length, write.Length, except.Length, seconds, microseconds);
            if (large && result >= 0) EpollInterestSet.Observe(result, total);
            return result;
        }
        finally
        {
            for (int k = 0; k < heldCount; k++)
            {
                held[k].Handle!.Exit();
                held[k].Handle = null;
            }
        }
    }

    private static unsafe int Wait(PollFd[] fds, int total, int readLength, int writeLength, int exceptLength, long? seconds, long microseconds)
    {
        var limit = new SelectTimeout(seconds, microseconds);
        TimeSpec timeout = limit.First;
        TimeSpec* timeoutPointer = limit.HasLimit ? &timeout : null;
        while (true)
        {
            int result;
            fixed (PollFd* p = fds)
            {
                result = Libc.PPoll(p, (nuint)total, timeoutPointer, null);
            }
            if (result < 0)
            {
                SocketErrors.RecordGlobal("socket_select", "Unable to select", SocketErrors.Errno());
                return -1;
            }
            for (int k = 0; k < total; k++)
            {
                if ((fds[k].REvents & Libc.POLLNVAL) != 0)
                {
                    // select(2) fails with EBADF for a descriptor that is not open.
                    SocketErrors.RecordGlobal("socket_select", "Unable to select", SocketErrors.EBADF);
                    return -1;
                }
            }
            int count = CountReady(fds, readLength, writeLength, exceptLength);
            if (count > 0 || result == 0) return count;
            // poll always reports HUP and ERR, which select ignores in the except set (and HUP in the
            // write set): select would sleep on, so stop watching those entries and wait out the rest.
            IgnoreUnready(fds, total);
            if (limit.HasLimit)
            {
                Int128 left = limit.Left();
                if (left <= 0) return 0;
                timeout = SelectTimeout.ToTimeSpec(left);
            }
        }
    }

    /// <summary>Makes poll skip (negative fd) the entries that woke it without being ready under select's rules.</summary>
    private static void IgnoreUnready(PollFd[] fds, int total)
    {
        for (int k = 0; k < total; k++)
        {
            if (fds[k].REvents != 0 && fds[k].Fd >= 0) fds[k].Fd = ~fds[k].Fd;
            fds[k].REvents = 0;
        }
    }

    /// <summary>The revents bits that make an element of a set (0 read, 1 write, 2 except) ready under select's rules.</summary>
    internal static short ReadyMask(int set) => set switch { 0 => ReadReady, 1 => WriteReady, _ => ExceptEvents };

    /// <summary>
    /// This thread's pollfds as the last <see cref="Poll"/> left them, positions <paramref name="start"/> on:
    /// for callers that walk a whole set, one thread-static lookup instead of one per element.
    /// </summary>
    internal static ReadOnlySpan<PollFd> Results(int start, int length) => t_buffers!.Fds.AsSpan(start, length);

    /// <summary>
    /// Marks, position by position over read, write and except as the last <see cref="Poll"/> took
    /// them, the elements ready under select's rules.
    /// </summary>
    internal static void MarkReady(Span<bool> ready, int readLength, int writeLength, int exceptLength)
    {
        ReadOnlySpan<PollFd> fds = t_buffers!.Fds.AsSpan(0, readLength + writeLength + exceptLength);
        int writeEnd = readLength + writeLength;
        for (int k = 0; k < fds.Length; k++)
        {
            short mask = k < readLength ? ReadReady : k < writeEnd ? WriteReady : ExceptEvents;
            ready[k] = (fds[k].REvents & mask) != 0;
        }
    }

    /// <summary>
    /// Checks each element as PHP does and makes its pollfd. Each socket's handle is held for the
    /// wait, as a libc call holds the handle it is given: a socket_close on another thread then shuts
    /// the socket down, which ends the wait, and the descriptor number cannot be reused while ppoll
    /// watches it. The loop stays small: failures are thrown from helpers.
    /// </summary>
    private static void Fill(Span<PollFd> fds, ReadOnlySpan<Socket?> sockets, short events, HeldHandle[] held, ref int heldCount, int argument)
    {
        int count = heldCount;
        try
        {
            for (int k = 0; k < sockets.Length; k++)
            {
                Socket? socket = sockets[k];
                if (socket is null) throw NotASocket(argument);
                if (socket.IsClosed) throw ClosedSocket(argument);
                SafeFdHandle handle = socket.Handle;
                int fd = handle.Descriptor;
                if (fd != -1)
                {
                    handle.Enter();
                    held[count++].Handle = handle;
                }
                else
                {
                    // A socket whose linked stream closed its descriptor: a number never open, so poll
                    // says POLLNVAL and select's EBADF follows, as in PHP (the old number may be reused by now).
                    fd = int.MaxValue;
                }
                fds[k] = new PollFd { Fd = fd, Events = events };
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed by another thread between the check and the hold.
            throw ClosedSocket(argument);
        }
        finally
        {
            heldCount = count;
        }
    }

    private static PhpTypeError NotASocket(int argument) =>
        new($"socket_select(): Argument #{argument} (${ArgumentNames[argument - 1]}) must only have elements of type Socket, null given");

    private static PhpTypeError ClosedSocket(int argument) =>
        new($"socket_select(): Argument #{argument} (${ArgumentNames[argument - 1]}) contains a closed socket");

    /// <summary>select's count: the ready descriptors of each set, each counted once per set.</summary>
    internal static int CountReady(PollFd[] fds, int readLength, int writeLength, int exceptLength) =>
        CountDistinct(fds, 0, readLength, ReadReady) +
        CountDistinct(fds, readLength, writeLength, WriteReady) +
        CountDistinct(fds, readLength + writeLength, exceptLength, ExceptEvents);

    /// <summary>The set size up to which duplicates are found by comparing the ready entries with each other.</summary>
    private const int SmallSet = 16;

    /// <summary>Ready descriptors of one set, each counted once however often it is listed.</summary>
    private static int CountDistinct(PollFd[] all, int start, int length, short ready)
    {
        ReadOnlySpan<PollFd> fds = all.AsSpan(start, length);
        int count = 0;
        if (length <= SmallSet)
        {
            foreach (PollFd entry in fds)
            {
                if ((entry.REvents & ready) != 0) count++;
            }
            if (count <= 1) return count; // one ready entry (the usual case) cannot repeat a descriptor
            // Then each ready entry against the ready ones before it.
            count = 0;
            for (int k = 0; k < fds.Length; k++)
            {
                if ((fds[k].REvents & ready) == 0) continue;
                int fd = fds[k].Fd;
                bool seenBefore = false;
                for (int j = 0; j < k && !seenBefore; j++) seenBefore = fds[j].Fd == fd && (fds[j].REvents & ready) != 0;
                if (!seenBefore) count++;
            }
            return count;
        }
        // A larger one: a stamp per descriptor number, so each entry costs the same whatever the set holds.
        Buffers buffers = t_buffers!;
        int stamp = buffers.NextStamp();
        int[] seen = buffers.SeenStamp;
        foreach (PollFd entry in fds)
        {
            if ((entry.REvents & ready) == 0) continue;
            int fd = entry.Fd;
            if ((uint)fd >= (uint)seen.Length) seen = buffers.GrowSeen(fd);
            if (seen[fd] == stamp) continue;
            seen[fd] = stamp;
            count++;
        }
        return count;
    }

    /// <summary>A thread's pollfds, the handles it holds for a wait, and the stamps that count each descriptor once.</summary>
    private sealed class Buffers
    {
        public PollFd[] Fds = new PollFd[64];
        public HeldHandle[] Held = new HeldHandle[64];
        public int[] SeenStamp = new int[1024];
        private int _stamp;

        public void Grow(int total)
        {
            Fds = new PollFd[Math.Max(total, Fds.Length * 2)];
            Held = new HeldHandle[Fds.Length];
        }

        /// <summary>A stamp no entry of <see cref="SeenStamp"/> holds yet (all are cleared when the stamps run out).</summary>
        public int NextStamp()
        {
            if (++_stamp == int.MaxValue)
            {
                Array.Clear(SeenStamp);
                _stamp = 1;
            }
            return _stamp;
        }

        public int[] GrowSeen(int fd)
        {
            var grown = new int[Math.Max(fd + 1, SeenStamp.Length * 2)];
            SeenStamp.CopyTo(grown, 0);
            return SeenStamp = grown;
        }
    }

    /// <summary>
    /// A handle held for a wait. A struct, so storing into the array is a plain store: an array of a
    /// class type costs a covariance check (CastHelpers.StelemRef) per store, two per socket per call.
    /// </summary>
    internal struct HeldHandle
    {
        public SafeFdHandle? Handle;
    }
}
