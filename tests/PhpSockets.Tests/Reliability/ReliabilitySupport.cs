using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Xunit;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Tests.Reliability;

/// <summary>
/// What the fault and thread tests need beyond <see cref="UnitTestSupport"/>: the native thread of a
/// blocked call (its tid and pthread_t), the system call it is sleeping in (read from
/// /proc/self/task/TID/syscall, so a test waits for "blocked in accept" instead of sleeping for a
/// while), a signal handler installed without SA_RESTART, and the descriptor table.
/// </summary>
internal static unsafe partial class ReliabilitySupport
{
    /// <summary>The longest a test waits for a thread to reach a blocking call (the machine may be busy).</summary>
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    internal const int SIGUSR1 = 10;
    internal const int SIGUSR2 = 12;

    /// <summary>System call numbers of the calls a test waits for, per architecture (asm/unistd_64.h, asm-generic/unistd.h).</summary>
    internal static class Syscalls
    {
        private static readonly bool s_arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

        internal static readonly int[] Read = s_arm64 ? [63] : [0];
        internal static readonly int[] Write = s_arm64 ? [64] : [1];
        internal static readonly int[] Accept = s_arm64 ? [202, 242] : [43, 288]; // accept, accept4
        internal static readonly int[] Recv = s_arm64 ? [207] : [45]; // recv(3) is recvfrom(2)
        internal static readonly int[] Send = s_arm64 ? [206] : [44]; // send(3) is sendto(2)
        internal static readonly int[] PPoll = s_arm64 ? [73] : [271];
        internal static readonly int[] EpollWait = s_arm64 ? [22, 441] : [232, 281, 441]; // epoll_wait, epoll_pwait, epoll_pwait2
        internal static readonly int[] RecvMsg = s_arm64 ? [212] : [47];
        internal static readonly int[] Connect = s_arm64 ? [203] : [42];
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    internal static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "pthread_self")]
    internal static partial nuint PthreadSelf();

    [LibraryImport("libc", EntryPoint = "pthread_kill")]
    internal static partial int PthreadKill(nuint thread, int signal);

    internal const int F_GETFL = 3;
    internal const int O_NONBLOCK = 0x800;

    [LibraryImport("libc", EntryPoint = "fcntl")]
    internal static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "dup")]
    internal static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    internal static partial int CloseRaw(int fd);

    [LibraryImport("libc", EntryPoint = "read")]
    private static partial nint Read(int fd, byte* buffer, nuint count);

    /// <summary>read(2) on a raw descriptor; the count read or -1.</summary>
    internal static int ReadRaw(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer) return (int)Read(fd, p, (nuint)buffer.Length);
    }

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    private static partial int SigAction(int signal, SigActionStruct* action, SigActionStruct* previous);

    /// <summary>glibc's struct sigaction (x86_64 and arm64): handler, 1024-bit mask, flags, restorer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct SigActionStruct
    {
        public nint Handler;
        public fixed ulong Mask[16];
        public int Flags;
        public nint Restorer;
    }

    private const int SA_RESTART = 0x10000000;
    private static readonly object s_signalLock = new();
    private static int s_interruptSignal;
    private static int s_restartSignal;

    /// <summary>
    /// A signal whose handler runs no managed code and is installed without SA_RESTART, so a blocking
    /// call it interrupts fails with EINTR instead of being restarted by the kernel (signal(7)). The
    /// handler is libc's getpid: native, async-signal-safe, and it ignores its argument. The runtime
    /// leaves SIGUSR1 and SIGUSR2 at their default action (checked: a signal someone else handles is
    /// not taken); the handler stays installed for the life of the test process, so a late signal
    /// cannot kill it.
    /// </summary>
    internal static int InterruptSignal
    {
        get
        {
            lock (s_signalLock) return s_interruptSignal != 0 ? s_interruptSignal : s_interruptSignal = InstallNoOpHandler(0);
        }
    }

    /// <summary>
    /// A signal with the same no-op handler installed with SA_RESTART, as the .NET runtime installs
    /// its own handlers (SIGCHLD, SIGCONT, SIGWINCH, ...): the kernel restarts accept and recv after
    /// it, but never ppoll.
    /// </summary>
    internal static int RestartingSignal
    {
        get
        {
            lock (s_signalLock) return s_restartSignal != 0 ? s_restartSignal : s_restartSignal = InstallNoOpHandler(SA_RESTART);
        }
    }

    private static int InstallNoOpHandler(int flags)
    {
        nint handler = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "getpid");
        foreach (int signal in new[] { SIGUSR1, SIGUSR2 })
        {
            if (signal == s_interruptSignal || signal == s_restartSignal) continue;
            SigActionStruct previous = default;
            Assert.Equal(0, SigAction(signal, null, &previous));
            if (previous.Handler != 0) continue; // not SIG_DFL: someone in this process uses it
            SigActionStruct action = default; // empty mask, no SA_SIGINFO
            action.Handler = handler;
            action.Flags = flags;
            Assert.Equal(0, SigAction(signal, &action, null));
            return signal;
        }
        Assert.Fail("no free signal among SIGUSR1 and SIGUSR2 for the signal tests");
        return 0;
    }

    /// <summary>The handler and flags installed for <paramref name="signal"/>, for diagnostics.</summary>
    internal static string Disposition(int signal)
    {
        SigActionStruct current = default;
        Assert.Equal(0, SigAction(signal, null, &current));
        return $"signal {signal}: handler 0x{current.Handler:x}, flags 0x{current.Flags:x}";
    }

    /// <summary>Whether <paramref name="signal"/> is still pending for thread <paramref name="tid"/> (not yet delivered).</summary>
    internal static bool IsPending(int tid, int signal)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/self/task/{tid}/status"))
            {
                if (!line.StartsWith("SigPnd:", StringComparison.Ordinal)) continue;
                ulong mask = Convert.ToUInt64(line[7..].Trim(), 16);
                return (mask & (1UL << (signal - 1))) != 0;
            }
        }
        catch (IOException)
        {
            // The thread has ended.
        }
        return false;
    }

    /// <summary>
    /// The system call <paramref name="tid"/> is sleeping in, or -1 when it is running (or gone):
    /// the first field of /proc/self/task/TID/syscall, which the kernel fills only for a task that is
    /// not running, so a number there means the thread is blocked inside that call.
    /// </summary>
    internal static int BlockedIn(int tid)
    {
        try
        {
            string text = File.ReadAllText($"/proc/self/task/{tid}/syscall");
            int space = text.IndexOf(' ');
            return int.TryParse(space < 0 ? text.Trim() : text[..space], out int number) ? number : -1;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>The descriptor numbers open in this process now.</summary>
    internal static HashSet<int> OpenDescriptors()
    {
        var result = new HashSet<int>();
        foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), out int fd)) result.Add(fd);
        }
        return result;
    }

    /// <summary>What descriptor <paramref name="fd"/> is (e.g. "socket:[12345]"), or null when it is not open.</summary>
    internal static string? DescriptorTarget(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// A connected TCP pair over loopback (client, accepted side) with no receive or send timeout:
    /// UnitTestSupport's pairs have them as a safety net, but a timeout changes what the kernel does
    /// with a signal (EINTR even under SA_RESTART) and ends blocked calls by itself, which is what
    /// these tests are about. Their waits are bounded by <see cref="BlockingCall{T}"/> instead.
    /// </summary>
    internal static (Socket Client, Socket Server) PlainTcpPair(int family = AF_INET)
    {
        Socket listener = UnitTestSupport.Listener(family, out int port);
        Socket client = socket_create(family, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_connect(client, UnitTestSupport.LoopbackAddress(family), port));
        Socket server = PlainAccept(listener);
        socket_close(listener);
        return (client, server);
    }

    /// <summary>
    /// A TCP listener on 127.0.0.1 whose accept queue is full (backlog 0 holds one connection; four
    /// non-blocking connects to be sure), so the kernel drops further SYNs and a blocking connect to
    /// it waits. The queued client sockets are added to <paramref name="queued"/> for the caller to close.
    /// </summary>
    internal static Socket ListenerWithFullBacklog(out int port, List<Socket> queued)
    {
        Socket listener = UnitTestSupport.Listener(AF_INET, out port);
        Assert.True(socket_listen(listener, 0));
        for (int i = 0; i < 4; i++)
        {
            Socket c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
            socket_set_nonblock(c);
            queued.Add(c);
            int target = port;
            UnitTestSupport.Warnings(() => socket_connect(c, "127.0.0.1", target));
        }
        return listener;
    }

    /// <summary>A connected AF_UNIX pair of <paramref name="type"/>, with no timeouts (see <see cref="PlainTcpPair"/>).</summary>
    internal static (Socket A, Socket B) PlainUnixPair(int type = SOCK_STREAM)
    {
        Socket[]? pair = null;
        Assert.True(socket_create_pair(AF_UNIX, type, 0, ref pair));
        return (pair![0], pair[1]);
    }

    /// <summary>Accepts once select says a connection waits; the accepted socket has no timeouts.</summary>
    internal static Socket PlainAccept(Socket listener)
    {
        UnitTestSupport.WaitReadable(listener);
        Socket? accepted = socket_accept(listener);
        Assert.NotNull(accepted);
        return accepted;
    }

    /// <summary>Sets SO_LINGER to on, 0 seconds, and closes: the peer gets a reset (RST), not a FIN.</summary>
    internal static void CloseWithReset(Socket socket)
    {
        Assert.True(socket_set_option(socket, SOL_SOCKET, SO_LINGER, new PhpArray { ["l_onoff"] = 1L, ["l_linger"] = 0L }));
        socket_close(socket);
    }

    /// <summary>Fills the socket's send buffer (and the peer's receive buffer) until a write would block; restores blocking mode.</summary>
    internal static long FillSendBuffer(Socket socket)
    {
        Assert.True(socket_set_nonblock(socket));
        var chunk = new byte[64 * 1024];
        long total = 0;
        var warnings = new List<PhpWarning>();
        using (PhpWarnings.Capture(warnings))
        {
            while (socket_write(socket, chunk) is { } written) total += written;
        }
        Assert.Empty(warnings);
        Assert.Equal(SOCKET_EAGAIN, socket_last_error(socket));
        socket_clear_error(socket);
        Assert.True(socket_set_block(socket));
        return total;
    }
}

/// <summary>
/// A socket call made on its own thread, with PHP's warnings of that thread collected and the
/// thread's global last error read right after the call. The test can see which system call the
/// thread is blocked in, send it a signal, and wait (bounded) for the call's end.
/// </summary>
internal sealed class BlockingCall<T>
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _started = new();
    private T _result = default!;
    private Exception? _error;
    private int _tid;
    private nuint _pthread;

    internal BlockingCall(Func<T> call)
    {
        _thread = new Thread(() =>
        {
            _tid = ReliabilitySupport.GetTid();
            _pthread = ReliabilitySupport.PthreadSelf();
            _started.Set();
            var sink = new List<PhpWarning>();
            try
            {
                using (PhpWarnings.Capture(sink))
                {
                    _result = call();
                }
                LastError = socket_last_error();
            }
            catch (Exception e)
            {
                _error = e;
            }
            Warnings = sink.ConvertAll(w => w.Message);
        })
        { IsBackground = true, Name = "blocking socket call" };
        _thread.Start();
        Assert.True(_started.Wait(ReliabilitySupport.Patience), "the call's thread did not start");
    }

    /// <summary>The kernel's id of the call's thread.</summary>
    internal int Tid => _tid;

    /// <summary>The warnings the call raised (valid once it ended).</summary>
    internal List<string> Warnings { get; private set; } = [];

    /// <summary>The thread's socket_last_error() right after the call (valid once it ended).</summary>
    internal int LastError { get; private set; }

    /// <summary>Waits until the thread sleeps in one of <paramref name="syscalls"/>; fails the test if it never does.</summary>
    internal void WaitUntilBlockedIn(int[] syscalls)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReliabilitySupport.Patience)
        {
            if (Array.IndexOf(syscalls, ReliabilitySupport.BlockedIn(_tid)) >= 0) return;
            if (_thread.Join(5)) Assert.Fail($"the call ended before blocking: {(_error is null ? _result : _error)}; warnings [{string.Join("; ", Warnings)}]");
        }
        Assert.Fail($"the call did not block in system call {string.Join("/", syscalls)} (now: {ReliabilitySupport.BlockedIn(_tid)})");
    }

    /// <summary>Whether the thread is still inside one of <paramref name="syscalls"/>.</summary>
    internal bool IsBlockedIn(int[] syscalls) => Array.IndexOf(syscalls, ReliabilitySupport.BlockedIn(_tid)) >= 0;

    internal nuint PThread => _pthread;

    /// <summary>Sends <paramref name="signal"/> to the call's thread alone (pthread_kill).</summary>
    internal void Signal(int signal) => Assert.Equal(0, ReliabilitySupport.PthreadKill(_pthread, signal));

    /// <summary>Whether the call ended within <paramref name="timeout"/>.</summary>
    internal bool Ended(TimeSpan timeout) => _thread.Join(timeout);

    /// <summary>The call's result; fails the test unless it ends within the patience.</summary>
    internal T Result
    {
        get
        {
            Assert.True(_thread.Join(ReliabilitySupport.Patience), "the blocked call did not return");
            if (_error is not null) throw new InvalidOperationException("the call threw", _error);
            return _result;
        }
    }
}
