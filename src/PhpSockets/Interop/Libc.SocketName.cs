using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>getsockname(2).</summary>
    [LibraryImport(Name, EntryPoint = "getsockname", SetLastError = true)]
    internal static partial int GetSockName(SafeFdHandle fd, byte* addr, int* addrLen);

    /// <summary>getpeername(2).</summary>
    [LibraryImport(Name, EntryPoint = "getpeername", SetLastError = true)]
    internal static partial int GetPeerName(SafeFdHandle fd, byte* addr, int* addrLen);
}
