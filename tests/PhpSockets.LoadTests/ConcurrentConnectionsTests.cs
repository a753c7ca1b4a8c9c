using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace PhpSockets.LoadTests;

/// <summary>
/// phpsock echo-server (raw mode, one socket_select loop) holds 10,000 concurrent loopback
/// connections while every one of them exchanges messages, every byte echoed and checked; then all
/// close and the server is back to the sockets it started with, and takes a second wave of as many
/// connections the same way. PHP 8.2's own select server
/// fails the same client at descriptor 1024 (PhpSelectLimitTests).
/// </summary>
public class ConcurrentConnectionsTests(ITestOutputHelper output)
{
    /// <summary>Largest message; a few connections send one this big each round (several socket buffers).</summary>
    private const int MaxMessage = 256 * 1024;

    [Fact]
    public void The_echo_server_holds_10000_connections_and_echoes_every_byte()
    {
        var report = new LoadReport(output, "concurrent");
        int connections = LoadSettings.Connections;
        int rounds = LoadSettings.Rounds;
        // Client sockets here; the server (which inherits the limit) needs as many again.
        (ulong soft, ulong hard) = ProcessResources.EnsureDescriptorLimit((ulong)connections + 1024);
        report.Figure("mode", LoadSettings.Mode);
        report.Figure("RLIMIT_NOFILE (soft/hard)", $"{soft}/{hard}");
        if (Environment.GetEnvironmentVariable("PHPSOCKETS_LOAD_SERVER_HEAP_LIMIT") is { Length: > 0 } limit) report.Figure("server GC heap hard limit", limit);

        using ServerProcess server = ServerProcess.Phpsock("echo-server", "--port", "0", "--raw");
        int port = server.WaitForListeningPort();
        Dictionary<int, string> serverBefore = ProcessResources.Descriptors(server.Pid);
        int serverBaseline = serverBefore.Count;
        int serverSockets = ProcessResources.Sockets(serverBefore);
        int clientSockets = ProcessResources.SocketCount();
        report.Figure("server descriptors before (sockets)", $"{serverBaseline} ({serverSockets})");
        report.Figure("server RSS before", ProcessResources.Megabytes(ProcessResources.ResidentBytes(server.Pid)));

        var clock = Stopwatch.StartNew();
        using (var clients = new EchoClients())
        {
            Assert.True(clients.Open(port, connections, batch: 500, out string? failure, () => !server.HasExited), $"{failure}\n{server.Describe()}");
            TimeSpan rampTime = clock.Elapsed;

            // All connections are open at once: the server holds one descriptor per client.
            int serverHeld = ProcessResources.DescriptorCount(server.Pid);
            Assert.True(serverHeld >= serverBaseline + connections, $"the server holds {serverHeld} descriptors, expected at least {serverBaseline + connections}");
            int highest = ProcessResources.Descriptors(server.Pid).Keys.Max();
            report.Figure("connections held at once", clients.Count);
            report.Figure("server descriptors while held", serverHeld);
            report.Figure("server's highest descriptor number", highest);
            report.Figure("server RSS while held", ProcessResources.Megabytes(ProcessResources.ResidentBytes(server.Pid)));

            clock.Restart();
            for (int round = 0; round < rounds; round++)
            {
                Assert.True(clients.Round(round, MaxMessage, out failure), $"{failure}\n{server.Describe()}");
                Assert.False(server.HasExited, server.Describe());
            }
            report.Figure("echo rounds over all connections", rounds);
            report.Figure("messages echoed and checked", clients.MessagesEchoed);
            report.Figure("bytes echoed and checked", clients.BytesEchoed);
            report.Figure("time to open (s)", Math.Round(rampTime.TotalSeconds, 1));
            report.Figure("time for the rounds (s)", Math.Round(clock.Elapsed.TotalSeconds, 1));
            Assert.True(ProcessResources.DescriptorCount(server.Pid) >= serverBaseline + connections, "connections were dropped during the rounds");
        }

        // Every client closed: the server sees each end of stream and closes its side. Sockets are
        // compared exactly; the runtime may have opened a descriptor of its own meanwhile (listed).
        Assert.True(ServerProcess.WaitFor(() => ProcessResources.SocketCount(server.Pid) <= serverSockets, TimeSpan.FromMinutes(3)),
            $"the server still holds {ProcessResources.SocketCount(server.Pid)} sockets (had {serverSockets} before)");
        Dictionary<int, string> serverAfter = ProcessResources.Descriptors(server.Pid);
        string[] runtimeOwn = serverAfter.Where(kv => !serverBefore.ContainsKey(kv.Key)).Select(kv => $"{kv.Key} -> {kv.Value}").ToArray();
        report.Figure("server descriptors after all closed (sockets)", $"{serverAfter.Count} ({ProcessResources.Sockets(serverAfter)})");
        report.Figure("server RSS after all closed", ProcessResources.Megabytes(ProcessResources.ResidentBytes(server.Pid)));
        if (runtimeOwn.Length > 0) report.Figure("server descriptors new since start (not sockets)", string.Join(", ", runtimeOwn));
        Assert.Equal(serverSockets, ProcessResources.Sockets(serverAfter));
        Assert.All(runtimeOwn, d => Assert.DoesNotContain("socket:", d));
        Assert.True(ServerProcess.WaitFor(() => ProcessResources.SocketCount() <= clientSockets, TimeSpan.FromSeconds(30)),
            $"the test process holds {ProcessResources.SocketCount()} sockets (had {clientSockets})");

        // A second wave of as many connections (one round): the server takes them all again and
        // gives every socket back again. Its RSS is reported, not asserted: an idle .NET process
        // keeps what its GC grew to (the big messages' buffers live on the large object heap until
        // a gen2 collection), so memory is measured where a full collection can be forced, in
        // ConnectionCycleTests.
        using (var again = new EchoClients())
        {
            Assert.True(again.Open(port, connections, batch: 500, out string? failure, () => !server.HasExited), $"{failure}\n{server.Describe()}");
            Assert.True(again.Round(0, MaxMessage, out failure), $"{failure}\n{server.Describe()}");
            report.Figure("second wave: connections held, messages echoed", $"{again.Count}, {again.MessagesEchoed}");
        }
        Assert.True(ServerProcess.WaitFor(() => ProcessResources.SocketCount(server.Pid) <= serverSockets, TimeSpan.FromMinutes(3)),
            $"after the second wave the server still holds {ProcessResources.SocketCount(server.Pid)} sockets (had {serverSockets} before)");
        report.Figure("server RSS after the second wave", ProcessResources.Megabytes(ProcessResources.ResidentBytes(server.Pid)));

        // It stops cleanly on SIGTERM, with no warning or error printed.
        Assert.True(server.Terminate(), server.Describe());
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("Stopping on SIGTERM.", server.Output);
        Assert.Equal("", server.Errors);
    }
}
