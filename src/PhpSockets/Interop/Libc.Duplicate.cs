using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>fcntl's F_DUPFD_CLOEXEC: the lowest free descriptor at or above the argument, close-on-exec.</summary>
    internal const int F_DUPFD_CLOEXEC = 1030;

    /// <summary>
    /// fcntl(2) on a descriptor number that another owner (a .NET SafeSocketHandle) keeps open; the
    /// caller holds that owner's reference for the duration of the call.
    /// </summary>
    [LibraryImport(Name, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int FcntlDescriptor(int fd, int cmd, int arg);
}
