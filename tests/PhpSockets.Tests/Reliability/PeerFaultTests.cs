using System.Collections.Generic;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;
using static PhpSockets.Tests.Reliability.ReliabilitySupport;

namespace PhpSockets.Tests.Reliability;

/// <summary>
/// The peer goes away or half-closes: resets (SO_LINGER 0, then close) during a read and during a
/// write, a plain close while we write, and socket_shutdown in each direction. Every expectation
/// here was first observed with PHP 8.2 on this kernel (same return values, warnings, last errors).
/// The process must live through all of it: SIGPIPE is ignored, as in PHP's CLI, so a write to a
/// closed peer fails with EPIPE instead of killing the process.
/// </summary>
public class PeerFaultTests
{
    private const string ReadReset = "socket_read(): unable to read from socket [104]: Connection reset by peer";
    private const string WriteReset = "socket_write(): unable to write to socket [104]: Connection reset by peer";
    private const string WritePipe = "socket_write(): unable to write to socket [32]: Broken pipe";

    [Theory]
    [InlineData(AF_INET)]
    [InlineData(AF_INET6)]
    public void A_reset_during_a_blocked_read_gives_false_and_ECONNRESET(int family)
    {
        (Socket client, Socket server) = PlainTcpPair(family);
        var call = new BlockingCall<PhpString?>(() => socket_read(client, 100));
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Recv);
        ReliabilitySupport.CloseWithReset(server);
        Assert.Null(call.Result);
        Assert.Equal([ReadReset], call.Warnings);
        Assert.Equal(SOCKET_ECONNRESET, call.LastError);
        Assert.Equal(SOCKET_ECONNRESET, socket_last_error(client));

        // The error is reported once; then the connection reads as ended, and writes fail with EPIPE.
        Assert.Equal(PhpString.Empty, NoWarning(() => socket_read(client, 100)));
        Assert.Null(SingleWarning(WritePipe, () => socket_write(client, "x")));
        Assert.Equal(SOCKET_EPIPE, socket_last_error(client));
        socket_close(client);
    }

    [Fact]
    public void A_reset_that_arrived_before_the_read_gives_the_same()
    {
        (Socket client, Socket server) = PlainTcpPair();
        ReliabilitySupport.CloseWithReset(server);
        WaitReadable(client);
        Assert.Null(SingleWarning(ReadReset, () => socket_read(client, 100)));
        Assert.Equal(SOCKET_ECONNRESET, socket_last_error(client));
        Assert.Equal(PhpString.Empty, NoWarning(() => socket_read(client, 100)));
        socket_close(client);
    }

    [Fact]
    public void A_reset_with_PHP_NORMAL_READ_gives_false_and_ECONNRESET()
    {
        (Socket client, Socket server) = PlainTcpPair();
        Assert.Equal(8, socket_write(server, "partial "));
        WaitReadable(client);
        ReliabilitySupport.CloseWithReset(server);
        // The line reader takes "partial " and then meets the reset: the call fails as a whole and
        // the partial line is lost with it; later line reads see the end of stream, which PHP's
        // reader also reports as ECONNRESET (PHP 8.2: the same two warnings).
        Assert.Null(SingleWarning(ReadReset, () => socket_read(client, 100, PHP_NORMAL_READ)));
        Assert.Null(SingleWarning(ReadReset, () => socket_read(client, 100, PHP_NORMAL_READ)));
        socket_close(client);
    }

    [Fact]
    public void A_reset_during_a_blocked_write_gives_false_and_ECONNRESET_or_EPIPE()
    {
        (Socket client, Socket server) = PlainTcpPair();
        ReliabilitySupport.FillSendBuffer(client);
        var chunk = new byte[16 * 1024];
        var call = new BlockingCall<List<int?>>(() =>
        {
            // Writes until one fails (a write that was partly done returns its count first).
            var results = new List<int?>();
            for (int i = 0; i < 1000; i++)
            {
                int? written = socket_write(client, chunk);
                results.Add(written);
                if (written is null) break;
            }
            return results;
        });
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Write);
        ReliabilitySupport.CloseWithReset(server);
        List<int?> results = call.Result;
        Assert.Null(results[^1]);
        string warning = Assert.Single(call.Warnings);
        Assert.Contains(warning, new[] { WriteReset, WritePipe });
        Assert.Contains(call.LastError, new[] { SOCKET_ECONNRESET, SOCKET_EPIPE });

        // From then on every write is EPIPE, and the process is still here.
        for (int i = 0; i < 3; i++)
        {
            Assert.Null(SingleWarning(WritePipe, () => socket_write(client, "x")));
            Assert.Equal(SOCKET_EPIPE, socket_last_error(client));
        }
        socket_close(client);
    }

    [Fact]
    public void A_reset_before_a_write_gives_ECONNRESET_then_EPIPE()
    {
        (Socket client, Socket server) = PlainTcpPair();
        ReliabilitySupport.CloseWithReset(server);
        WaitReadable(client); // the RST has arrived
        Assert.Null(SingleWarning(WriteReset, () => socket_write(client, "x")));
        Assert.Equal(SOCKET_ECONNRESET, socket_last_error(client));
        Assert.Null(SingleWarning(WritePipe, () => socket_write(client, "x")));
        Assert.Equal(SOCKET_EPIPE, socket_last_error(client));
        socket_close(client);
    }

    [Fact]
    public void A_peer_closing_while_we_are_blocked_in_a_write_gives_ECONNRESET_then_EPIPE_and_the_process_lives()
    {
        // The peer closes with our unread data in its queue: Linux resets the AF_UNIX connection, so
        // the blocked write fails with ECONNRESET; later writes get EPIPE. (PHP 8.2, with the peer
        // closed by another process while it is blocked: the same two warnings.)
        (Socket a, Socket b) = PlainUnixPair();
        ReliabilitySupport.FillSendBuffer(a);
        var call = new BlockingCall<int?>(() => socket_write(a, new byte[4096]));
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Write);
        socket_close(b);
        Assert.Null(call.Result);
        Assert.Equal([WriteReset], call.Warnings);
        Assert.Equal(SOCKET_ECONNRESET, call.LastError);
        Assert.Null(SingleWarning(WritePipe, () => socket_write(a, "again")));
        Assert.Equal(SOCKET_EPIPE, socket_last_error(a));
        Assert.Equal(PhpString.Empty, NoWarning(() => socket_read(a, 10)));
        socket_close(a);
    }

    [Fact]
    public void Writing_to_a_peer_that_closed_gives_EPIPE_and_the_process_lives()
    {
        (Socket a, Socket b) = PlainUnixPair();
        Assert.Equal(5, socket_write(a, "hello"));
        Assert.Equal((PhpString)"hello", socket_read(b, 10));
        socket_close(b);
        for (int i = 0; i < 3; i++)
        {
            Assert.Null(SingleWarning(WritePipe, () => socket_write(a, "x")));
            Assert.Equal(SOCKET_EPIPE, socket_last_error(a));
        }
        socket_close(a);
    }

    [Fact]
    public void Writing_on_after_a_tcp_peer_closed_ends_in_EPIPE_and_the_process_lives()
    {
        (Socket client, Socket server) = PlainTcpPair();
        socket_close(server); // an orderly close: FIN
        WaitReadable(client);
        // The first write after the FIN is accepted (the peer answers it with RST); the next fail.
        var outcomes = new List<int>();
        var warnings = Warnings(() =>
        {
            for (int i = 0; i < 100 && (outcomes.Count == 0 || outcomes[^1] != SOCKET_EPIPE); i++)
            {
                if (socket_write(client, "x") is null) outcomes.Add(socket_last_error(client));
                else if (i > 0) WaitReadable(client); // give the RST time to come back
            }
        });
        Assert.NotEmpty(outcomes);
        Assert.Equal(SOCKET_EPIPE, outcomes[^1]);
        Assert.All(outcomes, e => Assert.Contains(e, new[] { SOCKET_ECONNRESET, SOCKET_EPIPE }));
        Assert.All(warnings, w => Assert.Contains(w, new[] { WriteReset, WritePipe }));
        // Reading now: the end of stream (the reset's error was taken by a write), or that error once.
        List<string> readWarnings = Warnings(() =>
        {
            PhpString? last = socket_read(client, 10);
            if (last is null) last = socket_read(client, 10);
            Assert.Equal(PhpString.Empty, last);
        });
        Assert.All(readWarnings, w => Assert.StartsWith("socket_read(): unable to read from socket [", w));
        socket_close(client);
    }

    [Fact]
    public void Shutdown_for_writing_tcp_the_peer_reads_the_end_our_writes_get_EPIPE_and_the_other_way_still_works()
    {
        (Socket client, Socket server) = PlainTcpPair();
        Assert.True(socket_shutdown(client, 1));
        WaitReadable(server);
        Assert.Equal(PhpString.Empty, NoWarning(() => socket_read(server, 10)));
        Assert.Null(SingleWarning(WritePipe, () => socket_write(client, "x")));
        Assert.Equal(SOCKET_EPIPE, socket_last_error(client));
        Assert.Equal(4, socket_write(server, "back"));
        WaitReadable(client);
        Assert.Equal((PhpString)"back", socket_read(client, 10));
        CloseAll(client, server);
    }

    [Fact]
    public void Shutdown_for_reading_tcp_reads_the_end_but_data_that_comes_later_is_still_delivered()
    {
        (Socket client, Socket server) = PlainTcpPair();
        Assert.True(socket_shutdown(client, 0));
        Assert.Equal(PhpString.Empty, NoWarning(() => socket_read(client, 10)));
        // Writing is unaffected.
        Assert.Equal(3, socket_write(client, "fwd"));
        WaitReadable(server);
        Assert.Equal((PhpString)"fwd", socket_read(server, 10));
        // Linux TCP: SHUT_RD sends nothing to the peer, whose writes succeed, and the data is readable
        // once it has arrived (PHP 8.2 shows the same).
        Assert.Equal(4, NoWarning(() => socket_write(server, "late")));
        WaitForData(client);
        Assert.Equal((PhpString)"late", socket_read(client, 10));
        CloseAll(client, server);
    }

    [Fact]
    public void Shutdown_for_reading_unix_makes_the_peers_writes_fail_with_EPIPE()
    {
        (Socket a, Socket b) = PlainUnixPair();
        Assert.True(socket_shutdown(a, 0));
        Assert.Equal(PhpString.Empty, NoWarning(() => socket_read(a, 10)));
        Assert.Null(SingleWarning(WritePipe, () => socket_write(b, "x")));
        Assert.Equal(SOCKET_EPIPE, socket_last_error(b));
        Assert.Equal(3, socket_write(a, "fwd"));
        Assert.Equal((PhpString)"fwd", socket_read(b, 10));
        CloseAll(a, b);
    }

    [Fact]
    public void Shutdown_for_writing_unix_the_peer_reads_the_end_our_writes_get_EPIPE()
    {
        (Socket a, Socket b) = PlainUnixPair();
        Assert.True(socket_shutdown(a, 1));
        Assert.Equal(PhpString.Empty, NoWarning(() => socket_read(b, 10)));
        Assert.Null(SingleWarning(WritePipe, () => socket_write(a, "x")));
        Assert.Equal(4, socket_write(b, "back"));
        Assert.Equal((PhpString)"back", socket_read(a, 10));
        CloseAll(a, b);
    }

    [Theory]
    [InlineData(AF_INET)]
    [InlineData(AF_UNIX)]
    public void Shutdown_both_ways_keeps_what_was_already_received(int family)
    {
        (Socket a, Socket b) = family == AF_UNIX ? PlainUnixPair() : PlainTcpPair();
        Assert.Equal(7, socket_write(b, "pending"));
        WaitReadable(a);
        Assert.True(socket_shutdown(a, 2));
        Assert.Equal((PhpString)"pending", socket_read(a, 10));
        Assert.Equal(PhpString.Empty, socket_read(a, 10));
        Assert.Null(SingleWarning(WritePipe, () => socket_write(a, "x")));
        WaitReadable(b);
        Assert.Equal(PhpString.Empty, socket_read(b, 10));
        CloseAll(a, b);
    }

    [Fact]
    public void Shutdown_failures_are_PHPs()
    {
        (Socket a, Socket b) = PlainUnixPair();
        Assert.False(SingleWarning("socket_shutdown(): Unable to shutdown socket [22]: Invalid argument", () => socket_shutdown(a, 5)));
        Socket unconnected = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.False(SingleWarning("socket_shutdown(): Unable to shutdown socket [107]: Transport endpoint is not connected", () => socket_shutdown(unconnected, 1)));
        Assert.Equal(SOCKET_ENOTCONN, socket_last_error(unconnected));
        CloseAll(a, b, unconnected);
    }

    /// <summary>Waits (bounded) until a recv with MSG_PEEK|MSG_DONTWAIT sees data: select cannot, as a read-shut socket is always readable.</summary>
    private static void WaitForData(Socket socket)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var probe = new byte[1];
        while (clock.Elapsed < ReliabilitySupport.Patience)
        {
            if (NoWarning(() => socket_recv(socket, probe, MSG_PEEK | MSG_DONTWAIT)) is > 0) return;
            System.Threading.Thread.Sleep(10);
        }
        Assert.Fail("no data arrived");
    }
}
