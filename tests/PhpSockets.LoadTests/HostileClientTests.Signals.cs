using System;
using System.Collections.Generic;
using System.Diagnostics;
using Xunit;

namespace PhpSockets.LoadTests;

/// <summary>
/// Scenario 5: SIGINT (Ctrl+C) and SIGTERM while the server is saturated (out of descriptors,
/// refusing with the busy line) and owes megabytes to a client that never reads.
/// </summary>
public partial class HostileClientTests
{
    [Theory]
    [InlineData(SIGINT, "SIGINT")]
    [InlineData(SIGTERM, "SIGTERM")]
    public void A_signal_stops_the_server_while_saturated_and_owed_output(int signal, string name)
    {
        LoadReport report = Report($"hostile-{name}");
        if (signal == SIGINT) ServerProcess.EnsureSigintDefault();
        using (ServerProcess server = ServerProcess.Phpsock(LowDescriptorLimit, "echo-server", "--port", "0", "--max-clients", "100000"))
        {
            int port = server.WaitForListeningPort();
            using LineClient neverReads = LineClient.Greeted(port);
            long unread = neverReads.FloodWithoutReading(s_floodLine, UnreadFlood);
            var refusals = new Dictionary<string, int>();
            List<LineClient> greeted = ConnectReadingFirstLine(port, ExhaustingClients, refusals);
            try
            {
                Assert.True(refusals.GetValueOrDefault(LineClient.Busy) > 0, "the server was not saturated");
                report.Figure("saturated: greeted / busy; bytes taken from the client that never reads", $"{greeted.Count + 1} / {refusals.GetValueOrDefault(LineClient.Busy)}; {ProcessResources.Megabytes(unread)}");
                var clock = Stopwatch.StartNew();
                server.Signal(signal);
                Assert.True(server.WaitForExit(ServerProcess.Patience), server.Describe());
                TimeSpan stopping = clock.Elapsed;
                report.Figure($"{name}: stopped in, exit code", $"{Seconds(stopping)}, {server.ExitCode}");
                Assert.True(server.ExitCode == 0, server.Describe());
                Assert.Contains($"Stopping on {name}.", server.Output);
                Assert.True(stopping < TimeSpan.FromSeconds(10), $"{name} took {Seconds(stopping)}");
            }
            finally
            {
                DisposeAll(greeted);
            }
        }

        if (!PhpCanRun(report)) return;
        // PHP's script installs no handler: the signal's default action ends it, wherever it is blocked.
        using ServerProcess php = ServerProcess.Php(LowDescriptorLimit, "select-echo-server.php", "display_errors=0", "log_errors=0");
        int phpPort = php.WaitForListeningPort();
        using LineClient phpNeverReads = LineClient.Connect(phpPort);
        long phpUnread = phpNeverReads.FloodWithoutReading(s_floodLine, UnreadFlood);
        var phpClients = new List<LineClient>();
        try
        {
            for (int i = 0; i < ExhaustingClients; i++) phpClients.Add(LineClient.Connect(phpPort));
            var clock = Stopwatch.StartNew();
            php.Signal(signal);
            bool exited = php.WaitForExit(ServerProcess.Patience);
            report.Figure($"PHP 8.2: bytes taken from the client that never reads; {name}: stopped in, exit code",
                $"{ProcessResources.Megabytes(phpUnread)}; {(exited ? $"{Seconds(clock.Elapsed)}, {php.ExitCode} (128 + {signal}: killed by the signal, no handler)" : "still running")}");
        }
        finally
        {
            DisposeAll(phpClients);
        }
    }
}
