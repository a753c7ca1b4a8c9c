using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Xunit;

namespace PhpSockets.LoadTests;

/// <summary>
/// Scenario 4: the server started under a low RLIMIT_NOFILE and offered more clients than it can
/// hold. The functional test (EchoServerCommandTests.Hardening) proves the behaviour; this one
/// measures it: the busy lines, CPU while saturated, a served client's latency, the recovery.
/// </summary>
public partial class HostileClientTests
{
    [Fact]
    public void Out_of_descriptors_the_server_refuses_with_one_line_stays_idle_serves_its_clients_and_recovers()
    {
        LoadReport report = Report("hostile-exhaustion");
        report.Figure("RLIMIT_NOFILE / clients offered", $"{LowDescriptorLimit} / {ExhaustingClients}");
        // --max-clients far above the limit: the default (limit less 64) would refuse them with 'Server full' before any EMFILE.
        using (ServerProcess server = ServerProcess.Phpsock(LowDescriptorLimit, "echo-server", "--port", "0", "--max-clients", "100000"))
        {
            int port = server.WaitForListeningPort();
            var refusals = new Dictionary<string, int>();
            List<LineClient> greeted = ConnectReadingFirstLine(port, ExhaustingClients, refusals);
            try
            {
                int busy = refusals.GetValueOrDefault(LineClient.Busy);
                report.Figure("greeted / refused with the busy line", $"{greeted.Count} / {busy}");
                Assert.Equal(ExhaustingClients, greeted.Count + busy);
                Assert.InRange(busy, 1, ExhaustingClients - 1);
                Assert.True(ServerProcess.WaitFor(() => server.Errors.Contains("descriptors exhausted", StringComparison.Ordinal), ServerProcess.Patience), server.Describe());

                // Saturated and quiet: the listener stays readable (the backlog is refused at once), the loop must sleep.
                double quiet = CpuPercentWhile(server.Pid, () => Thread.Sleep(50));
                report.Figure("server CPU while saturated, quiet", Percent(quiet));
                Assert.True(quiet < 50, $"the server used {Percent(quiet)} while saturated and quiet");

                // Saturated, a served client talking and a new client refused every tenth step.
                LineClient served = greeted[0];
                var latencies = new Latencies();
                int arrivals = 0;
                double cpu = CpuPercentWhile(server.Pid, () =>
                {
                    latencies.Add(served.RoundTrip("saturated"));
                    if (latencies.Count % 10 == 0)
                    {
                        using LineClient late = LineClient.Connect(port);
                        Assert.Equal(LineClient.Busy, late.ReadLine());
                        arrivals++;
                    }
                    Thread.Sleep(10);
                });
                report.Figure("server CPU while saturated, busy", $"{Percent(cpu)} (with {latencies.Count} round trips and {arrivals} refused arrivals in {Seconds(CpuWindow)})");
                report.Figure("a served client's round trips meanwhile", latencies);
                Assert.False(server.HasExited, server.Describe());

                // Every client but one closes: how long until a new one is greeted.
                foreach (LineClient client in greeted.Skip(1)) client.Dispose();
                TimeSpan recovery = UntilGreeted(port, out int turnedAway);
                report.Figure("from the clients closing to a new client greeted", $"{Seconds(recovery)} ({turnedAway} turned away meanwhile)");
                Assert.True(recovery < TimeSpan.FromSeconds(30));
                Assert.True(ServerProcess.WaitFor(() => server.Errors.Contains("descriptors available again", StringComparison.Ordinal), ServerProcess.Patience), server.Describe());
                report.Figure("server's stderr", string.Join(" / ", server.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
                Assert.Single(server.Errors.Split('\n'), line => line.Contains("descriptors exhausted", StringComparison.Ordinal));
                served.RoundTrip("after");
            }
            finally
            {
                DisposeAll(greeted);
            }
            StopCleanly(server);
        }

        if (!PhpCanRun(report)) return;
        // PHP's script under the same limit, its warnings off (there would be one per turn of its loop).
        using ServerProcess php = ServerProcess.Php(LowDescriptorLimit, "select-echo-server.php", "display_errors=0", "log_errors=0");
        int phpPort = php.WaitForListeningPort();
        var clients = new List<LineClient>();
        try
        {
            int echoed = 0;
            for (int i = 0; i < ExhaustingClients; i++)
            {
                LineClient client = LineClient.Connect(phpPort);
                clients.Add(client);
                if (echoed < i) continue; // past the first client left unanswered, the rest only connect
                client.SetTimeout(TimeSpan.FromSeconds(1));
                if (client.TryRoundTrip($"client {i}", raw: true) is not null) echoed++;
            }
            report.Figure("PHP 8.2: clients echoing / connected but never answered", $"{echoed} / {ExhaustingClients - echoed}");
            report.Figure("PHP 8.2: CPU while saturated, quiet", Percent(CpuPercentWhile(php.Pid, () => Thread.Sleep(50))));
            LineClient served = clients[0];
            served.SetTimeout(TimeSpan.FromSeconds(5));
            var latencies = new Latencies();
            double cpu = CpuPercentWhile(php.Pid, () =>
            {
                if (served.TryRoundTrip("saturated", raw: true) is { } rtt) latencies.Add(rtt);
                Thread.Sleep(10);
            });
            report.Figure("PHP 8.2: CPU while saturated, busy", $"{Percent(cpu)} (socket_accept fails with EMFILE on every turn of the loop: it spins)");
            report.Figure("PHP 8.2: a served client's round trips meanwhile", latencies.Count > 0 ? latencies.ToString() : "no answer");
            report.Figure("PHP 8.2: server while saturated", php.HasExited ? $"exited ({php.ExitCode})" : "running");

            foreach (LineClient client in clients.Skip(1)) client.Dispose();
            var clock = Stopwatch.StartNew();
            bool answered = false;
            while (!answered && clock.Elapsed < TimeSpan.FromSeconds(20) && !php.HasExited)
            {
                using LineClient fresh = LineClient.Connect(phpPort);
                fresh.SetTimeout(TimeSpan.FromSeconds(1));
                answered = fresh.TryRoundTrip("fresh", raw: true) is not null;
            }
            report.Figure("PHP 8.2: from the clients closing to a new client answered", answered ? Seconds(clock.Elapsed) : "never, within 20 s");
        }
        finally
        {
            DisposeAll(clients);
        }
    }

    /// <summary>Connects again and again (a client turned away with the busy line retries 20 ms later) until one is greeted; how long that took.</summary>
    private static TimeSpan UntilGreeted(int port, out int turnedAway)
    {
        turnedAway = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using LineClient client = LineClient.Connect(port);
            if (client.ReadLine() == "\n") return clock.Elapsed;
            turnedAway++;
            Thread.Sleep(20);
        }
        return clock.Elapsed;
    }
}
