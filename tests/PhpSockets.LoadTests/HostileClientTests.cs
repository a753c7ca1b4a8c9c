using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace PhpSockets.LoadTests;

/// <summary>
/// phpsock echo-server (line mode, the seed's talk-back) against hostile clients, with figures:
/// an idle flood beside a probe and --idle-timeout, --max-clients, a reset storm and half-open
/// clients, descriptor exhaustion, and signals while saturated and owed output. Where PHP 8.2 can
/// run, each fault is also put to PHP's select echo script (php/select-echo-server.php) and what
/// PHP does is reported, never asserted. One file per scenario; the shared pieces are here.
/// </summary>
public partial class HostileClientTests(ITestOutputHelper output)
{
    private const int SIGINT = 2;
    private const int SIGTERM = 15;

    /// <summary>The descriptor limit the exhaustion scenarios run the servers under (the runtime takes about 25 of them).</summary>
    private const int LowDescriptorLimit = 140;

    /// <summary>Clients offered to a server under <see cref="LowDescriptorLimit"/>.</summary>
    private const int ExhaustingClients = 200;

    /// <summary>How long CPU use is sampled while a server is saturated.</summary>
    private static TimeSpan CpuWindow => TimeSpan.FromSeconds(LoadSettings.Full ? 2 : 1);

    private LoadReport Report(string scenario)
    {
        var report = new LoadReport(output, scenario);
        report.Figure("mode", LoadSettings.Mode);
        if (Environment.GetEnvironmentVariable("PHPSOCKETS_LOAD_SERVER_HEAP_LIMIT") is { Length: > 0 } limit) report.Figure("server GC heap hard limit", limit);
        return report;
    }

    /// <summary>False (with a figure saying so) when PHP with the sockets extension is not installed: the PHP side is then left out.</summary>
    private static bool PhpCanRun(LoadReport report)
    {
        if (ServerProcess.PhpAvailable()) return true;
        report.Figure("PHP 8.2 side", "skipped: php with the sockets extension is not installed");
        return false;
    }

    /// <summary>
    /// Connects <paramref name="count"/> clients one after the other and reads the first line each
    /// gets: the greeted ones (the rest of the greeting read too) are returned, the others' first
    /// lines are counted in <paramref name="refusals"/>.
    /// </summary>
    private static List<LineClient> ConnectReadingFirstLine(int port, int count, Dictionary<string, int> refusals)
    {
        var greeted = new List<LineClient>();
        for (int i = 0; i < count; i++)
        {
            LineClient client = LineClient.Connect(port);
            string first = client.ReadLine() ?? "(end of stream)";
            if (first == "\n")
            {
                client.ReadLine();
                client.ReadLine();
                greeted.Add(client);
                continue;
            }
            refusals[first] = refusals.GetValueOrDefault(first) + 1;
            Assert.Null(client.ReadLine()); // a refused client is closed after its one line
            client.Dispose();
        }
        return greeted;
    }

    /// <summary>
    /// Samples process <paramref name="pid"/>'s CPU time over <see cref="CpuWindow"/> while
    /// <paramref name="step"/> runs again and again (a round trip, a new client...): percent of one core.
    /// </summary>
    private static double CpuPercentWhile(string pid, Action step)
    {
        long before = ProcessResources.CpuTicks(pid);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < CpuWindow) step();
        long ticks = ProcessResources.CpuTicks(pid) - before;
        return ticks / clock.Elapsed.TotalSeconds; // 100 ticks a second is one core
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "% of a core";

    private static void DisposeAll(List<LineClient> clients)
    {
        foreach (LineClient client in clients) client.Dispose();
        clients.Clear();
    }

    /// <summary>SIGTERM, a clean exit (code 0, "Stopping on SIGTERM."), nothing on stderr but the exhaustion lines.</summary>
    private static void StopCleanly(ServerProcess server)
    {
        Assert.True(server.Terminate(), server.Describe());
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("Stopping on SIGTERM.", server.Output);
        foreach (string line in server.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Assert.Contains("descriptors", line);
    }

    /// <summary>Waits (bounded) for <paramref name="server"/>'s sockets to fall back to <paramref name="baseline"/>: false if they did not.</summary>
    private static bool SocketsBackTo(ServerProcess server, int baseline, out TimeSpan took)
    {
        var clock = Stopwatch.StartNew();
        bool back = ServerProcess.WaitFor(() => ProcessResources.SocketCount(server.Pid) <= baseline, TimeSpan.FromSeconds(60));
        took = clock.Elapsed;
        return back;
    }
}
