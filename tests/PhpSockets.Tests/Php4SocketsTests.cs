using System;
using PhpSockets.Legacy;
using Xunit;
using static PhpSockets.Legacy.Php4Sockets;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// The PHP 4.0 API of PhpSockets.Legacy.Php4Sockets: plain integer descriptors, results that are a
/// count or descriptor, -errno or -10000 - h_errno, strerror of the negative code, read() in
/// PHP_NORMAL_READ by default, and PHP 4.0's warnings.
/// </summary>
public class Php4SocketsTests
{
    private const int EBADF = 9, EAGAIN = 11, EINVAL = 22, ENOTSOCK = 88, EPROTONOSUPPORT = 93, EOPNOTSUPP = 95,
        ECONNREFUSED = 111;

    /// <summary>A listening descriptor on 127.0.0.1 with an ephemeral port.</summary>
    private static int Listener(out int port)
    {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        Assert.True(fd >= 0);
        Assert.Equal(0, bind(fd, "127.0.0.1", 0));
        Assert.Equal(0, listen(fd, 5));
        PhpString address = "";
        port = 0;
        Assert.Equal(0, getsockname(fd, ref address, ref port));
        Assert.Equal((PhpString)"127.0.0.1", address);
        return fd;
    }

    /// <summary>(client, accepted server side) over TCP loopback.</summary>
    private static (int Client, int Server) TcpPair()
    {
        int listener = Listener(out int port);
        int client = socket(AF_INET, SOCK_STREAM, 0);
        Assert.Equal(0, connect(client, "127.0.0.1", port));
        int server = accept_connect(listener);
        Assert.True(server >= 0);
        Assert.True(close(listener));
        return (client, server);
    }

    private static (int A, int B) UnixPair()
    {
        int[]? fds = null;
        Assert.Equal(0, socketpair(AF_UNIX, SOCK_STREAM, 0, ref fds));
        Assert.Equal(2, fds!.Length);
        return (fds[0], fds[1]);
    }

    private static void CloseAll(params int[] fds)
    {
        foreach (int fd in fds) close(fd);
    }

    [Fact]
    public void The_seed_server_and_client_calls_work_over_loopback()
    {
        (int client, int server) = NoWarning(() => TcpPair());
        PhpString talk = "PHP: bonjour\n";
        Assert.Equal(talk.Length, write(server, talk, talk.Length));
        PhpString buf = "";
        Assert.Equal(talk.Length, read(client, ref buf, 2048));
        Assert.Equal(talk, buf);
        PhpString address = "";
        int port = 0;
        Assert.Equal(0, getpeername(client, ref address, ref port));
        Assert.Equal((PhpString)"127.0.0.1", address);
        Assert.True(port > 0);
        Assert.True(NoWarning(() => close(client)));
        Assert.True(close(server));
    }

    [Fact]
    public void Socket_with_an_unknown_domain_or_type_warns_and_assumes_af_inet_stream()
    {
        int fd = SingleWarning("socket(): invalid socket domain specified - assuming AF_INET", () => socket(SocketFunctions.AF_INET6, SOCK_STREAM, 0));
        Assert.True(fd >= 0);
        Assert.Equal(0, bind(fd, "127.0.0.1", 0));
        PhpString address = "";
        Assert.Equal(0, getsockname(fd, ref address));
        Assert.Equal((PhpString)"127.0.0.1", address);
        close(fd);

        fd = SingleWarning("socket(): invalid socket type specified - assuming SOCK_STREAM", () => socket(AF_UNIX, 11, 0));
        Assert.True(fd >= 0);
        close(fd);
    }

    [Fact]
    public void Socket_failure_is_minus_errno_and_strerror_takes_it()
    {
        int result = NoWarning(() => socket(AF_INET, SOCK_STREAM, 17));
        Assert.Equal(-EPROTONOSUPPORT, result);
        Assert.Equal("Protocol not supported", strerror(result));
    }

    [Fact]
    public void Strerror_takes_negative_codes_and_host_codes_below_minus_10000()
    {
        Assert.Equal("Connection refused", strerror(-ECONNREFUSED));
        Assert.Equal("Success", strerror(0));
        Assert.Equal("Unknown host", strerror(-10001));
        Assert.Equal("Unknown server error", strerror(-10003));
        Assert.Equal("Unknown error -5", strerror(5));
        Assert.Equal("Unknown resolver error", strerror(int.MinValue)); // below -10000: hstrerror
    }

    [Fact]
    public void Connect_refused_is_minus_econnrefused()
    {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        int result = NoWarning(() => connect(fd, "127.0.0.1", 1));
        Assert.Equal(-ECONNREFUSED, result);
        Assert.Equal("Connection refused", strerror(result));
        close(fd);
    }

    [Fact]
    public void Host_names_resolve_unlike_php_4_0()
    {
        int listener = socket(AF_INET, SOCK_STREAM, 0);
        Assert.Equal(0, bind(listener, "localhost", 0));
        Assert.Equal(0, listen(listener, 1));
        PhpString address = "";
        int port = 0;
        getsockname(listener, ref address, ref port);
        Assert.Equal((PhpString)"127.0.0.1", address);
        int client = socket(AF_INET, SOCK_STREAM, 0);
        Assert.Equal(0, connect(client, "localhost", port));
        CloseAll(client, listener);
    }

    [Fact]
    public void A_name_that_does_not_resolve_gives_minus_10000_minus_h_errno()
    {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        int result = NoWarning(() => connect(fd, "", 80));
        Assert.True(result < -10000, $"{result}");
        Assert.Equal(ErrorText.For(result), strerror(result));
        Assert.True(bind(fd, "", 80) < -10000);
        close(fd);
    }

    [Fact]
    public void Af_inet_bind_and_connect_need_the_port()
    {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        Throws<PhpArgumentCountError>("Wrong parameter count for bind()", () => bind(fd, "127.0.0.1"));
        Throws<PhpArgumentCountError>("Wrong parameter count for connect()", () => connect(fd, "127.0.0.1"));
        close(fd);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(65536L)]
    public void A_port_outside_16_bits_is_minus_einval(long port)
    {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        Assert.Equal(-EINVAL, bind(fd, "127.0.0.1", port));
        Assert.Equal(-EINVAL, connect(fd, "127.0.0.1", port));
        Assert.Equal(-EINVAL, open_listen_sock(port));
        close(fd);
    }

    [Fact]
    public void Unix_paths_bind_and_connect_and_come_back_from_getsockname()
    {
        using var dir = new TempSocketDir();
        string path = dir.File("s.sock");
        int listener = socket(AF_UNIX, SOCK_STREAM, 0);
        Assert.Equal(0, bind(listener, path));
        Assert.Equal(0, listen(listener, 1));
        int client = socket(AF_UNIX, SOCK_STREAM, 0);
        Assert.Equal(0, connect(client, path + "\0ignored"));
        PhpString address = "";
        int port = 42;
        Assert.Equal(0, getpeername(client, ref address, ref port));
        Assert.Equal((PhpString)path, address);
        Assert.Equal(42, port);
        Assert.Equal(0, getsockname(listener, ref address));
        Assert.Equal((PhpString)path, address);
        CloseAll(client, listener);
    }

    [Fact]
    public void Families_php_4_0_did_not_know_give_its_codes()
    {
        Socket v6 = SocketFunctions.socket_create(SocketFunctions.AF_INET6, SOCK_STREAM, 0)!;
        PhpString address = "unchanged";
        Assert.Equal(-EPROTONOSUPPORT, bind(v6.Descriptor, "::1", 0));
        Assert.Equal(-EINVAL, connect(v6.Descriptor, "::1", 80));
        Assert.Equal(-EINVAL, getsockname(v6.Descriptor, ref address));
        Assert.Equal((PhpString)"unchanged", address);
        SocketFunctions.socket_close(v6);
    }

    [Fact]
    public void Bad_descriptors_give_minus_ebadf_everywhere()
    {
        PhpString buf = "unchanged";
        int port = 0;
        Assert.Equal(-EBADF, bind(-1, "127.0.0.1", 80));
        Assert.Equal(-EBADF, connect(-1, "127.0.0.1", 80));
        Assert.Equal(-EBADF, listen(-1, 1));
        Assert.Equal(-EBADF, accept_connect(-1));
        Assert.Equal(-EBADF, read(-1, ref buf, 10));
        Assert.Equal(-EBADF, read(-1, ref buf, 10, PHP_BINARY_READ));
        Assert.Equal(-EBADF, write(-1, "x", 1));
        Assert.Equal(-EBADF, recv(-1, ref buf, 10, 0));
        Assert.Equal(-EBADF, send(-1, "x", 1, 0));
        Assert.Equal(-EBADF, getsockname(-1, ref buf, ref port));
        Assert.Equal(-EBADF, getpeername(-1, ref buf));
        Assert.Equal(-EBADF, set_nonblock(-1));
        Assert.Equal(-EBADF, shutdown(-1));
        Assert.Equal((PhpString)"unchanged", buf);
    }

    [Fact]
    public void Accept_connect_on_a_socket_that_does_not_listen_is_minus_einval()
    {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        Assert.Equal(-EINVAL, accept_connect(fd));
        close(fd);
    }

    [Fact]
    public void Read_defaults_to_lines_ending_at_newline_or_carriage_return()
    {
        (int a, int b) = UnixPair();
        write(a, "ab\ncd\r\nefgh", 100);
        PhpString buf = "";
        Assert.Equal(3, read(b, ref buf, 2048));
        Assert.Equal((PhpString)"ab\n", buf);
        Assert.Equal(3, read(b, ref buf, 2048, PHP_NORMAL_READ));
        Assert.Equal((PhpString)"cd\r", buf);
        Assert.Equal(1, read(b, ref buf, 2048, 99)); // any other type reads a line, as in PHP 4.0
        Assert.Equal((PhpString)"\n", buf);
        Assert.Equal(2, read(b, ref buf, 2));
        Assert.Equal((PhpString)"ef", buf);
        Assert.Equal(2, read(b, ref buf, 2048, PHP_BINARY_READ));
        Assert.Equal((PhpString)"gh", buf);
        CloseAll(a, b);
    }

    [Fact]
    public void Read_at_end_of_stream_is_0_and_empty_in_both_modes()
    {
        (int a, int b) = UnixPair();
        write(a, "tail", 4);
        close(a);
        PhpString buf = "";
        Assert.Equal(4, read(b, ref buf, 2048));
        Assert.Equal((PhpString)"tail", buf);
        Assert.Equal(0, read(b, ref buf, 2048));
        Assert.Equal(PhpString.Empty, buf);
        buf = "x";
        Assert.Equal(0, read(b, ref buf, 2048, PHP_SYSTEM_READ));
        Assert.Equal(PhpString.Empty, buf);
        close(b);
    }

    [Fact]
    public void Read_of_length_0_is_0_and_a_negative_length_is_minus_einval()
    {
        (int a, int b) = UnixPair();
        write(a, "data", 4);
        PhpString buf = "x";
        Assert.Equal(0, read(b, ref buf, 0));
        Assert.Equal(PhpString.Empty, buf);
        Assert.Equal(0, read(b, ref buf, 0, PHP_BINARY_READ));
        buf = "x";
        Assert.Equal(-EINVAL, read(b, ref buf, -1));
        Assert.Equal((PhpString)"x", buf);
        Assert.Equal(4, read(b, ref buf, 10, PHP_BINARY_READ)); // nothing was consumed
        CloseAll(a, b);
    }

    [Fact]
    public void Non_blocking_read_gives_minus_eagain_or_the_partial_line()
    {
        (int a, int b) = UnixPair();
        Assert.Equal(0, set_nonblock(b));
        PhpString buf = "x";
        Assert.Equal(-EAGAIN, read(b, ref buf, 100));
        Assert.Equal(-EAGAIN, read(b, ref buf, 100, PHP_BINARY_READ));
        Assert.Equal((PhpString)"x", buf);
        write(a, "part", 4);
        Assert.Equal(4, read(b, ref buf, 100));
        Assert.Equal((PhpString)"part", buf);
        CloseAll(a, b);
    }

    [Fact]
    public void Read_works_on_any_descriptor_as_read_2_did()
    {
        string file = System.IO.Path.GetTempFileName();
        try
        {
            System.IO.File.WriteAllText(file, "line one\nline two");
            using var stream = new System.IO.FileStream(file, System.IO.FileMode.Open);
            int fd = (int)stream.SafeFileHandle.DangerousGetHandle();
            PhpString buf = "";
            Assert.Equal(9, read(fd, ref buf, 100));
            Assert.Equal((PhpString)"line one\n", buf);
            Assert.Equal(-ENOTSOCK, recv(fd, ref buf, 100, 0));
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }

    [Fact]
    public void Write_sends_at_most_length_bytes_and_refuses_a_negative_length()
    {
        (int a, int b) = UnixPair();
        Assert.Equal(3, write(a, "abcdef", 3));
        Assert.Equal(6, write(a, "ghijkl", 100));
        Assert.Equal(0, write(a, "", 0));
        Assert.Equal(-EINVAL, write(a, "x", -1));
        PhpString buf = "";
        Assert.Equal(9, read(b, ref buf, 100, PHP_BINARY_READ));
        Assert.Equal((PhpString)"abcghijkl", buf);
        CloseAll(a, b);
    }

    [Fact]
    public void Recv_and_send_are_binary_safe_and_take_flags()
    {
        (int a, int b) = UnixPair();
        PhpString data = Bytes("a\0b\xff");
        Assert.Equal(3, send(a, data, 3, 0));
        Assert.Equal(-EINVAL, send(a, data, -1, 0));
        PhpString buf = "";
        Assert.Equal(3, recv(b, ref buf, 100, MSG_PEEK));
        Assert.Equal(Bytes("a\0b"), buf); // PHP 4.0 cut this at the NUL
        Assert.Equal(3, recv(b, ref buf, 100, 0));
        Assert.Equal(Bytes("a\0b"), buf);
        Assert.Equal(-EINVAL, recv(b, ref buf, -1, 0));
        close(a);
        Assert.Equal(0, recv(b, ref buf, 100, 0));
        Assert.Equal(PhpString.Empty, buf);
        close(b);
    }

    [Fact]
    public void Socketpair_fills_the_array_or_empties_it()
    {
        int[]? fds = [7, 7, 7];
        Assert.Equal(-EOPNOTSUPP, NoWarning(() => socketpair(AF_INET, SOCK_STREAM, 0, ref fds)));
        Assert.Empty(fds!);
        Assert.Equal(-EOPNOTSUPP, SingleWarning("socketpair(): invalid socket domain specified -- assuming AF_INET",
            () => socketpair(SocketFunctions.AF_INET6, SOCK_STREAM, 0, ref fds)));
        Assert.Equal(0, SingleWarning("socketpair(): Invalid socket type specified - assuming SOCK_STREAM",
            () => socketpair(AF_UNIX, 42, 0, ref fds)));
        Assert.Equal(2, fds!.Length);
        Assert.Equal(1, write(fds[0], "z", 1));
        CloseAll(fds);
    }

    [Fact]
    public void Shutdown_defaults_to_stopping_reads_as_php_4_0_did()
    {
        (int a, int b) = UnixPair();
        Assert.Equal(0, shutdown(b));
        PhpString buf = "x";
        Assert.Equal(0, read(b, ref buf, 10, PHP_BINARY_READ));
        Assert.Equal(1, write(b, "y", 1)); // writing still works
        Assert.Equal(0, shutdown(a, 2));
        CloseAll(a, b);
    }

    [Fact]
    public void Set_nonblock_keeps_the_other_flags()
    {
        (int a, int b) = UnixPair();
        Assert.Equal(0, set_nonblock(a));
        Assert.Equal(0, set_nonblock(a));
        PhpString buf = "";
        Assert.Equal(-EAGAIN, recv(a, ref buf, 10, 0));
        CloseAll(a, b);
    }

    [Fact]
    public void Open_listen_sock_listens_on_all_addresses()
    {
        int fd = open_listen_sock(0);
        Assert.True(fd >= 0);
        PhpString address = "";
        int port = 0;
        Assert.Equal(0, getsockname(fd, ref address, ref port));
        Assert.Equal((PhpString)"0.0.0.0", address);
        int client = socket(AF_INET, SOCK_STREAM, 0);
        Assert.Equal(0, connect(client, "127.0.0.1", port));
        int server = accept_connect(fd);
        Assert.True(server >= 0);
        // The port is now in use: a second listener on it fails with -EADDRINUSE, its descriptor closed.
        Assert.Equal(-98, open_listen_sock(port));
        CloseAll(server, client, fd);
    }

    [Fact]
    public void The_php_4_0_iovec_names_return_counts_and_minus_errno()
    {
        (int a, int b) = UnixPair();
        IoVector output = build_iovec(2, 3, 3)!;
        Assert.True(set_iovec(output, 0, "abc"));
        Assert.True(set_iovec(output, 1, "de"));
        Assert.True(add_iovec(output, 2));
        Assert.True(delete_iovec(output, 2));
        Assert.Equal(5, writev(a, output));
        IoVector input = build_iovec(2, 2, 10)!;
        Assert.Equal(5, readv(b, input));
        Assert.Equal((PhpString)"ab", fetch_iovec(input, 0));
        Assert.Equal(Bytes("cde\0\0\0\0\0\0\0"), fetch_iovec(input, 1));
        Assert.Equal(-EBADF, readv(-1, input));
        Assert.Equal(-EBADF, writev(-1, input));
        Assert.Null(SingleWarning("build_iovec(): vector 1 is invalid", () => build_iovec(1, 0)));
        Assert.Equal(PhpString.Empty, SingleWarning(
            "fetch_iovec(): can't access a vector position past the amount of vectors set in the array", () => fetch_iovec(input, 2)));
        Assert.False(SingleWarning(
            "set_iovec(): can't access a vector position outside of the vector array bounds", () => set_iovec(input, 2, "x")));
        Assert.False(SingleWarning(
            "delete_iovec(): can't delete an IO vector that is out of array bounds", () => delete_iovec(input, 2)));
        Throws<PhpArgumentCountError>("Wrong parameter count for build_iovec()", () => build_iovec(3, 1));
        Assert.True(free_iovec(input));
        Throws<PhpError>("fetch_iovec(): Argument #1 ($iovec_id) has already been freed", () => fetch_iovec(input, 0));
        Throws<PhpError>("free_iovec(): Argument #1 ($iovec_id) has already been freed", () => free_iovec(input));
        Throws<PhpError>("readv(): Argument #2 ($iovec_id) has already been freed", () => readv(b, input));
        Throws<PhpError>("writev(): Argument #2 ($iovec_id) has already been freed", () => writev(a, input));
        CloseAll(a, b);
    }

    [Fact]
    public void The_constants_are_php_4_0s()
    {
        Assert.Equal(1, PHP_NORMAL_READ);
        Assert.Equal(2, PHP_BINARY_READ);
        Assert.Equal(4, PHP_SYSTEM_READ);
        Assert.Equal(SocketFunctions.SOL_TCP, Php4Sockets.SOL_TCP);
        Assert.Equal(SocketFunctions.MSG_WAITALL, MSG_WAITALL);
    }
}

/// <summary>
/// The Php4Sockets tests that use a descriptor number after closing it: another test could get that
/// number meanwhile, so they run alone, after the parallel tests.
/// </summary>
[Collection(DescriptorSensitiveCollection.Name)]
public class Php4SocketsClosedDescriptorTests
{
    private const int EBADF = 9;

    [Fact]
    public void Close_of_a_closed_descriptor_warns_and_is_false()
    {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        Assert.True(close(fd));
        Assert.False(SingleWarning("close(): Invalid file descriptor", () => close(fd)));
        Assert.False(SingleWarning("close(): Invalid file descriptor", () => close(-1)));
    }

    [Fact]
    public void The_descriptors_are_plain_integers_that_only_close_closes()
    {
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(0, set_nonblock(fd)); // still open: nothing owned it
        Assert.True(close(fd));
        Assert.Equal(-EBADF, set_nonblock(fd));
    }
}
