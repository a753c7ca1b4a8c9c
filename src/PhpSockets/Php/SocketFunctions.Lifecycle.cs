using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_create(int $domain, int $type, int $protocol): Socket|false</c>. The domain must be
    /// AF_UNIX, AF_INET or AF_INET6; a type above 10 is refused (PHP checks only that bound, so other
    /// values reach the kernel). Failure: null, the global last error and a warning.
    /// </summary>
    public static Socket? socket_create(long domain, long type, long protocol)
    {
        CheckDomainAndType(nameof(socket_create), domain, type);
        int fd = Libc.Socket((int)domain, (int)type, (int)protocol);
        if (fd < 0)
        {
            SocketErrors.RecordGlobal(nameof(socket_create), "Unable to create socket", SocketErrors.Errno());
            return null;
        }
        return new Socket(new SafeFdHandle(fd, ownsHandle: true), (int)domain);
    }

    /// <summary>
    /// <c>socket_create_pair(int $domain, int $type, int $protocol, &amp;$pair): bool</c>: socketpair(2).
    /// On success <paramref name="pair"/> becomes the two connected sockets; on failure it is untouched.
    /// </summary>
    public static unsafe bool socket_create_pair(long domain, long type, long protocol, ref Socket[]? pair)
    {
        CheckDomainAndType(nameof(socket_create_pair), domain, type);
        int* fds = stackalloc int[2];
        if (Libc.SocketPair((int)domain, (int)type, (int)protocol, fds) != 0)
        {
            SocketErrors.RecordGlobal(nameof(socket_create_pair), "Unable to create socket pair", SocketErrors.Errno());
            return false;
        }
        pair =
        [
            new Socket(new SafeFdHandle(fds[0], ownsHandle: true), (int)domain),
            new Socket(new SafeFdHandle(fds[1], ownsHandle: true), (int)domain),
        ];
        return true;
    }

    private static void CheckDomainAndType(string function, long domain, long type)
    {
        if (domain != AF_UNIX && domain != AF_INET && domain != AF_INET6)
            throw new PhpValueError($"{function}(): Argument #1 ($domain) must be one of AF_UNIX, AF_INET6, or AF_INET");
        if (type > 10)
            throw new PhpValueError($"{function}(): Argument #2 ($type) must be one of SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW, or SOCK_RDM");
    }

    /// <summary>
    /// <c>socket_create_listen(int $port, int $backlog = 128): Socket|false</c>: a TCP socket bound to
    /// 0.0.0.0:<paramref name="port"/> and listening, without SO_REUSEADDR, as PHP makes it.
    /// </summary>
    public static unsafe Socket? socket_create_listen(long port, long backlog = 128)
    {
        const string fn = nameof(socket_create_listen);
        ushort checkedPort = SocketErrors.CheckPort(fn, 1, port);
        int fd = Libc.Socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
        {
            SocketErrors.Record(null, fn, "unable to create listening socket", SocketErrors.Errno());
            return null;
        }
        var handle = new SafeFdHandle(fd, ownsHandle: true);
        SockAddrStorage storage = default;
        byte* sa = (byte*)&storage;
        int length = SocketAddress.EncodeInet(new System.Span<byte>(sa, SockAddrStorage.Size), [0, 0, 0, 0], checkedPort);
        if (Libc.Bind(handle, sa, length) != 0)
        {
            SocketErrors.Record(null, fn, "unable to bind to given address", SocketErrors.Errno());
            handle.Dispose();
            return null;
        }
        if (Libc.Listen(handle, (int)backlog) != 0)
        {
            SocketErrors.Record(null, fn, "unable to listen on socket", SocketErrors.Errno());
            handle.Dispose();
            return null;
        }
        return new Socket(handle, AF_INET);
    }

    /// <summary>
    /// <c>socket_accept(Socket $socket): Socket|false</c>. The new socket's family is that of the peer
    /// address. A failure is recorded globally only (PHP stores it on the discarded new object, never
    /// on the listener); EAGAIN on a non-blocking listener gives null without a warning.
    /// </summary>
    public static unsafe Socket? socket_accept(Socket socket)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_accept));
        SockAddrStorage storage = default;
        int length = SockAddrStorage.Size;
        int fd = Libc.Accept(socket.Handle, (byte*)&storage, &length);
        if (fd < 0)
        {
            SocketErrors.Record(null, nameof(socket_accept), "unable to accept incoming connection", SocketErrors.Errno());
            return null;
        }
        return new Socket(new SafeFdHandle(fd, ownsHandle: true), SocketAddress.Family(storage));
    }

    /// <summary><c>socket_listen(Socket $socket, int $backlog = 0): bool</c>. PHP's default backlog is 0.</summary>
    public static bool socket_listen(Socket socket, long backlog = 0)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_listen));
        if (Libc.Listen(socket.Handle, (int)backlog) == 0) return true;
        SocketErrors.Record(socket, nameof(socket_listen), "unable to listen on socket", SocketErrors.Errno());
        return false;
    }

    /// <summary>
    /// <c>socket_close(Socket $socket): void</c>. The object stays, marked closed; any later use throws
    /// PHP's Error. A linked stream (socket_export_stream, socket_import_stream) is closed with it; when
    /// that stream was closed already, PHP's TypeError follows, the socket being closed all the same.
    /// </summary>
    public static void socket_close(Socket socket)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_close));
        bool streamAlreadyClosed = socket.Link is { IsClosed: true };
        socket.Close();
        if (streamAlreadyClosed) throw new PhpTypeError("socket_close(): supplied resource is not a valid stream resource");
    }

    /// <summary><c>socket_set_nonblock(Socket $socket): bool</c>: sets O_NONBLOCK.</summary>
    public static bool socket_set_nonblock(Socket socket) => SetBlocking(socket, false, nameof(socket_set_nonblock), "unable to set nonblocking mode");

    /// <summary><c>socket_set_block(Socket $socket): bool</c>: clears O_NONBLOCK.</summary>
    public static bool socket_set_block(Socket socket) => SetBlocking(socket, true, nameof(socket_set_block), "unable to set blocking mode");

    private static bool SetBlocking(Socket socket, bool block, string function, string message)
    {
        SocketErrors.EnsureOpen(socket, function);
        int flags = Libc.Fcntl(socket.Handle, Libc.F_GETFL, 0);
        flags = block ? flags & ~Libc.O_NONBLOCK : flags | Libc.O_NONBLOCK;
        if (Libc.Fcntl(socket.Handle, Libc.F_SETFL, flags) == -1)
        {
            SocketErrors.Record(socket, function, message, SocketErrors.Errno());
            return false;
        }
        socket.Blocking = block;
        return true;
    }

    /// <summary>
    /// <c>socket_shutdown(Socket $socket, int $mode = 2): bool</c>: 0 stops reading, 1 writing, 2 both
    /// (PHP has no constants for these). The descriptor stays open.
    /// </summary>
    public static bool socket_shutdown(Socket socket, long mode = 2)
    {
        SocketErrors.EnsureOpen(socket, nameof(socket_shutdown));
        if (Libc.Shutdown(socket.Handle, (int)mode) == 0) return true;
        SocketErrors.Record(socket, nameof(socket_shutdown), "Unable to shutdown socket", SocketErrors.Errno());
        return false;
    }
}
