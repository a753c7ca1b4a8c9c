using System.Collections.Generic;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;
using static PhpSockets.Tests.Reliability.ReliabilitySupport;

namespace PhpSockets.Tests.Reliability;

/// <summary>
/// Datagrams larger than the buffer they are read into (truncated, the rest discarded, the next
/// datagram intact), datagrams too large to send, and TCP out-of-band data (MSG_OOB, the except
/// set of socket_select). Expectations observed first with PHP 8.2 here.
/// </summary>
public class DatagramAndUrgentDataFaultTests
{
    [Fact]
    public void A_unix_datagram_longer_than_the_read_is_truncated_and_the_rest_discarded()
    {
        (Socket a, Socket b) = PlainUnixPair(SOCK_DGRAM);
        Assert.Equal(10, socket_write(a, "0123456789"));
        Assert.Equal(3, socket_write(a, "abc"));
        Assert.Equal((PhpString)"0123", NoWarning(() => socket_read(b, 4)));
        Assert.Equal((PhpString)"abc", NoWarning(() => socket_read(b, 4)));

        Assert.Equal(10, socket_write(a, "0123456789"));
        PhpString? data = null;
        Assert.Equal(4, NoWarning(() => socket_recv(b, ref data, 4, 0)));
        Assert.Equal((PhpString)"0123", data);
        // Nothing of it is left: a non-blocking receive finds the queue empty (EAGAIN, no warning, $data null).
        Assert.Null(NoWarning(() => socket_recv(b, ref data, 4, MSG_DONTWAIT)));
        Assert.Null(data);
        Assert.Equal(SOCKET_EAGAIN, socket_last_error(b));
        CloseAll(a, b);
    }

    [Theory]
    [InlineData(AF_INET, "127.0.0.1")]
    [InlineData(AF_INET6, "::1")]
    public void A_udp_datagram_longer_than_the_read_is_truncated_and_the_rest_discarded(int family, string address)
    {
        Socket udp = socket_create(family, SOCK_DGRAM, SOL_UDP)!;
        Assert.True(socket_bind(udp, address, 0));
        PhpString? bound = null;
        int port = 0;
        Assert.True(socket_getsockname(udp, ref bound, ref port));
        Assert.Equal(10, socket_sendto(udp, "0123456789", 10, 0, address, port));
        Assert.Equal(2, socket_sendto(udp, "xy", 2, 0, address, port));
        WaitReadable(udp);
        PhpString? data = null, from = null;
        int fromPort = 0;
        Assert.Equal(3, NoWarning(() => socket_recvfrom(udp, ref data, 3, 0, ref from, ref fromPort)));
        Assert.Equal((PhpString)"012", data);
        Assert.Equal(port, fromPort);
        Assert.Equal(2, NoWarning(() => socket_recvfrom(udp, ref data, 3, 0, ref from, ref fromPort)));
        Assert.Equal((PhpString)"xy", data);
        // Empty queue: false without a warning, and the out parameters keep their values.
        Assert.Null(NoWarning(() => socket_recvfrom(udp, ref data, 3, MSG_DONTWAIT, ref from, ref fromPort)));
        Assert.Equal((PhpString)"xy", data);
        Assert.Equal(port, fromPort);
        socket_close(udp);
    }

    [Fact]
    public void MSG_TRUNC_reports_the_full_length_but_copies_only_the_buffer()
    {
        // PHP 8.2 returns the full length and reads past its buffer (docs/divergences.md #4); the length is the kernel's here too.
        (Socket a, Socket b) = PlainUnixPair(SOCK_DGRAM);
        Assert.Equal(10, socket_write(a, "0123456789"));
        PhpString? data = null;
        Assert.Equal(10, socket_recv(b, ref data, 4, MSG_TRUNC));
        Assert.Equal((PhpString)"0123", data);
        CloseAll(a, b);
    }

    [Fact]
    public void A_datagram_larger_than_udp_allows_fails_with_EMSGSIZE()
    {
        Socket udp = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        var big = PhpString.FromLatin1(new string('x', 70000));
        Assert.Null(SingleWarning("socket_sendto(): Unable to write to socket [90]: Message too long",
            () => socket_sendto(udp, big, big.Length, 0, "127.0.0.1", 9)));
        Assert.Equal(SOCKET_EMSGSIZE, socket_last_error(udp));
        socket_close(udp);
    }

    [Fact]
    public void A_unix_datagram_larger_than_the_send_buffer_fails_with_EMSGSIZE()
    {
        (Socket a, Socket b) = PlainUnixPair(SOCK_DGRAM);
        Assert.True(socket_set_option(a, SOL_SOCKET, SO_SNDBUF, 4096));
        long sndbuf = (long)socket_get_option(a, SOL_SOCKET, SO_SNDBUF)!;
        var big = new byte[sndbuf + 1];
        Assert.Null(SingleWarning("socket_write(): unable to write to socket [90]: Message too long", () => socket_write(a, big)));
        CloseAll(a, b);
    }

    [Fact]
    public void Out_of_band_data_shows_in_the_except_set_and_is_read_with_MSG_OOB()
    {
        (Socket client, Socket server) = PlainTcpPair();
        Assert.Equal(2, socket_send(client, "ab", 2, 0));
        Assert.Equal(1, socket_send(client, "!", 1, MSG_OOB));
        WaitExceptional(server);

        // Readable and exceptional: counted once in each set.
        List<Socket>? read = [server], write = null, except = [server];
        Assert.Equal(2, socket_select(ref read, ref write, ref except, 5));
        Assert.Equal([server], read);
        Assert.Equal([server], except);

        PhpString? data = null;
        Assert.Equal(1, NoWarning(() => socket_recv(server, ref data, 10, MSG_OOB)));
        Assert.Equal((PhpString)"!", data);
        // The urgent byte is not in the normal stream.
        Assert.Equal(2, socket_recv(server, ref data, 10, 0));
        Assert.Equal((PhpString)"ab", data);
        // A second MSG_OOB read: the mark was consumed, EINVAL.
        Assert.Null(SingleWarning("socket_recv(): Unable to read from socket [22]: Invalid argument", () => socket_recv(server, ref data, 10, MSG_OOB)));
        Assert.Null(data);
        Assert.Equal(SOCKET_EINVAL, socket_last_error(server));
        CloseAll(client, server);
    }

    [Fact]
    public void Out_of_band_data_not_yet_sent_is_EINVAL_and_with_SO_OOBINLINE_it_stays_in_the_stream()
    {
        (Socket client, Socket server) = PlainTcpPair();
        PhpString? data = null;
        Assert.Null(SingleWarning("socket_recv(): Unable to read from socket [22]: Invalid argument", () => socket_recv(server, ref data, 10, MSG_OOB)));

        Assert.True(socket_set_option(server, SOL_SOCKET, SO_OOBINLINE, 1));
        Assert.Equal(2, socket_send(client, "ab", 2, 0));
        Assert.Equal(1, socket_send(client, "!", 1, MSG_OOB));
        Assert.Equal(2, socket_send(client, "cd", 2, 0));
        WaitExceptional(server);
        var received = new List<byte>();
        while (received.Count < 5)
        {
            WaitReadable(server);
            Assert.NotNull(socket_recv(server, ref data, 10, 0));
            received.AddRange(data!.Value.Span.ToArray());
        }
        Assert.Equal("ab!cd"u8.ToArray(), received.ToArray());
        CloseAll(client, server);
    }

    private static void WaitExceptional(Socket socket)
    {
        List<Socket>? except = [socket], none = null;
        Assert.Equal(1, socket_select(ref none, ref none, ref except, WaitSeconds));
    }
}
