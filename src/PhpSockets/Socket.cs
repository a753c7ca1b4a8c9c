using System.Threading;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// PHP 8's final <c>Socket</c> class: one descriptor, the address family recorded when it was made,
/// its own last error and its blocking mode. Made only by the <c>socket_*</c> functions; it has no
/// public constructor, as PHP's cannot be built with <c>new</c>. Two Socket objects are equal only
/// when they are the same object, as in PHP.
/// </summary>
public sealed class Socket
{
    private readonly SafeFdHandle _handle;
    private int _closed;

    internal Socket(SafeFdHandle handle, int family)
    {
        _handle = handle;
        Family = family;
        Blocking = true;
    }

    /// <summary>
    /// The descriptor handle; a libc call that takes it holds it open for the call's duration. Once a
    /// linked stream has closed the descriptor, a handle of descriptor -1, so calls fail with EBADF as in PHP.
    /// </summary>
    internal SafeFdHandle Handle => Link is null ? _handle : Link.HandleFor(_handle);

    /// <summary>
    /// The stream this socket was exported to or imported from (PHP's <c>zstream</c>), or null.
    /// socket_close closes it; when it is closed first, the descriptor goes with it.
    /// </summary>
    internal SocketLink? Link { get; set; }

    /// <summary>The descriptor number, or -1 once closed (PHP sets <c>bsd_socket</c> to -1).</summary>
    public int Descriptor => IsClosed ? -1 : _handle.Descriptor;

    /// <summary>The address family PHP recorded for this socket (AF_UNIX, AF_INET, AF_INET6).</summary>
    public int Family { get; }

    /// <summary>True once <c>socket_close</c> has run on it.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>
    /// Whether child processes started from now on (Process.Start, exec) inherit the descriptor.
    /// False from the start: PhpSockets makes every descriptor close-on-exec, as .NET does its own,
    /// so that no child keeps a connection or a listening port open behind the program's back
    /// (PHP 8.2's are inheritable; PHP code cannot tell). Set it true to hand the socket to a
    /// child, e.g. a listener passed to a worker process. Throws <see cref="PhpError"/> once closed.
    /// </summary>
    public bool InheritableByChildProcesses
    {
        get
        {
            SafeFdHandle handle = OpenHandle();
            return (Libc.Fcntl(handle, Libc.F_GETFD, 0) & Libc.FD_CLOEXEC) == 0;
        }
        set
        {
            SafeFdHandle handle = OpenHandle();
            int flags = Libc.Fcntl(handle, Libc.F_GETFD, 0);
            // F_GETFD and F_SETFD fail only on a descriptor that is not open, which a handle in use cannot be.
            Libc.Fcntl(handle, Libc.F_SETFD, value ? flags & ~Libc.FD_CLOEXEC : flags | Libc.FD_CLOEXEC);
        }
    }

    private SafeFdHandle OpenHandle()
    {
        if (IsClosed) throw new PhpError("Socket::InheritableByChildProcesses: the socket has already been closed");
        return Handle;
    }

    /// <summary>This socket's last error (PHP's per-socket <c>error</c>).</summary>
    internal int Error { get; set; }

    /// <summary>PHP's <c>blocking</c> flag: true unless set non-blocking through PhpSockets.</summary>
    internal bool Blocking { get; set; }

    /// <summary>The SO_TYPE of the socket, read once when first needed (PHP_NORMAL_READ needs it).</summary>
    internal int SocketType { get; set; }

    /// <summary>
    /// Marks the socket closed and releases the descriptor: closed at once, or, when calls on other
    /// threads still hold it, shut down so that they return, and closed when the last of them ends
    /// (the handle counts its users, so the number is not reused under them). Returns false when it
    /// was already closed.
    /// </summary>
    internal bool Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return false;
        _handle.CloseWakingUsers();
        Link?.Close();
        return true;
    }
}
