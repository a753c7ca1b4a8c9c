using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>socket(2).</summary>
    [LibraryImport(Name, EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    /// <summary>socketpair(2).</summary>
    [LibraryImport(Name, EntryPoint = "socketpair", SetLastError = true)]
    internal static partial int SocketPair(int domain, int type, int protocol, int* sv);
}
