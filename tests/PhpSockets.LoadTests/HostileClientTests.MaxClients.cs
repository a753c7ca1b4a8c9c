using System;
using System.Collections.Generic;
using System.Diagnostics;
using Xunit;

namespace PhpSockets.LoadTests;

/// <summary>Scenario 2: --max-clients K with K + M clients connecting.</summary>
public partial class HostileClientTests
{
    [Fact]
    public void Beyond_max_clients_exactly_the_extra_clients_are_told_the_server_is_full_and_the_others_still_echo()
    {
        LoadReport report = Report("hostile-max-clients");
        int allowed = LoadSettings.Full ? 1_000 : 50;
        int extra = LoadSettings.Full ? 200 : 20;
        ProcessResources.EnsureDescriptorLimit((ulong)(allowed + extra) + 1024);
        report.Figure("--max-clients / clients connecting", $"{allowed} / {allowed + extra}");

        using ServerProcess server = ServerProcess.Phpsock("echo-server", "--port", "0", "--max-clients", allowed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        int port = server.WaitForListeningPort();
        var refusals = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        List<LineClient> served = ConnectReadingFirstLine(port, allowed + extra, refusals);
        TimeSpan connecting = clock.Elapsed;
        try
        {
            report.Figure("greeted / told 'Server full' (then end of stream)", $"{served.Count} / {refusals.GetValueOrDefault(LineClient.Full)}");
            Assert.Equal(allowed, served.Count);
            Assert.Equal(extra, refusals.GetValueOrDefault(LineClient.Full));
            Assert.Single(refusals);
            var latencies = new Latencies();
            for (int i = 0; i < served.Count; i++) latencies.Add(served[i].RoundTrip($"still here {i}"));
            report.Figure("each served client's round trip afterwards", latencies);
            report.Figure("time to connect all", Seconds(connecting));
        }
        finally
        {
            DisposeAll(served);
        }
        StopCleanly(server);

        if (!PhpCanRun(report)) return;
        // PHP's script has no limit of its own: every client is taken (up to its FD_SETSIZE).
        using ServerProcess php = ServerProcess.Php("select-echo-server.php");
        int phpPort = php.WaitForListeningPort();
        var phpClients = new List<LineClient>();
        try
        {
            int echoed = 0;
            for (int i = 0; i < allowed + extra; i++)
            {
                LineClient client = LineClient.Connect(phpPort);
                phpClients.Add(client);
                client.SetTimeout(TimeSpan.FromSeconds(2));
                if (client.TryRoundTrip($"client {i}", raw: true) is null) break;
                echoed++;
            }
            report.Figure("PHP 8.2: clients taken and echoing (no limit to set)", $"{echoed} of {allowed + extra}");
        }
        finally
        {
            DisposeAll(phpClients);
        }
    }
}
