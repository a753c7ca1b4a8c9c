using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using PhpSockets.Interop;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// socket_sendmsg, socket_recvmsg and socket_cmsg_space with PHP's message arrays: the conversions
/// and their warnings, the received array, control messages (SCM_RIGHTS, SCM_CREDENTIALS and the
/// IPv6 ones), PHP's error rules; and the typed <see cref="SocketMessages"/> API.
/// </summary>
public class MessageTests
{
    private const int SO_PASSCRED_OPTION = 16;
    private const int IPV6_RECVHOPLIMIT_OPTION = 51;
    private const int IPV6_RECVTCLASS_OPTION = 66;

    internal static unsafe void SetIntOption(Socket socket, int level, int option, int value) =>
        Assert.Equal(0, Libc.SetSockOpt(socket.Handle, level, option, &value, sizeof(int)));

    /// <summary>A UDP socket on ::1 that receives IPV6_PKTINFO, IPV6_HOPLIMIT and IPV6_TCLASS with each datagram.</summary>
    private static Socket Ipv6Receiver(out int port)
    {
        Socket r = BoundUdp(AF_INET6, out port);
        SetIntOption(r, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
        SetIntOption(r, IPPROTO_IPV6, IPV6_RECVHOPLIMIT_OPTION, 1);
        SetIntOption(r, IPPROTO_IPV6, IPV6_RECVTCLASS_OPTION, 1);
        return r;
    }

    /// <summary>recvmsg after waiting for data, asserting no warning.</summary>
    internal static PhpArray Receive(Socket socket, PhpArray request, out int count, long flags = 0)
    {
        WaitReadable(socket);
        PhpArray? message = request;
        count = NoWarning(() => socket_recvmsg(socket, ref message, flags)) ?? -1;
        Assert.NotNull(message);
        return message;
    }

    private static PhpArray Array(params object?[] values)
    {
        var array = new PhpArray();
        foreach (object? value in values) array.Add(value);
        return array;
    }

    private static PhpArray Cmsg(int level, int type, object? data) => new() { ["level"] = (long)level, ["type"] = (long)type, ["data"] = data };

    private static string UserError(string path, string text) => $"socket_sendmsg(): error converting user data (path: {path}): {text}";

    // ---- normal use ----

    [Fact]
    public void Udp4_round_trip_joins_the_buffers_and_reports_the_sender()
    {
        Socket r = BoundUdp(AF_INET, out int port);
        Socket s = BoundUdp(AF_INET, out int sport);
        var message = new PhpArray
        {
            ["name"] = new PhpArray { ["addr"] = "127.0.0.1", ["port"] = (long)port },
            ["iov"] = Array("ab", (PhpString)"cd", 12L, 1.5, true, null),
        };
        Assert.Equal(10, NoWarning(() => socket_sendmsg(s, message)));

        PhpArray received = Receive(r, new PhpArray { ["name"] = new PhpArray(), ["controllen"] = 1L }, out int count);
        Assert.Equal(10, count);
        Assert.Equal(new object[] { "name", "control", "iov", "flags" }, received.Keys);
        var name = (PhpArray)received["name"]!;
        Assert.Equal(2L, name["family"]);
        Assert.Equal((PhpString)"127.0.0.1", name["addr"]);
        Assert.Equal((long)sport, name["port"]);
        Assert.Empty((PhpArray)received["control"]!);
        Assert.Equal((PhpString)"abcd121.51", ((PhpArray)received["iov"]!)[0L]);
        Assert.Equal(0L, received["flags"]);
        CloseAll(r, s);
    }

    [Fact]
    public void Udp6_name_has_flowinfo_and_scope_id()
    {
        Socket r = BoundUdp(AF_INET6, out int port);
        Socket s = BoundUdp(AF_INET6, out int sport);
        var message = new PhpArray
        {
            ["name"] = new PhpArray { ["addr"] = "::1", ["port"] = (long)port, ["flowinfo"] = 0L, ["scope_id"] = 0L },
            ["iov"] = Array("six"),
        };
        Assert.Equal(3, NoWarning(() => socket_sendmsg(s, message)));
        PhpArray received = Receive(r, new PhpArray { ["name"] = new PhpArray { ["family"] = (long)AF_INET6 }, ["controllen"] = 16L }, out _);
        var name = (PhpArray)received["name"]!;
        Assert.Equal(new object[] { "family", "addr", "port", "flowinfo", "scope_id" }, name.Keys);
        Assert.Equal(10L, name["family"]);
        Assert.Equal((PhpString)"::1", name["addr"]);
        Assert.Equal((long)sport, name["port"]);
        CloseAll(r, s);
    }

    [Fact]
    public void Unix_datagrams_reach_paths_and_abstract_names()
    {
        using var dir = new TempSocketDir();
        Socket r = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(r, dir.File("r.sock")));
        Socket s = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(s, dir.File("s.sock")));
        Assert.Equal(4, socket_sendmsg(s, new PhpArray { ["name"] = new PhpArray { ["path"] = dir.File("r.sock") }, ["iov"] = Array("path") }));
        PhpArray received = Receive(r, new PhpArray { ["name"] = new PhpArray(), ["controllen"] = 1L }, out _);
        Assert.Equal((PhpString)dir.File("s.sock"), ((PhpArray)received["name"]!)["path"]);

        // Abstract names: sendto cannot reach them, sendmsg can; they read back as "".
        PhpString abstractName = "\0" + dir.Path + "/abstract";
        Socket ar = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(ar, abstractName));
        Socket aw = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(aw, "\0" + dir.Path + "/abstract-w"));
        Assert.Equal(3, socket_sendmsg(aw, new PhpArray { ["name"] = new PhpArray { ["path"] = abstractName }, ["iov"] = Array("abs") }));
        received = Receive(ar, new PhpArray { ["name"] = new PhpArray(), ["controllen"] = 1L }, out _);
        Assert.Equal(PhpString.Empty, ((PhpArray)received["name"]!)["path"]);
        Assert.Equal((PhpString)"abs", ((PhpArray)received["iov"]!)[0L]);
        CloseAll(r, s, ar, aw);
    }

    [Fact]
    public void Stream_pair_reads_are_cut_by_buffer_size_and_end_with_zero()
    {
        (Socket a, Socket b) = UnixPair();
        Assert.Equal(4, socket_sendmsg(a, new PhpArray { ["iov"] = Array("ab", "cd") }));
        Assert.Equal(2, socket_sendmsg(a, new PhpArray { ["iov"] = Array("ef") }));
        PhpArray received = Receive(b, new PhpArray { ["name"] = new PhpArray(), ["controllen"] = 1L, ["buffer_size"] = 5L }, out int count);
        Assert.Equal(5, count);
        Assert.Null(received["name"]);
        Assert.Equal((PhpString)"abcde", ((PhpArray)received["iov"]!)[0L]);
        socket_close(a);
        received = Receive(b, new PhpArray { ["controllen"] = 1L }, out count);
        Assert.Equal(1, count);
        received = Receive(b, new PhpArray { ["controllen"] = 1L }, out count);
        Assert.Equal(0, count);
        Assert.Empty((PhpArray)received["iov"]!);
        socket_close(b);
    }

    [Fact]
    public void Buffer_size_zero_consumes_the_datagram_and_truncation_sets_msg_trunc()
    {
        Socket r = BoundUdp(AF_INET, out int port);
        Socket s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.Equal(5, socket_sendto(s, "hello", 5, 0, "127.0.0.1", port));
        PhpArray received = Receive(r, new PhpArray { ["controllen"] = 1L, ["buffer_size"] = 0L }, out int count);
        Assert.Equal(0, count);
        Assert.Empty((PhpArray)received["iov"]!);
        Assert.Equal((long)MSG_TRUNC, received["flags"]);

        Assert.Equal(5, socket_sendto(s, "hello", 5, 0, "127.0.0.1", port));
        received = Receive(r, new PhpArray { ["controllen"] = 1L, ["buffer_size"] = 3L }, out count, MSG_TRUNC);
        Assert.Equal(5, count); // MSG_TRUNC: the real length, but only what fits
        Assert.Equal((PhpString)"hel", ((PhpArray)received["iov"]!)[0L]);
        CloseAll(r, s);
    }

    // ---- SCM_RIGHTS ----

    [Fact]
    public void Scm_rights_passes_exactly_the_sockets_named_in_order()
    {
        // PHP 8.2 shifts Socket objects by one slot (descriptor 0 first, the last lost): not here.
        (Socket a, Socket b) = UnixPair(SOCK_DGRAM);
        Socket x = BoundUdp(AF_INET, out int xPort);
        using var dir = new TempSocketDir();
        Socket y = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(y, dir.File("y.sock")));
        var message = new PhpArray
        {
            ["iov"] = Array("fds"),
            ["control"] = Array(Cmsg(SOL_SOCKET, SCM_RIGHTS, Array(x, y))),
        };
        Assert.Equal(3, NoWarning(() => socket_sendmsg(a, message)));
        PhpArray received = Receive(b, new PhpArray { ["controllen"] = socket_cmsg_space(SOL_SOCKET, SCM_RIGHTS, 2) }, out _);
        var control = (PhpArray)received["control"]!;
        var cmsg = (PhpArray)Assert.Single(control.Values)!;
        Assert.Equal(1L, cmsg["level"]);
        Assert.Equal(1L, cmsg["type"]);
        var descriptors = (PhpArray)cmsg["data"]!;
        Assert.Equal(2, descriptors.Count);
        var rx = Assert.IsType<Socket>(descriptors[0L]);
        var ry = Assert.IsType<Socket>(descriptors[1L]);
        Assert.Equal(AF_INET, rx.Family);
        Assert.Equal(AF_UNIX, ry.Family);
        Assert.NotEqual(x.Descriptor, rx.Descriptor); // a new descriptor for the same socket
        PhpString? address = null;
        int port = 0;
        Assert.True(socket_getsockname(rx, ref address, ref port));
        Assert.Equal(xPort, port);
        Assert.True(socket_getsockname(ry, ref address));
        Assert.Equal((PhpString)dir.File("y.sock"), address);
        CloseAll(a, b, x, y, rx, ry);
    }

    [Fact]
    public void Scm_rights_passes_files_and_pipes_and_they_come_back_as_file_streams()
    {
        (Socket a, Socket b) = UnixPair(SOCK_DGRAM);
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "file contents");
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
            Socket x = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
            Stream exported = socket_export_stream(x);
            var message = new PhpArray { ["iov"] = Array("f"), ["control"] = Array(Cmsg(SOL_SOCKET, SCM_RIGHTS, Array(file, exported))) };
            Assert.Equal(1, NoWarning(() => socket_sendmsg(a, message)));
            PhpArray received = Receive(b, new PhpArray { ["controllen"] = 100L }, out _);
            var descriptors = (PhpArray)((PhpArray)((PhpArray)received["control"]!)[0L]!)["data"]!;
            using var stream = Assert.IsType<FileStream>(descriptors[0L]);
            Assert.True(stream.CanRead);
            var buffer = new byte[64];
            int n = stream.Read(buffer);
            Assert.Equal("file contents", System.Text.Encoding.ASCII.GetString(buffer, 0, n));
            Socket socket = Assert.IsType<Socket>(descriptors[1L]);
            Assert.Equal(AF_INET, socket.Family);
            CloseAll(a, b, x, socket);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Scm_rights_conversion_errors_name_the_element()
    {
        socket_clear_error();
        (Socket a, Socket b) = UnixPair(SOCK_DGRAM);
        Socket closed = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        socket_close(closed);
        string element0 = "msghdr > control > element #0";
        int? Send(object? data) => socket_sendmsg(a, new PhpArray { ["iov"] = Array("x"), ["control"] = Array(Cmsg(SOL_SOCKET, SCM_RIGHTS, data)) });

        Assert.Null(SingleWarning(UserError(element0, "expected at least one element in this array"), () => Send(new PhpArray())));
        Assert.Null(SingleWarning(UserError(element0, "expected an array here"), () => Send(5L)));
        Assert.Null(SingleWarning(UserError(element0 + " > data > element #2", "expected a Socket object or a stream resource"), () => Send(Array(a, "x"))));
        Assert.Null(SingleWarning(UserError(element0 + " > data > element #1", "socket is already closed"), () => Send(Array(closed))));
        var disposed = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.DeleteOnClose);
        disposed.Dispose();
        Assert.Null(SingleWarning(UserError(element0 + " > data > element #1", "resource is not a stream"), () => Send(Array(disposed))));
        (int? result, List<string> warnings) = Warnings(() => Send(Array(new MemoryStream())));
        Assert.Null(result);
        Assert.Equal(
        [
            "socket_sendmsg(): Cannot represent a stream of type MEMORY as a File Descriptor",
            UserError(element0 + " > data > element #1", "cast stream to file descriptor failed"),
        ], warnings);
        var missing = new PhpArray { ["control"] = Array(new PhpArray { ["level"] = 1L, ["type"] = 1L }) };
        Assert.Null(SingleWarning(UserError(element0, "cmsghdr should have a 'data' element here"), () => socket_sendmsg(a, missing)));
        Assert.Equal(0, socket_last_error(a));
        Assert.Equal(0, socket_last_error());
        CloseAll(a, b);
    }

    // ---- SCM_CREDENTIALS ----

    [Fact]
    public void So_passcred_attaches_the_senders_credentials()
    {
        (Socket a, Socket b) = UnixPair(SOCK_DGRAM);
        SetIntOption(b, SOL_SOCKET, SO_PASSCRED_OPTION, 1);
        Assert.Equal(1, socket_sendmsg(a, new PhpArray { ["iov"] = Array("c") }));
        PhpArray received = Receive(b, new PhpArray { ["controllen"] = socket_cmsg_space(SOL_SOCKET, SCM_CREDENTIALS) }, out _);
        var cmsg = (PhpArray)((PhpArray)received["control"]!)[0L]!;
        Assert.Equal(2L, cmsg["type"]);
        var creds = (PhpArray)cmsg["data"]!;
        Assert.Equal(new object[] { "pid", "uid", "gid" }, creds.Keys);
        Assert.Equal((long)Environment.ProcessId, creds["pid"]);
        Assert.Equal((long)GetUid(), creds["uid"]);

        // Explicit credentials of the process itself need no privilege.
        var explicitCreds = new PhpArray { ["pid"] = (long)Environment.ProcessId, ["uid"] = (long)GetUid(), ["gid"] = (long)GetGid() };
        Assert.Equal(1, NoWarning(() => socket_sendmsg(a, new PhpArray { ["iov"] = Array("e"), ["control"] = Array(Cmsg(SOL_SOCKET, SCM_CREDENTIALS, explicitCreds)) })));
        received = Receive(b, new PhpArray { ["controllen"] = 1L }, out _);
        Assert.Equal((long)MSG_CTRUNC, received["flags"]); // no room for them
        Assert.Empty((PhpArray)received["control"]!);
        CloseAll(a, b);
    }

    [Fact]
    public void Credentials_conversion_errors()
    {
        (Socket a, Socket b) = UnixPair(SOCK_DGRAM);
        int? Send(object? data) => socket_sendmsg(a, new PhpArray { ["control"] = Array(Cmsg(SOL_SOCKET, SCM_CREDENTIALS, data)) });
        string data = "msghdr > control > element #0 > data";
        Assert.Null(SingleWarning(UserError(data, "The key 'pid' is required"), () => Send(new PhpArray())));
        Assert.Null(SingleWarning(UserError(data, "The key 'gid' is required"), () => Send(new PhpArray { ["pid"] = 1L, ["uid"] = 0L })));
        Assert.Null(SingleWarning(UserError(data + " > pid", "given PHP integer is out of bounds for a pid_t value"), () => Send(new PhpArray { ["pid"] = -1L, ["uid"] = 0L, ["gid"] = 0L })));
        Assert.Null(SingleWarning(UserError(data + " > uid", "given PHP integer is out of bounds for a uid_t value"), () => Send(new PhpArray { ["pid"] = 1L, ["uid"] = 4294967296L, ["gid"] = 0L })));
        CloseAll(a, b);
    }

    // ---- IPv6 control messages ----

    [Fact]
    public void Ipv6_pktinfo_hoplimit_and_tclass_are_received()
    {
        Socket r = Ipv6Receiver(out int port);
        Socket s = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP)!;
        var message = new PhpArray
        {
            ["name"] = new PhpArray { ["addr"] = "::1", ["port"] = (long)port },
            ["iov"] = Array("hops"),
            ["control"] = Array(
                Cmsg(IPPROTO_IPV6, IPV6_HOPLIMIT, 7L),
                Cmsg(IPPROTO_IPV6, IPV6_TCLASS, 40L),
                Cmsg(IPPROTO_IPV6, IPV6_PKTINFO, new PhpArray { ["addr"] = "::1", ["ifindex"] = "lo" })),
        };
        Assert.Equal(4, NoWarning(() => socket_sendmsg(s, message)));
        PhpArray received = Receive(r, new PhpArray { ["controllen"] = 200L }, out _);
        var control = (PhpArray)received["control"]!;
        Assert.Equal(3, control.Count);
        var info = (PhpArray)((PhpArray)control[0L]!)["data"]!;
        Assert.Equal((PhpString)"::1", info["addr"]);
        Assert.Equal(1L, info["ifindex"]);
        Assert.Equal(7L, ((PhpArray)control[1L]!)["data"]);
        Assert.Equal(40L, ((PhpArray)control[2L]!)["data"]);
        CloseAll(r, s);
    }

    [Fact]
    public void Ipv6_control_conversion_errors()
    {
        Socket s = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP)!;
        var to = new PhpArray { ["addr"] = "::1", ["port"] = 9L };
        int? Send(PhpArray cmsg) => socket_sendmsg(s, new PhpArray { ["name"] = to, ["control"] = Array(cmsg) });
        string data = "msghdr > control > element #0 > data";
        Assert.Null(SingleWarning(UserError(data + " > ifindex", "the interface index cannot be negative or larger than 4294967295; given -1"),
            () => Send(Cmsg(IPPROTO_IPV6, IPV6_PKTINFO, new PhpArray { ["addr"] = "::1", ["ifindex"] = -1L }))));
        Assert.Null(SingleWarning(UserError(data + " > ifindex", "no interface with name \"1\" could be found"),
            () => Send(Cmsg(IPPROTO_IPV6, IPV6_PKTINFO, new PhpArray { ["addr"] = "::1", ["ifindex"] = "1" }))));
        Assert.Null(SingleWarning(UserError(data, "The key 'ifindex' is required"),
            () => Send(Cmsg(IPPROTO_IPV6, IPV6_PKTINFO, new PhpArray { ["addr"] = "::1" }))));
        Assert.Null(SingleWarning(UserError(data, "given PHP integer is out of bounds for a native int"),
            () => Send(Cmsg(IPPROTO_IPV6, IPV6_TCLASS, 2147483648L))));
        Assert.Null(SingleWarning("socket_sendmsg(): Error in sendmsg [22]: Invalid argument", () => Send(Cmsg(IPPROTO_IPV6, IPV6_HOPLIMIT, 1000L))));
        Assert.Equal(22, socket_last_error(s));
        socket_close(s);
    }

    // ---- conversion rules ----

    [Fact]
    public void Name_conversion_errors_and_integer_forms()
    {
        Socket s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        int? Send(object? name) => socket_sendmsg(s, new PhpArray { ["name"] = name });
        PhpArray Name(object? port) => new() { ["addr"] = "127.0.0.1", ["port"] = port };
        Assert.Null(SingleWarning(UserError("msghdr > name", "expected an array here"), () => Send("x")));
        Assert.Null(SingleWarning(UserError("msghdr > name > port", "given PHP integer is out of bounds for an unsigned 16-bit integer"), () => Send(Name(65536L))));
        Assert.Null(SingleWarning(UserError("msghdr > name > port", "expected an integer, but got a non numeric string (possibly from a converted object): '12abc'"), () => Send(Name("12abc"))));
        Assert.Null(SingleWarning(UserError("msghdr > name > port", "expected an integer, but got a non numeric string (possibly from a converted object): '9'"), () => Send(Name(Bytes("9\0x")))));
        Assert.Null(SingleWarning(UserError("msghdr > name > port", "expected an integer, either of a PHP integer type or of a convertible type"), () => Send(Name(null))));
        Assert.Null(SingleWarning(UserError("msghdr > name > port", "given PHP integer is out of bounds for an unsigned 16-bit integer"), () => Send(Name("99999999999999999999"))));
        Assert.Null(SingleWarning(UserError("msghdr > name", "the specified family (AF_UNIX) is not supported on this socket"), () => Send(new PhpArray { ["family"] = (long)AF_UNIX })));
        Assert.Null(SingleWarning(UserError("msghdr > name", "the only families currently supported are AF_INET, AF_INET6 and AF_UNIX"), () => Send(new PhpArray { ["family"] = 99L })));
        Assert.Null(SingleWarning(UserError("msghdr > name > family", "given PHP integer is out of bounds for a native int"), () => Send(new PhpArray { ["family"] = 4294967298L })));
        Assert.Equal(0, socket_last_error(s));

        // Numeric strings and floats are integers; the datagrams arrive.
        Socket r = BoundUdp(AF_INET, out int port);
        foreach (object value in new object[] { $" {port} ", $"+{port}", $"{port}.9", (double)port + 0.5 })
            Assert.Equal(1, NoWarning(() => socket_sendmsg(s, new PhpArray { ["name"] = Name(value), ["iov"] = Array("x") })));
        for (int i = 0; i < 4; i++) Receive(r, new PhpArray { ["controllen"] = 1L }, out _);
        CloseAll(s, r);
    }

    [Fact]
    public void Host_lookup_failure_warns_twice_and_records_the_error_on_the_socket()
    {
        Socket s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        (int? result, List<string> warnings) = Warnings(() => socket_sendmsg(s, new PhpArray { ["name"] = new PhpArray { ["addr"] = "", ["port"] = 9L } }));
        Assert.Null(result);
        Assert.Equal(
        [
            "socket_sendmsg(): Host lookup failed [-10003]: Unknown server error",
            UserError("msghdr > name > addr", "could not resolve address '' to get an AF_INET address"),
        ], warnings);
        Assert.Equal(-10003, socket_last_error(s));
        socket_close(s);
    }

    [Fact]
    public void Iov_elements_become_strings_with_php_warnings_and_errors()
    {
        (Socket a, Socket b) = UnixPair(SOCK_DGRAM);
        Assert.Null(SingleWarning(UserError("msghdr > iov", "expected an array here"), () => socket_sendmsg(a, new PhpArray { ["iov"] = "x" })));
        Assert.Equal(6, SingleWarning("Array to string conversion", () => socket_sendmsg(a, new PhpArray { ["iov"] = Array(Array(1L), "x") })));
        PhpArray received = Receive(b, new PhpArray { ["controllen"] = 1L }, out _);
        Assert.Equal((PhpString)"Arrayx", ((PhpArray)received["iov"]!)[0L]);

        // A Socket has no string form: PHP sends "" for it, then throws.
        Throws<PhpError>("Object of class Socket could not be converted to string", () => socket_sendmsg(a, new PhpArray { ["iov"] = Array(a, "y") }));
        received = Receive(b, new PhpArray { ["controllen"] = 1L }, out _);
        Assert.Equal((PhpString)"y", ((PhpArray)received["iov"]!)[0L]);

        // As an integer it stops the conversion silently: nothing is sent.
        List<string> warnings = Warnings(() =>
        {
            Throws<PhpError>("Object of class Socket could not be converted to string",
                () => socket_sendmsg(a, new PhpArray { ["control"] = Array(new PhpArray { ["level"] = a }) }));
        });
        Assert.Empty(warnings);
        CloseAll(a, b);
    }

    [Fact]
    public void Recvmsg_request_errors_leave_the_message_untouched()
    {
        Socket s = BoundUdp(AF_INET, out _);
        void Expect(string path, string text, PhpArray request)
        {
            PhpArray? message = request;
            Assert.Null(SingleWarning($"socket_recvmsg(): error converting user data (path: {path}): {text}", () => socket_recvmsg(s, ref message)));
            Assert.Same(request, message);
        }
        Expect("msghdr", "The key 'controllen' is required", new PhpArray());
        Expect("msghdr > controllen", "controllen cannot be 0", new PhpArray { ["controllen"] = 0L });
        Expect("msghdr > controllen", "given PHP integer is out of bounds for an unsigned 32-bit integer", new PhpArray { ["controllen"] = -1L });
        Expect("msghdr > name", "expected an array here", new PhpArray { ["controllen"] = 1L, ["name"] = null });
        Expect("msghdr > name", "the specified family (AF_INET6) is not supported on this socket", new PhpArray { ["controllen"] = 1L, ["name"] = new PhpArray { ["family"] = (long)AF_INET6 } });
        Expect("msghdr > buffer_size", "the buffer size must be between 1 and 104857600; given -1", new PhpArray { ["controllen"] = 1L, ["buffer_size"] = -1L });
        Expect("msghdr > buffer_size", "the buffer size must be between 1 and 104857600; given 104857601", new PhpArray { ["buffer_size"] = 104857601L });
        Assert.Equal(0, socket_last_error(s));
        socket_close(s);
    }

    // ---- error rules ----

    [Fact]
    public void Recvmsg_failure_warns_even_for_eagain_and_sets_only_the_global_error()
    {
        Socket s = BoundUdp(AF_INET, out _);
        Assert.True(socket_set_nonblock(s));
        var request = new PhpArray { ["controllen"] = 1L };
        PhpArray? message = request;
        Assert.Null(SingleWarning("socket_recvmsg(): Error in recvmsg [11]: Resource temporarily unavailable", () => socket_recvmsg(s, ref message)));
        Assert.Same(request, message);
        Assert.Equal(0, socket_last_error(s));
        Assert.Equal(11, socket_last_error());
        socket_clear_error();
        socket_close(s);
    }

    [Fact]
    public void Sendmsg_failure_uses_php_socket_error_and_eagain_is_silent()
    {
        Socket u = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.Null(SingleWarning("socket_sendmsg(): Error in sendmsg [89]: Destination address required", () => socket_sendmsg(u, new PhpArray { ["iov"] = Array("x") })));
        Assert.Equal(89, socket_last_error(u));

        using var dir = new TempSocketDir();
        Socket r = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(r, dir.File("r.sock")));
        Socket w = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_connect(w, dir.File("r.sock")));
        int? result = 0;
        for (int i = 0; i < 1000 && result is not null; i++)
            result = NoWarning(() => socket_sendmsg(w, new PhpArray { ["iov"] = Array("x") }, MSG_DONTWAIT));
        Assert.Null(result);
        Assert.Equal(11, socket_last_error(w));
        CloseAll(u, r, w);
    }

    [Fact]
    public void Flags_are_checked_before_the_closed_socket()
    {
        Socket s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Throws<PhpValueError>("socket_sendmsg(): Argument #3 ($flags) must be between -2147483648 and 2147483647", () => socket_sendmsg(s, new PhpArray(), 2147483648));
        PhpArray? message = new PhpArray { ["controllen"] = 1L };
        Throws<PhpValueError>("socket_recvmsg(): Argument #3 ($flags) must be between -2147483648 and 2147483647", () => socket_recvmsg(s, ref message, -2147483649));
        socket_close(s);
        Throws<PhpValueError>("socket_sendmsg(): Argument #3 ($flags) must be between -2147483648 and 2147483647", () => socket_sendmsg(s, new PhpArray(), long.MaxValue));
        Throws<PhpError>("socket_sendmsg(): Argument #1 ($socket) has already been closed", () => socket_sendmsg(s, new PhpArray { ["name"] = "not looked at" }));
        Throws<PhpError>("socket_recvmsg(): Argument #1 ($socket) has already been closed", () => socket_recvmsg(s, ref message));
    }

    [Fact]
    public void Unsupported_received_control_message_gives_null_and_the_count()
    {
        socket_clear_error();
        Socket r = BoundUdp(AF_INET, out int port);
        SetIntOption(r, IPPROTO_IP, 8 /* IP_PKTINFO */, 1);
        Socket s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.Equal(3, socket_sendto(s, "abc", 3, 0, "127.0.0.1", port));
        WaitReadable(r);
        PhpArray? message = new PhpArray { ["controllen"] = 100L };
        Assert.Equal(3, SingleWarning("socket_recvmsg(): error converting native data (path: msghdr > control > element #1 > data): cmsghdr with level 0 and type 8 not supported",
            () => socket_recvmsg(r, ref message)));
        Assert.Null(message);
        Assert.Equal(0, socket_last_error());
        CloseAll(r, s);
    }

    // ---- socket_cmsg_space ----

    [Theory]
    [InlineData(SOL_SOCKET, SCM_RIGHTS, 0, 16)]
    [InlineData(SOL_SOCKET, SCM_RIGHTS, 1, 24)]
    [InlineData(SOL_SOCKET, SCM_RIGHTS, 2, 24)]
    [InlineData(SOL_SOCKET, SCM_RIGHTS, 3, 32)]
    [InlineData(SOL_SOCKET, SCM_RIGHTS, 2147483647, 8589934608)]
    [InlineData(SOL_SOCKET, SCM_CREDENTIALS, 5, 32)]
    [InlineData(IPPROTO_IPV6, IPV6_PKTINFO, 0, 40)]
    [InlineData(IPPROTO_IPV6, IPV6_HOPLIMIT, 0, 24)]
    [InlineData(IPPROTO_IPV6, IPV6_TCLASS, 9, 24)]
    public void Cmsg_space_sizes(long level, long type, long num, long expected) => Assert.Equal(expected, socket_cmsg_space(level, type, num));

    [Fact]
    public void Cmsg_space_value_errors()
    {
        Throws<PhpValueError>("Pair level 1 and/or type 99 is not supported", () => socket_cmsg_space(1, 99));
        Throws<PhpValueError>("socket_cmsg_space(): Argument #3 ($num) must be greater than or equal to 0", () => socket_cmsg_space(1, 99, -1));
        Throws<PhpValueError>("socket_cmsg_space(): Argument #1 ($level) must be between -2147483648 and 2147483647", () => socket_cmsg_space(long.MaxValue, 99, -1));
        Throws<PhpValueError>("socket_cmsg_space(): Argument #2 ($type) must be between -2147483648 and 2147483647", () => socket_cmsg_space(1, -2147483649));
        Throws<PhpValueError>("socket_cmsg_space(): Argument #3 ($num) must be between -2147483648 and 2147483647", () => socket_cmsg_space(1, 1, 2147483648));
    }

    // ---- the typed API ----

    [Fact]
    public void Typed_messages_over_udp4_carry_the_endpoint()
    {
        Socket r = BoundUdp(AF_INET, out int port);
        Socket s = BoundUdp(AF_INET, out int sport);
        var message = new SocketMessage
        {
            Name = new IPEndPoint(IPAddress.Loopback, port),
            Buffers = ["hello "u8.ToArray(), "world"u8.ToArray()],
        };
        Assert.Equal(11, NoWarning(() => SocketMessages.SendMessage(s, message)));
        WaitReadable(r);
        ReceivedMessage? received = NoWarning(() => SocketMessages.ReceiveMessage(r));
        Assert.NotNull(received);
        Assert.Equal(11, received.Length);
        Assert.Equal("hello world"u8.ToArray(), received.Data.ToArray());
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, sport), received.Name);
        Assert.Empty(received.ControlMessages);
        Assert.False(received.IsTruncated);

        // Into the caller's buffer, truncated.
        Assert.Equal(5, SocketMessages.SendMessage(s, new SocketMessage { Name = new IPEndPoint(IPAddress.Loopback, port), Buffers = ["12345"u8.ToArray()] }));
        WaitReadable(r);
        var buffer = new byte[3];
        received = SocketMessages.ReceiveMessage(r, buffer.AsMemory());
        Assert.NotNull(received);
        Assert.True(received.IsTruncated);
        Assert.Equal("123"u8.ToArray(), received.Data.ToArray());
        Assert.Equal(3, received.Length);
        CloseAll(r, s);
    }

    [Fact]
    public void Typed_rights_and_credentials_over_unix()
    {
        (Socket a, Socket b) = UnixPair(SOCK_DGRAM);
        SetIntOption(b, SOL_SOCKET, SO_PASSCRED_OPTION, 1);
        Socket x = BoundUdp(AF_INET, out int xPort);
        var message = new SocketMessage
        {
            Buffers = ["r"u8.ToArray()],
            ControlMessages =
            [
                new ScmRights([x]),
                new ScmCredentials(Environment.ProcessId, GetUid(), GetGid()),
            ],
        };
        Assert.Equal(1, NoWarning(() => SocketMessages.SendMessage(a, message)));
        WaitReadable(b);
        ReceivedMessage received = SocketMessages.ReceiveMessage(b)!;
        Assert.Null(received.Name);
        ScmRights rights = Assert.Single(received.ControlMessages.OfType<ScmRights>());
        Socket passed = Assert.Single(rights.Descriptors).Socket!;
        PhpString? address = null;
        int port = 0;
        Assert.True(socket_getsockname(passed, ref address, ref port));
        Assert.Equal(xPort, port);
        ScmCredentials creds = Assert.Single(received.ControlMessages.OfType<ScmCredentials>());
        Assert.Equal(new ScmCredentials(Environment.ProcessId, GetUid(), GetGid()), creds);
        CloseAll(a, b, x, passed);
    }

    [Fact]
    public void Typed_ipv6_control_messages_and_raw_ones()
    {
        Socket r = Ipv6Receiver(out int port);
        Socket s = socket_create(AF_INET6, SOCK_DGRAM, SOL_UDP)!;
        var message = new SocketMessage
        {
            Name = new IPEndPoint(IPAddress.IPv6Loopback, port),
            Buffers = ["6"u8.ToArray()],
            ControlMessages = [new Ipv6HopLimit(9), new Ipv6TrafficClass(32), new Ipv6PacketInfo(IPAddress.IPv6Any, 0)],
        };
        Assert.Equal(1, NoWarning(() => SocketMessages.SendMessage(s, message)));
        WaitReadable(r);
        ReceivedMessage received = SocketMessages.ReceiveMessage(r)!;
        Assert.Contains(new Ipv6PacketInfo(IPAddress.IPv6Loopback, 1), received.ControlMessages);
        Assert.Contains(new Ipv6HopLimit(9), received.ControlMessages);
        Assert.Contains(new Ipv6TrafficClass(32), received.ControlMessages);
        var from = Assert.IsType<IPEndPoint>(received.Name);
        Assert.Equal(IPAddress.IPv6Loopback, from.Address);

        // A kind PHP cannot convert comes back raw (IP_PKTINFO on IPv4).
        Socket r4 = BoundUdp(AF_INET, out int port4);
        SetIntOption(r4, IPPROTO_IP, 8, 1);
        Socket s4 = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.Equal(1, SocketMessages.SendMessage(s4, new SocketMessage { Name = new IPEndPoint(IPAddress.Loopback, port4), Buffers = ["4"u8.ToArray()] }));
        WaitReadable(r4);
        received = NoWarning(() => SocketMessages.ReceiveMessage(r4))!;
        RawControlMessage raw = Assert.IsType<RawControlMessage>(Assert.Single(received.ControlMessages));
        Assert.Equal((0, 8), (raw.Level, raw.Type));
        Assert.Equal(12, raw.Data.Length); // struct in_pktinfo
        CloseAll(r, s, r4, s4);
    }

    [Fact]
    public void Typed_unix_names_keep_abstract_bytes()
    {
        using var dir = new TempSocketDir();
        string name = "\0" + dir.Path + "/typed";
        Socket r = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(r, name));
        Socket s = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(s, dir.File("s.sock")));
        Assert.Equal(1, SocketMessages.SendMessage(s, new SocketMessage { Name = new UnixDomainSocketEndPoint(name), Buffers = ["u"u8.ToArray()] }));
        WaitReadable(r);
        ReceivedMessage received = SocketMessages.ReceiveMessage(r)!;
        Assert.Equal(dir.File("s.sock"), received.Name!.ToString());

        Socket t = socket_create(AF_UNIX, SOCK_DGRAM, 0)!;
        Assert.True(socket_bind(t, name + "-t"));
        Assert.Equal(1, SocketMessages.SendMessage(t, new SocketMessage { Name = new UnixDomainSocketEndPoint(name), Buffers = ["v"u8.ToArray()] }));
        WaitReadable(r);
        received = SocketMessages.ReceiveMessage(r)!;
        Assert.Equal(new UnixDomainSocketEndPoint(name + "-t"), received.Name);
        CloseAll(r, s, t);
    }

    [Fact]
    public void Typed_api_reports_errors_as_the_php_functions_do()
    {
        Socket s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.Null(SingleWarning(UserError("msghdr > name", "the specified family (AF_INET6) is not supported on this socket"),
            () => SocketMessages.SendMessage(s, new SocketMessage { Name = new IPEndPoint(IPAddress.IPv6Loopback, 9) })));
        Assert.Null(SingleWarning(UserError("msghdr > control > element #0", "expected at least one element in this array"),
            () => SocketMessages.SendMessage(s, new SocketMessage { ControlMessages = [new ScmRights([])] })));
        Assert.True(socket_set_nonblock(s));
        Assert.True(socket_bind(s, "127.0.0.1", 0));
        Assert.Null(SingleWarning("socket_recvmsg(): Error in recvmsg [11]: Resource temporarily unavailable", () => SocketMessages.ReceiveMessage(s)));
        Assert.Equal(11, socket_last_error());
        socket_clear_error();
        socket_close(s);
        Throws<PhpError>("socket_sendmsg(): Argument #1 ($socket) has already been closed", () => SocketMessages.SendMessage(s, new SocketMessage()));
        Throws<PhpError>("socket_recvmsg(): Argument #1 ($socket) has already been closed", () => SocketMessages.ReceiveMessage(s));
    }

    [DllImport("libc", EntryPoint = "getuid")]
    private static extern uint GetUid();

    [DllImport("libc", EntryPoint = "getgid")]
    private static extern uint GetGid();
}

/// <summary>Received descriptors are owned or closed, even when PHP's conversion of the message fails.</summary>
[Collection(DescriptorSensitiveCollection.Name)]
public class MessageDescriptorTests
{
    [Fact]
    public void Descriptors_after_a_failed_conversion_are_closed()
    {
        (Socket a, Socket b) = UnixPair(SOCK_DGRAM);
        MessageTests.SetIntOption(b, SOL_SOCKET, 29 /* SO_TIMESTAMP: its message comes first and is not convertible */, 1);
        Socket x = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        int before = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        for (int i = 0; i < 20; i++)
        {
            var message = new PhpArray { ["iov"] = new PhpArray { "r" }, ["control"] = new PhpArray { new PhpArray { ["level"] = 1L, ["type"] = 1L, ["data"] = new PhpArray { x, x } } } };
            Assert.Equal(1, socket_sendmsg(a, message));
            WaitReadable(b);
            PhpArray? received = new PhpArray { ["controllen"] = 200L };
            List<string> warnings = Warnings(() => Assert.Equal(1, socket_recvmsg(b, ref received)));
            Assert.Null(received);
            Assert.Equal("socket_recvmsg(): error converting native data (path: msghdr > control > element #1 > data): cmsghdr with level 1 and type 29 not supported", Assert.Single(warnings));
        }
        Assert.Equal(before, Directory.GetFileSystemEntries("/proc/self/fd").Length);
        CloseAll(a, b, x);
    }
}
