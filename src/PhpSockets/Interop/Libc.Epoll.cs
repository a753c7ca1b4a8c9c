using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>epoll_create1's flag: the epoll descriptor is close-on-exec.</summary>
    internal const int EPOLL_CLOEXEC = 0x80000;

    internal const int EPOLL_CTL_ADD = 1;
    internal const int EPOLL_CTL_DEL = 2;
    internal const int EPOLL_CTL_MOD = 3;

    /// <summary>
    /// The size of struct epoll_event: packed to 12 bytes on x86-64 (its data field at offset 4),
    /// naturally aligned to 16 elsewhere (data at offset 8).
    /// </summary>
    internal static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    /// <summary>The offset of epoll_event's 64-bit data field.</summary>
    internal static readonly int EpollDataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    /// <summary>epoll_create1(2).</summary>
    [LibraryImport(Name, EntryPoint = "epoll_create1", SetLastError = true)]
    internal static partial int EpollCreate1(int flags);

    /// <summary>epoll_ctl(2); <paramref name="ev"/> points to one struct epoll_event (null for EPOLL_CTL_DEL).</summary>
    [LibraryImport(Name, EntryPoint = "epoll_ctl", SetLastError = true)]
    internal static partial int EpollCtl(SafeFdHandle epfd, int op, int fd, byte* ev);

    /// <summary>epoll_wait(2) into <paramref name="events"/>, an array of struct epoll_event.</summary>
    [LibraryImport(Name, EntryPoint = "epoll_wait", SetLastError = true)]
    internal static partial int EpollWait(SafeFdHandle epfd, byte* events, int maxEvents, int timeoutMilliseconds);
}
