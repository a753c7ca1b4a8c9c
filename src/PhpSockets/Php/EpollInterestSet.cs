using System;
using System.Runtime.CompilerServices;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// socket_select's wait for larger sets whose sockets are mostly idle (see <see cref="EnterEpollBelow"/>):
/// a per-thread epoll instance that mirrors the descriptors the thread's last socket_select watched. ppoll(2) makes the kernel look up and poll every descriptor on
/// every call, which in a process with more than one thread (every .NET process) also takes and drops
/// a reference on each one; a server calls socket_select with nearly the same sockets each time, so
/// here only the changes since the previous call reach the kernel (epoll_ctl) and the wait itself
/// costs what the ready descriptors cost. The results are poll's: epoll is level-triggered, reports
/// for each descriptor the same mask poll does (the events asked for, plus ERR and HUP), and each
/// entry's result is filtered by that entry's own events as poll filters each pollfd.
/// <para>
/// Registrations outlive the call, so they are tied to the handle that made them, and the epoll data
/// carries the descriptor and a generation. A descriptor number that now belongs to another socket is
/// registered anew. A registration the kernel keeps for a socket closed here but still open
/// elsewhere (a duplicate, or in flight in SCM_RIGHTS) cannot be deleted by number any more; its
/// events are recognised by their stale generation and the instance is rebuilt. Anything unexpected
/// (epoll_ctl refusing a descriptor) makes the call fall back to ppoll.
/// </para>
/// </summary>
internal sealed class EpollInterestSet
{
    /// <summary>
    /// Below this many entries ppoll is used: its per-descriptor cost is small there, and a set that
    /// changes from call to call (one socket waited on with a timeout, then another) would pay
    /// epoll_ctl calls for nothing.
    /// </summary>
    internal const int MinimumEntries = 16;

    /// <summary>
    /// The AppContext switch that keeps socket_select on ppoll for every set (set it in
    /// runtimeconfig.json or with AppContext.SetSwitch before the first socket_select): for comparing
    /// the two, or for a sandbox whose epoll misbehaves.
    /// </summary>
    internal const string PollOnlySwitch = "PhpSockets.SocketSelect.PollOnly";

    private static readonly bool s_pollOnly = AppContext.TryGetSwitch(PollOnlySwitch, out bool pollOnly) && pollOnly;

    /// <summary>What <see cref="Wait"/> returns when the call must be made with ppoll instead.</summary>
    internal const int UsePoll = int.MinValue;

    private const short AlwaysReported = Libc.POLLERR | Libc.POLLHUP;
    private const int ENOENT = 2;
    private const int EEXIST = 17;

    [ThreadStatic] private static EpollInterestSet? t_set;
    [ThreadStatic] private static bool t_unavailable;

    private SafeFdHandle _epoll;
    private Registration[] _registrations = new Registration[1024];
    private int[] _registered = new int[64];
    private int _registeredCount;
    private int _generation;
    private bool _rebuild;

    // Per call: which descriptors are wanted (stamp), with the union of their entries' events and
    // the first entry's position (for its handle); per wait: what epoll reported (stamp).
    private int[] _wantStamp = new int[1024];
    private short[] _wantEvents = new short[1024];
    private int[] _wantEntry = new int[1024];
    private int[] _wanted = new int[64];
    private int _wantedCount;
    private int _callStamp;
    private int[] _reportStamp = new int[1024];
    private short[] _reported = new short[1024];
    private int _waitStamp;
    private byte[] _events = new byte[64 * 16];

    private EpollInterestSet(SafeFdHandle epoll) => _epoll = epoll;

    /// <summary>
    /// Which wait a thread's large sets use follows the share of their entries found ready (a moving
    /// average, in 1/1024ths): epoll once it falls below 1/32, ppoll again once it rises above 1/8.
    /// With most sockets ready at each call, as in a busy echo server, ppoll's pass over every
    /// descriptor is work that has to be done anyway, while epoll adds the mirror's upkeep and wakes
    /// with smaller batches: forced on such a server it cost 5-15% (bench/RESULTS.md). With few ready,
    /// as in a server of mostly idle connections, epoll saves the pass over the idle ones (over 100
    /// sockets with one ready, 3 times faster). The gap between the two thresholds keeps a thread from
    /// flapping: on epoll a busy thread selects more often and finds fewer ready each time.
    /// </summary>
    private const int EnterEpollBelow = 1024 / 32;

    private const int LeaveEpollAbove = 1024 / 8;

    [ThreadStatic] private static int t_readyShare;
    [ThreadStatic] private static bool t_onPoll;

    /// <summary>Tests only: true makes every large set on this thread use epoll, false ppoll; null chooses.</summary>
    [ThreadStatic] internal static bool? t_forced;

    /// <summary>This thread's instance when this call should use it (see <see cref="EnterEpollBelow"/>).</summary>
    internal static EpollInterestSet? ForThisCall() => (t_forced ?? !t_onPoll) ? ForThisThread() : null;

    /// <summary>Records what share of a large set's entries came out ready, and switches the wait when it crosses a threshold.</summary>
    internal static void Observe(int ready, int total)
    {
        int share = (int)Math.Min(1024L, (long)ready * 1024 / total);
        t_readyShare += (share - t_readyShare) / 8;
        if (t_onPoll ? t_readyShare < EnterEpollBelow : t_readyShare > LeaveEpollAbove) t_onPoll = !t_onPoll;
    }

    /// <summary>This thread's instance, made on first use; null when epoll is not available here.</summary>
    internal static EpollInterestSet? ForThisThread()
    {
        if (t_set is { } set) return set;
        if (t_unavailable || s_pollOnly) return null;
        SafeFdHandle? epoll = Create();
        if (epoll is null)
        {
            t_unavailable = true;
            return null;
        }
        return t_set = new EpollInterestSet(epoll);
    }

    private static SafeFdHandle? Create()
    {
        int fd = Libc.EpollCreate1(Libc.EPOLL_CLOEXEC);
        return fd < 0 ? null : new SafeFdHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// Waits as <see cref="Selector"/>'s ppoll loop does: fills each entry's REvents, returns select's
    /// count, 0 on timeout, -1 after PHP's warning, or <see cref="UsePoll"/>. Every entry of
    /// <paramref name="fds"/> is a valid descriptor held by <paramref name="held"/> at the same position.
    /// </summary>
    internal int Wait(PollFd[] fds, Selector.HeldHandle[] held, int readLength, int writeLength, int exceptLength, long? seconds, long microseconds)
    {
        int total = readLength + writeLength + exceptLength;
        if (!Synchronize(fds, held, total)) return UsePoll;
        var limit = new SelectTimeout(seconds, microseconds);
        Int128 left = limit.HasLimit ? limit.Nanoseconds : -1;
        while (true)
        {
            int count = WaitOnce(left, out bool timedOut);
            if (count < 0)
            {
                SocketErrors.RecordGlobal("socket_select", "Unable to select", SocketErrors.Errno());
                return -1;
            }
            bool stale = Collect(count);
            Report(fds, total);
            int ready = Selector.CountReady(fds, readLength, writeLength, exceptLength);
            if (ready > 0)
            {
                _rebuild |= stale;
                return ready;
            }
            if (timedOut) return 0;
            if (stale)
            {
                // Woken by a registration that outlived its socket here: start over without it.
                _rebuild = true;
                if (!Synchronize(fds, held, total)) return UsePoll;
            }
            else
            {
                // Woken by what select does not count (HUP or ERR of an except entry): select would
                // sleep on, so stop watching those descriptors for the rest of this call.
                ForgetWoken(fds, total);
            }
            if (limit.HasLimit)
            {
                left = limit.Left();
                if (left <= 0) return 0;
            }
        }
    }

    /// <summary>
    /// One wait of at most <paramref name="nanoseconds"/> (-1: no limit): epoll_wait when the limit is
    /// none, zero or whole milliseconds; otherwise ppoll on the epoll descriptor for the exact time,
    /// then epoll_wait without waiting. Returns the events collected, or -1 with errno.
    /// </summary>
    private unsafe int WaitOnce(Int128 nanoseconds, out bool timedOut)
    {
        timedOut = false;
        int capacity = Math.Max(_wantedCount, 1);
        if (_events.Length < capacity * Libc.EpollEventSize) _events = new byte[capacity * 2 * Libc.EpollEventSize];
        bool exact = nanoseconds < 0 || (nanoseconds % 1_000_000 == 0 && nanoseconds / 1_000_000 <= int.MaxValue);
        int milliseconds = nanoseconds < 0 ? -1 : exact ? (int)(nanoseconds / 1_000_000) : 0;
        if (!exact)
        {
            // epoll_wait counts in milliseconds; select's precision is the microsecond.
            PollFd poll = new() { Fd = _epoll.Descriptor, Events = Libc.POLLIN };
            TimeSpec timespec = SelectTimeout.ToTimeSpec(nanoseconds);
            bool added = false;
            try
            {
                _epoll.DangerousAddRef(ref added);
                int polled = Libc.PPoll(&poll, 1, &timespec, null);
                if (polled <= 0)
                {
                    timedOut = polled == 0;
                    return polled;
                }
            }
            finally
            {
                if (added) _epoll.DangerousRelease();
            }
        }
        int count;
        fixed (byte* events = _events)
        {
            count = Libc.EpollWait(_epoll, events, capacity, milliseconds);
        }
        // Only a wait that had the whole time can have timed out; after ppoll it found nothing left (a race).
        timedOut = count == 0 && exact;
        return count;
    }

    /// <summary>
    /// Makes the kernel's interest list what this call wants: registers new descriptors, changes
    /// those whose events or socket changed, deletes those no longer watched. False when epoll_ctl
    /// refused something it should not have (the instance is then rebuilt on the next call).
    /// </summary>
    private unsafe bool Synchronize(PollFd[] fds, Selector.HeldHandle[] held, int total)
    {
        if (_rebuild && !Recreate()) return false;
        int stamp = NextCallStamp();
        _wantedCount = 0;
        for (int k = 0; k < total; k++)
        {
            int fd = fds[k].Fd;
            if ((uint)fd >= (uint)_wantStamp.Length) Grow(fd);
            if (_wantStamp[fd] != stamp)
            {
                _wantStamp[fd] = stamp;
                _wantEvents[fd] = fds[k].Events;
                _wantEntry[fd] = k;
                if (_wantedCount == _wanted.Length) Array.Resize(ref _wanted, _wanted.Length * 2);
                _wanted[_wantedCount++] = fd;
            }
            else
            {
                _wantEvents[fd] |= fds[k].Events;
            }
        }
        for (int i = 0; i < _wantedCount; i++)
        {
            int fd = _wanted[i];
            ref Registration registration = ref _registrations[fd];
            SafeFdHandle handle = held[_wantEntry[fd]].Handle!;
            if (ReferenceEquals(registration.Handle, handle) && registration.Events == _wantEvents[fd]) continue;
            if (!Register(fd, ref registration, handle, _wantEvents[fd]))
            {
                _rebuild = true;
                return false;
            }
        }
        for (int i = 0; i < _registeredCount;)
        {
            int fd = _registered[i];
            if (_wantStamp[fd] == stamp)
            {
                i++;
                continue;
            }
            // A socket closed since: the kernel dropped its registration with its last descriptor
            // (or it is stale, and caught by its generation). Deleting by number could hit another socket.
            if (!_registrations[fd].Handle!.IsClosed) Libc.EpollCtl(_epoll, Libc.EPOLL_CTL_DEL, fd, null);
            Unlist(fd);
        }
        return true;
    }

    private unsafe bool Register(int fd, ref Registration registration, SafeFdHandle handle, short events)
    {
        int generation = ++_generation;
        byte* ev = stackalloc byte[16];
        Unsafe.WriteUnaligned(ev, (uint)(ushort)events);
        Unsafe.WriteUnaligned(ev + Libc.EpollDataOffset, (ulong)(uint)fd | ((ulong)(uint)generation << 32));
        // The same handle: only its events change. Another, still open: the same descriptor under a
        // second handle. Another, closed: the number is a new socket's, not registered yet.
        bool known = registration.Handle is { } previous && (ReferenceEquals(previous, handle) || !previous.IsClosed);
        int op = known ? Libc.EPOLL_CTL_MOD : Libc.EPOLL_CTL_ADD;
        if (Libc.EpollCtl(_epoll, op, fd, ev) != 0)
        {
            int errno = SocketErrors.Errno();
            int retry = op == Libc.EPOLL_CTL_ADD && errno == EEXIST ? Libc.EPOLL_CTL_MOD
                : op == Libc.EPOLL_CTL_MOD && errno == ENOENT ? Libc.EPOLL_CTL_ADD
                : 0;
            if (retry == 0 || Libc.EpollCtl(_epoll, retry, fd, ev) != 0) return false;
        }
        if (registration.Handle is null) List(fd);
        registration.Handle = handle;
        registration.Events = events;
        registration.Generation = generation;
        return true;
    }

    /// <summary>Reads what epoll reported into the per-descriptor results; true when an event was stale.</summary>
    private unsafe bool Collect(int count)
    {
        int stamp = ++_waitStamp;
        if (stamp == int.MaxValue)
        {
            Array.Clear(_reportStamp);
            _waitStamp = stamp = 1;
        }
        bool stale = false;
        fixed (byte* events = _events)
        {
            for (int e = 0; e < count; e++)
            {
                byte* ev = events + e * Libc.EpollEventSize;
                uint mask = Unsafe.ReadUnaligned<uint>(ev);
                ulong data = Unsafe.ReadUnaligned<ulong>(ev + Libc.EpollDataOffset);
                int fd = (int)(uint)data;
                int generation = (int)(data >> 32);
                if ((uint)fd < (uint)_registrations.Length && _registrations[fd].Handle is not null && _registrations[fd].Generation == generation)
                {
                    _reported[fd] = (short)mask;
                    _reportStamp[fd] = stamp;
                }
                else
                {
                    stale = true;
                }
            }
        }
        return stale;
    }

    /// <summary>Each entry's REvents, as poll would give it: the descriptor's mask filtered by the entry's own events.</summary>
    private void Report(PollFd[] fds, int total)
    {
        int stamp = _waitStamp;
        for (int k = 0; k < total; k++)
        {
            int fd = fds[k].Fd;
            fds[k].REvents = _reportStamp[fd] == stamp ? (short)(_reported[fd] & (fds[k].Events | AlwaysReported)) : (short)0;
        }
    }

    private unsafe void ForgetWoken(PollFd[] fds, int total)
    {
        for (int k = 0; k < total; k++)
        {
            if (fds[k].REvents == 0) continue;
            int fd = fds[k].Fd;
            fds[k].REvents = 0;
            if (_registrations[fd].Handle is null) continue;
            Libc.EpollCtl(_epoll, Libc.EPOLL_CTL_DEL, fd, null);
            Unlist(fd);
        }
    }

    /// <summary>A new epoll instance with nothing registered: the way to drop registrations that cannot be deleted.</summary>
    private bool Recreate()
    {
        for (int i = 0; i < _registeredCount; i++) _registrations[_registered[i]] = default;
        _registeredCount = 0;
        _rebuild = false;
        SafeFdHandle? epoll = Create();
        if (epoll is null) return false;
        _epoll.Dispose();
        _epoll = epoll;
        return true;
    }

    private void List(int fd)
    {
        if (_registeredCount == _registered.Length) Array.Resize(ref _registered, _registered.Length * 2);
        _registrations[fd].ListIndex = _registeredCount;
        _registered[_registeredCount++] = fd;
    }

    private void Unlist(int fd)
    {
        int index = _registrations[fd].ListIndex;
        int last = _registered[--_registeredCount];
        _registered[index] = last;
        _registrations[last].ListIndex = index;
        _registrations[fd] = default;
    }

    private int NextCallStamp()
    {
        if (++_callStamp == int.MaxValue)
        {
            Array.Clear(_wantStamp);
            _callStamp = 1;
        }
        return _callStamp;
    }

    private void Grow(int fd)
    {
        int size = Math.Max(fd + 1, _wantStamp.Length * 2);
        Array.Resize(ref _registrations, size);
        Array.Resize(ref _wantStamp, size);
        Array.Resize(ref _wantEvents, size);
        Array.Resize(ref _wantEntry, size);
        Array.Resize(ref _reportStamp, size);
        Array.Resize(ref _reported, size);
    }

    /// <summary>What the kernel holds for one descriptor number: for which handle, which events, which generation.</summary>
    private struct Registration
    {
        public SafeFdHandle? Handle;
        public short Events;
        public int Generation;
        public int ListIndex;
    }
}
