using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// socket_select over spans with flags: the same count, readiness, warnings and errors as the list
/// overload (the oracle here), the sets left as they are, and no allocation once warm.
/// </summary>
public class SelectSpanOverloadTests
{
    /// <summary>The list overload's answer, as flags by position over read, write, except.</summary>
    private static (int? Count, bool[] Flags) ByLists(Socket[] read, Socket[] write, Socket[] except)
    {
        List<Socket>? r = read.Length > 0 ? [.. read] : null, w = write.Length > 0 ? [.. write] : null, e = except.Length > 0 ? [.. except] : null;
        int? count = socket_select(ref r, ref w, ref e, 0);
        return (count, [.. Flags(read, r), .. Flags(write, w), .. Flags(except, e)]);
    }

    /// <summary>Which elements of a set the list overload returned (it keeps order, so one walk matches them).</summary>
    private static IEnumerable<bool> Flags(Socket[] set, List<Socket>? ready)
    {
        int next = 0;
        foreach (Socket socket in set)
        {
            bool isReady = ready is not null && next < ready.Count && ReferenceEquals(ready[next], socket);
            if (isReady) next++;
            yield return isReady;
        }
    }

    private static (int? Count, bool[] Flags) BySpans(Socket[] read, Socket[] write, Socket[] except)
    {
        var flags = new bool[read.Length + write.Length + except.Length];
        int? count = socket_select(read, write, except, flags, 0);
        return (count, flags);
    }

    [Fact]
    public void Flags_and_count_are_the_list_overloads_in_small_and_large_sets_with_repeats()
    {
        (Socket a, Socket b) = UnixPair();
        (Socket c, Socket d) = UnixPair();
        socket_write(a, "x");
        socket_write(d, "y");
        // Small sets (the ready entries compared with each other) and sets of 40 (the per-descriptor
        // stamps), each socket listed more than once: select counts a descriptor once per set.
        Socket[][] shapes =
        [
            [b, b, a, c],
            [.. Enumerable.Range(0, 40).Select(i => (i % 4) switch { 0 => a, 1 => b, 2 => c, _ => d })],
        ];
        foreach (Socket[] read in shapes)
        {
            foreach (Socket[] write in shapes)
            {
                Socket[] except = [a, c];
                (int? listCount, bool[] listFlags) = ByLists(read, write, except);
                (int? spanCount, bool[] spanFlags) = BySpans(read, write, except);
                Assert.Equal(listCount, spanCount);
                Assert.Equal(listFlags, spanFlags);
            }
        }
        // Readable: b and c (b listed twice), writable: b and a (each twice): 2 + 2.
        Assert.Equal(2 + 2, BySpans([b, b, a, c], [b, b, a, a], []).Count);
        CloseAll(a, b, c, d);
    }

    [Fact]
    public void The_sets_stay_as_they_are_and_flags_beyond_the_sets_are_not_touched()
    {
        (Socket a, Socket b) = UnixPair();
        socket_write(a, "x");
        Socket[] read = [a, b];
        var flags = new bool[] { true, false, true };
        Assert.Equal(1, socket_select(read, [], [], flags, 0));
        Assert.Equal([a, b], read);
        Assert.Equal([false, true, true], flags);
        CloseAll(a, b);
    }

    [Fact]
    public void PHPs_errors_and_warnings_with_the_flags_untouched()
    {
        (Socket a, Socket b) = UnixPair();
        var flags = new bool[] { true, true };
        Throws<PhpValueError>("socket_select(): At least one array argument must be passed", () => socket_select([], [], [], flags, 0));
        socket_write(a, "x");
        socket_clear_error();
        Assert.Null(SingleWarning("socket_select(): Unable to select [22]: Invalid argument", () => socket_select([a, b], [], [], flags, -1)));
        Assert.Equal(22, socket_last_error());
        Assert.Equal([true, true], flags);

        socket_close(a);
        Throws<PhpTypeError>("socket_select(): Argument #2 ($write) contains a closed socket", () => socket_select([b], [a], [], flags, 0));
        Throws<PhpTypeError>("socket_select(): Argument #1 ($read) must only have elements of type Socket, null given", () => socket_select([null!], [], [], flags, 0));
        Assert.Equal([true, true], flags);
        socket_close(b);
    }

    [Fact]
    public void Too_few_flags_is_an_ArgumentException_before_any_wait()
    {
        (Socket a, Socket b) = UnixPair();
        var e = Assert.Throws<ArgumentException>(() => socket_select([a, b], [a], [], new bool[2], null));
        Assert.Equal("ready", e.ParamName);
        Assert.Contains("ready has 2 flags for 3 sockets", e.Message);
        CloseAll(a, b);
    }

    [Fact]
    public void A_warm_call_allocates_nothing()
    {
        (Socket a, Socket b) = UnixPair();
        socket_write(a, "x");
        Socket[] read = [a, b], write = [a];
        var flags = new bool[3];
        for (int i = 0; i < 3; i++) socket_select(read, write, [], flags, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) socket_select(read, write, [], flags, 0);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal([false, true, true], flags);
        CloseAll(a, b);
    }
}
