using System;
using System.Collections.Generic;
using System.Threading;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;
using static PhpSockets.Tests.Reliability.ReliabilitySupport;

namespace PhpSockets.Tests.Reliability;

/// <summary>
/// Threads: the global last error (and the warning capture) is per thread, as errno is, while a
/// socket's own error belongs to the socket; one socket used at once by a reader thread and a writer
/// thread behaves as in C, every byte arriving once and in order. Bounded in count and time.
/// </summary>
public class ThreadTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public void Threads_failing_at_the_same_time_never_see_each_others_last_error()
    {
        const int Rounds = 5000;
        using var barrier = new Barrier(4); // the three threads and this one
        var failures = new List<string>[3];
        // Each thread fails in its own way, over and over, checking its own global error each time.
        var errors = new[] { SOCKET_EAGAIN, SOCKET_ENOTCONN, SOCKET_EOPNOTSUPP };
        var threads = new Thread[3];
        for (int t = 0; t < threads.Length; t++)
        {
            int me = t;
            failures[me] = [];
            threads[me] = new Thread(() =>
            {
                (Socket A, Socket B) pair = PlainUnixPair();
                Socket s = me switch
                {
                    0 => pair.A,
                    1 => socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!,
                    _ => socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!,
                };
                if (me == 0) socket_set_nonblock(s);
                var warnings = new List<PhpWarning>();
                using IDisposable capture = PhpWarnings.Capture(warnings);
                barrier.SignalAndWait();
                for (int i = 0; i < Rounds && failures[me].Count < 10; i++)
                {
                    socket_clear_error();
                    if (socket_last_error() != 0) failures[me].Add($"round {i}: cleared error is {socket_last_error()}");
                    bool failed = me switch
                    {
                        0 => socket_read(s, 10) is null,
                        1 => !socket_shutdown(s, 1),
                        _ => !socket_listen(s),
                    };
                    if (!failed) failures[me].Add($"round {i}: the call did not fail");
                    int global = socket_last_error();
                    if (global != errors[me]) failures[me].Add($"round {i}: global error {global}, expected {errors[me]}");
                    if (socket_last_error(s) != errors[me]) failures[me].Add($"round {i}: socket error {socket_last_error(s)}");
                }
                // Only this thread's own warnings were captured here (thread 0's EAGAIN raises none).
                int expectedWarnings = me == 0 ? 0 : Rounds;
                if (warnings.Count != expectedWarnings) failures[me].Add($"{warnings.Count} warnings captured, expected {expectedWarnings}");
                string own = me == 1 ? "socket_shutdown(): Unable to shutdown socket [107]" : "socket_listen(): unable to listen on socket [95]";
                if (me != 0 && warnings.Exists(w => !w.Message.StartsWith(own, StringComparison.Ordinal))) failures[me].Add("another thread's warning was captured");
                socket_close(s);
                CloseAll(pair.A, pair.B);
            })
            { IsBackground = true };
            threads[me].Start();
        }
        socket_clear_error();
        barrier.SignalAndWait();
        foreach (Thread thread in threads) Assert.True(thread.Join(Bound), "a thread did not finish");
        Assert.All(failures, f => Assert.Empty(f));
        // And this thread's global error was never touched by them.
        Assert.Equal(0, socket_last_error());
    }

    [Fact]
    public void A_sockets_own_error_is_the_sockets_whichever_thread_looks()
    {
        (Socket a, Socket b) = PlainUnixPair();
        socket_set_nonblock(a);
        var thread = new Thread(() => NoWarning(() => socket_read(a, 10)));
        thread.Start();
        Assert.True(thread.Join(ReliabilitySupport.Patience));
        Assert.Equal(SOCKET_EAGAIN, socket_last_error(a));
        socket_clear_error();
        Assert.Equal(0, socket_last_error());
        CloseAll(a, b);
    }

    [Theory]
    [InlineData(AF_UNIX)]
    [InlineData(AF_INET)]
    public void One_reader_and_one_writer_per_side_move_every_byte_in_order(int family)
    {
        // Each side of the connection has a writer thread and a reader thread using the same Socket at
        // the same time (blocking calls, as a C program would). Messages of varying size, both ways.
        const int Messages = 4000;
        const int MaxMessage = 3000;
        (Socket a, Socket b) = family == AF_UNIX ? PlainUnixPair() : PlainTcpPair();
        long bytesEachWay = 0;
        for (int i = 0; i < Messages; i++) bytesEachWay += MessageLength(i, MaxMessage);

        var problems = new List<string>();
        Thread[] threads =
        [
            Writer(a, seed: 1, Messages, MaxMessage, problems),
            Reader(b, seed: 1, bytesEachWay, problems),
            Writer(b, seed: 2, Messages, MaxMessage, problems),
            Reader(a, seed: 2, bytesEachWay, problems),
        ];
        foreach (Thread t in threads) t.Start();
        foreach (Thread t in threads)
        {
            if (!t.Join(Bound))
            {
                // Unblock whatever is stuck so the test process is not left with blocked threads.
                CloseAll(a, b);
                Assert.Fail($"a reader or writer did not finish; problems so far: {string.Join("; ", problems)}");
            }
        }
        lock (problems) Assert.Empty(problems);
        CloseAll(a, b);
    }

    private static int MessageLength(int index, int max) => 1 + (int)((uint)(index * 2654435761u) % (uint)max);

    /// <summary>The byte at <paramref name="position"/> of the stream with <paramref name="seed"/>: every stream is different and position-dependent.</summary>
    private static byte StreamByte(int seed, long position) => (byte)((position * 31 + (position >> 8) * 7 + seed * 101) & 0xFF);

    private static Thread Writer(Socket socket, int seed, int messages, int maxMessage, List<string> problems) => new(() =>
    {
        var buffer = new byte[maxMessage];
        long position = 0;
        var warnings = new List<PhpWarning>();
        using IDisposable capture = PhpWarnings.Capture(warnings);
        for (int i = 0; i < messages; i++)
        {
            int length = MessageLength(i, maxMessage);
            for (int k = 0; k < length; k++) buffer[k] = StreamByte(seed, position + k);
            int done = 0;
            while (done < length)
            {
                int? written = socket_write(socket, buffer.AsSpan(done, length - done));
                if (written is null)
                {
                    lock (problems) problems.Add($"writer {seed}: write failed: {socket_last_error(socket)} {string.Join("; ", warnings.ConvertAll(w => w.Message))}");
                    return;
                }
                done += written.Value;
            }
            position += length;
        }
    })
    { IsBackground = true, Name = $"writer {seed}" };

    private static Thread Reader(Socket socket, int seed, long expected, List<string> problems) => new(() =>
    {
        var buffer = new byte[8192];
        long position = 0;
        var warnings = new List<PhpWarning>();
        using IDisposable capture = PhpWarnings.Capture(warnings);
        while (position < expected)
        {
            int? count = socket_read(socket, buffer.AsSpan(0, (int)Math.Min(buffer.Length, expected - position)));
            if (count is null or 0)
            {
                lock (problems) problems.Add($"reader {seed}: read gave {(count is null ? "false" : "end of stream")} at {position} of {expected}");
                return;
            }
            for (int k = 0; k < count.Value; k++)
            {
                if (buffer[k] != StreamByte(seed, position + k))
                {
                    lock (problems) problems.Add($"reader {seed}: wrong byte at {position + k}");
                    return;
                }
            }
            position += count.Value;
        }
    })
    { IsBackground = true, Name = $"reader {seed}" };
}
