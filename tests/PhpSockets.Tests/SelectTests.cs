using System.Collections.Generic;
using System.IO;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// socket_select: select(2)'s readiness rules and counts, the arrays replaced by new ones holding
/// the ready sockets (keys kept), timeouts, and PHP's errors.
/// </summary>
public class SelectTests
{
    private static List<Socket>? None() => null;

    [Fact]
    public void Read_readiness_follows_data()
    {
        (Socket a, Socket b) = UnixPair();
        var read = new List<Socket> { b };
        List<Socket>? write = None(), except = None();
        Assert.Equal(0, socket_select(ref read, ref write, ref except, 0));
        Assert.Empty(read!);
        Assert.Null(write);
        Assert.Null(except);

        socket_write(a, "x");
        read = [a, b];
        Assert.Equal(1, socket_select(ref read, ref write, ref except, 0));
        Assert.Same(b, Assert.Single(read!));
        CloseAll(a, b);
    }

    [Fact]
    public void End_of_stream_and_hangup_are_readable()
    {
        (Socket a, Socket b) = TcpPair();
        Assert.True(socket_shutdown(a, 1));
        var read = new List<Socket> { b };
        List<Socket>? none = None();
        Assert.Equal(1, socket_select(ref read, ref none, ref none, WaitSeconds));
        Assert.Equal(PhpString.Empty, socket_read(b, 10));

        (Socket c, Socket d) = UnixPair();
        socket_close(c);
        read = [d];
        Assert.Equal(1, socket_select(ref read, ref none, ref none, WaitSeconds));
        CloseAll(a, b, d);
    }

    [Fact]
    public void Write_readiness()
    {
        (Socket a, Socket b) = TcpPair();
        List<Socket>? read = None(), except = None();
        var write = new List<Socket> { a, b };
        Assert.Equal(2, socket_select(ref read, ref write, ref except, 0));
        Assert.Equal([a, b], write!);

        // A full non-blocking socket is not writable.
        (Socket c, Socket d) = UnixPair();
        Assert.True(socket_set_nonblock(c));
        var chunk = new PhpString(new byte[65536]);
        for (int i = 0; i < 10000 && Warnings(() => socket_write(c, chunk)).Result is not null; i++)
        {
        }
        write = [c];
        Assert.Equal(0, socket_select(ref read, ref write, ref except, 0));
        Assert.Empty(write!);
        CloseAll(a, b, c, d);
    }

    [Fact]
    public void Except_set_reports_out_of_band_data_only()
    {
        (Socket a, Socket b) = TcpPair();
        List<Socket>? read = None(), write = None();
        var except = new List<Socket> { b };
        Assert.Equal(0, socket_select(ref read, ref write, ref except, 0));

        Assert.Equal(1, socket_send(a, "!", 1, MSG_OOB));
        except = [b];
        Assert.Equal(1, socket_select(ref read, ref write, ref except, WaitSeconds));
        Assert.Same(b, Assert.Single(except!));

        // A hang-up is not an exceptional condition.
        (Socket c, Socket d) = UnixPair();
        socket_close(c);
        except = [d];
        Assert.Equal(0, socket_select(ref read, ref write, ref except, 0));
        Assert.Empty(except!);
        CloseAll(a, b, d);
    }

    [Fact]
    public void A_hung_up_socket_in_the_except_set_does_not_end_the_wait()
    {
        // select(2) ignores HUP in the except set and sleeps on; poll reports it, so the port must not return early.
        (Socket c, Socket d) = UnixPair();
        socket_close(c);
        (Socket a, Socket b) = UnixPair();
        List<Socket>? readResult = null, exceptResult = null;
        var waiter = InBackground(() =>
        {
            List<Socket>? read = [b], write = null, except = [d];
            int? n = socket_select(ref read, ref write, ref except, null);
            (readResult, exceptResult) = (read, except);
            return n;
        });
        Assert.False(waiter.Finished(200));
        socket_write(a, "x");
        Assert.Equal(1, waiter.Result);
        Assert.Same(b, Assert.Single(readResult!));
        Assert.Empty(exceptResult!);

        // With a timeout it ends with 0 once the time is up.
        List<Socket>? r = null, w = null, e = [d];
        Assert.Equal(0, socket_select(ref r, ref w, ref e, 0, 50_000));
        Assert.Empty(e!);
        CloseAll(a, b, d);
    }

    [Fact]
    public void Counts_are_per_descriptor_per_set()
    {
        (Socket a, Socket b) = UnixPair();
        socket_write(a, "x");
        // b twice in read counts once; b in read and write counts twice; a writable too.
        var read = new List<Socket> { b, b, a };
        var write = new List<Socket> { b, a, a };
        List<Socket>? except = None();
        Assert.Equal(3, socket_select(ref read, ref write, ref except, 0));
        Assert.Equal([b, b], read!);
        Assert.Equal([b, a, a], write!);
        CloseAll(a, b);
    }

    [Fact]
    public void Results_are_new_lists_and_the_callers_lists_stay_as_they_were()
    {
        (Socket a, Socket b) = UnixPair();
        socket_write(a, "x");
        var original = new List<Socket> { a, b };
        List<Socket>? read = original;
        var emptyOriginal = new List<Socket>();
        List<Socket>? write = emptyOriginal;
        List<Socket>? except = None();
        Assert.Equal(1, socket_select(ref read, ref write, ref except, 0));
        Assert.NotSame(original, read);
        Assert.Equal([a, b], original);
        Assert.Equal([b], read!);
        Assert.NotSame(emptyOriginal, write);
        Assert.Empty(write!);
        Assert.Null(except);
        CloseAll(a, b);
    }

    [Fact]
    public void Ordered_dictionary_overload_keeps_keys_and_order()
    {
        (Socket a, Socket b) = UnixPair();
        socket_write(a, "hi");
        var read = new OrderedDictionary<string, Socket> { ["a"] = a, ["b"] = b, ["7"] = b };
        var write = new OrderedDictionary<string, Socket> { ["x"] = a, ["y"] = b };
        OrderedDictionary<string, Socket>? readRef = read, writeRef = write, exceptRef = null;
        Assert.Equal(3, socket_select(ref readRef, ref writeRef, ref exceptRef, 0));
        Assert.Equal(["b", "7"], readRef!.Keys);
        Assert.Same(b, readRef["b"]);
        Assert.Equal(["x", "y"], writeRef!.Keys);
        Assert.Null(exceptRef);
        Assert.Equal(3, read.Count); // the caller's dictionary is untouched
        Assert.NotSame(read, readRef);

        var intKeys = new OrderedDictionary<int, Socket> { [10] = a, [3] = b };
        OrderedDictionary<int, Socket>? r = intKeys, w = null, e = null;
        Assert.Equal(1, socket_select(ref r, ref w, ref e, 0));
        Assert.Equal([3], r!.Keys);
        CloseAll(a, b);
    }

    [Fact]
    public void Ordered_dictionary_overload_errors()
    {
        (Socket a, Socket b) = UnixPair();
        OrderedDictionary<string, Socket>? r = new(), w = null, e = new();
        Throws<PhpValueError>("socket_select(): At least one array argument must be passed", () => socket_select(ref r, ref w, ref e, 0));
        socket_close(a);
        r = new() { ["k"] = b };
        w = new() { ["c"] = a };
        OrderedDictionary<string, Socket>? before = w;
        Throws<PhpTypeError>("socket_select(): Argument #2 ($write) contains a closed socket", () => socket_select(ref r, ref w, ref e, 0));
        Assert.Same(before, w);
        socket_close(b);
    }

    [Fact]
    public void Timeouts()
    {
        (Socket a, Socket b) = UnixPair();
        List<Socket>? none = None();
        var read = new List<Socket> { b };
        Assert.Equal(0, NoWarning(() => socket_select(ref read, ref none, ref none, 0)));
        read = [b];
        Assert.Equal(0, NoWarning(() => socket_select(ref read, ref none, ref none, 0, 1000)));

        socket_write(a, "x");
        // Microseconds above 999999 are normalised into seconds (ppoll would refuse them).
        read = [b];
        Assert.Equal(1, NoWarning(() => socket_select(ref read, ref none, ref none, 0, 1_500_000)));
        read = [b];
        Assert.Equal(1, NoWarning(() => socket_select(ref read, ref none, ref none, 1, long.MaxValue / 2)));
        // null waits forever; with data already there it returns at once.
        read = [b];
        Assert.Equal(1, NoWarning(() => socket_select(ref read, ref none, ref none, null)));
        read = [b];
        Assert.Equal(1, NoWarning(() => socket_select(ref read, ref none, ref none, null, 5)));
        CloseAll(a, b);
    }

    [Fact]
    public void Null_timeout_waits_until_ready()
    {
        (Socket a, Socket b) = UnixPair();
        var waiter = InBackground(() =>
        {
            var read = new List<Socket> { b };
            List<Socket>? none = null;
            return socket_select(ref read, ref none, ref none, null);
        });
        Assert.False(waiter.Finished(100));
        socket_write(a, "x");
        Assert.Equal(1, waiter.Result);
        CloseAll(a, b);
    }

    [Theory]
    [InlineData(-1L, 0L)]
    [InlineData(0L, -1L)]
    [InlineData(-5L, 999L)]
    public void Negative_timeout_is_EINVAL_with_lists_untouched(long seconds, long microseconds)
    {
        (Socket a, Socket b) = UnixPair();
        socket_write(a, "x");
        var original = new List<Socket> { a, b };
        List<Socket>? read = original, none = None();
        socket_clear_error();
        socket_clear_error(b);
        Assert.Null(SingleWarning("socket_select(): Unable to select [22]: Invalid argument", () => socket_select(ref read, ref none, ref none, seconds, microseconds)));
        Assert.Same(original, read);
        Assert.Equal([a, b], read);
        Assert.Equal(22, socket_last_error());
        Assert.Equal(0, socket_last_error(b));
        CloseAll(a, b);
    }

    [Fact]
    public void No_socket_at_all_is_a_ValueError()
    {
        List<Socket>? r = null, w = null, e = null;
        Throws<PhpValueError>("socket_select(): At least one array argument must be passed", () => socket_select(ref r, ref w, ref e, 0));
        r = [];
        e = [];
        Throws<PhpValueError>("socket_select(): At least one array argument must be passed", () => socket_select(ref r, ref w, ref e, 0));
    }

    [Fact]
    public void Closed_socket_or_null_element_is_a_TypeError_naming_the_argument()
    {
        (Socket a, Socket b) = UnixPair();
        socket_close(a);
        List<Socket>? r = [b], w = [a], e = null;
        List<Socket>? wBefore = w;
        PhpTypeError t = Throws<PhpTypeError>("socket_select(): Argument #2 ($write) contains a closed socket", () => socket_select(ref r, ref w, ref e, 0));
        Assert.Equal("TypeError", t.PhpClass);
        Assert.Same(wBefore, w);

        r = [b];
        w = null;
        e = [b, a];
        Throws<PhpTypeError>("socket_select(): Argument #3 ($except) contains a closed socket", () => socket_select(ref r, ref w, ref e, 0));
        r = [a];
        Throws<PhpTypeError>("socket_select(): Argument #1 ($read) contains a closed socket", () => socket_select(ref r, ref w, ref e, 0));

        r = [b, null!];
        e = null;
        Throws<PhpTypeError>("socket_select(): Argument #1 ($read) must only have elements of type Socket, null given", () => socket_select(ref r, ref w, ref e, 0));
        // The first bad element decides, in argument order.
        r = [null!];
        w = [a];
        Throws<PhpTypeError>("socket_select(): Argument #1 ($read) must only have elements of type Socket, null given", () => socket_select(ref r, ref w, ref e, 0));
        socket_close(b);
    }

    [Fact]
    public void Select_does_not_touch_per_socket_errors()
    {
        (Socket a, Socket b) = UnixPair();
        socket_clear_error();
        var read = new List<Socket> { b };
        List<Socket>? none = None();
        Assert.Equal(0, socket_select(ref read, ref none, ref none, 0));
        Assert.Equal(0, socket_last_error());
        Assert.Equal(0, socket_last_error(b));
        CloseAll(a, b);
    }
}

/// <summary>
/// socket_select with descriptors at 1024 and above. PHP 8.2 warns about FD_SETSIZE and returns
/// false; the port's ppoll has no such limit (documented divergence). Runs alone: it opens ~1100 descriptors.
/// </summary>
[Collection(DescriptorSensitiveCollection.Name)]
public class SelectTestsAboveFdSetSize
{
    [Fact]
    public void Descriptors_above_1024_work()
    {
        var sockets = new List<Socket>();
        try
        {
            Socket? high = null, highPeer = null;
            for (int i = 0; i < 600 && high is null; i++)
            {
                (Socket x, Socket y) = UnixPair();
                sockets.Add(x);
                sockets.Add(y);
                if (x.Descriptor > 1030 && y.Descriptor > 1030) (high, highPeer) = (x, y);
            }
            Assert.NotNull(high);
            Assert.True(high.Descriptor >= 1024);

            var read = new List<Socket> { high };
            var write = new List<Socket> { highPeer! };
            List<Socket>? except = [high];
            Assert.Equal(1, NoWarning(() => socket_select(ref read, ref write, ref except, 0)));
            Assert.Empty(read!);
            Assert.Same(highPeer, Assert.Single(write!));

            socket_write(highPeer!, "x");
            read = [sockets[0], high];
            write = null;
            except = null;
            Assert.Equal(1, NoWarning(() => socket_select(ref read, ref write, ref except, WaitSeconds)));
            Assert.Same(high, Assert.Single(read!));
            Assert.Equal((PhpString)"x", socket_read(high, 10));
        }
        finally
        {
            CloseAll(sockets);
        }
        Assert.All(sockets, s => Assert.True(s.IsClosed));
    }
}
