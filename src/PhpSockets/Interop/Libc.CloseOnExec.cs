namespace PhpSockets.Interop;

internal static partial class Libc
{
    /// <summary>
    /// The descriptor flag close-on-exec, which every descriptor PhpSockets makes carries and PHP
    /// 8.2's do not: a .NET process starts children (Process.Start) from any thread at any time, and
    /// a socket without it lives on in every child started while it is open. A closed connection then
    /// never reaches its peer as end-of-stream, and a listening port stays bound after the server
    /// exits. .NET's own sockets and files are close-on-exec for that reason. PHP code cannot observe
    /// the flag; a descriptor meant for a child is handed over with <see cref="Socket.InheritableByChildProcesses"/>.
    /// </summary>
    internal const int FD_CLOEXEC = 1;

    /// <summary>fcntl's F_GETFD: the descriptor flags.</summary>
    internal const int F_GETFD = 1;

    /// <summary>fcntl's F_SETFD: sets the descriptor flags.</summary>
    internal const int F_SETFD = 2;

    /// <summary>recvmsg(2)'s flag that makes descriptors received with SCM_RIGHTS close-on-exec.</summary>
    internal const int MSG_CMSG_CLOEXEC = 0x40000000;
}
