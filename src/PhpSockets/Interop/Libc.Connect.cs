using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>connect(2). Never call again after EINTR: the handshake goes on in the kernel.</summary>
    [LibraryImport(Name, EntryPoint = "connect", SetLastError = true)]
    internal static partial int Connect(SafeFdHandle fd, byte* addr, int addrLen);
}
