using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

/// <summary>struct pollfd (8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    internal int Fd;
    internal short Events;
    internal short REvents;
}

/// <summary>struct timespec (16 bytes on 64-bit Linux).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TimeSpec
{
    internal long Seconds;
    internal long Nanoseconds;
}

internal static unsafe partial class Libc
{
    internal const short POLLIN = 0x001;
    internal const short POLLPRI = 0x002;
    internal const short POLLOUT = 0x004;
    internal const short POLLERR = 0x008;
    internal const short POLLHUP = 0x010;
    internal const short POLLNVAL = 0x020;
    internal const short POLLRDNORM = 0x040;
    internal const short POLLRDBAND = 0x080;
    internal const short POLLWRNORM = 0x100;
    internal const short POLLWRBAND = 0x200;

    /// <summary>ppoll(2): poll with a microsecond-exact timeout (select's precision) and no FD_SETSIZE limit.</summary>
    [LibraryImport(Name, EntryPoint = "ppoll", SetLastError = true)]
    internal static partial int PPoll(PollFd* fds, nuint count, TimeSpec* timeout, void* sigmask);
}
