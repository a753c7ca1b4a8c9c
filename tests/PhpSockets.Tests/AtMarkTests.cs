using System.Collections.Generic;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>socket_atmark, PHP 8.3's sockatmark(3) (php-sockets-behaviour.md §2.29; PHP 8.2 lacks it).</summary>
public class AtMarkTests
{
    [Fact]
    public void Tells_when_the_next_byte_is_at_the_out_of_band_mark()
    {
        (Socket client, Socket server) = TcpPair();
        Assert.False(NoWarning(() => socket_atmark(server)));
        Assert.Equal(2, socket_send(client, "ab", 2, 0));
        Assert.Equal(1, socket_send(client, "!", 1, MSG_OOB));
        // Wait (bounded) until the urgent byte has arrived: select's except set.
        var except = new List<Socket> { server };
        List<Socket>? none = null;
        Assert.Equal(1, socket_select(ref none, ref none, ref except, WaitSeconds));
        Assert.False(socket_atmark(server));
        Assert.Equal((PhpString)"ab", socket_read(server, 10));
        Assert.True(NoWarning(() => socket_atmark(server)));
        PhpString? urgent = null;
        Assert.Equal(1, socket_recv(server, ref urgent, 1, MSG_OOB));
        Assert.Equal((PhpString)"!", urgent);
        Assert.Equal(0, socket_last_error(server));
        CloseAll(client, server);
    }

    [Fact]
    public void A_socket_without_a_mark_warns_and_records_the_errno()
    {
        Socket udp = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        socket_clear_error();
        Assert.False(SingleWarning("socket_atmark(): Unable to apply sockmark [25]: Inappropriate ioctl for device", () => socket_atmark(udp)));
        Assert.Equal(25, socket_last_error(udp));
        Assert.Equal(25, socket_last_error());
        socket_close(udp);
    }

    [Fact]
    public void A_closed_socket_throws_php_error()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        socket_close(s);
        Throws<PhpError>("socket_atmark(): Argument #1 ($socket) has already been closed", () => socket_atmark(s));
    }

    [Fact]
    public void A_socket_whose_stream_closed_gets_ebadf()
    {
        (Socket client, Socket server) = TcpPair();
        socket_export_stream(client).Dispose();
        Assert.False(SingleWarning("socket_atmark(): Unable to apply sockmark [9]: Bad file descriptor", () => socket_atmark(client)));
        Assert.Throws<PhpTypeError>(() => socket_close(client));
        socket_close(server);
    }
}
