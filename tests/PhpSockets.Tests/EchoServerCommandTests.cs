using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace PhpSockets.Tests.Cli;

/// <summary>
/// <c>phpsock echo-server</c> end to end: the built tool runs as a process on a free loopback port
/// (<c>--port 0</c>, the port read from its "Listening on" line) and real TCP clients talk to it.
/// </summary>
public partial class EchoServerCommandTests
{
    private const string WelcomeEnd = "tapez 'shutdown'.\n";
    private const int SIGINT = 2;
    private const int SIGTERM = 15;

    private static CliTestProcess StartServer(out int port, params string[] extra)
    {
        CliTestProcess server = CliTestProcess.Start("phpsock", ["echo-server", "--port", "0", .. extra]);
        try
        {
            port = server.WaitForListeningPort();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private static LineClient Greeted(int port)
    {
        var client = LineClient.Connect(port);
        string welcome = client.ReadUntil(WelcomeEnd);
        Assert.Contains("Bienvenue", welcome);
        Assert.Contains("'quit'", welcome);
        return client;
    }

    [Fact]
    public void Prints_the_listening_address_with_the_port_it_got()
    {
        using CliTestProcess server = StartServer(out int port);
        Assert.InRange(port, 1, 65535);
        Assert.Contains($"Listening on 127.0.0.1:{port}\n", server.Output);
    }

    [Fact]
    public void Greets_and_talks_back_to_several_clients_at_once()
    {
        using CliTestProcess server = StartServer(out int port);
        using LineClient a = Greeted(port);
        using LineClient b = Greeted(port);
        using LineClient c = Greeted(port);

        a.Send("bonjour\n");
        b.Send("  hello, world \t\r\n");
        c.Send("café\n");
        Assert.Equal("PHP: Vous avez dit 'café'.\n", c.ReadLine());
        Assert.Equal("PHP: Vous avez dit 'hello, world'.\n", b.ReadLine());
        Assert.Equal("PHP: Vous avez dit 'bonjour'.\n", a.ReadLine());

        // Several lines in one segment, and one line split over two: answered line by line.
        a.Send("un\ndeux\ntr");
        Assert.Equal("PHP: Vous avez dit 'un'.\n", a.ReadLine());
        Assert.Equal("PHP: Vous avez dit 'deux'.\n", a.ReadLine());
        a.Send("ois\n\n");
        Assert.Equal("PHP: Vous avez dit 'trois'.\n", a.ReadLine());
        Assert.Equal("PHP: Vous avez dit ''.\n", a.ReadLine());

        Assert.True(server.WaitForOutput(": trois\n", CliTestProcess.Patience), server.Describe());
        string output = server.Output;
        Assert.Contains(": bonjour\n", output);
        Assert.Contains(": hello, world\n", output);
        Assert.Contains(": café\n", output);
        Assert.False(server.HasExited);
    }

    [Fact]
    public void Quit_closes_only_that_client()
    {
        using CliTestProcess server = StartServer(out int port);
        using LineClient leaving = Greeted(port);
        using LineClient staying = Greeted(port);

        leaving.Send("quit\n");
        Assert.True(leaving.IsClosedByPeer());

        staying.Send("toujours là\n");
        Assert.Equal("PHP: Vous avez dit 'toujours là'.\n", staying.ReadLine());
        using LineClient newcomer = Greeted(port);
        newcomer.Send("  quit  \r\n");
        Assert.True(newcomer.IsClosedByPeer());
        // The server printed before it closed, but its standard output reaches us through a pipe pump.
        Assert.True(server.WaitForOutput(": quit\n", CliTestProcess.Patience), server.Describe());
        Assert.False(server.HasExited);
    }

    [Fact]
    public void A_client_that_resets_or_vanishes_does_not_stop_the_server()
    {
        using CliTestProcess server = StartServer(out int port);
        using LineClient survivor = Greeted(port);

        // Reset before reading anything (the welcome is still unread: the server's read fails).
        using (LineClient rude = LineClient.Connect(port)) rude.Reset();
        // Reset right after sending lines: the answers meet a dead connection (EPIPE/ECONNRESET, no SIGPIPE crash).
        using (LineClient hasty = Greeted(port))
        {
            hasty.Send(string.Concat(System.Linq.Enumerable.Repeat("ligne\n", 500)));
            hasty.Reset();
        }
        // Plain close mid-line, and a connection that is opened and closed at once.
        using (LineClient quiet = Greeted(port)) quiet.Send("sans fin de ligne");
        using (var bare = new TcpClient()) bare.Connect(IPAddress.Loopback, port);

        survivor.Send("encore\n");
        Assert.Equal("PHP: Vous avez dit 'encore'.\n", survivor.ReadLine());
        using LineClient later = Greeted(port);
        later.Send("après\n");
        Assert.Equal("PHP: Vous avez dit 'après'.\n", later.ReadLine());
        Assert.False(server.HasExited, server.Describe());
        Assert.Equal("", server.Errors);
    }

    [Fact]
    public void Shutdown_stops_the_server_and_closes_every_client()
    {
        using CliTestProcess server = StartServer(out int port);
        using LineClient other = Greeted(port);
        using LineClient boss = Greeted(port);

        boss.Send("shutdown\n");
        Assert.True(server.WaitForExit(CliTestProcess.Patience), server.Describe());
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("'shutdown' from", server.Output);
        Assert.True(other.IsClosedByPeer());
        Assert.True(boss.IsClosedByPeer());
        Assert.Throws<SocketException>(() => LineClient.Connect(port).Dispose());
    }

    [Theory]
    [InlineData(SIGINT, "SIGINT")]
    [InlineData(SIGTERM, "SIGTERM")]
    public void A_signal_stops_the_server_cleanly(int signal, string name)
    {
        // A program started in the background by a shell without job control inherits SIGINT
        // ignored (and .NET keeps it so): make sure the server does not inherit that from this run.
        if (signal == SIGINT) SigintDefault.Ensure();
        using CliTestProcess server = StartServer(out int port);
        using LineClient client = Greeted(port);
        client.Send("avant\n");
        Assert.Equal("PHP: Vous avez dit 'avant'.\n", client.ReadLine());

        server.Signal(signal);
        Assert.True(server.WaitForExit(CliTestProcess.Patience), server.Describe());
        Assert.Equal(0, server.ExitCode);
        Assert.Contains($"Stopping on {name}.", server.Output);
        Assert.True(client.IsClosedByPeer());
        Assert.Throws<SocketException>(() => LineClient.Connect(port).Dispose());
    }

    [Fact]
    public async Task Raw_mode_echoes_every_byte_back_exactly()
    {
        using CliTestProcess server = StartServer(out int port, "--raw");
        using LineClient first = LineClient.Connect(port);
        using LineClient second = LineClient.Connect(port);

        var data = new byte[3 * 1024 * 1024 + 17];
        new Random(862).NextBytes(data);
        for (int i = 0; i < 256; i++) data[i] = (byte)i;

        // Write and read at the same time: the echo comes back while the rest is still being sent.
        NetworkStream stream = first.Client.GetStream();
        Task sending = Task.Run(() => stream.Write(data));
        var received = new byte[data.Length];
        int total = 0;
        while (total < received.Length)
        {
            int n = await stream.ReadAsync(received.AsMemory(total)).AsTask().WaitAsync(CliTestProcess.Patience);
            Assert.NotEqual(0, n);
            total += n;
        }
        await sending.WaitAsync(CliTestProcess.Patience);
        Assert.Equal(data, received);

        // No greeting, no talk-back: a line comes back as it was sent.
        second.Send("quit\n");
        Assert.Equal("quit\n", second.ReadLine());
        second.Send("shutdown\r\n");
        Assert.Equal("shutdown\r\n", second.ReadUntil("\r\n"));
        Assert.False(server.HasExited);

        // End of stream: the server closes its side too.
        first.Client.Client.Shutdown(SocketShutdown.Send);
        Assert.True(first.IsClosedByPeer());
        server.Signal(SIGTERM);
        Assert.True(server.WaitForExit(CliTestProcess.Patience), server.Describe());
        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public void Listens_on_IPv6_loopback()
    {
        if (!System.Net.Sockets.Socket.OSSupportsIPv6) return;
        using CliTestProcess server = CliTestProcess.Start("phpsock", "echo-server", "--address", "::1", "--port", "0");
        int port = server.WaitForListeningPort();
        Assert.Contains($"Listening on [::1]:{port}\n", server.Output);
        using var client = LineClient.Connect(port, IPAddress.IPv6Loopback);
        client.ReadUntil(WelcomeEnd);
        client.Send("six\n");
        Assert.Equal("PHP: Vous avez dit 'six'.\n", client.ReadLine());
        Assert.True(server.WaitFor(() => Regex.IsMatch(server.Output, @"^\[::1\]:\d+ connected$", RegexOptions.Multiline), CliTestProcess.Patience), server.Describe());
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--port", "-1")]
    [InlineData("--port", "dix")]
    [InlineData("--port")]
    [InlineData("--bogus")]
    [InlineData("-x")]
    [InlineData("extra")]
    [InlineData("--raw=yes")]
    public void Bad_arguments_give_the_usage_and_exit_code_2(params string[] args)
    {
        using CliTestProcess run = CliTestProcess.Run("phpsock", ["echo-server", .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage: phpsock echo-server", run.Errors);
        Assert.StartsWith("phpsock: ", run.Errors);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_port_already_in_use_is_reported_with_exit_code_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using CliTestProcess run = CliTestProcess.Run("phpsock", "echo-server", "--port", port.ToString());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot bind 127.0.0.1:{port}: Address already in use", run.Errors);
    }

    [Fact]
    public void Help_lists_the_commands_and_exit_codes()
    {
        using CliTestProcess help = CliTestProcess.Run("phpsock", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("echo-server", help.Output);
        Assert.Contains("head", help.Output);
        Assert.Contains("Exit codes:", help.Output);

        using CliTestProcess commandHelp = CliTestProcess.Run("phpsock", "help", "echo-server");
        Assert.Equal(0, commandHelp.ExitCode);
        Assert.Contains("--raw", commandHelp.Output);

        using CliTestProcess unknown = CliTestProcess.Run("phpsock", "serve");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown command 'serve'", unknown.Errors);

        using CliTestProcess none = CliTestProcess.Run("phpsock");
        Assert.Equal(2, none.ExitCode);
    }

    /// <summary>
    /// Resets SIGINT to its default action in this test process when it was inherited ignored (a
    /// test run started in the background by a non-interactive shell), so that the servers started
    /// here can receive it. An interactive or CI run has it at its default already.
    /// </summary>
    private static partial class SigintDefault
    {
        private static readonly object s_lock = new();

        [LibraryImport("libc", EntryPoint = "signal")]
        private static partial nint SetSignal(int signal, nint handler);

        public static void Ensure()
        {
            lock (s_lock)
            {
                if (!IsIgnored()) return;
                SetSignal(SIGINT, 0); // SIG_DFL
                Assert.False(IsIgnored(), "SIGINT is still ignored in the test process");
            }
        }

        private static bool IsIgnored()
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("SigIgn:", StringComparison.Ordinal)) continue;
                ulong mask = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
                return (mask & (1UL << (SIGINT - 1))) != 0;
            }
            return false;
        }
    }
}
