using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

public static partial class SocketFunctions
{
    /// <summary>
    /// <c>socket_select(?array &amp;$read, ?array &amp;$write, ?array &amp;$except, ?int $seconds, int $microseconds = 0): int|false</c>
    /// over lists. Each non-null list is replaced by a new list of its ready sockets, in order (the
    /// caller's list object is not changed, as a PHP array is a value). <paramref name="seconds"/>
    /// null waits forever. Returns select's count, or null after a warning with the lists untouched.
    /// Unlike PHP 8.2, descriptors of 1024 and above work (docs/divergences.md).
    /// </summary>
    public static int? socket_select(ref List<Socket>? read, ref List<Socket>? write, ref List<Socket>? except, long? seconds, long microseconds = 0)
    {
        ReadOnlySpan<Socket?> r = read is null ? default : CollectionsMarshal.AsSpan(read)!;
        ReadOnlySpan<Socket?> w = write is null ? default : CollectionsMarshal.AsSpan(write)!;
        ReadOnlySpan<Socket?> e = except is null ? default : CollectionsMarshal.AsSpan(except)!;
        int count = SelectCore(r, w, e, seconds, microseconds);
        if (count < 0) return null;
        read = Ready(read, 0, 0);
        write = Ready(write, r.Length, 1);
        except = Ready(except, r.Length + w.Length, 2);
        return count;
    }

    /// <summary>
    /// socket_select over ordered dictionaries: PHP's arrays with their keys. Each non-null dictionary
    /// is replaced by a new one holding only the ready sockets under their original keys, in order.
    /// </summary>
    public static int? socket_select<TKey>(ref OrderedDictionary<TKey, Socket>? read, ref OrderedDictionary<TKey, Socket>? write, ref OrderedDictionary<TKey, Socket>? except, long? seconds, long microseconds = 0)
        where TKey : notnull
    {
        int total = (read?.Count ?? 0) + (write?.Count ?? 0) + (except?.Count ?? 0);
        Socket?[] all = ArrayPool<Socket?>.Shared.Rent(total);
        try
        {
            int n = 0;
            foreach (var set in (ReadOnlySpan<OrderedDictionary<TKey, Socket>?>)[read, write, except])
            {
                if (set is null) continue;
                for (int k = 0; k < set.Count; k++) all[n++] = set.GetAt(k).Value;
            }
            int rl = read?.Count ?? 0, wl = write?.Count ?? 0, el = except?.Count ?? 0;
            int count = SelectCore(all.AsSpan(0, rl), all.AsSpan(rl, wl), all.AsSpan(rl + wl, el), seconds, microseconds);
            if (count < 0) return null;
            read = Ready(read, 0, 0);
            write = Ready(write, rl, 1);
            except = Ready(except, rl + wl, 2);
            return count;
        }
        finally
        {
            Array.Clear(all, 0, total);
            ArrayPool<Socket?>.Shared.Return(all);
        }
    }

    /// <summary>
    /// socket_select without allocating, for a loop that keeps its own sets: PHP's checks, warnings,
    /// errors and count, as the list overload gives them, but the sets stay as they are and
    /// <paramref name="ready"/> says which elements are ready, one flag per element of
    /// <paramref name="read"/>, then <paramref name="write"/>, then <paramref name="except"/> (an empty
    /// span is PHP's null). Returns select's count, or null after a warning with the flags untouched.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="ready"/> is shorter than the three sets together.</exception>
    public static int? socket_select(ReadOnlySpan<Socket> read, ReadOnlySpan<Socket> write, ReadOnlySpan<Socket> except, Span<bool> ready, long? seconds, long microseconds = 0)
    {
        int total = read.Length + write.Length + except.Length;
        if (ready.Length < total)
            throw new ArgumentException($"ready has {ready.Length} flags for {total} sockets: it needs one per element of the three sets", nameof(ready));
        int count = SelectCore(read!, write!, except!, seconds, microseconds);
        if (count < 0) return null;
        Selector.MarkReady(ready, read.Length, write.Length, except.Length);
        return count;
    }

    private static int SelectCore(ReadOnlySpan<Socket?> read, ReadOnlySpan<Socket?> write, ReadOnlySpan<Socket?> except, long? seconds, long microseconds)
    {
        return Selector.Poll(read, write, except, seconds, microseconds);
    }

    private static List<Socket>? Ready(List<Socket>? sockets, int offset, int set)
    {
        if (sockets is null) return null;
        ReadOnlySpan<PollFd> results = Selector.Results(offset, sockets.Count);
        short mask = Selector.ReadyMask(set);
        var ready = new List<Socket>(CountReady(results, mask));
        for (int k = 0; k < results.Length; k++)
        {
            if ((results[k].REvents & mask) != 0) ready.Add(sockets[k]);
        }
        return ready;
    }

    private static OrderedDictionary<TKey, Socket>? Ready<TKey>(OrderedDictionary<TKey, Socket>? sockets, int offset, int set)
        where TKey : notnull
    {
        if (sockets is null) return null;
        ReadOnlySpan<PollFd> results = Selector.Results(offset, sockets.Count);
        short mask = Selector.ReadyMask(set);
        var ready = new OrderedDictionary<TKey, Socket>(CountReady(results, mask));
        for (int k = 0; k < results.Length; k++)
        {
            if ((results[k].REvents & mask) != 0) ready.Add(sockets.GetAt(k).Key, sockets.GetAt(k).Value);
        }
        return ready;
    }

    /// <summary>How many of <paramref name="results"/> are ready: the result collections are made at their final size.</summary>
    private static int CountReady(ReadOnlySpan<PollFd> results, short mask)
    {
        int count = 0;
        foreach (PollFd fd in results)
        {
            if ((fd.REvents & mask) != 0) count++;
        }
        return count;
    }
}
