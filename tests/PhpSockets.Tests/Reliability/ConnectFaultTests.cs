using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;
using static PhpSockets.Tests.Reliability.ReliabilitySupport;

namespace PhpSockets.Tests.Reliability;

/// <summary>
/// Connecting where nobody listens, non-blocking connects finished through socket_select and
/// SO_ERROR, and listeners whose backlog is full. Expectations observed first with PHP 8.2 here.
/// </summary>
// Run alone: the full-backlog test counts which connects the kernel completed, which other tests
// opening loopback connections at the same time can disturb.
[Collection(DescriptorSensitiveCollection.Name)]
public class ConnectFaultTests
{
    private const string Refused = "socket_connect(): unable to connect [111]: Connection refused";

    /// <summary>A port bound (so nobody else takes it) but not listening: connects to it are refused.</summary>
    private static Socket BoundNotListening(int family, out int port)
    {
        Socket s = socket_create(family, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_bind(s, LoopbackAddress(family), 0));
        PhpString? address = null;
        port = 0;
        Assert.True(socket_getsockname(s, ref address, ref port));
        return s;
    }

    [Theory]
    [InlineData(AF_INET, "127.0.0.1")]
    [InlineData(AF_INET6, "::1")]
    public void Connecting_to_a_closed_port_is_refused(int family, string address)
    {
        Socket holder = BoundNotListening(family, out int port);
        Socket s = socket_create(family, SOCK_STREAM, SOL_TCP)!;
        Assert.False(SingleWarning(Refused, () => socket_connect(s, address, port)));
        Assert.Equal(SOCKET_ECONNREFUSED, socket_last_error(s));
        Assert.Equal(SOCKET_ECONNREFUSED, socket_last_error());
        CloseAll(s, holder);
    }

    [Theory]
    [InlineData(SOCK_STREAM)]
    [InlineData(SOCK_DGRAM)]
    [InlineData(SOCK_SEQPACKET)]
    public void Connecting_to_a_unix_socket_file_nobody_listens_on_is_refused(int type)
    {
        using var dir = new TempSocketDir();
        // A socket file whose socket is bound but not listening (stream) or already closed (stale file).
        Socket bound = socket_create(AF_UNIX, type, 0)!;
        Assert.True(socket_bind(bound, dir.File("bound")));
        Socket stale = socket_create(AF_UNIX, type, 0)!;
        Assert.True(socket_bind(stale, dir.File("stale")));
        socket_close(stale);
        Assert.True(File.Exists(dir.File("stale")));

        foreach (string name in type == SOCK_DGRAM ? new[] { "stale" } : new[] { "bound", "stale" })
        {
            Socket s = socket_create(AF_UNIX, type, 0)!;
            Assert.False(SingleWarning(Refused, () => socket_connect(s, dir.File(name))));
            Assert.Equal(SOCKET_ECONNREFUSED, socket_last_error(s));
            socket_close(s);
        }
        socket_close(bound);
    }

    [Fact]
    public void Connecting_to_a_unix_path_that_is_not_a_socket_is_refused_and_a_missing_one_is_ENOENT()
    {
        using var dir = new TempSocketDir();
        File.WriteAllText(dir.File("plain"), "not a socket");
        Socket s = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.False(SingleWarning(Refused, () => socket_connect(s, dir.File("plain"))));
        Assert.False(SingleWarning("socket_connect(): unable to connect [2]: No such file or directory", () => socket_connect(s, dir.File("missing"))));
        Assert.Equal(SOCKET_ENOENT, socket_last_error(s));
        socket_close(s);
    }

    [Theory]
    [InlineData(AF_INET)]
    [InlineData(AF_INET6)]
    public void A_non_blocking_connect_completes_through_select_and_SO_ERROR(int family)
    {
        Socket listener = Listener(family, out int port);
        Socket s = socket_create(family, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_set_nonblock(s));
        // EINPROGRESS: false, no warning, recorded on the socket and globally.
        Assert.False(NoWarning(() => socket_connect(s, LoopbackAddress(family), port)));
        Assert.Equal(SOCKET_EINPROGRESS, socket_last_error(s));
        WaitWritable(s);
        Assert.Equal(0L, socket_get_option(s, SOL_SOCKET, SO_ERROR));
        PhpString? peer = null;
        int peerPort = 0;
        Assert.True(socket_getpeername(s, ref peer, ref peerPort));
        Assert.Equal(port, peerPort);
        Socket server = PlainAccept(listener);
        Assert.Equal(2, socket_write(s, "hi"));
        WaitReadable(server);
        Assert.Equal((PhpString)"hi", socket_read(server, 10));
        CloseAll(s, server, listener);
    }

    [Theory]
    [InlineData(AF_INET)]
    [InlineData(AF_INET6)]
    public void A_refused_non_blocking_connect_shows_in_SO_ERROR_once(int family)
    {
        Socket holder = BoundNotListening(family, out int port);
        Socket s = socket_create(family, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_set_nonblock(s));
        Assert.False(NoWarning(() => socket_connect(s, LoopbackAddress(family), port)));
        Assert.Equal(SOCKET_EINPROGRESS, socket_last_error(s));
        WaitWritable(s); // a failed connect is writable, as select(2) says
        Assert.Equal((long)SOCKET_ECONNREFUSED, socket_get_option(s, SOL_SOCKET, SO_ERROR));
        Assert.Equal(0L, socket_get_option(s, SOL_SOCKET, SO_ERROR)); // reading SO_ERROR clears it
        PhpString? peer = null;
        Assert.False(SingleWarning("socket_getpeername(): unable to retrieve peer name [107]: Transport endpoint is not connected", () => socket_getpeername(s, ref peer)));
        CloseAll(s, holder);
    }

    [Fact]
    public void A_tcp_listener_with_a_full_backlog_leaves_further_connects_in_progress()
    {
        // Linux holds backlog + 1 connections in the accept queue and drops the SYNs of the others,
        // which stay in progress (SYN_SENT, retransmitting) instead of failing. PHP 8.2 sees the same.
        Socket listener = Listener(AF_INET, out int port);
        Assert.True(socket_listen(listener, 1));
        var clients = new List<Socket>();
        try
        {
            for (int i = 0; i < 6; i++)
            {
                Socket c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
                clients.Add(c);
                Assert.True(socket_set_nonblock(c));
                Assert.False(NoWarning(() => socket_connect(c, "127.0.0.1", port)));
                Assert.Equal(SOCKET_EINPROGRESS, socket_last_error(c));
            }
            List<Socket> connected = WaitForConnected(clients, 2);
            Assert.Equal(2, connected.Count);
            // The others are still in progress: not writable, and no error.
            List<Socket> pending = clients.Except(connected).ToList();
            Assert.Empty(Writable(pending, 0));
            Assert.All(pending, c => Assert.Equal(0L, socket_get_option(c, SOL_SOCKET, SO_ERROR)));

            // Accepting one makes room: a retransmitted SYN gets in and one more connect completes.
            Socket first = PlainAccept(listener);
            List<Socket> late = WaitForConnected(pending, 1);
            Assert.NotEmpty(late);
            Assert.All(late, c => Assert.Equal(0L, socket_get_option(c, SOL_SOCKET, SO_ERROR)));
            socket_close(first);
        }
        finally
        {
            CloseAll(clients);
            socket_close(listener);
        }
    }

    [Fact]
    public void A_unix_listener_with_a_full_backlog_makes_non_blocking_connects_fail_with_EAGAIN_silently()
    {
        // AF_UNIX differs from TCP: the connect fails at once with EAGAIN, which PHP does not warn about.
        using var dir = new TempSocketDir();
        Socket listener = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.True(socket_bind(listener, dir.File("l")));
        Assert.True(socket_listen(listener, 1));
        var clients = new List<Socket>();
        var outcomes = new List<(bool, int)>();
        for (int i = 0; i < 5; i++)
        {
            Socket c = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
            clients.Add(c);
            Assert.True(socket_set_nonblock(c));
            bool ok = NoWarning(() => socket_connect(c, dir.File("l")));
            outcomes.Add((ok, socket_last_error(c)));
        }
        Assert.Equal([(true, 0), (true, 0), (false, SOCKET_EAGAIN), (false, SOCKET_EAGAIN), (false, SOCKET_EAGAIN)], outcomes);

        // Accepting one makes room for one more.
        Socket accepted = PlainAccept(listener);
        Socket again = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.True(socket_set_nonblock(again));
        Assert.True(NoWarning(() => socket_connect(again, dir.File("l"))));
        CloseAll(clients);
        CloseAll(accepted, again, listener);
    }

    private static List<Socket> Writable(List<Socket> sockets, long seconds)
    {
        List<Socket>? write = [.. sockets], none = null;
        Assert.NotNull(socket_select(ref none, ref write, ref none, seconds));
        return write!;
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> of <paramref name="sockets"/> are writable; returns those that are.</summary>
    private static List<Socket> WaitForConnected(List<Socket> sockets, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        List<Socket> ready = [];
        while (clock.Elapsed < ReliabilitySupport.Patience)
        {
            ready = Writable(sockets, 1);
            if (ready.Count >= count) return ready;
        }
        return ready;
    }
}
