using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.LoadTests;

/// <summary>
/// Scenario 3: a storm of resets (SO_LINGER 0 and close, right after connect or after part of a
/// line), then half-open clients (part of a line, then shutdown for writing) and clients that send
/// without ever reading while the server has output for them; afterwards the server's descriptors
/// and memory, and a fresh probe.
/// </summary>
public partial class HostileClientTests
{
    /// <summary>Bytes a never-reading client may send at most: more than the kernel holds (tcp_rmem up to 32 MiB here, tcp_wmem 4 MiB), so it ends blocked.</summary>
    private const long UnreadFlood = 96L * 1024 * 1024;

    /// <summary>What a never-reading client sends: long lines, so the server's talk-back is no bigger than the input.</summary>
    private static readonly string s_floodLine = new string('x', 1000) + "\n";

    /// <summary>Resident set growth allowed after the storm: the GC heap growing once, not a leak per connection.</summary>
    private const long ResidentSlack = 128L * 1024 * 1024;

    [Fact]
    public void A_reset_storm_and_half_open_clients_leave_no_descriptor_behind_and_the_server_still_echoes()
    {
        LoadReport report = Report("hostile-resets");
        ProcessResources.EnsureDescriptorLimit(4096);

        using (ServerProcess server = ServerProcess.Phpsock("echo-server", "--port", "0"))
        {
            int port = server.WaitForListeningPort();
            int sockets = ProcessResources.SocketCount(server.Pid);
            int descriptors = ProcessResources.DescriptorCount(server.Pid);
            long rss = ProcessResources.ResidentBytes(server.Pid);

            StormFigures figures = Storm(port, raw: false);
            report.Figure("resets (half right after connect, half after part of a line)", figures.Resets);
            report.Figure("half-open clients answered their partial line, then closed", $"{figures.HalfOpenAnswered} of {figures.HalfOpen}");
            report.Figure("never-reading clients, bytes the kernel took from them", $"{figures.Unread}, {ProcessResources.Megabytes(figures.UnreadBytes)}");
            report.Figure("probe while they were stuck", figures.StuckProbe?.ToString() ?? "no answer");
            report.Figure("time for the storm", Seconds(figures.Time));
            Assert.Equal(figures.HalfOpen, figures.HalfOpenAnswered);
            Assert.NotNull(figures.StuckProbe);

            Assert.True(SocketsBackTo(server, sockets, out TimeSpan settled), $"the server holds {ProcessResources.SocketCount(server.Pid)} sockets, {sockets} before. {server.Describe()}");
            int descriptorsAfter = ProcessResources.DescriptorCount(server.Pid);
            long rssAfter = ProcessResources.ResidentBytes(server.Pid);
            report.Figure("server sockets before / after (settled in)", $"{sockets} / {ProcessResources.SocketCount(server.Pid)} ({Seconds(settled)})");
            report.Figure("server descriptors before / after", $"{descriptors} / {descriptorsAfter}");
            report.Figure("server RSS before / after", $"{ProcessResources.Megabytes(rss)} / {ProcessResources.Megabytes(rssAfter)}");
            // Beside the sockets, the runtime may have opened a few files of its own (assemblies it loaded).
            Assert.InRange(descriptorsAfter, descriptors - 2, descriptors + 8);
            Assert.True(rssAfter - rss < ResidentSlack, $"RSS grew by {ProcessResources.Megabytes(rssAfter - rss)}");
            using (LineClient fresh = LineClient.Greeted(port)) report.Figure("a fresh probe afterwards", fresh.Probe(20));
            StopCleanly(server);
        }

        if (!PhpCanRun(report)) return;
        using ServerProcess php = ServerProcess.Php("select-echo-server.php");
        int phpPort = php.WaitForListeningPort();
        int phpSockets = ProcessResources.SocketCount(php.Pid);
        long phpRss = ProcessResources.ResidentBytes(php.Pid);
        StormFigures phpFigures = Storm(phpPort, raw: true);
        report.Figure("PHP 8.2: half-open clients answered, then closed", $"{phpFigures.HalfOpenAnswered} of {phpFigures.HalfOpen}");
        report.Figure("PHP 8.2: never-reading clients, bytes the kernel took from them", $"{phpFigures.Unread}, {ProcessResources.Megabytes(phpFigures.UnreadBytes)}");
        report.Figure("PHP 8.2: probe while they were stuck", phpFigures.StuckProbe?.ToString() ?? "no answer within 2 s (the loop is blocked in socket_write to a client that does not read)");
        ServerProcess.WaitFor(() => php.HasExited || ProcessResources.SocketCount(php.Pid) <= phpSockets, TimeSpan.FromSeconds(10));
        if (php.HasExited)
        {
            report.Figure("PHP 8.2: server", $"exited ({php.ExitCode})");
            return;
        }
        report.Figure("PHP 8.2: sockets before / after", $"{phpSockets} / {ProcessResources.SocketCount(php.Pid)}");
        report.Figure("PHP 8.2: RSS before / after", $"{ProcessResources.Megabytes(phpRss)} / {ProcessResources.Megabytes(ProcessResources.ResidentBytes(php.Pid))}");
        using LineClient phpFresh = LineClient.Connect(phpPort);
        phpFresh.SetTimeout(TimeSpan.FromSeconds(2));
        report.Figure("PHP 8.2: a fresh probe afterwards", phpFresh.TryRoundTrip("fresh", raw: true) is { } rtt ? $"answered in {rtt.TotalMilliseconds:0.00} ms" : "no answer");
    }

    private sealed record StormFigures(int Resets, int HalfOpen, int HalfOpenAnswered, int Unread, long UnreadBytes, Latencies? StuckProbe, TimeSpan Time);

    /// <summary>The storm against the server on <paramref name="port"/>: line mode (phpsock's greeting and talk-back) or <paramref name="raw"/> echo (PHP's script).</summary>
    private static StormFigures Storm(int port, bool raw)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int resets = LoadSettings.Resets;
        int halfOpen = LoadSettings.Full ? 1_000 : 100;
        int unread = LoadSettings.Full ? 16 : 4;
        LineClient Open() => raw ? LineClient.Connect(port) : LineClient.Greeted(port);
        using LineClient probe = Open();
        for (int i = 0; i < resets; i++)
        {
            LineClient client = LineClient.Connect(port);
            if (i % 2 == 1) client.Send("part of a line, then a reset");
            client.Reset();
            // A round trip now and then: the storm cannot outrun the server's accept queue.
            if (i % 500 == 499) probe.RoundTrip($"after {i + 1} resets", raw);
        }

        var halves = new List<LineClient>();
        var stuck = new List<LineClient>();
        try
        {
            for (int i = 0; i < halfOpen; i++)
            {
                LineClient client = Open();
                halves.Add(client);
                client.Send($"half {i}");
                Assert.True(socket_shutdown(client.Socket, 1));
            }
            (string[] received, _) = LineClient.ReadAllToEnd(halves, TimeSpan.FromSeconds(30));
            int answered = received.Where((text, i) => text == (raw ? $"half {i}" : $"PHP: Vous avez dit 'half {i}'.\n")).Count();

            long unreadBytes = 0;
            for (int i = 0; i < unread; i++)
            {
                LineClient client = Open();
                stuck.Add(client);
                unreadBytes += client.FloodWithoutReading(s_floodLine, UnreadFlood);
            }
            probe.SetTimeout(TimeSpan.FromSeconds(2));
            Latencies? stuckProbe = new();
            for (int i = 0; i < 20 && stuckProbe is not null; i++)
            {
                if (probe.TryRoundTrip($"stuck {i}", raw) is { } rtt) stuckProbe.Add(rtt);
                else stuckProbe = null;
            }
            foreach (LineClient client in stuck) client.Reset();
            return new StormFigures(resets, halfOpen, answered, unread, unreadBytes, stuckProbe, clock.Elapsed);
        }
        finally
        {
            DisposeAll(halves);
            DisposeAll(stuck);
        }
    }
}
