using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PhpSockets.Tests;

/// <summary>
/// The seed's two example programs, ported with the PHP 4.0 names (examples/Php4EchoServer and
/// examples/Php4HttpHead), run as real processes against loopback. The test project references
/// both, so their dlls sit beside this assembly; each runs under the same dotnet host as the
/// tests, bounded in time, and is killed in all cases.
/// </summary>
public class Php4ExamplesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void Echo_server_talks_back_and_quit_ends_it()
    {
        int port = FreePort();
        using var server = Php4ExampleProcess.Start("Php4EchoServer", "127.0.0.1", port.ToString());
        using TcpClient client = ConnectWithRetry(port, server);
        NetworkStream stream = client.GetStream();

        Send(stream, "bonjour\n");
        Assert.Equal("PHP: Vous avez dit 'bonjour'.\n", ReadLine(stream));
        Send(stream, " \t avec espaces \r\n"); // read() stops at "\r": the "\n" is a line of its own
        Assert.Equal("PHP: Vous avez dit 'avec espaces'.\n", ReadLine(stream));
        Assert.Equal("PHP: Vous avez dit ''.\n", ReadLine(stream));
        Send(stream, "café\n");
        Assert.Equal("PHP: Vous avez dit 'café'.\n", ReadLine(stream));
        Send(stream, "quit\n");
        Assert.Equal(0, stream.Read(new byte[16], 0, 16)); // the server closed the connection

        Assert.True(server.WaitForExit(Timeout), server.Describe());
        Assert.Equal(0, server.ExitCode);
        Assert.Equal("bonjour\navec espaces\n\ncafé\n", server.Output);
        Assert.Equal("", server.Errors);
    }

    [Fact]
    public void Echo_server_stops_when_the_client_hangs_up()
    {
        // read() returns 0 at end of stream, so the seed's "if ($ret == 0) break 2;" ends the server
        // (PHP 4.0.6 returned -ECONNRESET after 200 empty reads).
        int port = FreePort();
        using var server = Php4ExampleProcess.Start("Php4EchoServer", "127.0.0.1", port.ToString());
        using (TcpClient client = ConnectWithRetry(port, server))
        {
            Send(client.GetStream(), "au revoir\n");
            Assert.Equal("PHP: Vous avez dit 'au revoir'.\n", ReadLine(client.GetStream()));
        }
        Assert.True(server.WaitForExit(Timeout), server.Describe());
        Assert.Equal(0, server.ExitCode);
        Assert.Equal("au revoir\n", server.Output);
    }

    [Fact]
    public void Echo_server_reports_a_failed_bind_with_strerror()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        // As in the seed, the script goes on after the message (and then waits in accept): killed at the end.
        using var server = Php4ExampleProcess.Start("Php4EchoServer", "127.0.0.1", port.ToString());
        Assert.True(server.WaitForOutput("bind() a échoué : raison: Address already in use\n", Timeout), server.Describe());
    }

    [Fact]
    public async Task Http_head_client_prints_the_answer_of_a_local_server()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        const string response = "HTTP/1.0 200 OK\r\nServer: tiny\r\nContent-Type: text/html\r\n\r\n";
        Task<string> request = ServeOnce(listener, response);

        using var client = Php4ExampleProcess.Start("Php4HttpHead", "localhost", port.ToString());
        Assert.True(client.WaitForExit(Timeout), client.Describe());
        Assert.Equal(0, client.ExitCode);
        Assert.Equal("HEAD / HTTP/1.0\r\n\r\n", await request.WaitAsync(Timeout));
        Assert.Equal(
            "<h2>TCP/IP Connection</h2>\n" +
            $"Connexion à 'localhost' on port '{port}'...OK.\n" +
            "Envoi des entêtes HTTP HEAD...OK.\n" +
            "Lecture de la réponse :\n\n" +
            response +
            "Fermeture de la socket...OK.\n\n",
            client.Output);
        Assert.Equal("", client.Errors);
    }

    [Fact]
    public void Http_head_client_reports_a_refused_connection()
    {
        int port = FreePort();
        // The seed's "while (read(...))" then spins on -ENOTCONN, which PHP's while takes as true:
        // the literal port keeps that, so the process is killed once the message is out.
        using var client = Php4ExampleProcess.Start("Php4HttpHead", "127.0.0.1", port.ToString());
        Assert.True(client.WaitForOutput(
            $"Connexion à '127.0.0.1' on port '{port}'...connect()  a échoué : raison : : (-111) Connection refused\n", Timeout),
            client.Describe());
    }

    /// <summary>Accepts one connection, reads the request up to its blank line, answers and closes.</summary>
    private static Task<string> ServeOnce(TcpListener listener, string response) => Task.Run(() =>
    {
        using TcpClient connection = listener.AcceptTcpClient();
        connection.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
        NetworkStream stream = connection.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[256];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int n = stream.Read(buffer, 0, buffer.Length);
            if (n == 0) break;
            request.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
        byte[] answer = Encoding.ASCII.GetBytes(response);
        stream.Write(answer, 0, answer.Length);
        return request.ToString();
    });

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Connects once the example listens (it takes a moment to start), bounded in time.</summary>
    private static TcpClient ConnectWithRetry(int port, Php4ExampleProcess server)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var client = new TcpClient();
            try
            {
                client.Connect(IPAddress.Loopback, port);
                client.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
                return client;
            }
            catch (SocketException) when (deadline.Elapsed < Timeout && !server.HasExited)
            {
                client.Dispose();
                Thread.Sleep(50);
            }
        }
    }

    private static void Send(NetworkStream stream, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        stream.Write(bytes, 0, bytes.Length);
    }

    private static string ReadLine(NetworkStream stream)
    {
        var line = new MemoryStream();
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            line.WriteByte((byte)b);
            if (b == '\n') break;
        }
        return Encoding.UTF8.GetString(line.ToArray());
    }
}

/// <summary>
/// One example program run as <c>dotnet Example.dll args</c> with the dotnet host that runs the
/// tests; standard output and error are collected as bytes. Disposing kills it if it still runs.
/// </summary>
internal sealed class Php4ExampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly MemoryStream _output = new();
    private readonly MemoryStream _errors = new();
    private readonly Task _pumps;

    private Php4ExampleProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(
            Pump(process.StandardOutput.BaseStream, _output),
            Pump(process.StandardError.BaseStream, _errors));
    }

    internal static Php4ExampleProcess Start(string name, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project references examples/{name}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return new Php4ExampleProcess(process);
    }

    /// <summary>The dotnet host: the one the SDK names, or the one above the runtime running the tests.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        string runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        string candidate = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
        return File.Exists(candidate) ? candidate : "dotnet";
    }

    private static async Task Pump(Stream from, MemoryStream to)
    {
        var buffer = new byte[4096];
        int n;
        while ((n = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (to) to.Write(buffer, 0, n);
        }
    }

    internal bool HasExited => _process.HasExited;

    internal int ExitCode => _process.ExitCode;

    /// <summary>Standard output so far, decoded as UTF-8.</summary>
    internal string Output => Text(_output);

    /// <summary>Standard error so far, decoded as UTF-8.</summary>
    internal string Errors => Text(_errors);

    private static string Text(MemoryStream stream)
    {
        lock (stream) return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Waits for the process to end and for its output to be read to the end.</summary>
    internal bool WaitForExit(TimeSpan timeout) =>
        _process.WaitForExit(timeout) && _pumps.Wait(timeout);

    /// <summary>Waits until standard output contains <paramref name="expected"/>.</summary>
    internal bool WaitForOutput(string expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(expected, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout) return false;
            Thread.Sleep(20);
        }
        return true;
    }

    internal string Describe() => $"output: {Output}\nerrors: {Errors}";

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
