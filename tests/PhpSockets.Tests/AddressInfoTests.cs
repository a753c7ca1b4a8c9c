using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// socket_addrinfo_lookup, _explain, _bind and _connect (php-sockets-behaviour.md §2.26-2.28) and the
/// typed AddressInfo API. Loopback and numeric services only: no DNS.
/// </summary>
public class AddressInfoTests
{
    private const string UnknownHintKey =
        "socket_addrinfo_lookup(): Argument #3 ($hints) must only contain array keys \"ai_flags\", \"ai_socktype\", \"ai_protocol\", or \"ai_family\"";

    private static AddressInfo[] Lookup(PhpString host, PhpString? service = null, PhpArray? hints = null) =>
        NoWarning(() => socket_addrinfo_lookup(host, service, hints)) ?? throw new InvalidOperationException("lookup failed");

    private static AddressInfo Single(PhpString host, PhpString? service, int socketType, int family = 0) =>
        Assert.Single(Lookup(host, service, new PhpArray { ["ai_socktype"] = socketType, ["ai_family"] = family }));

    [Fact]
    public void Numeric_ipv4_without_hints_gives_one_entry_per_socket_type()
    {
        AddressInfo[] list = Lookup("127.0.0.1", "8080");
        Assert.Equal([SOCK_STREAM, SOCK_DGRAM, SOCK_RAW], list.Select(a => a.SocketType));
        Assert.Equal([6, 17, 0], list.Select(a => a.Protocol));
        Assert.All(list, a =>
        {
            Assert.Equal(AF_INET, a.Family);
            Assert.Equal(8080, a.Port);
            Assert.Equal("127.0.0.1", a.AddressText);
            Assert.Equal(16, a.RawAddress.Length);
            Assert.Null(a.CanonicalName);
        });
    }

    [Fact]
    public void Explain_gives_php_keys_in_php_order()
    {
        PhpArray explained = socket_addrinfo_explain(Single("127.0.0.1", "80", SOCK_STREAM));
        Assert.Equal(["ai_flags", "ai_family", "ai_socktype", "ai_protocol", "ai_addr"], explained.Keys);
        Assert.Equal(0L, explained["ai_flags"]);
        Assert.Equal((long)AF_INET, explained["ai_family"]);
        Assert.Equal((long)SOCK_STREAM, explained["ai_socktype"]);
        Assert.Equal(6L, explained["ai_protocol"]);
        var address = Assert.IsType<PhpArray>(explained["ai_addr"]);
        Assert.Equal(["sin_port", "sin_addr"], address.Keys);
        Assert.Equal(80L, address["sin_port"]);
        Assert.Equal((PhpString)"127.0.0.1", address["sin_addr"]);
    }

    [Fact]
    public void Explain_ipv6_uses_sin6_keys()
    {
        AddressInfo info = Single("::1", "443", SOCK_DGRAM, AF_INET6);
        var address = Assert.IsType<PhpArray>(socket_addrinfo_explain(info)["ai_addr"]);
        Assert.Equal(["sin6_port", "sin6_addr"], address.Keys);
        Assert.Equal(443L, address["sin6_port"]);
        Assert.Equal((PhpString)"::1", address["sin6_addr"]);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 443), info.ToIPEndPoint());
        Assert.Equal(28, info.RawAddress.Length);
    }

    [Fact]
    public void Canonical_name_sits_between_protocol_and_address_on_the_first_entry_only()
    {
        AddressInfo[] list = Lookup("127.0.0.1", "80", new PhpArray { ["ai_flags"] = AI_CANONNAME });
        Assert.Equal("127.0.0.1", list[0].CanonicalName);
        Assert.Null(list[1].CanonicalName);
        Assert.All(list, a => Assert.Equal(AI_CANONNAME, a.Flags));
        PhpArray explained = socket_addrinfo_explain(list[0]);
        Assert.Equal(["ai_flags", "ai_family", "ai_socktype", "ai_protocol", "ai_canonname", "ai_addr"], explained.Keys);
        Assert.Equal((PhpString)"127.0.0.1", explained["ai_canonname"]);
        Assert.DoesNotContain("ai_canonname", socket_addrinfo_explain(list[1]).Keys);
    }

    [Fact]
    public void Localhost_resolves_to_ipv4_loopback_through_the_hosts_file()
    {
        AddressInfo info = Single("localhost", "80", SOCK_STREAM, AF_INET);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 80), info.ToIPEndPoint());
        Assert.Equal("127.0.0.1:80", info.ToString());
    }

    [Fact]
    public void V4_mapped_hint_maps_an_ipv4_literal_into_an_ipv6_entry()
    {
        AddressInfo info = Assert.Single(Lookup("127.0.0.1", "80", new PhpArray { ["ai_family"] = AF_INET6, ["ai_flags"] = AI_V4MAPPED, ["ai_socktype"] = SOCK_STREAM }));
        Assert.Equal(AF_INET6, info.Family);
        Assert.Equal("::ffff:127.0.0.1", info.AddressText);
        Assert.Equal(AI_V4MAPPED, info.Flags);
    }

    [Theory]
    [InlineData("", "80")]
    [InlineData("127.0.0.1", "no-such-service-name")]
    [InlineData("\u0000127.0.0.1", "80")]
    public void Failures_give_null_without_warning_and_keep_the_last_error(string host, string service)
    {
        (Socket client, Socket server) = UnixPair();
        socket_close(server);
        socket_clear_error();
        Warnings(() => socket_write(client, "x"));
        Warnings(() => socket_write(client, "x"));
        int before = socket_last_error();
        Assert.NotEqual(0, before);
        Assert.Null(NoWarning(() => socket_addrinfo_lookup(host, service)));
        Assert.Equal(before, socket_last_error());
        socket_close(client);
    }

    [Fact]
    public void Bad_hints_fail_quietly()
    {
        Assert.Null(NoWarning(() => socket_addrinfo_lookup("localhost", null, new PhpArray { ["ai_flags"] = AI_NUMERICHOST })));
        Assert.Null(NoWarning(() => socket_addrinfo_lookup("127.0.0.1", null, new PhpArray { ["ai_family"] = 99 })));
        Assert.Null(NoWarning(() => socket_addrinfo_lookup("127.0.0.1", null, new PhpArray { ["ai_socktype"] = 77 })));
        Assert.Null(NoWarning(() => socket_addrinfo_lookup("::1", "80", new PhpArray { ["ai_family"] = AF_INET })));
        Assert.Null(NoWarning(() => socket_addrinfo_lookup("localhost", "80", new PhpArray { ["ai_family"] = AF_INET6 })));
    }

    [Fact]
    public void Unknown_string_key_throws_php_value_error_even_after_valid_keys()
    {
        Throws<PhpValueError>(UnknownHintKey, () => socket_addrinfo_lookup("127.0.0.1", "80", new PhpArray { ["ai_family"] = AF_INET, ["ai_port"] = 80 }));
        Throws<PhpValueError>(UnknownHintKey, () => socket_addrinfo_lookup("127.0.0.1", "80", new PhpArray { ["AI_FAMILY"] = AF_INET }));
        // The check comes before the resolver: a name that would fail still throws.
        var error = Throws<PhpValueError>(UnknownHintKey, () => socket_addrinfo_lookup("no.such.host.invalid", "80", new PhpArray { [""] = 1 }));
        Assert.Equal("ValueError", error.PhpClass);
    }

    [Fact]
    public void Integer_keys_are_ignored_so_a_plain_list_is()
    {
        Assert.Equal(3, Lookup("127.0.0.1", "80", new PhpArray { AF_INET6, SOCK_DGRAM, 17 }).Length);
        AddressInfo[] mixed = Lookup("127.0.0.1", "80", new PhpArray { [0] = AF_INET6, ["ai_socktype"] = SOCK_DGRAM, ["7"] = "x" });
        Assert.Equal(SOCK_DGRAM, Assert.Single(mixed).SocketType);
    }

    [Fact]
    public void Hint_values_convert_like_zval_get_long_and_truncate_to_a_c_int()
    {
        Assert.Equal(SOCK_DGRAM, Assert.Single(Lookup("127.0.0.1", "80", new PhpArray { ["ai_socktype"] = "2" })).SocketType);
        Assert.Equal(SOCK_STREAM, Assert.Single(Lookup("127.0.0.1", "80", new PhpArray { ["ai_socktype"] = "1 apples", ["ai_family"] = " 2" })).SocketType);
        Assert.Equal(SOCK_STREAM, Assert.Single(Lookup("127.0.0.1", "80", new PhpArray { ["ai_socktype"] = true })).SocketType);
        Assert.Equal(3, Lookup("127.0.0.1", "80", new PhpArray { ["ai_family"] = null, ["ai_socktype"] = false }).Length);
        // 2^40 + 2 keeps its low 32 bits: AF_INET; 2^32 + 1: SOCK_STREAM.
        AddressInfo wide = Assert.Single(Lookup("127.0.0.1", "80", new PhpArray { ["ai_family"] = (1L << 40) | 2, ["ai_socktype"] = (1L << 32) + 1 }));
        Assert.Equal((AF_INET, SOCK_STREAM), (wide.Family, wide.SocketType));
    }

    [Fact]
    public void Host_and_service_are_c_strings()
    {
        AddressInfo info = Assert.Single(Lookup(Bytes("127.0.0.1\0ignored"), Bytes("80\0junk"), new PhpArray { ["ai_socktype"] = SOCK_STREAM }));
        Assert.Equal(80, info.Port);
    }

    [Fact]
    public void Bind_listen_and_connect_through_address_info()
    {
        Socket server = NoWarning(() => socket_addrinfo_bind(Single("127.0.0.1", "0", SOCK_STREAM)))!;
        Assert.Equal(AF_INET, server.Family);
        Assert.Equal(0, socket_last_error(server));
        PhpString? address = null;
        int port = 0;
        Assert.True(socket_getsockname(server, ref address, ref port));
        Assert.NotEqual(0, port);
        // Bound but not listening yet: accept fails with EINVAL.
        Assert.Null(SingleWarning("socket_accept(): unable to accept incoming connection [22]: Invalid argument", () => socket_accept(server)));
        Assert.True(socket_listen(server, 4));
        Socket client = NoWarning(() => socket_addrinfo_connect(Single("127.0.0.1", port.ToString(), SOCK_STREAM)))!;
        Socket peer = Accept(server);
        Assert.Equal(2, socket_write(client, "hi"));
        WaitReadable(peer);
        Assert.Equal((PhpString)"hi", socket_read(peer, 10));
        CloseAll(client, peer, server);
    }

    [Fact]
    public void Ipv6_bind_and_connect()
    {
        Socket server = socket_addrinfo_bind(Single("::1", "0", SOCK_STREAM, AF_INET6))!;
        Assert.Equal(AF_INET6, server.Family);
        PhpString? address = null;
        int port = 0;
        Assert.True(socket_getsockname(server, ref address, ref port));
        Assert.Equal((PhpString)"::1", address);
        Assert.True(socket_listen(server, 1));
        Socket client = socket_addrinfo_connect(Single("::1", port.ToString(), SOCK_STREAM, AF_INET6))!;
        Socket peer = Accept(server);
        CloseAll(client, peer, server);
    }

    [Fact]
    public void Refused_connect_warns_and_records_only_the_global_error()
    {
        Socket holder = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_bind(holder, "127.0.0.1", 0));
        PhpString? address = null;
        int port = 0;
        Assert.True(socket_getsockname(holder, ref address, ref port));
        socket_clear_error();
        Socket? client = SingleWarning("socket_addrinfo_connect(): Unable to connect address [111]: Connection refused",
            () => socket_addrinfo_connect(Single("127.0.0.1", port.ToString(), SOCK_STREAM)));
        Assert.Null(client);
        Assert.Equal(111, socket_last_error());
        Assert.Equal(0, socket_last_error(holder));
        socket_close(holder);
    }

    [Fact]
    public void Bind_to_an_address_in_use_warns()
    {
        Socket listener = Listener(AF_INET, out int port);
        Socket? second = SingleWarning("socket_addrinfo_bind(): Unable to bind address [98]: Address already in use",
            () => socket_addrinfo_bind(Single("127.0.0.1", port.ToString(), SOCK_STREAM)));
        Assert.Null(second);
        Assert.Equal(98, socket_last_error());
        socket_close(listener);
    }

    [Fact]
    public void Udp_connect_sets_the_peer_without_a_listener()
    {
        Socket receiver = socket_addrinfo_bind(Single("127.0.0.1", "0", SOCK_DGRAM))!;
        PhpString? address = null;
        int port = 0;
        Assert.True(socket_getsockname(receiver, ref address, ref port));
        Socket sender = NoWarning(() => socket_addrinfo_connect(Single("127.0.0.1", port.ToString(), SOCK_DGRAM)))!;
        Assert.Equal(4, socket_send(sender, "ping", 4, 0));
        WaitReadable(receiver);
        Assert.Equal((PhpString)"ping", socket_read(receiver, 10));
        CloseAll(sender, receiver);
    }

    [Fact]
    public void A_failing_socket_call_warns_unable_to_create_socket_globally()
    {
        // Protocol 255 with SOCK_STREAM: EPROTONOSUPPORT from socket(2), whatever the privileges.
        var info = new AddressInfo(0, AF_INET, SOCK_STREAM, 255, Single("127.0.0.1", "80", SOCK_STREAM).RawAddress, null);
        socket_clear_error();
        Assert.Null(SingleWarning("socket_addrinfo_bind(): Unable to create socket [93]: Protocol not supported", () => socket_addrinfo_bind(info)));
        Assert.Equal(93, socket_last_error());
        Assert.Null(SingleWarning("socket_addrinfo_connect(): Unable to create socket [93]: Protocol not supported", () => socket_addrinfo_connect(info)));
    }

    [Fact]
    public void Unix_entries_give_null_silently()
    {
        var info = new AddressInfo(0, AF_UNIX, SOCK_STREAM, 0, [1, 0, (byte)'x', 0], null);
        socket_clear_error();
        Assert.Null(NoWarning(() => socket_addrinfo_bind(info)));
        Assert.Null(NoWarning(() => socket_addrinfo_connect(info)));
        Assert.Equal(0, socket_last_error());
        Assert.Empty(Assert.IsType<PhpArray>(socket_addrinfo_explain(info)["ai_addr"]));
        Assert.Null(info.ToIPEndPoint());
        Assert.Null(info.AddressText);
        Assert.Equal(0, info.Port);
    }

    [Fact]
    public void Other_families_throw_the_two_different_value_errors()
    {
        // AF_NETLINK (16) raw sockets open without privileges.
        var info = new AddressInfo(0, 16, SOCK_RAW, 0, new byte[12], null);
        Throws<PhpValueError>("socket_addrinfo_bind(): Argument #1 ($address) must be one of AF_UNIX, AF_INET, or AF_INET6", () => socket_addrinfo_bind(info));
        Throws<PhpValueError>("socket_addrinfo_connect(): Argument #1 ($address) socket type must be one of AF_UNIX, AF_INET, or AF_INET6", () => socket_addrinfo_connect(info));
    }

    [Fact]
    public void Lookup_results_are_independent_copies()
    {
        AddressInfo[] first = Lookup("127.0.0.1", "1");
        AddressInfo[] second = Lookup("127.0.0.1", "2");
        Assert.NotSame(first[0], second[0]);
        Assert.Equal(1, first[0].Port);
        Assert.Equal(2, second[0].Port);
        byte[] copy = first[0].RawAddress.ToArray();
        GC.Collect();
        Assert.Equal(copy, first[0].RawAddress.ToArray());
        List<PhpArray> explained = first.Select(socket_addrinfo_explain).ToList();
        Assert.Equal(3, explained.Count);
    }
}
