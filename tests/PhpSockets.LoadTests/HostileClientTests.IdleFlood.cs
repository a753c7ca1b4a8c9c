using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Xunit;

namespace PhpSockets.LoadTests;

/// <summary>Scenario 1: idle connections held open beside a probe client, then closed by --idle-timeout.</summary>
public partial class HostileClientTests
{
    private const int ProbeRoundTrips = 200;

    [Fact]
    public void An_idle_flood_leaves_a_probe_served_and_idle_timeout_closes_every_idle_connection()
    {
        LoadReport report = Report("hostile-idle");
        int count = LoadSettings.IdleConnections;
        ProcessResources.EnsureDescriptorLimit((ulong)count + 1024);
        report.Figure("idle connections", count);

        // Held open, silent (greeting read), while the probe talks.
        using (ServerProcess server = ServerProcess.Phpsock("echo-server", "--port", "0"))
        {
            int port = server.WaitForListeningPort();
            int baseline = ProcessResources.SocketCount(server.Pid);
            var idle = new List<LineClient>();
            try
            {
                for (int i = 0; i < count; i++) idle.Add(LineClient.Greeted(port));
                using LineClient probe = LineClient.Greeted(port);
                Latencies latencies = probe.Probe(ProbeRoundTrips);
                report.Figure("probe beside the idle connections", latencies);
                // The issue's target is a 10 ms median at full size; a busy machine is allowed far more.
                Assert.True(latencies.Median < 250, $"probe {latencies}");
                Assert.Equal(baseline + count + 1, ProcessResources.SocketCount(server.Pid)); // all held at once
            }
            finally
            {
                DisposeAll(idle);
            }
            StopCleanly(server);
        }

        // --idle-timeout 2: connected without a word (so the server's accept is their last activity); all closed by the server.
        using (ServerProcess server = ServerProcess.Phpsock("echo-server", "--port", "0", "--idle-timeout", "2"))
        {
            int port = server.WaitForListeningPort();
            int baseline = ProcessResources.SocketCount(server.Pid);
            var idle = new List<LineClient>();
            var connectedAt = new long[count];
            var opening = Stopwatch.StartNew();
            try
            {
                for (int i = 0; i < count; i++)
                {
                    idle.Add(LineClient.Connect(port));
                    connectedAt[i] = Stopwatch.GetTimestamp();
                }
                report.Figure("time to open them (the reading starts after)", Seconds(opening.Elapsed));
                (string[] received, long[] endedAt) = LineClient.ReadAllToEnd(idle, TimeSpan.FromSeconds(60));
                Assert.All(received, text => Assert.Equal(LineClient.Welcome + LineClient.Idle, text));
                Assert.All(endedAt, at => Assert.NotEqual(0, at));
                TimeSpan[] lifetimes = endedAt.Select((at, i) => Stopwatch.GetElapsedTime(connectedAt[i], at)).ToArray();
                TimeSpan longest = lifetimes.Max();
                report.Figure("--idle-timeout 2: closed with the idle line, then end of stream", $"{received.Length} of {count}");
                report.Figure("--idle-timeout 2: time from connect to end of stream, shortest / longest", $"{Seconds(lifetimes.Min())} / {Seconds(longest)}");
                Assert.True(lifetimes.Min() >= TimeSpan.FromSeconds(1.5), $"closed after {Seconds(lifetimes.Min())}, before the timeout");
                // The issue's bound is 3 s of the last activity at full size; at CI size the machine is given more.
                Assert.True(longest < TimeSpan.FromSeconds(LoadSettings.Full ? 3 : 8), $"the last idle connection was closed after {Seconds(longest)}");
            }
            finally
            {
                DisposeAll(idle);
            }
            Assert.True(SocketsBackTo(server, baseline, out TimeSpan settled), $"the server holds {ProcessResources.SocketCount(server.Pid)} sockets, {baseline} before");
            report.Figure("server sockets before / after (settled in)", $"{baseline} / {ProcessResources.SocketCount(server.Pid)} ({Seconds(settled)})");
            StopCleanly(server);
        }

        if (!PhpCanRun(report)) return;
        // PHP's select script: the same idle connections (it has no greeting, no timeout), then the probe.
        using ServerProcess php = ServerProcess.Php("select-echo-server.php");
        int phpPort = php.WaitForListeningPort();
        var phpIdle = new List<LineClient>();
        try
        {
            string? failure = null;
            while (phpIdle.Count < count && !php.HasExited && failure is null)
            {
                if (LineClient.TryConnect(phpPort, out failure) is { } client) phpIdle.Add(client);
            }
            LineClient? probe = php.HasExited ? null : LineClient.TryConnect(phpPort, out failure);
            if (probe is not null)
            {
                using (probe)
                {
                    probe.SetTimeout(TimeSpan.FromSeconds(2));
                    Latencies latencies = new();
                    for (int i = 0; i < ProbeRoundTrips && probe.TryRoundTrip($"probe {i}", raw: true) is { } rtt; i++) latencies.Add(rtt);
                    report.Figure("PHP 8.2: probe beside the idle connections", latencies.Count > 0 ? latencies.ToString() : "no answer");
                }
            }
            php.WaitForExit(TimeSpan.FromSeconds(1));
            report.Figure("PHP 8.2: idle connections taken / server", $"{phpIdle.Count} / {(php.HasExited ? $"exited ({php.ExitCode}): {FirstLine(php.Output, "socket_select")}" : "running")}");
        }
        finally
        {
            DisposeAll(phpIdle);
        }
    }

    /// <summary>The first line of <paramref name="text"/> that holds <paramref name="word"/>, or "".</summary>
    private static string FirstLine(string text, string word) =>
        text.Split('\n').FirstOrDefault(l => l.Contains(word, StringComparison.Ordinal))?.Trim() ?? "";
}
