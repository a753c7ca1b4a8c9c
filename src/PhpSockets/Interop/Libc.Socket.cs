using System.Runtime.InteropServices;

namespace PhpSockets.Interop;

internal static unsafe partial class Libc
{
    /// <summary>socket(2)'s type flag that makes the new descriptor close-on-exec.</summary>
    internal const int SOCK_CLOEXEC = 0x80000;

    /// <summary>
    /// socket(2), close-on-exec (see <see cref="FD_CLOEXEC"/>). The flag is OR-ed into the type after
    /// PHP's own type check, so the type the caller gave is what PHP would pass, and a type the
    /// kernel refuses is still refused with the same errno.
    /// </summary>
    internal static int Socket(int domain, int type, int protocol) => SocketRaw(domain, type | SOCK_CLOEXEC, protocol);

    /// <summary>socketpair(2), both descriptors close-on-exec.</summary>
    internal static int SocketPair(int domain, int type, int protocol, int* sv) => SocketPairRaw(domain, type | SOCK_CLOEXEC, protocol, sv);

    [LibraryImport(Name, EntryPoint = "socket", SetLastError = true)]
    private static partial int SocketRaw(int domain, int type, int protocol);

    [LibraryImport(Name, EntryPoint = "socketpair", SetLastError = true)]
    private static partial int SocketPairRaw(int domain, int type, int protocol, int* sv);
}
