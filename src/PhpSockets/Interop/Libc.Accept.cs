using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>accept(2): PHP 8.2 uses plain accept, so the new descriptor has no FD_CLOEXEC.</summary>
    [LibraryImport(Name, EntryPoint = "accept", SetLastError = true)]
    internal static partial int Accept(SafeFdHandle fd, byte* addr, int* addrLen);
}
