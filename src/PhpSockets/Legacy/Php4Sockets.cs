using PhpSockets.Interop;

namespace PhpSockets.Legacy;

/// <summary>
/// The sockets API of PHP 4.0.2 to 4.0.6, before the <c>socket_</c> prefix: the names that the
/// seed manual page's two examples call (<c>socket</c>, <c>bind</c>, <c>listen</c>,
/// <c>accept_connect</c>, <c>read</c>, <c>write</c>, <c>close</c>, <c>strerror</c>, ...), so that
/// <c>using static PhpSockets.Legacy.Php4Sockets;</c> lets such a script port line for line.
/// <para>
/// As in PHP 4.0, a socket is a plain <see cref="int"/> file descriptor, not a
/// <see cref="Socket"/> and not a SafeHandle: nothing closes it but <see cref="close"/>, and the
/// number may be reused once it is closed. Functions return a count or descriptor (≥ 0) on
/// success and <c>-errno</c> on failure (<c>-111</c> for ECONNREFUSED), or <c>-10000 - h_errno</c>
/// when a host name did not resolve; <see cref="strerror"/> takes that negative code. Nothing is
/// recorded as a last error and no warning is raised for a failed call, as in PHP 4.0.
/// </para>
/// <para>
/// Keep these descriptors apart from the PHP 8 functions of <see cref="SocketFunctions"/>: a
/// <see cref="Socket"/> owns its descriptor and closes it itself.
/// </para>
/// </summary>
public static partial class Php4Sockets
{
    /// <summary>PHP 4.0 constant <c>AF_UNIX</c> (1).</summary>
    public const int AF_UNIX = SocketFunctions.AF_UNIX;
    /// <summary>PHP 4.0 constant <c>AF_INET</c> (2).</summary>
    public const int AF_INET = SocketFunctions.AF_INET;
    /// <summary>PHP 4.0 constant <c>SOCK_STREAM</c> (1).</summary>
    public const int SOCK_STREAM = SocketFunctions.SOCK_STREAM;
    /// <summary>PHP 4.0 constant <c>SOCK_DGRAM</c> (2).</summary>
    public const int SOCK_DGRAM = SocketFunctions.SOCK_DGRAM;
    /// <summary>PHP 4.0 constant <c>SOCK_RAW</c> (3).</summary>
    public const int SOCK_RAW = SocketFunctions.SOCK_RAW;
    /// <summary>PHP 4.0 constant <c>SOCK_SEQPACKET</c> (5).</summary>
    public const int SOCK_SEQPACKET = SocketFunctions.SOCK_SEQPACKET;
    /// <summary>PHP 4.0 constant <c>SOCK_RDM</c> (4).</summary>
    public const int SOCK_RDM = SocketFunctions.SOCK_RDM;
    /// <summary>PHP 4.0 constant <c>MSG_OOB</c> (1).</summary>
    public const int MSG_OOB = SocketFunctions.MSG_OOB;
    /// <summary>PHP 4.0 constant <c>MSG_PEEK</c> (2).</summary>
    public const int MSG_PEEK = SocketFunctions.MSG_PEEK;
    /// <summary>PHP 4.0 constant <c>MSG_DONTROUTE</c> (4).</summary>
    public const int MSG_DONTROUTE = SocketFunctions.MSG_DONTROUTE;
    /// <summary>PHP 4.0 constant <c>MSG_WAITALL</c> (256).</summary>
    public const int MSG_WAITALL = SocketFunctions.MSG_WAITALL;
    /// <summary>PHP 4.0 constant <c>SOL_SOCKET</c> (1).</summary>
    public const int SOL_SOCKET = SocketFunctions.SOL_SOCKET;
    /// <summary>PHP 4.0 constant <c>SOL_TCP</c> (6; PHP 4.0 took it from getprotobyname("tcp")).</summary>
    public const int SOL_TCP = SocketFunctions.SOL_TCP;
    /// <summary>PHP 4.0 constant <c>SOL_UDP</c> (17; PHP 4.0 took it from getprotobyname("udp")).</summary>
    public const int SOL_UDP = SocketFunctions.SOL_UDP;
    /// <summary>PHP 4.0 constant <c>PHP_NORMAL_READ</c> (1): <see cref="read"/> stops after "\n" or "\r". The default.</summary>
    public const int PHP_NORMAL_READ = SocketFunctions.PHP_NORMAL_READ;
    /// <summary>PHP 4.0 constant <c>PHP_BINARY_READ</c> (2): <see cref="read"/> is one read(2).</summary>
    public const int PHP_BINARY_READ = SocketFunctions.PHP_BINARY_READ;
    /// <summary>PHP 4.0 constant <c>PHP_SYSTEM_READ</c> (4): as PHP_BINARY_READ (dropped in PHP 4.1).</summary>
    public const int PHP_SYSTEM_READ = 4;

    private const int EINVAL = 22;

    /// <summary>
    /// <c>int socket(int domain, int type, int protocol)</c>: a new descriptor, or -errno. A domain
    /// other than AF_INET or AF_UNIX warns and AF_INET is used; a type above 10 warns and
    /// SOCK_STREAM is used (PHP 4.0's rules and texts).
    /// </summary>
    public static int socket(long domain, long type, long protocol)
    {
        (domain, type) = CheckDomainAndType(nameof(socket), domain, type,
            "invalid socket domain specified - assuming AF_INET", "invalid socket type specified - assuming SOCK_STREAM");
        int fd = Libc.Socket((int)domain, (int)type, (int)protocol);
        return fd < 0 ? -SocketErrors.Errno() : fd;
    }

    /// <summary>
    /// <c>int socketpair(int domain, int type, int protocol, array &amp;fds)</c>: 0, with
    /// <paramref name="fds"/> the two connected descriptors; or -errno, with <paramref name="fds"/>
    /// empty. Domain and type are checked as <see cref="socket"/> does (PHP 4.0's own texts).
    /// </summary>
    public static unsafe int socketpair(long domain, long type, long protocol, ref int[]? fds)
    {
        (domain, type) = CheckDomainAndType(nameof(socketpair), domain, type,
            "invalid socket domain specified -- assuming AF_INET", "Invalid socket type specified - assuming SOCK_STREAM");
        fds = []; // PHP 4.0 made it an array before the call
        int* pair = stackalloc int[2];
        if (Libc.SocketPair((int)domain, (int)type, (int)protocol, pair) != 0) return -SocketErrors.Errno();
        fds = [pair[0], pair[1]];
        return 0;
    }

    private static (long Domain, long Type) CheckDomainAndType(string function, long domain, long type, string domainWarning, string typeWarning)
    {
        if (domain != AF_INET && domain != AF_UNIX)
        {
            PhpWarnings.Warn($"{function}(): {domainWarning}");
            domain = AF_INET;
        }
        if (type > 10)
        {
            PhpWarnings.Warn($"{function}(): {typeWarning}");
            type = SOCK_STREAM;
        }
        return (domain, type);
    }

    /// <summary><c>int listen(int fd, int backlog)</c>: 0, or -errno.</summary>
    public static int listen(int fd, long backlog) =>
        Result(Libc.Listen(Fd(fd), (int)backlog));

    /// <summary><c>int accept_connect(int fd)</c>: the accepted connection's descriptor, or -errno.</summary>
    public static unsafe int accept_connect(int fd)
    {
        SockAddrStorage storage = default;
        int length = SockAddrStorage.Size;
        return Result(Libc.Accept(Fd(fd), (byte*)&storage, &length));
    }

    /// <summary>
    /// <c>int open_listen_sock(int port)</c>: a TCP descriptor bound to 0.0.0.0:<paramref name="port"/>
    /// and listening with a backlog of 128, or -errno. A port outside 0..65535 gives -EINVAL.
    /// </summary>
    // PHP 4.0 left the descriptor open when bind failed; it is closed here.
    public static unsafe int open_listen_sock(long port)
    {
        if (port is < 0 or > 65535) return -EINVAL;
        int fd = Libc.Socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) return -SocketErrors.Errno();
        SafeFdHandle handle = Fd(fd);
        SockAddrStorage storage = default;
        byte* sa = (byte*)&storage;
        int length = SocketAddress.EncodeInet(new System.Span<byte>(sa, SockAddrStorage.Size), [0, 0, 0, 0], (ushort)port);
        if (Libc.Bind(handle, sa, length) != 0 || Libc.Listen(handle, 128) != 0)
        {
            int errno = SocketErrors.Errno();
            Libc.Close(fd);
            return -errno;
        }
        return fd;
    }

    /// <summary>
    /// <c>bool close(int fd)</c>: close(2). True, or false with the warning
    /// <c>close(): Invalid file descriptor</c>.
    /// </summary>
    public static bool close(int fd)
    {
        if (Libc.Close(fd) == 0) return true;
        PhpWarnings.Warn("close(): Invalid file descriptor");
        return false;
    }

    /// <summary>
    /// <c>int set_nonblock(int fd)</c>: sets O_NONBLOCK; 0, or -errno. The descriptor's other
    /// status flags are kept (PHP 4.0 overwrote them with O_NONBLOCK alone).
    /// </summary>
    public static int set_nonblock(int fd)
    {
        SafeFdHandle handle = Fd(fd);
        int flags = Libc.Fcntl(handle, Libc.F_GETFL, 0);
        if (flags < 0) return -SocketErrors.Errno();
        return Result(Libc.Fcntl(handle, Libc.F_SETFL, flags | Libc.O_NONBLOCK));
    }

    /// <summary>
    /// <c>int shutdown(int fd [, int how = 0])</c>: 0, or -errno. Note PHP 4.0's default: 0 stops
    /// reading only (PHP 8's socket_shutdown defaults to 2, both ways).
    /// </summary>
    public static int shutdown(int fd, long how = 0) =>
        Result(Libc.Shutdown(Fd(fd), (int)how));

    /// <summary>
    /// <c>string strerror(int errno)</c>: the text of a code these functions returned. It takes the
    /// NEGATIVE code: <c>strerror(-111)</c> is "Connection refused". A code below -10000 is a
    /// resolver failure: hstrerror(-(code + 10000)).
    /// </summary>
    public static string strerror(long code)
    {
        int value = unchecked((int)code);
        // ErrorText reads codes below -10000 as -10000 - h_errno, as PHP 4.0 did.
        return ErrorText.For(value < -10000 ? value : unchecked(-value));
    }

    /// <summary>
    /// A handle that does not own <paramref name="fd"/>: the libc imports take handles, and a PHP 4
    /// descriptor is closed only by <see cref="close"/>. A bad number reaches the kernel and gives EBADF.
    /// </summary>
    private static SafeFdHandle Fd(int fd) => new(fd, ownsHandle: false);

    /// <summary>PHP 4.0's <c>(ret &lt; 0) ? -errno : ret</c>.</summary>
    private static int Result(int ret) => ret < 0 ? -SocketErrors.Errno() : ret;

    private static int Result(nint ret) => ret < 0 ? -SocketErrors.Errno() : (int)ret;
}
