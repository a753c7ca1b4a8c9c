using System.Collections.Generic;
using System.Text;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// socket_bind, socket_connect, socket_getsockname and socket_getpeername on AF_INET, AF_INET6 and
/// AF_UNIX, PHP's host-string resolution (never with a name that reaches DNS), scope ids, and the
/// port range check (PHP 8.5's ValueError, chosen over 8.2's silent 16-bit wrap).
/// </summary>
public class AddressTests
{
    private static (PhpString? Address, int Port) SockName(Socket s)
    {
        PhpString? address = null;
        int port = -1;
        Assert.True(socket_getsockname(s, ref address, ref port));
        return (address, port);
    }

    private static (PhpString? Address, int Port) PeerName(Socket s)
    {
        PhpString? address = null;
        int port = -1;
        Assert.True(socket_getpeername(s, ref address, ref port));
        return (address, port);
    }

    [Fact]
    public void Inet_bind_connect_and_names()
    {
        Socket listener = Listener(AF_INET, out int port);
        Assert.InRange(port, 1, 65535);
        Assert.Equal((PhpString)"127.0.0.1", SockName(listener).Address);

        Socket client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_connect(client, "127.0.0.1", port));
        Socket server = Accept(listener);
        Assert.Equal(AF_INET, server.Family);

        (PhpString? peer, int peerPort) = PeerName(client);
        Assert.Equal((PhpString)"127.0.0.1", peer);
        Assert.Equal(port, peerPort);
        (PhpString? local, int localPort) = SockName(client);
        Assert.Equal((PhpString)"127.0.0.1", local);
        Assert.Equal((local, localPort), PeerName(server));
        CloseAll(client, server, listener);
    }

    [Fact]
    public void Names_without_the_port_argument()
    {
        (Socket client, Socket server) = TcpPair();
        PhpString? address = null;
        Assert.True(socket_getsockname(client, ref address));
        Assert.Equal((PhpString)"127.0.0.1", address);
        address = null;
        Assert.True(socket_getpeername(client, ref address));
        Assert.Equal((PhpString)"127.0.0.1", address);
        CloseAll(client, server);
    }

    [Fact]
    public void Unbound_udp_socket_is_0_0_0_0_port_0()
    {
        Socket u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.Equal(((PhpString?)"0.0.0.0", 0), SockName(u));
        socket_close(u);
        Socket u6 = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP)!;
        Assert.Equal(((PhpString?)"::", 0), SockName(u6));
        socket_close(u6);
    }

    [Fact]
    public void Getpeername_on_an_unconnected_socket_warns_and_leaves_the_arguments()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        PhpString? address = "before";
        int port = 42;
        bool ok = SingleWarning("socket_getpeername(): unable to retrieve peer name [107]: Transport endpoint is not connected",
            () => socket_getpeername(s, ref address, ref port));
        Assert.False(ok);
        Assert.Equal((PhpString)"before", address);
        Assert.Equal(42, port);
        Assert.Equal(107, socket_last_error(s));
        socket_close(s);
    }

    [Fact]
    public void Inet6_loopback_bind_connect_and_names()
    {
        Socket listener = Listener(AF_INET6, out int port);
        Assert.Equal((PhpString)"::1", SockName(listener).Address);
        Socket client = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_connect(client, "::1", port));
        Socket server = Accept(listener);
        Assert.Equal(AF_INET6, server.Family);
        Assert.Equal(((PhpString?)"::1", port), PeerName(client));
        Assert.Equal(SockName(client), PeerName(server));
        CloseAll(client, server, listener);
    }

    [Fact]
    public void Inet6_socket_takes_an_ipv4_literal_as_v4_mapped()
    {
        Socket listener = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        Assert.True(NoWarning(() => socket_bind(listener, "127.0.0.1", 0)));
        Assert.True(socket_listen(listener));
        (PhpString? address, int port) = SockName(listener);
        Assert.Equal((PhpString)"::ffff:127.0.0.1", address);

        Socket v4 = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_connect(v4, "127.0.0.1", port));
        Socket server = Accept(listener);
        // The accepted socket's family is the peer address's: AF_INET6 here (v4-mapped).
        Assert.Equal(AF_INET6, server.Family);
        Assert.Equal((PhpString)"::ffff:127.0.0.1", PeerName(server).Address);

        Socket v6 = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_connect(v6, "::ffff:127.0.0.1", port));
        Socket server2 = Accept(listener);
        Assert.Equal((PhpString)"::ffff:127.0.0.1", PeerName(v6).Address);
        CloseAll(v4, v6, server, server2, listener);
    }

    [Fact]
    public void Localhost_resolves_without_dns()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(NoWarning(() => socket_bind(s, "localhost", 0)));
        Assert.Equal((PhpString)"127.0.0.1", SockName(s).Address);
        socket_close(s);

        Socket s6 = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        Assert.True(NoWarning(() => socket_bind(s6, "localhost", 0)));
        Assert.Contains(SockName(s6).Address!.Value.ToString(), new[] { "::1", "::ffff:127.0.0.1" });
        socket_close(s6);
    }

    [Fact]
    public void Inet_host_lookup_failures_warn_with_the_resolver_code()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.False(SingleWarning("socket_bind(): Host lookup failed [-10003]: Unknown server error", () => socket_bind(s, "", 0)));
        Assert.Equal(-10003, socket_last_error(s));
        Assert.Equal(-10003, socket_last_error());
        // An IPv6 literal is not an AF_INET address: the resolver fails the same way.
        Assert.False(SingleWarning("socket_connect(): Host lookup failed [-10003]: Unknown server error", () => socket_connect(s, "::1", 80)));
        // Over 255 bytes PHP does not ask the resolver and reports the h_errno left from before (-10003 here, as in PHP).
        Assert.False(SingleWarning("socket_bind(): Host lookup failed [-10003]: Unknown server error", () => socket_bind(s, new string('a', 300), 0)));
        Assert.Equal(-10003, socket_last_error(s));
        // Only the C string counts: bytes after a NUL are ignored.
        Assert.True(NoWarning(() => socket_bind(s, Bytes("127.0.0.1\0junk"), 0)));
        socket_close(s);
    }

    [Fact]
    public void A_lookup_that_leaves_h_errno_alone_reports_the_threads_stale_value()
    {
        // gethostbyname_r("::1") fails without setting h_errno; PHP reports h_errno anyway, so a
        // fresh thread (as a fresh PHP process) gets -10000, and after "" (h_errno 3) -10003.
        var messages = new List<string>();
        var thread = new System.Threading.Thread(() =>
        {
            Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
            messages.AddRange(Warnings(() => { socket_bind(s, "::1", 0); }));
            messages.AddRange(Warnings(() => { socket_bind(s, "", 0); }));
            messages.AddRange(Warnings(() => { socket_bind(s, "::1", 0); }));
            socket_close(s);
        });
        thread.Start();
        Assert.True(thread.Join(System.TimeSpan.FromSeconds(WaitSeconds)));
        Assert.Equal(
        [
            "socket_bind(): Host lookup failed [-10000]: Unknown error -10000",
            "socket_bind(): Host lookup failed [-10003]: Unknown server error",
            "socket_bind(): Host lookup failed [-10003]: Unknown server error",
        ], messages);
    }

    [Fact]
    public void Inet_accepts_numeric_forms_gethostbyname_accepts()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(NoWarning(() => socket_bind(s, "127.1", 0)));
        Assert.Equal((PhpString)"127.0.0.1", SockName(s).Address);
        socket_close(s);
    }

    private static void AssertHostLookupFailed(string function, Socket s, List<string> warnings)
    {
        int code = socket_last_error(s);
        // The code is -10000 - h_errno, and getaddrinfo does not set h_errno: PHP reports a stale value too.
        Assert.True(code <= -10000, $"code {code}");
        Assert.Equal($"{function}(): Host lookup failed [{code}]: {socket_strerror(code)}", Assert.Single(warnings));
    }

    [Theory]
    [InlineData("")]
    [InlineData("::1%nosuchif")]
    [InlineData("::1%lo")] // glibc's getaddrinfo takes interface names only for link-local addresses
    [InlineData("::1%-3")]
    [InlineData("fe80::1%nosuchif")]
    [InlineData("::1%4294967296")] // getaddrinfo refuses a scope beyond UINT_MAX
    public void Inet6_host_lookup_failures(string host)
    {
        Socket s = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        (bool ok, List<string> warnings) = Warnings(() => socket_bind(s, host, 0));
        Assert.False(ok);
        AssertHostLookupFailed("socket_bind", s, warnings);
        socket_close(s);
    }

    [Fact]
    public void Inet6_long_name_fails_lookup()
    {
        Socket s = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        (bool ok, List<string> warnings) = Warnings(() => socket_connect(s, new string('a', 300), 80));
        Assert.False(ok);
        AssertHostLookupFailed("socket_connect", s, warnings);
        socket_close(s);
    }

    [Theory]
    [InlineData("::1%1")]
    [InlineData("::1%0")]
    [InlineData("::1%4294967295")]
    public void Inet6_numeric_scope_ids_bind(string host)
    {
        Socket s = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        Assert.True(NoWarning(() => socket_bind(s, host, 0)));
        Assert.Equal((PhpString)"::1", SockName(s).Address);
        socket_close(s);
    }

    [Fact]
    public void Link_local_with_an_interface_name_resolves_and_the_kernel_decides()
    {
        Socket s = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        // lo has no fe80::1, so the scope was applied and bind says EADDRNOTAVAIL.
        Assert.False(SingleWarning("socket_bind(): Unable to bind address [99]: Cannot assign requested address", () => socket_bind(s, "fe80::1%lo", 0)));
        Assert.Equal(99, socket_last_error(s));
        socket_close(s);
        // Without a scope the kernel refuses a link-local address (on a fresh socket: a failed
        // scoped bind leaves the socket tied to the interface).
        Socket t = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        Assert.False(SingleWarning("socket_bind(): Unable to bind address [22]: Invalid argument", () => socket_bind(t, "fe80::1", 0)));
        socket_close(t);
    }

    [Fact]
    public void Inet6_connect_needs_a_port()
    {
        Socket s = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        Throws<PhpValueError>("socket_connect(): Argument #3 ($port) cannot be null when the socket type is AF_INET6", () => socket_connect(s, "::1"));
        Socket s4 = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Throws<PhpValueError>("socket_connect(): Argument #3 ($port) cannot be null when the socket type is AF_INET", () => socket_connect(s4, "127.0.0.1"));
        CloseAll(s, s4);
    }

    [Theory]
    [InlineData(65536)]
    [InlineData(70000)]
    [InlineData(-1)]
    [InlineData(long.MaxValue)]
    public void Ports_outside_0_to_65535_are_a_ValueError(long port)
    {
        // Deliberate PHP 8.5 behaviour: PHP 8.2 silently wraps the port to 16 bits.
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Socket d = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP)!;
        NoWarning(() =>
        {
            Throws<PhpValueError>("socket_bind(): Argument #3 ($port) must be between 0 and 65535", () => socket_bind(s, "127.0.0.1", port));
            Throws<PhpValueError>("socket_connect(): Argument #3 ($port) must be between 0 and 65535", () => socket_connect(s, "127.0.0.1", port));
            Throws<PhpValueError>("socket_sendto(): Argument #6 ($port) must be between 0 and 65535", () => socket_sendto(d, "x", 1, 0, "::1", port));
            Throws<PhpValueError>("socket_create_listen(): Argument #1 ($port) must be between 0 and 65535", () => socket_create_listen(port));
        });
        Assert.Equal(((PhpString?)"0.0.0.0", 0), SockName(s));
        CloseAll(s, d);
    }

    [Fact]
    public void Bind_errors()
    {
        Socket listener = Listener(AF_INET, out int port);
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.False(SingleWarning("socket_bind(): Unable to bind address [98]: Address already in use", () => socket_bind(s, "127.0.0.1", port)));
        Assert.True(socket_bind(s, "127.0.0.1", 0));
        Assert.False(SingleWarning("socket_bind(): Unable to bind address [22]: Invalid argument", () => socket_bind(s, "127.0.0.1", 0)));
        Socket t = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        // 192.0.2.1 (TEST-NET-1) is not a local address.
        Assert.False(SingleWarning("socket_bind(): Unable to bind address [99]: Cannot assign requested address", () => socket_bind(t, "192.0.2.1", 0)));
        CloseAll(s, t, listener);
    }

    [Fact]
    public void Unix_paths_round_trip_up_to_107_bytes()
    {
        using var dir = new TempSocketDir();
        string path = dir.File(new string('x', 107 - dir.Path.Length - 1));
        Assert.Equal(107, Encoding.UTF8.GetByteCount(path));

        Socket listener = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.True(NoWarning(() => socket_bind(listener, path)));
        Assert.True(socket_listen(listener));
        PhpString? address = null;
        int port = 77;
        Assert.True(socket_getsockname(listener, ref address, ref port));
        Assert.Equal((PhpString)path, address);
        Assert.Equal(77, port); // AF_UNIX leaves $port untouched

        Socket client = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.True(NoWarning(() => socket_connect(client, path)));
        Socket server = Accept(listener);
        Assert.Equal(AF_UNIX, server.Family);
        address = null;
        Assert.True(socket_getpeername(client, ref address, ref port));
        Assert.Equal((PhpString)path, address);
        Assert.Equal(77, port);
        // The unbound client side has no name.
        address = null;
        Assert.True(socket_getsockname(client, ref address));
        Assert.Equal(PhpString.Empty, address);
        CloseAll(client, server, listener);
    }

    [Fact]
    public void Unix_paths_of_108_bytes_are_a_ValueError()
    {
        string path = "/tmp/" + new string('y', 103);
        Assert.Equal(108, path.Length);
        Socket s = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Throws<PhpValueError>("socket_bind(): Argument #2 ($address) must be less than 108", () => socket_bind(s, path));
        Throws<PhpValueError>("socket_connect(): Argument #2 ($address) must be less than 108", () => socket_connect(s, path));
        socket_close(s);
    }

    [Fact]
    public void Unix_abstract_names_work_for_bind_and_connect_and_read_back_empty()
    {
        PhpString name = Bytes("\0phpsockets-test-" + System.Environment.ProcessId + "-" + System.Guid.NewGuid().ToString("N"));
        Socket listener = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.True(NoWarning(() => socket_bind(listener, name)));
        Assert.True(socket_listen(listener));
        PhpString? address = "x";
        Assert.True(socket_getsockname(listener, ref address));
        Assert.Equal(PhpString.Empty, address); // sun_path read as a C string

        Socket client = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.True(NoWarning(() => socket_connect(client, name)));
        Socket server = Accept(listener);
        Assert.Equal(1, socket_write(client, "!"));
        WaitReadable(server);
        Assert.Equal((PhpString)"!", socket_read(server, 10));
        CloseAll(client, server, listener);
    }

    [Fact]
    public void Unix_empty_path_autobinds()
    {
        Socket s = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(NoWarning(() => socket_bind(s, "")));
        PhpString? address = "x";
        Assert.True(socket_getsockname(s, ref address));
        Assert.Equal(PhpString.Empty, address);
        // Autobinding an autobound socket again succeeds (Linux, as PHP shows).
        Assert.True(NoWarning(() => socket_bind(s, "")));
        socket_close(s);
    }

    [Fact]
    public void Unix_errors()
    {
        using var dir = new TempSocketDir();
        Socket s = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.False(SingleWarning("socket_bind(): Unable to bind address [2]: No such file or directory", () => socket_bind(s, dir.File("nodir/x"))));
        Assert.Equal(2, socket_last_error(s));
        Assert.False(SingleWarning("socket_connect(): unable to connect [2]: No such file or directory", () => socket_connect(s, dir.File("nosock"))));
        // The port is ignored for AF_UNIX.
        Assert.True(socket_bind(s, dir.File("a"), 1234));
        Socket t = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.False(SingleWarning("socket_bind(): Unable to bind address [98]: Address already in use", () => socket_bind(t, dir.File("a"))));
        CloseAll(s, t);
    }

    [Fact]
    public void Unix_socket_file_stays_after_close()
    {
        using var dir = new TempSocketDir();
        Socket s = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.True(socket_bind(s, dir.File("stay")));
        socket_close(s);
        Assert.True(System.IO.File.Exists(dir.File("stay")));
    }

    [Fact]
    public void Connect_refused()
    {
        Socket s = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        Assert.False(SingleWarning("socket_connect(): unable to connect [111]: Connection refused", () => socket_connect(s, "::1", 1)));
        Assert.Equal(111, socket_last_error(s));
        socket_close(s);
    }

    [Fact]
    public void Udp_connect_sets_the_default_peer()
    {
        Socket a = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.True(socket_bind(a, "127.0.0.1", 0));
        int port = SockName(a).Port;
        Socket b = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.True(socket_connect(b, "127.0.0.1", port));
        Assert.Equal(((PhpString?)"127.0.0.1", port), PeerName(b));
        Assert.Equal(2, socket_write(b, "hi"));
        WaitReadable(a);
        Assert.Equal((PhpString)"hi", socket_read(a, 10));
        CloseAll(a, b);
    }
}
