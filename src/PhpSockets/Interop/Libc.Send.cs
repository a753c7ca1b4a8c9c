using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>write(2): socket_write uses write, not send, as PHP does.</summary>
    [LibraryImport(Name, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(SafeFdHandle fd, byte* buf, nuint len);

    /// <summary>send(2).</summary>
    [LibraryImport(Name, EntryPoint = "send", SetLastError = true)]
    internal static partial nint Send(SafeFdHandle fd, byte* buf, nuint len, int flags);

    /// <summary>sendto(2).</summary>
    [LibraryImport(Name, EntryPoint = "sendto", SetLastError = true)]
    internal static partial nint SendTo(SafeFdHandle fd, byte* buf, nuint len, int flags, byte* addr, int addrLen);
}
