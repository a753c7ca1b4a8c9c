using System.Collections.Generic;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>socket_sendto and socket_recvfrom on UDP over IPv4 and IPv6 loopback, and on AF_UNIX datagram sockets.</summary>
public class DatagramTests
{
    /// <summary>socket_recvfrom into fresh by-reference variables, once <paramref name="socket"/> is readable.</summary>
    private static int? ReceiveFrom(Socket socket, long length, long flags, out PhpString? data, out PhpString? from, out int port)
    {
        WaitReadable(socket);
        data = null;
        from = null;
        port = 0;
        return socket_recvfrom(socket, ref data, length, flags, ref from, ref port);
    }

    [Fact]
    public void Udp4_sendto_and_recvfrom_report_the_sender()
    {
        Socket a = BoundUdp(AF_INET, out int aPort);
        Socket b = BoundUdp(AF_INET, out int bPort);
        Assert.Equal(5, socket_sendto(b, "hello", 100, 0, "127.0.0.1", aPort));
        Assert.Equal(5, ReceiveFrom(a, 100, 0, out PhpString? data, out PhpString? from, out int port));
        Assert.Equal((PhpString)"hello", data);
        Assert.Equal((PhpString)"127.0.0.1", from);
        Assert.Equal(bPort, port);

        // The length cuts what is sent; a short buffer truncates what is received.
        Assert.Equal(3, socket_sendto(b, "abcdef", 3, 0, "127.0.0.1", aPort));
        Assert.Equal(2, ReceiveFrom(a, 2, 0, out data, out from, out port));
        Assert.Equal((PhpString)"ab", data);
        CloseAll(a, b);
    }

    [Fact]
    public void Udp6_sendto_and_recvfrom()
    {
        Socket a = BoundUdp(AF_INET6, out int aPort);
        Socket b = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP)!;
        Assert.Equal(2, socket_sendto(b, "v6", 2, 0, "::1", aPort));
        Assert.Equal(2, ReceiveFrom(a, 100, 0, out PhpString? data, out PhpString? from, out int port));
        Assert.Equal((PhpString)"v6", data);
        Assert.Equal((PhpString)"::1", from);
        Assert.Equal(LocalPort(b), port);
        CloseAll(a, b);
    }

    [Fact]
    public void Udp6_socket_sees_an_ipv4_sender_as_v4_mapped()
    {
        Socket a = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP)!;
        Assert.True(socket_bind(a, "::", 0));
        int aPort = LocalPort(a);
        Socket b = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.Equal(2, socket_sendto(b, "v4", 2, 0, "127.0.0.1", aPort));
        Assert.Equal(2, ReceiveFrom(a, 100, 0, out PhpString? data, out PhpString? from, out int port));
        Assert.Equal((PhpString)"::ffff:127.0.0.1", from);
        // An IPv4 literal given to an AF_INET6 socket is sent v4-mapped.
        PhpString? bAddress = null;
        int bPort = 0;
        Assert.True(socket_getsockname(b, ref bAddress, ref bPort)); // autobound by the sendto
        Assert.Equal((PhpString)"0.0.0.0", bAddress);
        Assert.Equal(3, socket_sendto(a, "ack", 3, 0, "127.0.0.1", bPort));
        Assert.Equal(3, ReceiveFrom(b, 100, 0, out data, out from, out port));
        Assert.Equal((PhpString)"127.0.0.1", from);
        Assert.Equal(aPort, port);
        CloseAll(a, b);
    }

    [Fact]
    public void Empty_udp_datagram_gives_0_and_an_empty_string()
    {
        Socket a = BoundUdp(AF_INET, out int aPort);
        Socket b = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.Equal(0, socket_sendto(b, "", 0, 0, "127.0.0.1", aPort));
        Assert.Equal(0, ReceiveFrom(a, 100, 0, out PhpString? data, out PhpString? from, out _));
        Assert.Equal(PhpString.Empty, data);
        Assert.Equal((PhpString)"127.0.0.1", from);
        CloseAll(a, b);
    }

    [Fact]
    public void Recvfrom_eagain_is_silent_and_leaves_every_argument()
    {
        foreach (int family in new[] { AF_INET, AF_INET6, AF_UNIX })
        {
            Socket a = family == AF_UNIX ? socket_create(AF_UNIX, SOCK_DGRAM, 0)! : BoundUdp(family, out _);
            Assert.True(socket_set_nonblock(a));
            PhpString? data = "k", from = "k";
            int port = 5;
            socket_clear_error();
            Assert.Null(NoWarning(() => socket_recvfrom(a, ref data, 100, 0, ref from, ref port)));
            Assert.Equal((PhpString)"k", data);
            Assert.Equal((PhpString)"k", from);
            Assert.Equal(5, port);
            Assert.Equal(11, socket_last_error(a));
            Assert.Equal(11, socket_last_error());
            Assert.Null(NoWarning(() => socket_recvfrom(a, ref data, 100, MSG_DONTWAIT, ref from, ref port)));
            socket_close(a);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Recvfrom_length_0_or_less_is_false_silently_and_leaves_every_argument(long length)
    {
        Socket a = BoundUdp(AF_INET, out int aPort);
        Socket b = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        socket_sendto(b, "x", 1, 0, "127.0.0.1", aPort);
        PhpString? data = "k", from = "k";
        int port = 5;
        socket_clear_error();
        Assert.Null(NoWarning(() => socket_recvfrom(a, ref data, length, 0, ref from, ref port)));
        Assert.Equal((PhpString)"k", data);
        Assert.Equal((PhpString)"k", from);
        Assert.Equal(5, port);
        Assert.Equal(0, socket_last_error());
        CloseAll(a, b);
    }

    [Fact]
    public void Recvfrom_without_port_on_inet_is_an_ArgumentCountError_before_receiving()
    {
        foreach (int family in new[] { AF_INET, AF_INET6 })
        {
            Socket a = BoundUdp(family, out int aPort);
            Socket b = socket_create(family, SOCK_DGRAM, SOL_UDP)!;
            socket_sendto(b, "x", 1, 0, LoopbackAddress(family), aPort);
            WaitReadable(a);
            PhpString? data = null, from = null;
            PhpArgumentCountError e = Throws<PhpArgumentCountError>("Wrong parameter count for socket_recvfrom()", () => socket_recvfrom(a, ref data, 100, 0, ref from));
            Assert.Equal("ArgumentCountError", e.PhpClass);
            // Nothing was received.
            Assert.Equal((PhpString)"x", socket_read(a, 10));
            CloseAll(a, b);
        }
    }

    [Theory]
    [InlineData(AF_INET, "socket_recvfrom(): Unable to recvfrom [107]: Transport endpoint is not connected")]
    [InlineData(AF_INET6, "socket_recvfrom(): unable to recvfrom [107]: Transport endpoint is not connected")] // lowercase u, as PHP
    [InlineData(AF_UNIX, "socket_recvfrom(): Unable to recvfrom [22]: Invalid argument")]
    public void Recvfrom_failure_messages_by_family(int family, string message)
    {
        Socket s = socket_create(family, SOCK_STREAM, 0)!;
        PhpString? data = "k", from = "k";
        int port = 5;
        Assert.Null(SingleWarning(message, () => socket_recvfrom(s, ref data, 10, 0, ref from, ref port)));
        Assert.Equal((PhpString)"k", data);
        Assert.Equal((PhpString)"k", from);
        Assert.Equal(5, port);
        Assert.Equal(int.Parse(message.Split('[', ']')[1], System.Globalization.CultureInfo.InvariantCulture), socket_last_error(s));
        socket_close(s);
    }

    [Fact]
    public void Sendto_without_port_on_inet_is_a_ValueError()
    {
        Socket a = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Socket b = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP)!;
        Throws<PhpValueError>("socket_sendto(): Argument #6 ($port) cannot be null when the socket type is AF_INET", () => socket_sendto(a, "x", 1, 0, "127.0.0.1"));
        Throws<PhpValueError>("socket_sendto(): Argument #6 ($port) cannot be null when the socket type is AF_INET6", () => socket_sendto(b, "x", 1, 0, "::1"));
        Throws<PhpValueError>("socket_sendto(): Argument #3 ($length) must be greater than or equal to 0", () => socket_sendto(a, "x", -1, 0, "127.0.0.1", 1));
        CloseAll(a, b);
    }

    [Fact]
    public void Sendto_errors()
    {
        Socket a = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.Null(SingleWarning("socket_sendto(): Unable to write to socket [22]: Invalid argument", () => socket_sendto(a, "x", 1, 0, "127.0.0.1", 0)));
        Assert.Equal(22, socket_last_error(a));
        Assert.Null(SingleWarning("socket_sendto(): Unable to write to socket [90]: Message too long", () => socket_sendto(a, new PhpString(new byte[70000]), 70000, 0, "127.0.0.1", 9)));
        Assert.Equal(90, socket_last_error(a));
        Assert.Null(SingleWarning("socket_sendto(): Host lookup failed [-10003]: Unknown server error", () => socket_sendto(a, "x", 1, 0, "", 9)));
        Assert.Equal(-10003, socket_last_error(a));
        socket_close(a);
    }

    [Fact]
    public void Unix_dgram_sendto_and_recvfrom()
    {
        using var dir = new TempSocketDir();
        Socket x = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(x, dir.File("x")));
        Socket y = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.Equal(2, socket_sendto(y, "u1", 2, 0, dir.File("x")));
        WaitReadable(x);
        PhpString? data = null, from = "k";
        int port = 9;
        Assert.Equal(2, socket_recvfrom(x, ref data, 100, 0, ref from, ref port));
        Assert.Equal((PhpString)"u1", data);
        Assert.Equal(PhpString.Empty, from); // unbound sender
        Assert.Equal(9, port); // untouched for AF_UNIX

        Assert.True(socket_bind(y, dir.File("y")));
        Assert.Equal(2, socket_sendto(y, "u2", 2, 0, dir.File("x"), 1234)); // the port is ignored
        WaitReadable(x);
        Assert.Equal(2, socket_recvfrom(x, ref data, 100, 0, ref from));
        Assert.Equal((PhpString)"u2", data);
        Assert.Equal((PhpString)dir.File("y"), from);
        CloseAll(x, y);
    }

    [Fact]
    public void Unix_sendto_reads_the_path_as_a_C_string_cut_to_107_bytes()
    {
        using var dir = new TempSocketDir();
        string p107 = dir.File(new string('q', 107 - dir.Path.Length - 1));
        Assert.Equal(107, p107.Length);
        Socket q = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(q, p107));
        Socket y = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        // Bytes beyond 107 are dropped silently, so this reaches p107.
        Assert.Equal(2, NoWarning(() => socket_sendto(y, "u4", 2, 0, p107 + "EXTRA-BYTES")));
        WaitReadable(q);
        PhpString? data = null, from = null;
        Assert.Equal(2, socket_recvfrom(q, ref data, 100, 0, ref from));
        Assert.Equal((PhpString)"u4", data);
        // Bytes after a NUL are dropped too.
        Assert.Equal(2, NoWarning(() => socket_sendto(y, "u5", 2, 0, Bytes(p107 + "\0junk"))));
        WaitReadable(q);
        Assert.Equal(2, socket_recvfrom(q, ref data, 100, 0, ref from));
        Assert.Equal((PhpString)"u5", data);
        // A long path naming nothing: ENOENT, no ValueError (unlike bind and connect).
        Assert.Null(SingleWarning("socket_sendto(): Unable to write to socket [2]: No such file or directory", () => socket_sendto(y, "u3", 2, 0, dir.File(new string('z', 120)))));
        Assert.Equal(2, socket_last_error(y));
        CloseAll(q, y);
    }

    [Fact]
    public void Unix_sendto_cannot_reach_abstract_names()
    {
        Socket y = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.Null(SingleWarning("socket_sendto(): Unable to write to socket [22]: Invalid argument", () => socket_sendto(y, "u", 1, 0, Bytes("\0abstract"))));
        socket_close(y);
    }

    [Fact]
    public void Unix_dgram_too_large_is_EMSGSIZE()
    {
        using var dir = new TempSocketDir();
        Socket x = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(x, dir.File("x")));
        Socket y = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.Null(SingleWarning("socket_sendto(): Unable to write to socket [90]: Message too long", () => socket_sendto(y, new PhpString(new byte[300000]), 300000, 0, dir.File("x"))));
        Assert.Equal(90, socket_last_error(y));
        CloseAll(x, y);
    }

    [Fact]
    public void Recvfrom_on_a_connected_tcp_socket_reports_the_any_address()
    {
        (Socket a, Socket b) = TcpPair();
        socket_write(a, "tcp");
        WaitReadable(b);
        PhpString? data = null, from = null;
        int port = 5;
        Assert.Equal(3, socket_recvfrom(b, ref data, 100, 0, ref from, ref port));
        Assert.Equal((PhpString)"tcp", data);
        Assert.Equal((PhpString)"0.0.0.0", from);
        Assert.Equal(0, port);
        CloseAll(a, b);

        (a, b) = TcpPair(AF_INET6);
        socket_write(a, "tcp6");
        WaitReadable(b);
        Assert.Equal(4, socket_recvfrom(b, ref data, 100, 0, ref from, ref port));
        Assert.Equal((PhpString)"::", from);
        CloseAll(a, b);
    }

    [Fact]
    public void Recvfrom_trunc_clamps_the_copy()
    {
        Socket a = BoundUdp(AF_INET, out int aPort);
        Socket b = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        socket_sendto(b, "0123456789", 10, 0, "127.0.0.1", aPort);
        Assert.Equal(10, ReceiveFrom(a, 4, MSG_TRUNC, out PhpString? data, out _, out _));
        Assert.Equal((PhpString)"0123", data);
        CloseAll(a, b);
    }

    [Fact]
    public void Sendto_on_a_connected_stream_ignores_or_refuses_the_address()
    {
        (Socket a, Socket b) = UnixPair();
        List<string> warnings = Warnings(() => { socket_sendto(a, "x", 1, 0, "/nonexistent/path"); });
        // Linux: EISCONN for a connected AF_UNIX stream socket given an address.
        Assert.Equal("socket_sendto(): Unable to write to socket [106]: Transport endpoint is already connected", Assert.Single(warnings));
        CloseAll(a, b);
    }
}
