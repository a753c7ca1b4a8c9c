using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>read(2): PHP 4.0's read() used it, so it works on any descriptor, not only sockets.</summary>
    [LibraryImport(Name, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(SafeFdHandle fd, byte* buf, nuint count);
}
