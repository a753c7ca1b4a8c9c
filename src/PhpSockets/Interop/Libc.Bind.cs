using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>bind(2).</summary>
    [LibraryImport(Name, EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(SafeFdHandle fd, byte* addr, int addrLen);
}
