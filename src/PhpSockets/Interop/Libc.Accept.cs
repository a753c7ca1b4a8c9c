using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>
    /// accept(2) as accept4(2) with SOCK_CLOEXEC (see <see cref="FD_CLOEXEC"/>): PHP 8.2 calls plain
    /// accept, and accept4 with only that flag fails and succeeds exactly as accept does.
    /// </summary>
    internal static int Accept(SafeFdHandle fd, byte* addr, int* addrLen) => Accept4(fd, addr, addrLen, SOCK_CLOEXEC);

    [LibraryImport(Name, EntryPoint = "accept4", SetLastError = true)]
    private static partial int Accept4(SafeFdHandle fd, byte* addr, int* addrLen, int flags);
}
