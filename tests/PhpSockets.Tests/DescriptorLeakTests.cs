using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Tests.UnitTestSupport;

namespace PhpSockets.Tests;

/// <summary>
/// No descriptor leaks: after a run of connects, accepts, failed connects and binds, pairs and
/// closes, /proc/self/fd holds no entry that was not there before. Runs alone (no parallel test may
/// open or close descriptors meanwhile); every socket is closed explicitly.
/// </summary>
[Collection(DescriptorSensitiveCollection.Name)]
public class DescriptorLeakTests
{
    private const int Rounds = 200;

    /// <summary>Descriptor number → what it points at (socket:[inode], a file, ...).</summary>
    private static Dictionary<int, string> OpenDescriptors()
    {
        var result = new Dictionary<int, string>();
        foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out int fd)) continue;
            string? target;
            try
            {
                target = new FileInfo(entry).LinkTarget;
            }
            catch (IOException)
            {
                target = null;
            }
            // No target: closed since the listing, i.e. the listing's own directory handle.
            if (target is not null) result[fd] = target;
        }
        return result;
    }

    private static Dictionary<int, string> SettledDescriptors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return OpenDescriptors();
    }

    /// <summary>
    /// Fails with the leaked descriptors unless every descriptor open now was open before, pointing at
    /// the same thing (so a leaked socket that took a number something else freed still counts).
    /// Descriptors that something else closed meanwhile (a finalizer of the runtime) are no leak and
    /// are only reported. Without <paramref name="collect"/> no garbage collection runs first, so a
    /// handle the library forgot to close (and only a finalizer would) counts as a leak.
    /// </summary>
    private static void AssertNoNewDescriptors(Dictionary<int, string> before, bool collect = false)
    {
        string[] leaked = [];
        Dictionary<int, string> after = before;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            if (attempt > 0) System.Threading.Thread.Sleep(50);
            after = collect ? SettledDescriptors() : OpenDescriptors();
            leaked = after.Where(kv => !(before.TryGetValue(kv.Key, out string? target) && target == kv.Value))
                .Select(kv => $"{kv.Key} -> {kv.Value}").ToArray();
            if (leaked.Length == 0) return;
        }
        string[] vanished = before.Where(kv => !after.ContainsKey(kv.Key)).Select(kv => $"{kv.Key} -> {kv.Value}").ToArray();
        Assert.Fail($"before {before.Count}, after {after.Count}; new: [{string.Join(", ", leaked)}]; gone: [{string.Join(", ", vanished)}]");
    }

    /// <summary>One round of everything that makes or fails to make a descriptor.</summary>
    private static void Round(TempSocketDir dir, int round)
    {
        // TCP over IPv4 and IPv6: listen, connect, accept, exchange, close.
        foreach (int family in new[] { AF_INET, AF_INET6 })
        {
            Socket listener = Listener(family, out int port);
            Socket client = socket_create(family, SOCK_STREAM, SOL_TCP)!;
            Assert.True(socket_connect(client, LoopbackAddress(family), port));
            Socket server = Accept(listener);
            Assert.Equal(1, socket_write(client, "x"));
            WaitReadable(server);
            Assert.Equal((PhpString)"x", socket_read(server, 10));

            // A failed bind on the port in use; a non-blocking accept with nothing waiting.
            Socket clash = socket_create(family, SOCK_STREAM, SOL_TCP)!;
            Assert.False(socket_bind(clash, LoopbackAddress(family), port));
            Assert.True(socket_set_nonblock(listener));
            Assert.Null(socket_accept(listener));
            socket_close(clash);
            socket_close(server);
            socket_close(client);
            socket_close(listener);
        }

        // Refused connects, blocking and not.
        Socket refused = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)!;
        Assert.False(socket_connect(refused, "127.0.0.1", 1));
        socket_close(refused);
        Socket refusedNb = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP)!;
        socket_set_nonblock(refusedNb);
        socket_connect(refusedNb, "::1", 1);
        socket_close(refusedNb);

        // Failed lookups and binds.
        Socket lookup = socket_create(AF_INET, SOCK_DGRAM, 0)!;
        Assert.False(socket_bind(lookup, "", 0));
        Assert.False(socket_connect(lookup, new string('a', 300), 80));
        Assert.True(socket_bind(lookup, "localhost", 0));
        socket_close(lookup);
        Socket lookup6 = socket_create(AF_INET6, SOCK_DGRAM, 0)!;
        Assert.False(socket_bind(lookup6, "::1%nosuchif", 0));
        Assert.True(socket_bind(lookup6, "localhost", 0));
        socket_close(lookup6);
        Socket badUnix = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.False(socket_bind(badUnix, dir.File("missing/dir")));
        Assert.False(socket_connect(badUnix, dir.File("nothing")));
        socket_close(badUnix);

        // Failed creates.
        Assert.Null(socket_create(AF_INET, SOCK_STREAM, 255));
        Socket[]? none = null;
        Assert.False(socket_create_pair(AF_INET, SOCK_STREAM, 0, ref none));
        Socket busy = socket_create_listen(0)!;
        PhpString? address = null;
        int busyPort = 0;
        socket_getsockname(busy, ref address, ref busyPort);
        Assert.Null(socket_create_listen(busyPort));
        socket_close(busy);

        // Pairs.
        (Socket a, Socket b) = UnixPair(round % 2 == 0 ? SOCK_STREAM : SOCK_DGRAM);
        Assert.Equal(1, socket_write(a, "p"));
        Assert.Equal((PhpString)"p", socket_read(b, 10));
        socket_close(a);
        socket_close(b);

        // AF_UNIX by path: bind, listen, connect, accept.
        string path = dir.File("s" + round);
        Socket unixListener = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.True(socket_bind(unixListener, path));
        Assert.True(socket_listen(unixListener));
        Socket unixClient = socket_create(AF_UNIX, SOCK_STREAM, 0)!;
        Assert.True(socket_connect(unixClient, path));
        Socket unixServer = Accept(unixListener);
        socket_close(unixServer);
        socket_close(unixClient);
        socket_close(unixListener);
        File.Delete(path);

        // UDP.
        Socket udp = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP)!;
        Assert.True(socket_bind(udp, "127.0.0.1", 0));
        int udpPort = 0;
        socket_getsockname(udp, ref address, ref udpPort);
        Assert.Equal(1, socket_sendto(udp, "u", 1, 0, "127.0.0.1", udpPort));
        WaitReadable(udp);
        PhpString? data = null, from = null;
        int fromPort = 0;
        Assert.Equal(1, socket_recvfrom(udp, ref data, 10, 0, ref from, ref fromPort));
        socket_close(udp);
    }

    [Fact]
    public void A_long_run_of_socket_operations_leaves_no_descriptor_behind()
    {
        using var dir = new TempSocketDir();
        Warnings(() =>
        {
            // A warm-up round first: the runtime and the resolver open what they keep open once.
            Round(dir, -1);
            Dictionary<int, string> before = SettledDescriptors();
            for (int i = 0; i < Rounds; i++) Round(dir, i);
            AssertNoNewDescriptors(before);
        });
    }

    [Fact]
    public void Socket_close_releases_the_descriptor_at_once()
    {
        Dictionary<int, string> before = SettledDescriptors();
        var sockets = new List<Socket>();
        for (int i = 0; i < 50; i++) sockets.Add(socket_create(AF_INET, SOCK_STREAM, 0)!);
        int[] numbers = sockets.Select(s => s.Descriptor).ToArray();
        Dictionary<int, string> during = OpenDescriptors();
        Assert.Equal(50, numbers.Distinct().Count());
        Assert.All(numbers, fd => Assert.True(during.TryGetValue(fd, out string? target) && target.StartsWith("socket:", StringComparison.Ordinal), $"fd {fd}"));
        Assert.All(numbers, fd => Assert.False(before.ContainsKey(fd)));
        foreach (Socket s in sockets) socket_close(s);
        // No GC needed: close(2) ran in socket_close.
        Dictionary<int, string> after = OpenDescriptors();
        Assert.All(numbers, fd => Assert.False(after.ContainsKey(fd), $"fd {fd} still open"));
        AssertNoNewDescriptors(before);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Abandon(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Socket[]? pair = null;
            Assert.True(socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref pair));
        }
    }

    [Fact]
    public void Abandoned_sockets_are_closed_by_the_garbage_collector()
    {
        Dictionary<int, string> before = SettledDescriptors();
        Abandon(50);
        AssertNoNewDescriptors(before, collect: true);
    }

    [Fact]
    public void Failed_calls_create_no_descriptor()
    {
        Dictionary<int, string> before = SettledDescriptors();
        Warnings(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                Assert.Null(socket_create(AF_INET, SOCK_STREAM, 255));
                Socket[]? pair = null;
                Assert.False(socket_create_pair(AF_INET6, SOCK_DGRAM, 0, ref pair));
                Assert.Null(socket_create(AF_INET, -1, 0));
            }
        });
        AssertNoNewDescriptors(before);
    }
}
