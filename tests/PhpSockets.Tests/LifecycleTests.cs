using System.Collections.Generic;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// Creating, listening, accepting, connecting (blocking and not), shutting down and closing
/// sockets: PHP's ValueErrors, warnings and return values.
/// </summary>
public class LifecycleTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(99)]
    [InlineData(-1)]
    public void Create_rejects_other_domains(long domain)
    {
        Throws<PhpValueError>("socket_create(): Argument #1 ($domain) must be one of AF_UNIX, AF_INET6, or AF_INET", () => socket_create(domain, SOCK_STREAM, 0));
        Socket[]? pair = null;
        Throws<PhpValueError>("socket_create_pair(): Argument #1 ($domain) must be one of AF_UNIX, AF_INET6, or AF_INET", () => socket_create_pair(domain, SOCK_STREAM, 0, ref pair));
        Assert.Null(pair);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(2048)] // SOCK_NONBLOCK is not accepted in 8.2
    [InlineData(524288)] // SOCK_CLOEXEC neither
    [InlineData(SOCK_STREAM | 2048)]
    public void Create_rejects_types_above_10(long type)
    {
        Throws<PhpValueError>("socket_create(): Argument #2 ($type) must be one of SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW, or SOCK_RDM", () => socket_create(AF_INET, type, 0));
        Socket[]? pair = null;
        Throws<PhpValueError>("socket_create_pair(): Argument #2 ($type) must be one of SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW, or SOCK_RDM", () => socket_create_pair(AF_UNIX, type, 0, ref pair));
    }

    [Theory]
    [InlineData(-1L, "[22]: Invalid argument")]
    [InlineData(0L, "[94]: Socket type not supported")]
    [InlineData(7L, "[94]: Socket type not supported")]
    public void Create_passes_other_small_types_to_the_kernel(long type, string tail)
    {
        socket_clear_error();
        Assert.Null(SingleWarning("socket_create(): Unable to create socket " + tail, () => socket_create(AF_INET, type, 0)));
        Assert.Equal(int.Parse(tail[1..3], System.Globalization.CultureInfo.InvariantCulture), socket_last_error());
    }

    [Fact]
    public void Create_pair_failures()
    {
        Socket[]? pair = null;
        Assert.False(SingleWarning("socket_create_pair(): Unable to create socket pair [93]: Protocol not supported", () => socket_create_pair(AF_UNIX, SOCK_STREAM, 6, ref pair)));
        Assert.Null(pair);
        Assert.False(SingleWarning("socket_create_pair(): Unable to create socket pair [95]: Operation not supported", () => socket_create_pair(AF_INET6, SOCK_STREAM, 0, ref pair)));
        Assert.Equal(95, socket_last_error());
    }

    [Fact]
    public void Create_gives_a_blocking_socket_of_the_family_with_no_error()
    {
        foreach (int family in new[] { AF_UNIX, AF_INET, AF_INET6 })
        {
            foreach (int type in new[] { SOCK_STREAM, SOCK_DGRAM })
            {
                Socket s = NoWarning(() => socket_create(family, type, 0))!;
                Assert.Equal(family, s.Family);
                Assert.False(s.IsClosed);
                Assert.True(s.Descriptor >= 0);
                Assert.Equal(0, socket_last_error(s));
                socket_close(s);
            }
        }
        Socket seq = socket_create(AF_UNIX, SOCK_SEQPACKET, 0)!;
        socket_close(seq);
    }

    [Fact]
    public void Create_pair_replaces_the_array_with_two_connected_sockets()
    {
        Socket old = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Socket[]? pair = [old];
        Assert.True(socket_create_pair(AF_UNIX, SOCK_DGRAM, 0, ref pair));
        Assert.Equal(2, pair!.Length);
        Assert.DoesNotContain(old, pair);
        Assert.All(pair, s => Assert.Equal(AF_UNIX, s.Family));
        Assert.Equal(3, socket_write(pair[0], "one"));
        Assert.Equal(3, socket_write(pair[1], "two"));
        Assert.Equal((PhpString)"two", socket_read(pair[0], 10));
        Assert.Equal((PhpString)"one", socket_read(pair[1], 10));
        CloseAll(old, pair[0], pair[1]);
    }

    [Fact]
    public void Create_listen_binds_any_address_and_listens()
    {
        Socket listener = NoWarning(() => socket_create_listen(0))!;
        Assert.Equal(AF_INET, listener.Family);
        PhpString? address = null;
        int port = 0;
        Assert.True(socket_getsockname(listener, ref address, ref port));
        Assert.Equal((PhpString)"0.0.0.0", address);
        Assert.InRange(port, 1, 65535);

        Socket client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_connect(client, "127.0.0.1", port));
        Socket server = Accept(listener);
        CloseAll(client, server, listener);

        // A negative backlog is accepted (the kernel clamps it).
        Socket other = NoWarning(() => socket_create_listen(0, -5))!;
        socket_close(other);
    }

    [Fact]
    public void Listen_errors_and_defaults()
    {
        Socket udp = socket_create(AF_INET, SOCK_DGRAM, 0)!;
        Assert.False(SingleWarning("socket_listen(): unable to listen on socket [95]: Operation not supported", () => socket_listen(udp)));
        Assert.Equal(95, socket_last_error(udp));
        Socket unix = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.False(SingleWarning("socket_listen(): unable to listen on socket [22]: Invalid argument", () => socket_listen(unix)));
        Assert.Equal(22, socket_last_error(unix));

        // An unbound TCP socket autobinds; listening twice is fine.
        Socket tcp = socket_create(AF_INET, SOCK_STREAM, 0)!;
        Assert.True(NoWarning(() => socket_listen(tcp)));
        Assert.True(NoWarning(() => socket_listen(tcp, 5)));
        PhpString? address = null;
        int port = 0;
        Assert.True(socket_getsockname(tcp, ref address, ref port));
        Assert.Equal((PhpString)"0.0.0.0", address);
        Assert.NotEqual(0, port);

        // The default backlog is 0, which still lets a connection queue.
        Socket zero = socket_create(AF_INET, SOCK_STREAM, 0)!;
        Assert.True(socket_bind(zero, "127.0.0.1", 0));
        Assert.True(socket_listen(zero));
        Assert.True(socket_getsockname(zero, ref address, ref port));
        Socket client = socket_create(AF_INET, SOCK_STREAM, 0)!;
        Assert.True(socket_connect(client, "127.0.0.1", port));
        Socket accepted = Accept(zero);
        CloseAll(udp, unix, tcp, zero, client, accepted);
    }

    [Fact]
    public void Blocking_accept_returns_a_new_blocking_socket()
    {
        Socket listener = Listener(AF_INET, out int port);
        var acceptor = InBackground(() => socket_accept(listener));
        Assert.False(acceptor.Finished(100));
        Socket client = socket_create(AF_INET, SOCK_STREAM, 0)!;
        Assert.True(socket_connect(client, "127.0.0.1", port));
        Socket server = acceptor.Result!;
        Assert.NotNull(server);
        Assert.Equal(AF_INET, server.Family);
        Assert.Equal(0, socket_last_error(server));
        Assert.NotEqual(listener.Descriptor, server.Descriptor);

        // Accepted sockets are blocking even from a non-blocking listener (Linux does not inherit O_NONBLOCK).
        Assert.True(socket_set_nonblock(listener));
        Socket client2 = socket_create(AF_INET, SOCK_STREAM, 0)!;
        Assert.True(socket_connect(client2, "127.0.0.1", port));
        Socket server2 = Accept(listener);
        var reader = InBackground(() => socket_read(server2, 10));
        Assert.False(reader.Finished(100));
        socket_write(client2, "late");
        Assert.Equal((PhpString)"late", reader.Result);
        CloseAll(client, server, client2, server2, listener);
    }

    [Fact]
    public void Non_blocking_accept_without_a_connection_is_EAGAIN_silently()
    {
        Socket listener = Listener(AF_INET6, out _);
        Assert.True(socket_set_nonblock(listener));
        socket_clear_error();
        Assert.Null(NoWarning(() => socket_accept(listener)));
        Assert.Equal(11, socket_last_error());
        Assert.Equal(0, socket_last_error(listener));
        Assert.True(socket_set_block(listener));
        socket_close(listener);
    }

    [Fact]
    public void Accept_on_unix_gives_an_AF_UNIX_socket()
    {
        using var dir = new TempSocketDir();
        Socket listener = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.True(socket_bind(listener, dir.File("l")));
        Assert.True(socket_listen(listener));
        Socket client = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.True(socket_connect(client, dir.File("l")));
        Socket server = Accept(listener);
        Assert.Equal(AF_UNIX, server.Family);
        CloseAll(client, server, listener);
    }

    [Fact]
    public void Non_blocking_connect_completes_through_select()
    {
        Socket listener = Listener(AF_INET, out int port);
        Socket c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_set_nonblock(c));
        socket_clear_error();
        bool immediate = NoWarning(() => socket_connect(c, "127.0.0.1", port));
        if (!immediate)
        {
            Assert.Equal(115, socket_last_error(c));
            Assert.Equal(115, socket_last_error());
        }
        WaitWritable(c);
        Assert.Equal(0L, socket_get_option(c, SOL_SOCKET, SO_ERROR));
        // A second connect reports the outcome as PHP's does (true once connected), and the peer name is there.
        Assert.True(NoWarning(() => socket_connect(c, "127.0.0.1", port)));
        PhpString? peer = null;
        Assert.True(socket_getpeername(c, ref peer));
        Assert.Equal((PhpString)"127.0.0.1", peer);
        Socket server = Accept(listener);
        Assert.True(socket_set_block(c));
        Assert.Equal(4, socket_write(server, "done"));
        WaitReadable(c);
        Assert.Equal((PhpString)"done", socket_read(c, 10));
        CloseAll(c, server, listener);
    }

    [Fact]
    public void Non_blocking_connect_refused_shows_through_select()
    {
        Socket c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_set_nonblock(c));
        bool immediate = Warnings(() => socket_connect(c, "127.0.0.1", 1)).Result;
        Assert.False(immediate);
        int first = socket_last_error(c);
        Assert.Contains(first, new[] { 111, 115 });
        if (first == 115)
        {
            var read = new List<Socket> { c };
            var write = new List<Socket> { c };
            List<Socket>? except = null;
            Assert.Equal(2, socket_select(ref read, ref write, ref except, WaitSeconds));
            // SO_ERROR gives the pending error once, and reading it clears it.
            Assert.Equal(111L, NoWarning(() => socket_get_option(c, SOL_SOCKET, SO_ERROR)));
            Assert.Equal(0L, socket_get_option(c, SOL_SOCKET, SO_ERROR));
        }
        socket_close(c);

        // Without SO_ERROR, the pending error comes out of the next call instead.
        Socket d = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_set_nonblock(d));
        if (!Warnings(() => socket_connect(d, "127.0.0.1", 1)).Result && socket_last_error(d) == 115)
        {
            WaitWritable(d);
            Assert.False(SingleWarning("socket_connect(): unable to connect [111]: Connection refused", () => socket_connect(d, "127.0.0.1", 1)));
            Assert.Equal(111, socket_last_error(d));
        }
        socket_close(d);
    }

    [Fact]
    public void Set_block_and_nonblock()
    {
        (Socket a, Socket b) = UnixPair();
        Assert.True(NoWarning(() => socket_set_nonblock(b)));
        Assert.Null(NoWarning(() => socket_read(b, 10)));
        Assert.Equal(11, socket_last_error(b));
        Assert.True(NoWarning(() => socket_set_nonblock(b)));
        Assert.True(NoWarning(() => socket_set_block(b)));
        var reader = InBackground(() => socket_read(b, 10));
        Assert.False(reader.Finished(100));
        socket_write(a, "blk");
        Assert.Equal((PhpString)"blk", reader.Result);
        CloseAll(a, b);
    }

    [Fact]
    public void Shutdown_modes()
    {
        (Socket a, Socket b) = TcpPair();
        Assert.True(NoWarning(() => socket_shutdown(a, 1)));
        WaitReadable(b);
        Assert.Equal(PhpString.Empty, socket_read(b, 10)); // the peer sees the end of stream
        Assert.Equal(3, socket_write(b, "yet")); // the other direction still works
        WaitReadable(a);
        Assert.Equal((PhpString)"yet", socket_read(a, 10));
        Assert.True(NoWarning(() => socket_shutdown(a, 0)));
        Assert.Equal(PhpString.Empty, socket_read(a, 10));
        Assert.True(NoWarning(() => socket_shutdown(b)));
        Assert.False(b.IsClosed);
        Assert.True(b.Descriptor >= 0);

        Assert.False(SingleWarning("socket_shutdown(): Unable to shutdown socket [22]: Invalid argument", () => socket_shutdown(a, 5)));
        Assert.Equal(22, socket_last_error(a));
        Assert.False(SingleWarning("socket_shutdown(): Unable to shutdown socket [22]: Invalid argument", () => socket_shutdown(a, -1)));

        Socket unconnected = socket_create(AF_INET, SOCK_STREAM, 0)!;
        Assert.False(SingleWarning("socket_shutdown(): Unable to shutdown socket [107]: Transport endpoint is not connected", () => socket_shutdown(unconnected)));
        Assert.Equal(107, socket_last_error(unconnected));
        CloseAll(a, b, unconnected);
    }

    [Fact]
    public void Close_marks_the_socket_and_a_second_close_throws()
    {
        (Socket a, Socket b) = UnixPair();
        int fd = a.Descriptor;
        Assert.True(fd >= 0);
        NoWarning(() => socket_close(a));
        Assert.True(a.IsClosed);
        Assert.Equal(-1, a.Descriptor);
        PhpError e = Throws<PhpError>("socket_close(): Argument #1 ($socket) has already been closed", () => socket_close(a));
        Assert.Equal("Error", e.PhpClass);
        // The peer sees the end of stream: the descriptor really was closed.
        WaitReadable(b);
        Assert.Equal(PhpString.Empty, socket_read(b, 10));
        socket_close(b);
    }

    [Fact]
    public void A_closed_socket_is_unusable_but_the_global_error_functions_work()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, 0)!;
        socket_close(s);
        Throws<PhpError>("socket_last_error(): Argument #1 ($socket) has already been closed", () => socket_last_error(s));
        // The global error functions still work.
        socket_clear_error();
        Assert.Equal(0, socket_last_error());
        Assert.Equal(0, socket_last_error(null));
    }
}
