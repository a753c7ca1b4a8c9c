using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>recv(2).</summary>
    [LibraryImport(Name, EntryPoint = "recv", SetLastError = true)]
    internal static partial nint Recv(SafeFdHandle fd, byte* buf, nuint len, int flags);

    /// <summary>recvfrom(2).</summary>
    [LibraryImport(Name, EntryPoint = "recvfrom", SetLastError = true)]
    internal static partial nint RecvFrom(SafeFdHandle fd, byte* buf, nuint len, int flags, byte* addr, int* addrLen);
}
