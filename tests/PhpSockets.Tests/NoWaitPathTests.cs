using System;
using System.Collections.Generic;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// The calls without the GC transition (Interop/Libc.NoWait.cs): only a socket set non-blocking through
/// PhpSockets, or MSG_DONTWAIT, takes them; a blocking call always takes the normal transition, so a
/// GC on another thread never waits for it. socket_select always takes it: a ppoll without the transition
/// saved nothing measurable, even with a zero timeout (bench/RESULTS.md, "Issue 9").
/// </summary>
public class NoWaitPathTests
{
    [Fact]
    public void Only_non_blocking_sockets_and_MSG_DONTWAIT_skip_the_transition()
    {
        (Socket a, Socket b) = UnixPair();
        try
        {
            Assert.True(WaitsForPeer(a, 0));
            Assert.True(WaitsForPeer(a, MSG_PEEK | MSG_WAITALL));
            Assert.False(WaitsForPeer(a, MSG_DONTWAIT));
            Assert.True(socket_set_nonblock(a));
            Assert.False(WaitsForPeer(a, 0));
            Assert.True(socket_set_block(a));
            Assert.True(WaitsForPeer(a, 0));
        }
        finally
        {
            CloseAll(a, b);
        }
    }

    [Fact]
    public void A_blocking_read_does_not_hold_up_a_GC_on_another_thread()
    {
        (Socket a, Socket b) = UnixPair();
        try
        {
            AssertAGcDoesNotWaitFor(() => socket_read(a, new byte[16]), b, "a blocking recv");
        }
        finally
        {
            CloseAll(a, b);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(30L)]
    public void A_waiting_select_does_not_hold_up_a_GC_on_another_thread(long? seconds)
    {
        (Socket a, Socket b) = UnixPair();
        try
        {
            AssertAGcDoesNotWaitFor(() =>
            {
                List<Socket>? read = [a], write = null, except = null;
                return socket_select(ref read, ref write, ref except, seconds);
            }, b, "a waiting ppoll");
        }
        finally
        {
            CloseAll(a, b);
        }
    }

    [Fact]
    public void Non_blocking_reads_and_writes_keep_PHPs_results_and_errno()
    {
        (Socket a, Socket b) = UnixPair();
        try
        {
            Assert.True(socket_set_nonblock(a));
            var buffer = new byte[16];
            Assert.Null(socket_read(a, buffer));
            Assert.Equal(SOCKET_EAGAIN, socket_last_error(a));
            Assert.Equal(3, socket_write(a, "abc"u8));
            Assert.Equal(3, socket_read(b, buffer));
            socket_close(b);
            b = null!;
            Assert.Equal(0, socket_read(a, buffer)); // end of stream
        }
        finally
        {
            CloseAll(a, b);
        }
    }

    /// <summary>
    /// Starts <paramref name="call"/>, which waits for a byte on the peer of <paramref name="writer"/>,
    /// checks that a forced GC on another thread finishes meanwhile (were the waiting call in
    /// cooperative mode, the GC would wait for it, for ever here), then sends the byte and expects 1.
    /// </summary>
    private static void AssertAGcDoesNotWaitFor(Func<int?> call, Socket writer, string what)
    {
        var waiting = InBackground(call);
        Assert.False(waiting.Finished(200)); // waiting, with nothing to read
        var collect = InBackground(() =>
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            return true;
        });
        Assert.True(collect.Finished(WaitSeconds * 1000), $"a GC waited for {what}");
        Assert.Equal(1, socket_write(writer, "x"u8));
        Assert.True(waiting.Finished(WaitSeconds * 1000));
        Assert.Equal(1, waiting.Result);
    }
}
