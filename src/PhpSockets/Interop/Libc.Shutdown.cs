using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>shutdown(2).</summary>
    [LibraryImport(Name, EntryPoint = "shutdown", SetLastError = true)]
    internal static partial int Shutdown(SafeFdHandle fd, int how);

    /// <summary>shutdown(2) on a raw descriptor, used to wake threads blocked on a socket being closed.</summary>
    [LibraryImport(Name, EntryPoint = "shutdown", SetLastError = true)]
    internal static partial int Shutdown(int fd, int how);
}
