using System.Collections.Generic;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;
using static PhpSockets.Tests.Reliability.ReliabilitySupport;

namespace PhpSockets.Tests.Reliability;

/// <summary>
/// A signal interrupting a blocked call: PHP does not retry, it reports EINTR
/// (<c>[4]: Interrupted system call</c>) and returns false, and so must PhpSockets. The signal is
/// sent with pthread_kill to the blocked thread alone, once /proc says it sleeps in the system call,
/// and its handler is installed without SA_RESTART (the runtime's own handlers use SA_RESTART, which
/// makes the kernel restart accept and recv: see docs/reliability.md). Checked against PHP 8.2 with
/// pcntl_signal(SIGUSR1, ..., restart_syscalls: false): the same warnings, false, last error 4.
/// </summary>
public class SignalFaultTests
{
    [Fact]
    public void A_signal_interrupts_socket_select_with_EINTR_and_leaves_the_arrays_alone()
    {
        int signal = ReliabilitySupport.InterruptSignal;
        (Socket a, Socket b) = PlainUnixPair();
        var original = new List<Socket> { a };
        List<Socket>? after = null;
        var call = new BlockingCall<int?>(() =>
        {
            List<Socket>? read = original, none = null;
            int? result = socket_select(ref read, ref none, ref none, null);
            after = read;
            return result;
        });
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.PPoll);
        call.Signal(signal);
        Assert.Null(call.Result);
        Assert.Equal(["socket_select(): Unable to select [4]: Interrupted system call"], call.Warnings);
        Assert.Equal(SOCKET_EINTR, call.LastError);
        // The arrays are left as they were (PHP does not touch them on failure).
        Assert.Same(original, after);
        Assert.Equal([a], after);
        // Only the interrupted thread's last error changed, and the socket's did not.
        Assert.Equal(0, socket_last_error(a));
        CloseAll(a, b);
    }

    [Fact]
    public void A_signal_interrupts_a_timed_socket_select_too()
    {
        int signal = ReliabilitySupport.InterruptSignal;
        (Socket a, Socket b) = PlainUnixPair();
        var call = new BlockingCall<int?>(() =>
        {
            List<Socket>? read = [a], none = null;
            return socket_select(ref read, ref none, ref none, 600);
        });
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.PPoll);
        call.Signal(signal);
        Assert.Null(call.Result);
        Assert.Equal(["socket_select(): Unable to select [4]: Interrupted system call"], call.Warnings);
        Assert.Equal(SOCKET_EINTR, call.LastError);
        CloseAll(a, b);
    }

    [Fact]
    public void A_signal_interrupts_socket_accept_with_EINTR()
    {
        int signal = ReliabilitySupport.InterruptSignal;
        Socket listener = Listener(AF_INET, out int port);
        var call = new BlockingCall<Socket?>(() => socket_accept(listener));
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Accept);
        call.Signal(signal);
        Assert.Null(call.Result);
        Assert.Equal(["socket_accept(): unable to accept incoming connection [4]: Interrupted system call"], call.Warnings);
        Assert.Equal(SOCKET_EINTR, call.LastError);
        // As in PHP, accept's error is not recorded on the listener.
        Assert.Equal(0, socket_last_error(listener));

        // No connection was lost: the listener still works.
        Socket client = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_connect(client, "127.0.0.1", port));
        Socket server = PlainAccept(listener);
        CloseAll(client, server, listener);
    }

    [Theory]
    [InlineData(PHP_BINARY_READ)]
    [InlineData(PHP_NORMAL_READ)]
    public void A_signal_interrupts_socket_read_with_EINTR(int mode)
    {
        int signal = ReliabilitySupport.InterruptSignal;
        (Socket client, Socket server) = PlainTcpPair();
        var call = new BlockingCall<PhpString?>(() => socket_read(server, 100, mode));
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Recv);
        call.Signal(signal);
        Assert.Null(call.Result);
        Assert.Equal(["socket_read(): unable to read from socket [4]: Interrupted system call"], call.Warnings);
        Assert.Equal(SOCKET_EINTR, call.LastError);
        Assert.Equal(SOCKET_EINTR, socket_last_error(server));

        // Nothing was consumed: what comes next is read whole.
        Assert.Equal(6, socket_write(client, "after\n"));
        WaitReadable(server);
        Assert.Equal((PhpString)"after\n", socket_read(server, 100, mode));
        CloseAll(client, server);
    }

    [Fact]
    public void A_signal_interrupts_socket_recv_with_EINTR()
    {
        int signal = ReliabilitySupport.InterruptSignal;
        (Socket a, Socket b) = PlainUnixPair(SOCK_DGRAM);
        PhpString? data = "untouched";
        var call = new BlockingCall<int?>(() => socket_recv(a, ref data, 100, 0));
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Recv);
        call.Signal(signal);
        Assert.Null(call.Result);
        Assert.Equal(["socket_recv(): Unable to read from socket [4]: Interrupted system call"], call.Warnings);
        Assert.Equal(SOCKET_EINTR, call.LastError);
        Assert.Null(data); // PHP sets $data to null on failure
        CloseAll(a, b);
    }

    [Fact]
    public void A_signal_interrupts_a_socket_write_blocked_on_a_full_buffer_with_EINTR()
    {
        int signal = ReliabilitySupport.InterruptSignal;
        (Socket a, Socket b) = PlainUnixPair();
        ReliabilitySupport.FillSendBuffer(a);
        var call = new BlockingCall<int?>(() => socket_write(a, "y"));
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Write);
        call.Signal(signal);
        Assert.Null(call.Result);
        Assert.Equal(["socket_write(): unable to write to socket [4]: Interrupted system call"], call.Warnings);
        Assert.Equal(SOCKET_EINTR, call.LastError);
        CloseAll(a, b);
    }

    [Fact]
    public void An_interrupted_thread_carries_on_normally()
    {
        // After an EINTR the same thread's next blocking call works and is interrupted again only by a new signal.
        int signal = ReliabilitySupport.InterruptSignal;
        (Socket a, Socket b) = PlainUnixPair();
        var results = new List<PhpString?>();
        var first = new System.Threading.ManualResetEventSlim();
        var go = new System.Threading.ManualResetEventSlim();
        var call = new BlockingCall<int>(() =>
        {
            results.Add(socket_read(a, 10));
            first.Set();
            go.Wait(ReliabilitySupport.Patience);
            results.Add(socket_read(a, 10));
            return 0;
        });
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Recv);
        call.Signal(signal);
        Assert.True(first.Wait(ReliabilitySupport.Patience));
        Assert.Equal(4, socket_write(b, "data"));
        go.Set();
        Assert.Equal(0, call.Result);
        Assert.Equal([null, (PhpString)"data"], results);
        Assert.Equal(["socket_read(): unable to read from socket [4]: Interrupted system call"], call.Warnings);
        CloseAll(a, b);
    }

    [Fact]
    public void A_signal_interrupts_a_blocking_socket_connect_with_EINTR()
    {
        // A listener with a full backlog drops the SYN, so a blocking connect to it waits.
        int signal = ReliabilitySupport.InterruptSignal;
        var queued = new List<Socket>();
        Socket listener = ListenerWithFullBacklog(out int port, queued);
        Socket blocked = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        var call = new BlockingCall<bool>(() => socket_connect(blocked, "127.0.0.1", port));
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Connect);
        call.Signal(signal);
        Assert.False(call.Result);
        Assert.Equal(["socket_connect(): unable to connect [4]: Interrupted system call"], call.Warnings);
        Assert.Equal(SOCKET_EINTR, socket_last_error(blocked));
        // Not retried: the handshake goes on in the kernel, so calling connect again would not start a new one.
        CloseAll(queued);
        CloseAll(blocked, listener);
    }

    [Fact]
    public void With_SA_RESTART_the_kernel_restarts_accept_and_read_but_never_select()
    {
        // The .NET runtime's own handlers use SA_RESTART: a signal they catch does not end a blocking
        // accept or recv (the kernel restarts it; PhpSockets retries nothing itself), while ppoll,
        // like select, is never restarted and reports EINTR.
        int signal = ReliabilitySupport.RestartingSignal;
        (Socket client, Socket server) = PlainTcpPair();
        var read = new BlockingCall<PhpString?>(() => socket_read(server, 100));
        read.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Recv);
        read.Signal(signal);
        WaitUntilDeliveredAndBlockedAgain(read, signal, ReliabilitySupport.Syscalls.Recv);
        Assert.Equal(4, socket_write(client, "data"));
        Assert.Equal((PhpString)"data", read.Result);
        Assert.Empty(read.Warnings);

        Socket listener = Listener(AF_INET, out int port);
        var accept = new BlockingCall<Socket?>(() => socket_accept(listener));
        accept.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.Accept);
        accept.Signal(signal);
        WaitUntilDeliveredAndBlockedAgain(accept, signal, ReliabilitySupport.Syscalls.Accept);
        Socket late = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.True(socket_connect(late, "127.0.0.1", port));
        Socket? accepted = accept.Result;
        Assert.NotNull(accepted);
        Assert.Empty(accept.Warnings);

        var select = new BlockingCall<int?>(() =>
        {
            List<Socket>? set = [server], none = null;
            return socket_select(ref set, ref none, ref none, null);
        });
        select.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.PPoll);
        select.Signal(signal);
        Assert.Null(select.Result);
        Assert.Equal(["socket_select(): Unable to select [4]: Interrupted system call"], select.Warnings);
        CloseAll(client, server, listener, late, accepted);
    }

    private static void WaitUntilDeliveredAndBlockedAgain<T>(BlockingCall<T> call, int signal, int[] syscalls)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < ReliabilitySupport.Patience)
        {
            if (!ReliabilitySupport.IsPending(call.Tid, signal) && call.IsBlockedIn(syscalls)) return;
            if (call.Ended(System.TimeSpan.FromMilliseconds(5)))
                Assert.Fail($"the call ended: it was not restarted ({call.Result}; {string.Join("; ", call.Warnings)}; {ReliabilitySupport.Disposition(signal)})");
        }
        Assert.Fail("the signal was not delivered, or the call did not block again");
    }
}
