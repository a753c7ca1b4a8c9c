using System;
using System.Collections.Generic;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// socket_get_option / socket_set_option: the PHP-shaped functions (messages checked against PHP
/// 8.2.36 on Linux) and the typed overloads. Everything runs on loopback; multicast uses interface
/// 1 (lo), which FORMAT.md assumes for the conformance scenarios too.
/// </summary>
public class OptionsTests
{
    private static (T Result, List<PhpWarning> Warnings) Capture<T>(Func<T> action)
    {
        var warnings = new List<PhpWarning>();
        using (PhpWarnings.Capture(warnings))
        {
            return (action(), warnings);
        }
    }

    private static bool HasIPv6Loopback()
    {
        var warnings = new List<PhpWarning>();
        using (PhpWarnings.Capture(warnings))
        {
            Socket? s = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP);
            if (s is null) return false;
            bool ok = socket_bind(s, "::1", 0);
            socket_close(s);
            return ok;
        }
    }

    // ---- the non-blocking connect completed through socket_select and SO_ERROR -------------------

    [Fact]
    public void Nonblocking_connect_to_a_listener_completes_with_SO_ERROR_zero()
    {
        Socket listener = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_bind(listener, "127.0.0.1", 0));
        Assert.True(socket_listen(listener, 5));
        int port = LocalPort(listener);

        Socket client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_set_nonblock(client));
        var (connected, warnings) = Capture(() => socket_connect(client, "127.0.0.1", port));
        Assert.False(connected);
        Assert.Empty(warnings); // EINPROGRESS is recorded without a warning
        Assert.Equal(SOCKET_EINPROGRESS, socket_last_error(client));

        List<Socket>? read = null, except = null;
        List<Socket>? write = [client];
        Assert.Equal(1, socket_select(ref read, ref write, ref except, 5));
        Assert.Same(client, Assert.Single(write!));

        Assert.Equal(0L, socket_get_option(client, SOL_SOCKET, SO_ERROR));
        Assert.True(socket_get_option(client, SOL_SOCKET, SO_ERROR, out long error));
        Assert.Equal(0, error);

        Socket accepted = socket_accept(listener)!;
        Assert.Equal((long)SOCK_STREAM, socket_get_option(accepted, SOL_SOCKET, SO_TYPE));
        Assert.Equal(1L, socket_get_option(listener, SOL_SOCKET, 30)); // SO_ACCEPTCONN
        socket_close(accepted);
        socket_close(client);
        socket_close(listener);
    }

    [Fact]
    public void Nonblocking_connect_refused_reports_ECONNREFUSED_through_SO_ERROR_once()
    {
        // A bound socket that does not listen keeps the port taken and refuses connections.
        Socket bound = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_bind(bound, "127.0.0.1", 0));
        int port = LocalPort(bound);

        Socket client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_set_nonblock(client));
        var (connected, warnings) = Capture(() => socket_connect(client, "127.0.0.1", port));
        Assert.False(connected);
        Assert.Empty(warnings);
        Assert.Equal(SOCKET_EINPROGRESS, socket_last_error(client));

        List<Socket>? read = null, except = null;
        List<Socket>? write = [client];
        Assert.Equal(1, socket_select(ref read, ref write, ref except, 5));

        // Reading SO_ERROR clears it: ECONNREFUSED once, then 0. The socket's last error stays EINPROGRESS.
        Assert.Equal((long)SOCKET_ECONNREFUSED, socket_get_option(client, SOL_SOCKET, SO_ERROR));
        Assert.Equal(0L, socket_get_option(client, SOL_SOCKET, SO_ERROR));
        Assert.Equal(SOCKET_EINPROGRESS, socket_last_error(client));
        socket_close(client);
        socket_close(bound);
    }

    // ---- the PHP-shaped functions ----------------------------------------------------------------

    [Fact]
    public void Integer_options_and_PHP_conversions_of_value()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.Equal(1L, socket_get_option(s, SOL_SOCKET, SO_TYPE));
        Assert.Equal(0L, socket_getopt(s, SOL_SOCKET, SO_REUSEADDR));
        Assert.True(socket_set_option(s, SOL_SOCKET, SO_REUSEADDR, true));
        Assert.Equal(1L, socket_get_option(s, SOL_SOCKET, SO_REUSEADDR));
        Assert.True(socket_set_option(s, SOL_SOCKET, SO_REUSEADDR, "0abc"));
        Assert.Equal(0L, socket_get_option(s, SOL_SOCKET, SO_REUSEADDR));
        Assert.True(socket_set_option(s, SOL_SOCKET, SO_REUSEADDR, new PhpArray { 0 }));
        Assert.Equal(1L, socket_get_option(s, SOL_SOCKET, SO_REUSEADDR));
        Assert.True(socket_set_option(s, SOL_SOCKET, SO_REUSEADDR, 0.7));
        Assert.Equal(0L, socket_get_option(s, SOL_SOCKET, SO_REUSEADDR));
        Assert.True(socket_setopt(s, SOL_SOCKET, SO_REUSEADDR, null));
        Assert.True(socket_set_option(s, SOL_SOCKET, SO_RCVBUF, 4096));
        Assert.Equal(8192L, socket_get_option(s, SOL_SOCKET, SO_RCVBUF)); // doubled by the kernel

        Assert.True(SingleWarning("Object of class Socket could not be converted to int", () => socket_set_option(s, SOL_SOCKET, SO_REUSEADDR, s)));
        socket_close(s);
    }

    [Fact]
    public void Unknown_option_and_level_fail_with_PHP_warnings()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.Null(SingleWarning("socket_get_option(): Unable to retrieve socket option [92]: Protocol not available", () => socket_get_option(s, SOL_SOCKET, 9999)));
        Assert.Equal(SOCKET_ENOPROTOOPT, socket_last_error(s));

        Assert.Null(SingleWarning("socket_getopt(): Unable to retrieve socket option [95]: Operation not supported", () => socket_getopt(s, 9999, 1)));

        Assert.False(SingleWarning("socket_setopt(): Unable to set socket option [92]: Protocol not available", () => socket_setopt(s, SOL_SOCKET, 9999, 1)));
        Assert.Equal(SOCKET_ENOPROTOOPT, socket_last_error());
        socket_close(s);
    }

    [Fact]
    public void Linger_and_timeouts_as_PHP_arrays()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        var linger = Assert.IsType<PhpArray>(socket_get_option(s, SOL_SOCKET, SO_LINGER));
        Assert.Equal(["l_onoff", "l_linger"], linger.Keys);
        Assert.True(socket_set_option(s, SOL_SOCKET, SO_LINGER, new PhpArray { ["l_linger"] = -1, ["l_onoff"] = 1 }));
        linger = Assert.IsType<PhpArray>(socket_get_option(s, SOL_SOCKET, SO_LINGER));
        Assert.Equal(1L, linger["l_onoff"]);
        Assert.Equal(65535L, linger["l_linger"]); // PHP keeps 16 bits

        var missing = Assert.Throws<PhpValueError>(() => socket_set_option(s, SOL_SOCKET, SO_LINGER, new PhpArray { ["l_onoff"] = 1 }));
        Assert.Equal("socket_set_option(): Argument #4 ($value) must have key \"l_linger\"", missing.Message);
        Assert.Equal("ValueError", missing.PhpClass);
        missing = Assert.Throws<PhpValueError>(() => socket_setopt(s, SOL_SOCKET, SO_RCVTIMEO, 5L));
        Assert.Equal("socket_setopt(): Argument #4 ($value) must have key \"sec\"", missing.Message);

        Assert.True(socket_set_option(s, SOL_SOCKET, SO_RCVTIMEO, new PhpArray { ["sec"] = 2, ["usec"] = 500000 }));
        var timeout = Assert.IsType<PhpArray>(socket_get_option(s, SOL_SOCKET, SO_RCVTIMEO));
        Assert.Equal(2L, timeout["sec"]);
        Assert.Equal(500000L, timeout["usec"]);

        Assert.False(SingleWarning("socket_set_option(): Unable to set socket option [33]: Numerical argument out of domain", () => socket_set_option(s, SOL_SOCKET, SO_SNDTIMEO, new PhpArray { ["sec"] = 1, ["usec"] = 1000000 })));
        socket_close(s);
    }

    [Fact]
    public void The_option_number_switch_ignores_the_level_as_in_PHP_8_2()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        // TCP_NOTSENT_LOWAT is 25, SO_BINDTODEVICE's number: a non-string becomes an empty option.
        var (result, warnings) = Capture(() => socket_set_option(s, SOL_TCP, TCP_NOTSENT_LOWAT, 16384));
        Assert.False(result);
        Assert.Equal("socket_set_option(): Unable to set socket option [22]: Invalid argument", Assert.Single(warnings).Message);
        // The same through the untyped overload.
        (result, warnings) = Capture(() => socket_set_option(s, SOL_TCP, TCP_NOTSENT_LOWAT, (object)16384L));
        Assert.False(result);
        Assert.Single(warnings);
        Assert.Equal(0L, socket_get_option(s, SOL_TCP, TCP_NOTSENT_LOWAT));
        // SOL_TCP option 20 (TCP_REPAIR_QUEUE) is taken for SO_RCVTIMEO.
        var error = Assert.Throws<PhpValueError>(() => socket_set_option(s, SOL_TCP, 20, 1));
        Assert.Equal("socket_set_option(): Argument #4 ($value) must have key \"sec\"", error.Message);
        // IP-level options skip that switch: an array is converted to 1.
        Socket u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.True(socket_set_option(u, IPPROTO_IP, 2, new PhpArray { 7 }));
        Assert.Equal(1L, socket_get_option(u, IPPROTO_IP, 2));
        socket_close(u);
        socket_close(s);
    }

    [Fact]
    public void Tcp_congestion_is_a_string_both_ways()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_set_option(s, SOL_TCP, TCP_CONGESTION, "reno"));
        var name = Assert.IsType<PhpArray>(socket_get_option(s, SOL_TCP, TCP_CONGESTION));
        Assert.Equal((PhpString)"reno", name["name"]);
        Assert.True(socket_get_option(s, SOL_TCP, TCP_CONGESTION, out PhpString typed));
        Assert.Equal((PhpString)"reno", typed);

        var (unknown, warnings) = Capture(() => socket_set_option(s, SOL_TCP, TCP_CONGESTION, "nosuchcc"));
        Assert.False(unknown);
        Assert.Equal("socket_set_option(): Unable to set socket option [2]: No such file or directory", Assert.Single(warnings).Message);
        (unknown, warnings) = Capture(() => socket_set_option(s, SOL_TCP, TCP_CONGESTION, 5));
        Assert.False(unknown);
        Assert.Equal("socket_set_option(): Unable to set socket option [22]: Invalid argument", Assert.Single(warnings).Message);
        socket_close(s);
    }

    [Fact]
    public void Meminfo_has_PHPs_nine_keys()
    {
        Socket s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.True(socket_set_option(s, SOL_SOCKET, SO_RCVBUF, 4096));
        var info = Assert.IsType<PhpArray>(socket_get_option(s, SOL_SOCKET, SO_MEMINFO));
        Assert.Equal(["rmem_alloc", "rcvbuf", "wmem_alloc", "sndbuf", "fwd_alloc", "wmem_queued", "optmem", "backlog", "drops"], info.Keys);
        Assert.Equal(8192L, info["rcvbuf"]);
        Assert.True(socket_get_option(s, SOL_SOCKET, SO_MEMINFO, out MemoryInfo typed));
        Assert.Equal(8192u, typed.ReceiveBuffer);
        Assert.Equal(0u, typed.Drops);
        socket_close(s);
    }

    [Fact]
    public void Multicast_ttl_loop_and_interface()
    {
        Socket s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.True(socket_set_option(s, IPPROTO_IP, IP_MULTICAST_TTL, 7));
        Assert.Equal(7L, socket_get_option(s, IPPROTO_IP, IP_MULTICAST_TTL));
        Assert.Equal("socket_set_option(): Argument #4 ($value) must be between 0 and 255",
            Assert.Throws<PhpValueError>(() => socket_set_option(s, IPPROTO_IP, IP_MULTICAST_TTL, "300")).Message);
        Assert.True(socket_set_option(s, IPPROTO_IP, IP_MULTICAST_LOOP, 256));
        Assert.Equal(1L, socket_get_option(s, IPPROTO_IP, IP_MULTICAST_LOOP));
        Assert.True(socket_set_option(s, IPPROTO_IP, IP_MULTICAST_LOOP, "0"));
        Assert.Equal(0L, socket_get_option(s, IPPROTO_IP, IP_MULTICAST_LOOP));

        Assert.Equal(0L, socket_get_option(s, IPPROTO_IP, IP_MULTICAST_IF));
        Assert.True(socket_set_option(s, IPPROTO_IP, IP_MULTICAST_IF, "lo"));
        Assert.Equal(1L, socket_get_option(s, IPPROTO_IP, IP_MULTICAST_IF));
        Assert.True(socket_get_option(s, IPPROTO_IP, IP_MULTICAST_IF, out long index));
        Assert.Equal(1, index);
        Assert.False(SingleWarning("socket_set_option(): Failed obtaining address for interface 999: error 19", () => socket_set_option(s, IPPROTO_IP, IP_MULTICAST_IF, 999)));
        Assert.Equal("Index must be between 0 and 4294967295",
            Assert.Throws<PhpValueError>(() => socket_set_option(s, IPPROTO_IP, IP_MULTICAST_IF, -1)).Message);
        socket_close(s);
    }

    [Fact]
    public void Multicast_join_and_leave_on_loopback()
    {
        Socket s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        var join = new PhpArray { ["group"] = "224.0.0.250", ["interface"] = 1 };
        Assert.True(socket_set_option(s, IPPROTO_IP, MCAST_JOIN_GROUP, join));
        var (again, warnings) = Capture(() => socket_set_option(s, IPPROTO_IP, MCAST_JOIN_GROUP, new PhpArray { ["group"] = "224.0.0.250", ["interface"] = "lo" }));
        Assert.False(again);
        Assert.Equal("socket_set_option(): Unable to set socket option [98]: Address already in use", Assert.Single(warnings).Message);
        Assert.True(socket_set_option(s, IPPROTO_IP, MCAST_LEAVE_GROUP, join));
        (again, warnings) = Capture(() => socket_set_option(s, IPPROTO_IP, MCAST_LEAVE_GROUP, join));
        Assert.False(again);
        Assert.Equal("socket_set_option(): Unable to set socket option [99]: Cannot assign requested address", Assert.Single(warnings).Message);

        Assert.Equal("No key \"group\" passed in optval",
            Assert.Throws<PhpValueError>(() => socket_set_option(s, IPPROTO_IP, MCAST_JOIN_GROUP, "224.0.0.250")).Message);
        Assert.Equal("No key \"source\" passed in optval",
            Assert.Throws<PhpValueError>(() => socket_set_option(s, IPPROTO_IP, MCAST_JOIN_SOURCE_GROUP, new PhpArray { ["group"] = "232.1.2.3" })).Message);
        Assert.True(socket_set_option(s, IPPROTO_IP, MCAST_JOIN_SOURCE_GROUP,
            new PhpArray { ["group"] = "232.1.2.3", ["source"] = "127.0.0.1", ["interface"] = 1 }));
        Assert.True(socket_set_option(s, IPPROTO_IP, MCAST_LEAVE_SOURCE_GROUP,
            new PhpArray { ["group"] = "232.1.2.3", ["source"] = "127.0.0.1", ["interface"] = 1 }));
        socket_close(s);
    }

    [Fact]
    public void Multicast_on_an_AF_UNIX_socket_cannot_resolve_the_group()
    {
        Socket x = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.False(SingleWarning("socket_set_option(): IP address used in the context of an unexpected type of socket", () => socket_set_option(x, IPPROTO_IP, MCAST_JOIN_GROUP, new PhpArray { ["group"] = "224.0.0.250" })));
        socket_close(x);
    }

    [Fact]
    public void A_Socket_as_a_group_throws_after_the_lookup_as_PHP_does()
    {
        Socket u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        var warnings = new List<PhpWarning>();
        PhpError error;
        using (PhpWarnings.Capture(warnings))
        {
            error = Assert.Throws<PhpError>(() => socket_set_option(u, IPPROTO_IP, MCAST_JOIN_GROUP, new PhpArray { ["group"] = u }));
        }
        Assert.Equal("Object of class Socket could not be converted to string", error.Message);
        Assert.Equal("socket_set_option(): Host lookup failed [-10003]: Unknown server error", Assert.Single(warnings).Message);
        Assert.Equal(-10003, socket_last_error(u));
        socket_close(u);
    }

    [Fact]
    public void Ipv6_multicast_and_pktinfo()
    {
        if (!HasIPv6Loopback()) return;
        Socket s = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP)!;
        Assert.True(socket_set_option(s, IPPROTO_IPV6, MCAST_JOIN_GROUP, new PhpArray { ["group"] = "ff02::1:3", ["interface"] = 1 }));
        Assert.True(socket_set_option(s, IPPROTO_IPV6, MCAST_LEAVE_GROUP, new MulticastRequest("ff02::1:3") { InterfaceName = "lo" }));
        Assert.True(socket_set_option(s, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, -1));
        Assert.Equal("socket_set_option(): Argument #4 ($value) must be between -1 and 255",
            Assert.Throws<PhpValueError>(() => socket_set_option(s, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 256)).Message);
        Assert.True(socket_set_option(s, IPPROTO_IPV6, IPV6_MULTICAST_IF, "lo"));
        Assert.Equal(1L, socket_get_option(s, IPPROTO_IPV6, IPV6_MULTICAST_IF));

        Assert.Null(SingleWarning("socket_get_option(): unable to get socket option [92]: Protocol not available", () => socket_get_option(s, IPPROTO_IPV6, IPV6_PKTINFO)));
        Assert.True(socket_set_option(s, IPPROTO_IPV6, IPV6_PKTINFO, new PhpArray { ["addr"] = "::1", ["ifindex"] = 1 }));
        Assert.True(socket_set_option(s, IPPROTO_IPV6, IPV6_PKTINFO, new PacketInfo("::1", 1)));

        var (set, setWarnings) = Capture(() => socket_set_option(s, IPPROTO_IPV6, IPV6_PKTINFO, new PhpArray { ["addr"] = "::1" }));
        Assert.False(set);
        Assert.Equal("socket_set_option(): error converting user data (path: in6_pktinfo): The key 'ifindex' is required", Assert.Single(setWarnings).Message);
        (set, setWarnings) = Capture(() => socket_set_option(s, IPPROTO_IPV6, IPV6_PKTINFO, new PhpArray { ["addr"] = "::1", ["ifindex"] = "nosuchif" }));
        Assert.False(set);
        Assert.Equal("socket_set_option(): error converting user data (path: in6_pktinfo > ifindex): no interface with name \"nosuchif\" could be found",
            Assert.Single(setWarnings).Message);
        (set, setWarnings) = Capture(() => socket_set_option(s, IPPROTO_IPV6, IPV6_PKTINFO, new PhpArray { ["addr"] = "::1", ["ifindex"] = -1 }));
        Assert.False(set);
        Assert.Equal("socket_set_option(): error converting user data (path: in6_pktinfo > ifindex): the interface index cannot be negative or larger than 4294967295; given -1",
            Assert.Single(setWarnings).Message);
        socket_close(s);
    }

    [Fact]
    public void A_closed_socket_throws_Error_naming_the_function_called()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        socket_close(s);
        Assert.Equal("socket_get_option(): Argument #1 ($socket) has already been closed",
            Assert.Throws<PhpError>(() => socket_get_option(s, SOL_SOCKET, SO_TYPE)).Message);
        Assert.Equal("socket_getopt(): Argument #1 ($socket) has already been closed",
            Assert.Throws<PhpError>(() => socket_getopt(s, SOL_SOCKET, SO_TYPE)).Message);
        Assert.Equal("socket_set_option(): Argument #1 ($socket) has already been closed",
            Assert.Throws<PhpError>(() => socket_set_option(s, SOL_SOCKET, SO_REUSEADDR, 1)).Message);
        Assert.Equal("socket_setopt(): Argument #1 ($socket) has already been closed",
            Assert.Throws<PhpError>(() => socket_setopt(s, SOL_SOCKET, SO_LINGER, null)).Message);
        Assert.Throws<PhpError>(() => socket_get_option(s, SOL_SOCKET, SO_LINGER, out Linger _));
        Assert.Throws<PhpError>(() => socket_set_option(s, SOL_SOCKET, SO_LINGER, new Linger(true, 1)));
    }

    // ---- the typed overloads ---------------------------------------------------------------------

    [Fact]
    public void Typed_linger_and_timeouts_round_trip()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_get_option(s, SOL_SOCKET, SO_LINGER, out Linger off));
        Assert.Equal(new Linger(false, 0), off);
        Assert.True(socket_set_option(s, SOL_SOCKET, SO_LINGER, new Linger(true, 5)));
        Assert.True(socket_get_option(s, SOL_SOCKET, SO_LINGER, out Linger on));
        Assert.Equal(new Linger(true, 5), on);
        Assert.Throws<ArgumentOutOfRangeException>(() => socket_set_option(s, SOL_SOCKET, SO_LINGER, new Linger(true, 70000)));

        Assert.True(socket_set_option(s, SOL_SOCKET, SO_SNDTIMEO, TimeValue.From(TimeSpan.FromMilliseconds(1500))));
        Assert.True(socket_get_option(s, SOL_SOCKET, SO_SNDTIMEO, out TimeValue timeout));
        Assert.Equal(new TimeValue(1, 500000), timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), timeout.ToTimeSpan());
        Assert.True(socket_set_option(s, SOL_SOCKET, SO_SNDTIMEO, TimeValue.None));
        Assert.True(socket_get_option(s, SOL_SOCKET, SO_SNDTIMEO, out timeout));
        Assert.Equal(default, timeout);
        socket_close(s);
    }

    [Fact]
    public void Typed_values_for_another_option_take_PHPs_path_with_the_equivalent_array()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        // A Linger given for SO_RCVTIMEO is PHP's call with ['l_onoff' => 1, 'l_linger' => 5].
        Assert.Equal("socket_set_option(): Argument #4 ($value) must have key \"sec\"",
            Assert.Throws<PhpValueError>(() => socket_set_option(s, SOL_SOCKET, SO_RCVTIMEO, new Linger(true, 5))).Message);
        // A TimeValue given for SO_LINGER likewise.
        Assert.Equal("socket_set_option(): Argument #4 ($value) must have key \"l_onoff\"",
            Assert.Throws<PhpValueError>(() => socket_set_option(s, SOL_SOCKET, SO_LINGER, new TimeValue(1, 0))).Message);
        // An integer for IP_MULTICAST_TTL keeps PHP's range check.
        Assert.Throws<PhpValueError>(() => socket_set_option(s, IPPROTO_IP, IP_MULTICAST_TTL, 256));
        socket_close(s);
    }

    [Fact]
    public void Typed_multicast_requests()
    {
        Socket s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        var request = new MulticastRequest("224.0.0.247", InterfaceIndex: 1);
        Assert.True(socket_set_option(s, IPPROTO_IP, MCAST_JOIN_GROUP, request));
        var (again, warnings) = Capture(() => socket_set_option(s, IPPROTO_IP, MCAST_JOIN_GROUP, request with { InterfaceName = "lo" }));
        Assert.False(again);
        Assert.Equal("socket_set_option(): Unable to set socket option [98]: Address already in use", Assert.Single(warnings).Message);
        Assert.True(socket_set_option(s, IPPROTO_IP, MCAST_BLOCK_SOURCE, request with { Source = "127.0.0.9" }));
        Assert.True(socket_set_option(s, IPPROTO_IP, MCAST_UNBLOCK_SOURCE, request with { Source = "127.0.0.9" }));
        Assert.Equal("No key \"source\" passed in optval",
            Assert.Throws<PhpValueError>(() => socket_set_option(s, IPPROTO_IP, MCAST_BLOCK_SOURCE, request)).Message);
        Assert.True(socket_set_option(s, IPPROTO_IP, MCAST_LEAVE_GROUP, request));

        (again, warnings) = Capture(() => socket_set_option(s, IPPROTO_IP, MCAST_JOIN_GROUP, new MulticastRequest("224.0.0.247") { InterfaceName = "nosuchif0" }));
        Assert.False(again);
        Assert.Equal("socket_set_option(): No interface with name \"nosuchif0\" could be found", Assert.Single(warnings).Message);

        Assert.Equal(new PhpArray { ["group"] = "224.0.0.247", ["interface"] = 1L }.Keys, request.ToPhpArray().Keys);
        socket_close(s);
    }

    [Fact]
    public void Typed_getters_refuse_the_wrong_shape()
    {
        Socket s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.Throws<ArgumentException>(() => socket_get_option(s, SOL_SOCKET, SO_LINGER, out long _));
        Assert.Throws<ArgumentException>(() => socket_get_option(s, SOL_SOCKET, SO_TYPE, out Linger _));
        Assert.Throws<ArgumentException>(() => socket_get_option(s, SOL_SOCKET, SO_LINGER, out TimeValue _));
        Assert.Throws<ArgumentException>(() => socket_get_option(s, SOL_SOCKET, SO_TYPE, out MemoryInfo _));
        Assert.Throws<ArgumentException>(() => socket_get_option(s, SOL_SOCKET, SO_TYPE, out PhpString _));
        Assert.Throws<ArgumentException>(() => socket_get_option(s, SOL_SOCKET, SO_TYPE, out PacketInfo _));

        Assert.False(SingleWarning("socket_get_option(): Unable to retrieve socket option [92]: Protocol not available", () => socket_get_option(s, SOL_SOCKET, 9999, out long _)));
        socket_close(s);
    }

    [Fact]
    public void Time_value_conversions()
    {
        Assert.Equal(new TimeValue(2, 250000), TimeValue.From(TimeSpan.FromSeconds(2.25)));
        Assert.Equal(new TimeValue(0, 1), TimeValue.From(TimeSpan.FromTicks(19)));
        Assert.Equal(TimeSpan.FromSeconds(3), new TimeValue(3, 0).ToTimeSpan());
        var array = new TimeValue(3, 7).ToPhpArray();
        Assert.Equal(3L, array["sec"]);
        Assert.Equal(7L, array["usec"]);
        var linger = new Linger(true, 9).ToPhpArray();
        Assert.Equal(1L, linger["l_onoff"]);
        Assert.Equal(9L, linger["l_linger"]);
    }
}
