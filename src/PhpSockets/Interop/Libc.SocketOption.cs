using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>getsockopt(2).</summary>
    [LibraryImport(Name, EntryPoint = "getsockopt", SetLastError = true)]
    internal static partial int GetSockOpt(SafeFdHandle fd, int level, int option, void* value, int* valueLen);

    /// <summary>setsockopt(2).</summary>
    [LibraryImport(Name, EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(SafeFdHandle fd, int level, int option, void* value, int valueLen);
}
