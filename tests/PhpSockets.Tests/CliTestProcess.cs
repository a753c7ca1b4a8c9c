using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PhpSockets.Tests.Cli;

/// <summary>
/// A program of this repository (phpsock, an example) run as <c>dotnet Name.dll args</c>: the test
/// project references the program's project, so its dll sits beside the tests under every build
/// layout (bin/, --artifacts-path). phpsock runs as the native binary named by PHPSOCK_EXECUTABLE when set. Standard output and error are collected as they come; every
/// wait is bounded; disposing kills the process if it still runs.
/// </summary>
internal sealed partial class CliTestProcess : IDisposable
{
    /// <summary>The longest any single wait may take (generous: the machine may be busy building).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly MemoryStream _output = new();
    private readonly MemoryStream _errors = new();
    private readonly Task _pumps;
    private readonly SemaphoreSlim _changed = new(0);

    private CliTestProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(Pump(process.StandardOutput.BaseStream, _output), Pump(process.StandardError.BaseStream, _errors));
    }

    /// <summary>
    /// The environment variable that names a native phpsock (the AOT tool as installed) to run instead of
    /// <c>dotnet phpsock.dll</c>: the same CLI tests then check the binary that ships (.ci/aot-checks).
    /// </summary>
    public const string PhpsockExecutableVariable = "PHPSOCK_EXECUTABLE";

    /// <summary>
    /// The environment variable that names an emulator to run that native phpsock under, with its
    /// arguments, separated by spaces (.ci/aot-checks: <c>qemu-aarch64 -L /usr/aarch64-linux-gnu</c> for
    /// the cross-compiled linux-arm64 binary).
    /// </summary>
    public const string PhpsockEmulatorVariable = "PHPSOCK_EMULATOR";

    /// <summary>The emulator's program and arguments from <see cref="PhpsockEmulatorVariable"/>; empty when it is not set.</summary>
    public static string[] Emulator() =>
        Environment.GetEnvironmentVariable(PhpsockEmulatorVariable) is { Length: > 0 } emulator
            ? emulator.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];

    public static CliTestProcess Start(string program, params string[] args) => Start(program, new Dictionary<string, string>(), args);

    /// <summary>Starts the program with <paramref name="environment"/> added to this process's environment.</summary>
    public static CliTestProcess Start(string program, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ProcessStartInfo start;
        if (program == "phpsock" && Environment.GetEnvironmentVariable(PhpsockExecutableVariable) is { Length: > 0 } native)
        {
            Assert.True(File.Exists(native), $"{PhpsockExecutableVariable}={native}: no such file");
            string[] command = [.. Emulator(), native];
            start = new ProcessStartInfo(command[0]);
            foreach (string arg in command[1..]) start.ArgumentList.Add(arg);
        }
        else
        {
            string dll = Path.Combine(AppContext.BaseDirectory, program + ".dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: tests/PhpSockets.Tests references the project that builds it");
            start = new ProcessStartInfo(DotnetHost());
            start.ArgumentList.Add(dll);
        }
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach ((string name, string value) in environment) start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return new CliTestProcess(process);
    }

    /// <summary>Runs the program to its end (bounded) and returns it for its exit code and output.</summary>
    public static CliTestProcess Run(string program, params string[] args) => Run(program, new Dictionary<string, string>(), args);

    /// <summary>Runs the program to its end (bounded) with <paramref name="environment"/> added to this process's environment.</summary>
    public static CliTestProcess Run(string program, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        CliTestProcess process = Start(program, environment, args);
        Assert.True(process.WaitForExit(Patience), $"{program} did not finish in time. {process.Describe()}");
        return process;
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        string candidate = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
        return File.Exists(candidate) ? candidate : "dotnet";
    }

    private async Task Pump(Stream from, MemoryStream to)
    {
        var buffer = new byte[4096];
        int n;
        while ((n = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (to) to.Write(buffer, 0, n);
            _changed.Release();
        }
        _changed.Release();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Standard output so far, as UTF-8.</summary>
    public string Output => Text(_output);

    /// <summary>Standard error so far, as UTF-8.</summary>
    public string Errors => Text(_errors);

    /// <summary>Standard output so far, as bytes.</summary>
    public byte[] OutputBytes
    {
        get
        {
            lock (_output) return _output.ToArray();
        }
    }

    private static string Text(MemoryStream stream)
    {
        lock (stream) return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Waits until standard output holds <paramref name="text"/>; false on timeout or exit without it.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout) => WaitFor(() => Output.Contains(text, StringComparison.Ordinal), timeout);

    /// <summary>Waits until <paramref name="condition"/> holds, rechecking whenever output arrives.</summary>
    public bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (condition()) return true;
            TimeSpan left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero) return false;
            if (_process.HasExited && _pumps.IsCompleted) return condition();
            _changed.Wait(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Waits for the process and for its output to be fully collected.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        return _pumps.Wait(timeout);
    }

    /// <summary>
    /// Waits for phpsock echo-server's "Listening on ADDRESS:PORT" line and returns the port.
    /// </summary>
    public int WaitForListeningPort()
    {
        int port = 0;
        bool seen = WaitFor(() =>
        {
            string output = Output;
            int start = output.IndexOf("Listening on ", StringComparison.Ordinal);
            if (start < 0) return false;
            int end = output.IndexOf('\n', start);
            if (end < 0) return false;
            string line = output[start..end].TrimEnd('\r');
            return int.TryParse(line[(line.LastIndexOf(':') + 1)..], out port);
        }, Patience);
        Assert.True(seen, $"no 'Listening on' line. {Describe()}");
        return port;
    }

    /// <summary>Sends a signal with kill(2).</summary>
    public void Signal(int signal) => Assert.Equal(0, Kill(_process.Id, signal));

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public string Describe()
    {
        string status = _process.HasExited ? $"exit code {_process.ExitCode}" : "still running";
        return $"[{status}]\n--- stdout ---\n{Output}\n--- stderr ---\n{Errors}";
    }

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

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (for programs that cannot take port 0).</summary>
    public static int FreePort(IPAddress? address = null)
    {
        using var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>, retrying while the program starts.</summary>
    public TcpClient ConnectWithRetry(int port)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var client = new TcpClient();
            try
            {
                client.Connect(IPAddress.Loopback, port);
                client.ReceiveTimeout = (int)Patience.TotalMilliseconds;
                client.SendTimeout = (int)Patience.TotalMilliseconds;
                return client;
            }
            catch (SocketException) when (clock.Elapsed < Patience && !_process.HasExited)
            {
                client.Dispose();
                Thread.Sleep(50);
            }
            catch (SocketException e)
            {
                client.Dispose();
                Assert.Fail($"cannot connect to port {port}: {e.Message}. {Describe()}");
            }
        }
    }
}

/// <summary>A loopback TCP client for the tests: line-oriented reads with a bound on every wait.</summary>
internal sealed class LineClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly MemoryStream _pending = new();

    public LineClient(TcpClient client)
    {
        _client = client;
        _client.ReceiveTimeout = (int)CliTestProcess.Patience.TotalMilliseconds;
        _client.SendTimeout = (int)CliTestProcess.Patience.TotalMilliseconds;
        _stream = client.GetStream();
    }

    public static LineClient Connect(int port, IPAddress? address = null)
    {
        var client = new TcpClient(address?.AddressFamily ?? AddressFamily.InterNetwork);
        client.Connect(address ?? IPAddress.Loopback, port);
        return new LineClient(client);
    }

    public TcpClient Client => _client;

    public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    public void Send(byte[] bytes) => _stream.Write(bytes);

    /// <summary>Reads until <paramref name="terminator"/> has arrived and returns everything up to and including it.</summary>
    public string ReadUntil(string terminator)
    {
        byte[] end = Encoding.UTF8.GetBytes(terminator);
        var buffer = new byte[4096];
        while (true)
        {
            byte[] have = _pending.ToArray();
            int at = have.AsSpan().IndexOf(end);
            if (at >= 0)
            {
                int length = at + end.Length;
                _pending.SetLength(0);
                _pending.Write(have, length, have.Length - length);
                return Encoding.UTF8.GetString(have, 0, length);
            }
            int n = _stream.Read(buffer);
            if (n == 0) throw new EndOfStreamException($"connection closed before '{terminator.ReplaceLineEndings("\\n")}'; got '{Encoding.UTF8.GetString(have)}'");
            _pending.Write(buffer, 0, n);
        }
    }

    public string ReadLine() => ReadUntil("\n");

    /// <summary>True when the peer closed the connection with nothing more sent (a reset counts as closed too).</summary>
    public bool IsClosedByPeer()
    {
        if (_pending.Length > 0) return false;
        try
        {
            return _stream.Read(new byte[256]) == 0;
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return true;
        }
    }

    /// <summary>Closes with SO_LINGER 0: the peer gets a reset (RST) instead of an orderly close.</summary>
    public void Reset()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Client.Close();
    }

    public void Dispose() => _client.Dispose();
}
