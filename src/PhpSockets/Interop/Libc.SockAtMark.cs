using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>sockatmark(3): 1 at the out-of-band mark, 0 not, -1 with errno (ioctl SIOCATMARK).</summary>
    [LibraryImport(Name, EntryPoint = "sockatmark", SetLastError = true)]
    internal static partial int SockAtMark(SafeFdHandle fd);
}
