using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>listen(2).</summary>
    [LibraryImport(Name, EntryPoint = "listen", SetLastError = true)]
    internal static partial int Listen(SafeFdHandle fd, int backlog);
}
