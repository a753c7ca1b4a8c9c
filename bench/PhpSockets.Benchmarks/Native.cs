using System;
using System.Runtime.InteropServices;

namespace PhpSockets.Benchmarks;

/// <summary>The few libc calls the benchmarks need outside PhpSockets: socketpair for the System.Net.Sockets side, RLIMIT_NOFILE.</summary>
internal static unsafe partial class Native
{
    private const int RLIMIT_NOFILE = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    private static partial int SocketPair(int domain, int type, int protocol, int* fds);

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, RLimit* limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, RLimit* limit);

    /// <summary>An AF_UNIX SOCK_STREAM pair as two System.Net.Sockets.Socket objects (.NET has no socketpair).</summary>
    public static (System.Net.Sockets.Socket, System.Net.Sockets.Socket) NetSocketPair()
    {
        int* fds = stackalloc int[2];
        if (SocketPair(1 /* AF_UNIX */, 1 /* SOCK_STREAM */, 0, fds) != 0)
            throw new InvalidOperationException($"socketpair failed: errno {Marshal.GetLastPInvokeError()}");
        return (new System.Net.Sockets.Socket(new System.Net.Sockets.SafeSocketHandle(fds[0], true)),
                new System.Net.Sockets.Socket(new System.Net.Sockets.SafeSocketHandle(fds[1], true)));
    }

    /// <summary>
    /// Raises the soft descriptor limit to at least <paramref name="wanted"/> (and the hard one too when
    /// running as root); .NET already raised the soft limit to the hard one at start-up.
    /// </summary>
    public static ulong RaiseDescriptorLimit(ulong wanted)
    {
        RLimit limit;
        if (GetRLimit(RLIMIT_NOFILE, &limit) != 0) return 0;
        if (limit.Current >= wanted) return limit.Current;
        RLimit raised = new() { Current = wanted, Maximum = Math.Max(wanted, limit.Maximum) };
        if (SetRLimit(RLIMIT_NOFILE, &raised) == 0) return wanted;
        raised = new() { Current = limit.Maximum, Maximum = limit.Maximum };
        SetRLimit(RLIMIT_NOFILE, &raised);
        return limit.Maximum;
    }
}
