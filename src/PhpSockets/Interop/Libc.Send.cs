using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>sendto(2).</summary>
    [LibraryImport(Name, EntryPoint = "sendto", SetLastError = true)]
    internal static partial nint SendTo(SafeFdHandle fd, byte* buf, nuint len, int flags, byte* addr, int addrLen);
}
