using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Xunit;

namespace PhpSockets.Tests.Cli;

/// <summary>The echo server against exhaustion and hostile clients: EMFILE, --max-clients, --idle-timeout, 'shutdown' beyond loopback.</summary>
public partial class EchoServerCommandTests
{
    private const string Busy = "Server busy: no connection can be taken now, try again later.\n";

    [Fact]
    public void With_no_descriptor_free_it_refuses_new_clients_without_spinning_serves_the_others_and_recovers()
    {
        using CliTestProcess server = StartServer(out int port);
        using LineClient served = Greeted(port);
        int open = Directory.GetFiles($"/proc/{server.Id}/fd").Length;
        SetDescriptorLimit(server.Id, open + 2);
        var waiting = new List<LineClient>();
        try
        {
            for (int i = 0; i < 20; i++) waiting.Add(LineClient.Connect(port));
            Assert.True(server.WaitFor(() => server.Errors.Contains("descriptors exhausted", StringComparison.Ordinal), CliTestProcess.Patience), server.Describe());
            int refused = 0;
            foreach (LineClient client in waiting)
            {
                string first = client.ReadUntil("\n");
                if (first == Busy) refused++;
            }
            Assert.True(refused >= 15, $"{refused} of 20 refused with the busy line. {server.Describe()}");

            // Saturated, with connections still arriving: the server sleeps in select (10 ticks = 10% of a core per second).
            long before = CpuTicks(server.Id);
            for (int i = 0; i < 20; i++) waiting.Add(LineClient.Connect(port));
            Thread.Sleep(1000);
            Assert.InRange(CpuTicks(server.Id) - before, 0, 30);

            served.Send("still here\n");
            Assert.Equal("PHP: Vous avez dit 'still here'.\n", served.ReadLine());
        }
        finally
        {
            foreach (LineClient client in waiting) client.Dispose();
        }
        SetDescriptorLimit(server.Id, 1024);
        using LineClient late = Greeted(port);
        Assert.True(server.WaitFor(() => server.Errors.Contains("descriptors available again", StringComparison.Ordinal), CliTestProcess.Patience), server.Describe());
        Assert.Single(server.Errors.Split('\n'), line => line.Contains("descriptors exhausted", StringComparison.Ordinal));
    }

    [Fact]
    public void A_client_beyond_max_clients_gets_one_line_and_the_others_are_not_disturbed()
    {
        using CliTestProcess server = StartServer(out int port, "--max-clients", "2");
        using LineClient a = Greeted(port);
        using LineClient b = Greeted(port);
        using LineClient c = LineClient.Connect(port);
        Assert.Equal("Server full: too many clients, try again later.\n", c.ReadUntil("\n"));
        Assert.True(c.IsClosedByPeer());
        a.Send("a\n");
        Assert.Equal("PHP: Vous avez dit 'a'.\n", a.ReadLine());
        b.Send("b\n");
        Assert.Equal("PHP: Vous avez dit 'b'.\n", b.ReadLine());
    }

    [Fact]
    public void Idle_clients_are_closed_after_the_idle_timeout_and_active_ones_stay()
    {
        using CliTestProcess server = StartServer(out int port, "--idle-timeout", "1");
        using LineClient idle = Greeted(port);
        var clock = Stopwatch.StartNew();
        Assert.Equal("Closing: idle for too long.\n", idle.ReadUntil("\n"));
        Assert.True(idle.IsClosedByPeer());
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.5, 3);
        using LineClient active = Greeted(port);
        for (int i = 0; i < 3; i++)
        {
            Thread.Sleep(500);
            active.Send("ping\n");
            Assert.Equal("PHP: Vous avez dit 'ping'.\n", active.ReadLine());
        }
    }

    [Fact]
    public void A_client_that_never_reads_what_it_is_owed_is_dropped_after_the_idle_timeout()
    {
        using CliTestProcess server = StartServer(out int port, "--idle-timeout", "1");
        using LineClient greedy = Greeted(port);
        greedy.Client.Client.ReceiveBufferSize = 4096;
        greedy.Client.SendTimeout = 5000;
        var clock = Stopwatch.StartNew();
        // Short lines make long answers: the server's output to it backs up, and the client reads none.
        byte[] lines = new byte[64 * 1024];
        for (int i = 0; i < lines.Length; i += 2) (lines[i], lines[i + 1]) = ((byte)'x', (byte)'\n');
        try
        {
            while (!server.Output.Contains("dropped (idle, not reading)") && clock.Elapsed < CliTestProcess.Patience)
                greedy.Send(lines);
        }
        catch (IOException)
        {
            // The server dropped it, or the send timed out with everything full: the output says which.
        }
        Assert.True(server.WaitForOutput("dropped (idle, not reading)", CliTestProcess.Patience), server.Describe());
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.5, 10);
        using LineClient next = Greeted(port);
        next.Send("still\n");
        Assert.Equal("PHP: Vous avez dit 'still'.\n", next.ReadLine());
    }

    [Fact]
    public void Shutdown_is_refused_beyond_loopback_unless_allowed()
    {
        using (CliTestProcess server = StartServer(out int port, "--address", "0.0.0.0"))
        {
            using LineClient client = Greeted(port);
            client.Send("shutdown\n");
            Assert.StartsWith("Shutdown refused", client.ReadLine());
            client.Send("still\n");
            Assert.Equal("PHP: Vous avez dit 'still'.\n", client.ReadLine());
            Assert.False(server.WaitForExit(TimeSpan.FromMilliseconds(200)));
        }
        using (CliTestProcess server = StartServer(out int port, "--address", "0.0.0.0", "--allow-shutdown"))
        {
            using LineClient client = Greeted(port);
            client.Send("shutdown\n");
            Assert.True(server.WaitForExit(CliTestProcess.Patience), server.Describe());
            Assert.Equal(0, server.ExitCode);
        }
    }

    private static void SetDescriptorLimit(int pid, int soft)
    {
        using var prlimit = Process.Start(new ProcessStartInfo("prlimit", $"--pid {pid} --nofile={soft}:") { UseShellExecute = false })!;
        Assert.True(prlimit.WaitForExit(CliTestProcess.Patience));
        Assert.Equal(0, prlimit.ExitCode);
    }

    /// <summary>utime + stime of the process, in clock ticks (100 a second).</summary>
    private static long CpuTicks(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }
}
