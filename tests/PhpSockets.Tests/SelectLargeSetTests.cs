using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using PhpSockets.Tests.Reliability;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// socket_select over sets of <see cref="EpollInterestSet.MinimumEntries"/> entries or more, which
/// wait on the thread's epoll mirror of the set instead of ppoll when their sockets are mostly idle.
/// Each test runs with each wait forced (epoll, ppoll). The oracle is socket_select on each socket
/// alone (a one-entry set always takes the ppoll path): the large set must give the same answers,
/// call after call, while sockets change sets, close, and their descriptor numbers are reused.
/// Run alone: the tests rely on descriptor numbers being reused by the next socket made.
/// </summary>
[Collection(DescriptorSensitiveCollection.Name)]
public sealed class SelectLargeSetTests : IDisposable
{
    /// <summary>Back to the adaptive choice for whatever runs next on this thread.</summary>
    public void Dispose() => EpollInterestSet.t_forced = null;

    private static void Use(bool epoll) => EpollInterestSet.t_forced = epoll;

    private const int Pairs = 24;

    /// <summary>Whether <paramref name="socket"/> alone is ready in set 0 (read), 1 (write) or 2 (except) right now.</summary>
    private static bool ReadyAlone(Socket socket, int set)
    {
        List<Socket>? read = set == 0 ? [socket] : null, write = set == 1 ? [socket] : null, except = set == 2 ? [socket] : null;
        Assert.NotNull(socket_select(ref read, ref write, ref except, 0));
        return (set == 0 ? read : set == 1 ? write : except)!.Count == 1;
    }

    /// <summary>Selects over the three lists at once (timeout 0) and checks every result against <see cref="ReadyAlone"/>.</summary>
    private static void AssertMatchesOneByOne(List<Socket> read, List<Socket> write, List<Socket> except)
    {
        Assert.True(read.Count + write.Count + except.Count >= EpollInterestSet.MinimumEntries);
        List<Socket>[] sets = [read, write, except];
        var expected = sets.Select((set, index) => set.Where(s => ReadyAlone(s, index)).ToList()).ToArray();
        int expectedCount = expected.Sum(set => set.Distinct().Count());
        List<Socket>? r = read, w = write, e = except;
        Assert.Equal(expectedCount, NoWarning(() => socket_select(ref r, ref w, ref e, 0)));
        Assert.Equal(expected[0], r);
        Assert.Equal(expected[1], w);
        Assert.Equal(expected[2], e);
    }

    private static List<(Socket A, Socket B)> MakePairs(int count) => Enumerable.Range(0, count).Select(_ => UnixPair()).ToList();

    private static void CloseAllPairs(IEnumerable<(Socket A, Socket B)> pairs)
    {
        foreach ((Socket a, Socket b) in pairs) CloseAll(a, b);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_large_set_gives_what_each_socket_gives_alone(bool epoll)
    {
        Use(epoll);
        List<(Socket A, Socket B)> pairs = MakePairs(Pairs);
        (Socket client, Socket server) = TcpPair();
        Socket listener = Listener(AF_INET, out int port);
        Socket caller = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        try
        {
            for (int i = 0; i < Pairs; i += 3) socket_write(pairs[i].A, "data");
            for (int i = 1; i < Pairs; i += 7) socket_close(pairs[i].A); // hung up: readable, and HUP in the except set
            Assert.Equal(1, socket_send(client, "!", 1, MSG_OOB)); // except-ready
            Assert.Equal(1, socket_write(client, "n")); // and read-ready once it has arrived
            Assert.True(socket_connect(caller, "127.0.0.1", port));
            WaitReadable(listener);
            WaitReadable(server);

            var read = pairs.Select(p => p.B).Append(listener).Append(server).Append(pairs[0].B).ToList(); // one twice
            var write = pairs.Where((_, i) => i % 2 == 0).Select(p => p.B).Append(client).ToList();
            var except = pairs.Take(8).Select(p => p.B).Append(server).ToList();
            AssertMatchesOneByOne(read, write, except);
            // Again with the same sets (nothing to change in the kernel), then with none ready in the read set.
            AssertMatchesOneByOne(read, write, except);
            for (int i = 0; i < Pairs; i += 3) Assert.Equal(4, socket_read(pairs[i].B, 100)!.Value.Length);
            AssertMatchesOneByOne(read, write, except);
        }
        finally
        {
            CloseAll(client, server, listener, caller);
            CloseAll(pairs.Select(p => p.B));
            CloseAll(pairs.Where((_, i) => i % 7 != 1).Select(p => p.A));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Sets_that_change_from_call_to_call_and_reused_descriptor_numbers_stay_exact(bool epoll)
    {
        Use(epoll);
        var random = new Random(20261127);
        List<(Socket A, Socket B)> pairs = MakePairs(Pairs);
        try
        {
            for (int round = 0; round < 60; round++)
            {
                int which = random.Next(Pairs);
                switch (random.Next(4))
                {
                    case 0:
                        if (!pairs[which].A.IsClosed) socket_write(pairs[which].A, "x");
                        break;
                    case 1:
                        if (ReadyAlone(pairs[which].B, 0)) socket_read(pairs[which].B, 100);
                        break;
                    case 2:
                        // Closed and replaced: the new pair takes the lowest free numbers, the old ones.
                        CloseAll(pairs[which].A, pairs[which].B);
                        pairs[which] = UnixPair();
                        if (random.Next(2) == 0) socket_write(pairs[which].A, "new");
                        break;
                    default:
                        if (!pairs[which].A.IsClosed) socket_close(pairs[which].A); // the B end hangs up
                        break;
                }
                var read = pairs.Where((_, i) => (i + round) % 3 != 0).Select(p => p.B).ToList();
                var write = pairs.Where((_, i) => (i + round) % 3 == 0).Select(p => p.B).ToList();
                var except = pairs.Where((_, i) => (i + round) % 5 == 0).Select(p => p.B).ToList();
                AssertMatchesOneByOne(read, write, except);
            }
        }
        finally
        {
            CloseAllPairs(pairs);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_socket_closed_here_but_alive_in_a_message_in_flight_is_never_reported(bool epoll)
    {
        Use(epoll);
        // The epoll registration of a socket whose file lives on elsewhere (here: in an SCM_RIGHTS
        // message not yet received) cannot be deleted once its number is closed; it must neither be
        // reported nor make the wait spin.
        List<(Socket A, Socket B)> pairs = MakePairs(Pairs);
        (Socket carrierA, Socket carrierB) = UnixPair(SOCK_DGRAM);
        (Socket peer, Socket passed) = UnixPair();
        try
        {
            var read = pairs.Select(p => p.B).Append(passed).ToList();
            List<Socket>? r = read, w = null, e = null;
            Assert.Equal(0, socket_select(ref r, ref w, ref e, 0)); // every descriptor registered
            var message = new PhpArray
            {
                ["iov"] = new PhpArray { "fd" },
                ["control"] = new PhpArray { new PhpArray { ["level"] = (long)SOL_SOCKET, ["type"] = (long)SCM_RIGHTS, ["data"] = new PhpArray { passed } } },
            };
            Assert.Equal(2, socket_sendmsg(carrierA, message));
            int number = passed.Descriptor;
            socket_close(passed);
            socket_write(peer, "ready, but not here any more");

            // A new socket takes the number; it has nothing to read.
            (Socket other, Socket reused) = UnixPair();
            read = pairs.Select(p => p.B).Append(reused).ToList();
            Assert.Contains(number, new[] { other.Descriptor, reused.Descriptor });
            var clock = Stopwatch.StartNew();
            r = read;
            Assert.Equal(0, socket_select(ref r, ref w, ref e, 0, 200_000));
            Assert.True(clock.ElapsedMilliseconds >= 150, $"returned after {clock.ElapsedMilliseconds} ms");
            Assert.Empty(r!);
            AssertMatchesOneByOne(read, [], []);
            socket_write(pairs[5].A, "y");
            r = read;
            Assert.Equal(1, socket_select(ref r, ref w, ref e, WaitSeconds));
            Assert.Equal([pairs[5].B], r);
            CloseAll(other, reused);
        }
        finally
        {
            CloseAllPairs(pairs);
            CloseAll(carrierA, carrierB, peer);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Timeouts_keep_their_precision(bool epoll)
    {
        Use(epoll);
        List<(Socket A, Socket B)> pairs = MakePairs(Pairs);
        try
        {
            var read = pairs.Select(p => p.B).ToList();
            foreach ((long seconds, long microseconds) in new[] { (0L, 0L), (0L, 60_000L), (0L, 60_500L), (0L, 1_050_000L) })
            {
                List<Socket>? r = read, w = null, e = null;
                var clock = Stopwatch.StartNew();
                Assert.Equal(0, socket_select(ref r, ref w, ref e, seconds, microseconds));
                double expected = seconds * 1000.0 + microseconds / 1000.0;
                Assert.True(clock.Elapsed.TotalMilliseconds >= expected - 1, $"{seconds} s {microseconds} µs returned after {clock.Elapsed.TotalMilliseconds} ms");
                Assert.Empty(r!);
            }
            var writer = InBackground(() =>
            {
                System.Threading.Thread.Sleep(100);
                return socket_write(pairs[17].A, "late");
            });
            List<Socket>? all = read, none = null;
            Assert.Equal(1, socket_select(ref all, ref none, ref none, null));
            Assert.Equal([pairs[17].B], all);
            Assert.Equal(4, writer.Result);
        }
        finally
        {
            CloseAllPairs(pairs);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_hung_up_socket_in_the_except_set_does_not_end_the_wait(bool epoll)
    {
        Use(epoll);
        List<(Socket A, Socket B)> pairs = MakePairs(Pairs);
        (Socket gone, Socket hungUp) = UnixPair();
        socket_close(gone);
        try
        {
            var read = pairs.Select(p => p.B).ToList();
            List<Socket>? r = read, w = null, e = [hungUp];
            Assert.Equal(0, socket_select(ref r, ref w, ref e, 0, 50_000));
            Assert.Empty(e!);
            var writer = InBackground(() =>
            {
                System.Threading.Thread.Sleep(100);
                return socket_write(pairs[3].A, "z");
            });
            r = read;
            e = [hungUp];
            Assert.Equal(1, socket_select(ref r, ref w, ref e, null));
            Assert.Equal([pairs[3].B], r);
            Assert.Empty(e!);
            Assert.Equal(1, writer.Result);
        }
        finally
        {
            CloseAllPairs(pairs);
            socket_close(hungUp);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_negative_timeout_is_EINVAL_as_for_small_sets(bool epoll)
    {
        Use(epoll);
        List<(Socket A, Socket B)> pairs = MakePairs(Pairs);
        try
        {
            var read = pairs.Select(p => p.B).ToList();
            List<Socket>? r = read, w = null, e = null;
            Assert.Null(SingleWarning("socket_select(): Unable to select [22]: Invalid argument", () => socket_select(ref r, ref w, ref e, -1)));
            Assert.Same(read, r);
        }
        finally
        {
            CloseAllPairs(pairs);
        }
    }

    [Fact]
    public void Closing_a_socket_wakes_a_thread_waiting_on_a_large_set()
    {
        List<(Socket A, Socket B)> pairs = MakePairs(Pairs);
        Socket closed = pairs[9].B;
        List<Socket>? ready = null;
        var call = new BlockingCall<int?>(() =>
        {
            List<Socket>? read = pairs.Select(p => p.B).ToList(), none = null;
            int? count = socket_select(ref read, ref none, ref none, 120);
            ready = read;
            return count;
        });
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.EpollWait);
        socket_close(closed);
        Assert.Equal(1, call.Result);
        Assert.Equal([closed], ready);
        CloseAll(pairs.Select(p => p.A));
        CloseAll(pairs.Select(p => p.B).Where(s => s != closed));
    }

    [Fact]
    public void The_wait_is_epoll_for_mostly_idle_sets_and_ppoll_for_mostly_ready_ones()
    {
        List<(Socket A, Socket B)> pairs = MakePairs(Pairs);
        try
        {
            foreach (bool busy in new[] { true, false })
            {
                var call = new BlockingCall<int?>(() =>
                {
                    // Twenty calls first, with every socket writable (busy) or none ready (idle).
                    for (int i = 0; i < 20; i++)
                    {
                        List<Socket>? r = busy ? null : pairs.Select(p => p.B).ToList();
                        List<Socket>? w = busy ? pairs.Select(p => p.B).ToList() : null, e = null;
                        socket_select(ref r, ref w, ref e, 0);
                    }
                    List<Socket>? read = pairs.Select(p => p.B).ToList(), none = null;
                    return socket_select(ref read, ref none, ref none, 120);
                });
                call.WaitUntilBlockedIn(busy ? ReliabilitySupport.Syscalls.PPoll : ReliabilitySupport.Syscalls.EpollWait);
                socket_write(pairs[2].A, "w");
                Assert.Equal(1, call.Result);
                Assert.Equal(1, socket_read(pairs[2].B, 10)!.Value.Length);
            }
        }
        finally
        {
            CloseAllPairs(pairs);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(600L)]
    public void A_signal_interrupts_the_epoll_wait_with_EINTR_and_leaves_the_arrays_alone(long? seconds)
    {
        List<(Socket A, Socket B)> pairs = MakePairs(Pairs);
        var original = pairs.Select(p => p.B).ToList();
        List<Socket>? after = null;
        var call = new BlockingCall<int?>(() =>
        {
            List<Socket>? read = original, none = null;
            int? result = socket_select(ref read, ref none, ref none, seconds);
            after = read;
            return result;
        });
        call.WaitUntilBlockedIn(ReliabilitySupport.Syscalls.EpollWait);
        call.Signal(ReliabilitySupport.InterruptSignal);
        Assert.Null(call.Result);
        Assert.Equal(["socket_select(): Unable to select [4]: Interrupted system call"], call.Warnings);
        Assert.Equal(SOCKET_EINTR, call.LastError);
        Assert.Same(original, after);
        CloseAllPairs(pairs);
    }
}
