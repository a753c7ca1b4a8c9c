using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

/// <summary>
/// Calls without the GC transition, for calls that cannot block.
/// <para>
/// The rule: a call may skip the transition ([SuppressGCTransition]: the thread stays in cooperative
/// mode, so a GC waits for the call to return) only if the kernel cannot make it wait. These entry
/// points therefore add MSG_DONTWAIT to the flags themselves: with it recv and send never sleep, whatever
/// the descriptor's O_NONBLOCK says, even if another process (or code with the raw descriptor) made the
/// socket blocking behind PhpSockets' back. <see cref="SocketFunctions"/> takes them only where the
/// PHP-visible behaviour is the same: on a socket set non-blocking through PhpSockets, or when the caller
/// passed MSG_DONTWAIT itself (<see cref="SocketFunctions.WaitsForPeer"/> decides; a test holds a
/// blocking read through a forced GC). close(2) is not here: with SO_LINGER it can block.
/// </para>
/// <para>
/// The same rule applied elsewhere: ppoll(2) and epoll_wait(2) skip the transition only with a zero
/// timeout (a peek: <see cref="PollWaits"/>, <see cref="EpollWaitWaits"/>); any other timeout, or none,
/// is a wait and keeps it. fcntl (F_GETFL, F_SETFL, F_GETFD, F_SETFD, F_DUPFD_CLOEXEC: never a lock
/// command), getsockopt, setsockopt, getsockname and getpeername never wait and are declared without
/// it where they are declared (Libc.Fcntl.cs, Libc.SocketOption.cs, Libc.SocketName.cs).
/// </para>
/// </summary>
internal static unsafe partial class Libc
{
    internal const int MSG_DONTWAIT = 0x40;

    /// <summary>recv(2) with MSG_DONTWAIT: never blocks.</summary>
    internal static nint RecvNoWait(SafeFdHandle fd, byte* buf, nuint len, int flags)
    {
        // Held by Enter/Exit, not the marshaller's SafeHandle reference: cheaper, same guarantee. No
        // try/finally: a call without the GC transition cannot be interrupted by an exception.
        nint received = RecvSuppressed(fd.Enter(), buf, len, flags | MSG_DONTWAIT);
        fd.Exit();
        return received;
    }

    /// <summary>send(2) with MSG_DONTWAIT: never blocks.</summary>
    internal static nint SendNoWait(SafeFdHandle fd, byte* buf, nuint len, int flags)
    {
        nint sent = SendSuppressed(fd.Enter(), buf, len, flags | MSG_DONTWAIT);
        fd.Exit();
        return sent;
    }

    /// <summary>ppoll(2): without the GC transition when <paramref name="timeout"/> is zero, a peek that cannot wait.</summary>
    internal static int Poll(PollFd* fds, nuint count, TimeSpec* timeout) =>
        timeout == null || PollWaits(*timeout) ? PPoll(fds, count, timeout, null) : PPollSuppressed(fds, count, timeout, null);

    /// <summary>epoll_wait(2): without the GC transition when <paramref name="timeoutMilliseconds"/> is 0, a peek that cannot wait.</summary>
    internal static int EpollWaitFor(SafeFdHandle epfd, byte* events, int maxEvents, int timeoutMilliseconds) =>
        EpollWaitWaits(timeoutMilliseconds)
            ? EpollWait(epfd, events, maxEvents, timeoutMilliseconds)
            : EpollWaitSuppressed(epfd, events, maxEvents, timeoutMilliseconds);

    /// <summary>Whether a ppoll with <paramref name="timeout"/> may wait: every timeout but zero (and no timeout, for ever).</summary>
    internal static bool PollWaits(in TimeSpec timeout) => timeout.Seconds != 0 || timeout.Nanoseconds != 0;

    /// <summary>Whether an epoll_wait with <paramref name="timeoutMilliseconds"/> may wait: every timeout but 0 (negative is for ever).</summary>
    internal static bool EpollWaitWaits(int timeoutMilliseconds) => timeoutMilliseconds != 0;

    [LibraryImport(Name, EntryPoint = "ppoll", SetLastError = true)]
    [SuppressGCTransition]
    private static partial int PPollSuppressed(PollFd* fds, nuint count, TimeSpec* timeout, void* sigmask);

    [LibraryImport(Name, EntryPoint = "epoll_wait", SetLastError = true)]
    [SuppressGCTransition]
    private static partial int EpollWaitSuppressed(SafeFdHandle epfd, byte* events, int maxEvents, int timeoutMilliseconds);

    [LibraryImport(Name, EntryPoint = "recv", SetLastError = true)]
    [SuppressGCTransition]
    private static partial nint RecvSuppressed(int fd, byte* buf, nuint len, int flags);

    [LibraryImport(Name, EntryPoint = "send", SetLastError = true)]
    [SuppressGCTransition]
    private static partial nint SendSuppressed(int fd, byte* buf, nuint len, int flags);
}
