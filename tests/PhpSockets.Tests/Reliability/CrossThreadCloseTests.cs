using System;
using System.Collections.Generic;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;
using static PhpSockets.Tests.Reliability.ReliabilitySupport;

namespace PhpSockets.Tests.Reliability;

/// <summary>
/// socket_close on one thread while another is blocked in a call on the same socket. In C, close(2)
/// does not wake a thread blocked in accept, recv or poll on Linux, and the descriptor number can be
/// reused under it. PhpSockets must do better on both counts: the blocked call returns (socket_close
/// shuts the socket down when a call holds it), and the number stays taken until the last call
/// holding it has returned (the handle's reference count keeps the descriptor open).
/// PHP has no threads sharing a Socket, so there is no PHP behaviour to keep here.
/// </summary>
public class CrossThreadCloseTests
{
    [Fact]
    public void Closing_a_listener_wakes_a_thread_blocked_in_socket_accept()
    {
        Socket listener = Listener(AF_INET, out _);
        var call = new BlockingCall<Socket?>(() => socket_accept(listener));
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Accept);
        socket_close(listener);
        Assert.Null(call.Result);
        // shutdown(2) on a listening socket makes Linux's accept fail with EINVAL.
        Assert.Equal(["socket_accept(): unable to accept incoming connection [22]: Invalid argument"], call.Warnings);
        Assert.Equal(SOCKET_EINVAL, call.LastError);
    }

    [Fact]
    public void Closing_a_socket_wakes_a_thread_blocked_in_socket_read_and_the_peer_sees_the_end()
    {
        (Socket client, Socket server) = PlainTcpPair();
        var call = new BlockingCall<PhpString?>(() => socket_read(server, 100));
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Recv);
        socket_close(server);
        // The read ends as at the end of stream (shutdown(SHUT_RDWR) makes recv return 0).
        Assert.Equal(PhpString.Empty, call.Result);
        Assert.Empty(call.Warnings);
        WaitReadable(client);
        Assert.Equal(PhpString.Empty, socket_read(client, 100));
        socket_close(client);
    }

    [Fact]
    public void Closing_a_socket_wakes_a_thread_blocked_in_socket_read_on_a_unix_datagram_socket()
    {
        (Socket a, Socket b) = PlainUnixPair(SOCK_DGRAM);
        var call = new BlockingCall<PhpString?>(() => socket_read(a, 100));
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Recv);
        socket_close(a);
        Assert.Equal(PhpString.Empty, call.Result);
        Assert.Empty(call.Warnings);
        socket_close(b);
    }

    [Fact]
    public void Closing_a_socket_wakes_a_thread_blocked_in_socket_write_with_EPIPE()
    {
        (Socket a, Socket b) = PlainUnixPair();
        ReliabilitySupport.FillSendBuffer(a);
        var call = new BlockingCall<int?>(() => socket_write(a, new byte[1000]));
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Write);
        socket_close(a);
        Assert.Null(call.Result);
        Assert.Equal(["socket_write(): unable to write to socket [32]: Broken pipe"], call.Warnings);
        socket_close(b);
    }

    [Fact]
    public void Closing_a_socket_wakes_a_thread_blocked_in_socket_select()
    {
        (Socket a, Socket b) = PlainUnixPair();
        List<Socket>? ready = null;
        var call = new BlockingCall<int?>(() =>
        {
            List<Socket>? read = [a], none = null;
            int? count = socket_select(ref read, ref none, ref none, 120);
            ready = read;
            return count;
        });
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.PPoll);
        socket_close(a);
        // The socket is reported readable (shut down); using it now throws PHP's closed-socket Error.
        Assert.Equal(1, call.Result);
        Assert.Empty(call.Warnings);
        Assert.Equal([a], ready);
        Throws<PhpError>("socket_read(): Argument #1 ($socket) has already been closed", () => socket_read(a, 1));
        socket_close(b);
    }

    [Fact]
    public void Closing_a_socket_wakes_a_thread_blocked_in_socket_connect()
    {
        // A listener whose backlog is full drops further SYNs: a blocking connect to it waits.
        var queued = new List<Socket>();
        Socket listener = ListenerWithFullBacklog(out int port, queued);
        try
        {
            Socket blocked = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
            var call = new BlockingCall<bool>(() => socket_connect(blocked, "127.0.0.1", port));
            call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Connect);
            socket_close(blocked);
            Assert.False(call.Result);
            // shutdown(2) of a socket in SYN_SENT aborts the handshake: Linux reports ECONNRESET.
            Assert.Equal(["socket_connect(): unable to connect [104]: Connection reset by peer"], call.Warnings);
        }
        finally
        {
            CloseAll(queued);
            socket_close(listener);
        }
    }

    [Fact]
    public void The_descriptor_number_is_not_reused_while_a_call_holds_the_socket()
    {
        // A libc call holds the socket's handle for its duration (the marshaller's AddRef); this test
        // holds it the same way, so the "call" lasts exactly as long as the test wants.
        (Socket a, Socket b) = PlainUnixPair();
        int fd = a.Descriptor;
        string? target = ReliabilitySupport.DescriptorTarget(fd);
        Assert.StartsWith("socket:[", target);
        bool added = false;
        a.Handle.DangerousAddRef(ref added);
        Assert.True(added);
        var fresh = new List<Socket>();
        try
        {
            socket_close(a);
            Assert.True(a.IsClosed);
            Assert.Equal(-1, a.Descriptor);
            // Still open, still the same socket, while the call holds it.
            Assert.Equal(target, ReliabilitySupport.DescriptorTarget(fd));
            for (int i = 0; i < 32; i++)
            {
                Socket s = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
                fresh.Add(s);
                Assert.NotEqual(fd, s.Descriptor);
            }
            // And the close was felt at once: the socket is shut down, so the peer reads the end of stream.
            WaitReadable(b);
            Assert.Equal(PhpString.Empty, socket_read(b, 10));
        }
        finally
        {
            a.Handle.DangerousRelease();
        }
        // The call is over: now the descriptor is closed (its number may go to any new socket).
        Assert.NotEqual(target, ReliabilitySupport.DescriptorTarget(fd));
        CloseAll(fresh);
        socket_close(b);
    }

    [Fact]
    public void Without_a_call_in_progress_socket_close_closes_at_once_and_does_not_shut_down()
    {
        // The usual case must stay close(2) alone: no shutdown, so a descriptor shared with another
        // process (fork, SCM_RIGHTS) keeps its connection, as in PHP.
        (Socket client, Socket server) = PlainTcpPair();
        int fd = server.Descriptor;
        string? target = ReliabilitySupport.DescriptorTarget(fd);
        // A second descriptor for the same socket, as a child process or a passed descriptor would hold.
        int duplicate = ReliabilitySupport.Dup(fd);
        Assert.True(duplicate >= 0);
        try
        {
            socket_close(server);
            Assert.NotEqual(target, ReliabilitySupport.DescriptorTarget(fd));
            // The connection lives on through the duplicate: nothing was shut down.
            Assert.Equal(4, socket_write(client, "ping"));
            Assert.Equal(4, ReadRaw(duplicate, 4));
        }
        finally
        {
            ReliabilitySupport.CloseRaw(duplicate);
        }
        socket_close(client);
    }

    private static int ReadRaw(int fd, int count) => ReliabilitySupport.ReadRaw(fd, new byte[count]);
}
