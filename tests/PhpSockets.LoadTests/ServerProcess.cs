using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Xunit;

namespace PhpSockets.LoadTests;

/// <summary>
/// A server under load, run as its own process: <c>phpsock echo-server</c> (its dll sits beside the
/// tests) or PHP 8.2 with a script. Its output is collected as it comes; every wait is bounded;
/// disposing kills it if it still runs.
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();

    private ServerProcess(ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => AppendOutput(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_errors, e.Data);
        Assert.True(_process.Start(), $"cannot start {start.FileName}");
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// The echo server's line per client event ("127.0.0.1:PORT connected", line mode's
    /// "127.0.0.1:PORT: WORDS" for every line a client sends) is counted, not kept: a client
    /// flooding lines would otherwise fill this process with the server's log.
    /// </summary>
    private void AppendOutput(string? line)
    {
        if (line is not null && (line.StartsWith("127.0.0.1:", StringComparison.Ordinal) || line.StartsWith("[::1]:", StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref _clientLines);
            return;
        }
        Append(_output, line);
    }

    private long _clientLines;

    /// <summary>How many per-client lines the server printed (left out of <see cref="Output"/>).</summary>
    internal long ClientLines => Interlocked.Read(ref _clientLines);

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null) return;
        lock (to) to.Append(line).Append('\n');
    }

    /// <summary><c>dotnet phpsock.dll echo-server --port 0 ARGS</c>.</summary>
    internal static ServerProcess Phpsock(params string[] args) => new(PhpsockStart(args));

    /// <summary>
    /// <see cref="Phpsock(string[])"/> started under <c>prlimit --nofile=N:N</c>: the server's
    /// RLIMIT_NOFILE is <paramref name="descriptors"/> from its first instruction (prlimit execs it,
    /// so the process id is the server's).
    /// </summary>
    internal static ServerProcess Phpsock(int descriptors, params string[] args) => new(UnderDescriptorLimit(descriptors, PhpsockStart(args)));

    /// <summary><see cref="Php(string, string[])"/> under <c>prlimit --nofile=N:N</c>.</summary>
    internal static ServerProcess Php(int descriptors, string script, params string[] settings) => new(UnderDescriptorLimit(descriptors, PhpStart(script, settings)));

    private static ProcessStartInfo UnderDescriptorLimit(int descriptors, ProcessStartInfo start)
    {
        var limited = new ProcessStartInfo("prlimit");
        limited.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--nofile={descriptors}:{descriptors}"));
        limited.ArgumentList.Add("--");
        limited.ArgumentList.Add(start.FileName);
        foreach (string arg in start.ArgumentList) limited.ArgumentList.Add(arg);
        foreach (var variable in start.Environment) limited.Environment[variable.Key] = variable.Value;
        return limited;
    }

    private static ProcessStartInfo PhpsockStart(string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "phpsock.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the load tests reference src/PhpSockets.Cli");
        var start = new ProcessStartInfo(DotnetHost());
        // PHPSOCKETS_LOAD_SERVER_HEAP_LIMIT (bytes in hexadecimal, as the runtime reads it: 0x10000000 is 256 MiB) caps the
        // server's GC heap (DOTNET_GCHeapHardLimit), so a run shows its memory stays bounded by what
        // it holds: a leak would end in OutOfMemoryException.
        if (Environment.GetEnvironmentVariable("PHPSOCKETS_LOAD_SERVER_HEAP_LIMIT") is { Length: > 0 } limit)
            start.Environment["DOTNET_GCHeapHardLimit"] = limit;
        start.ArgumentList.Add(dll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>
    /// <c>php -n -d extension=sockets SCRIPT</c>, the script from the php folder beside the tests;
    /// each of <paramref name="settings"/> (<c>display_errors=0</c>, say) is one more <c>-d</c>, after
    /// (so over) the defaults.
    /// </summary>
    internal static ServerProcess Php(string script, params string[] settings) => new(PhpStart(script, settings));

    private static ProcessStartInfo PhpStart(string script, string[] settings)
    {
        var start = new ProcessStartInfo("php");
        foreach (string arg in new[] { "-n", "-d", "extension=sockets", "-d", "error_reporting=-1", "-d", "display_errors=stdout" })
            start.ArgumentList.Add(arg);
        foreach (string setting in settings)
        {
            start.ArgumentList.Add("-d");
            start.ArgumentList.Add(setting);
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "php", script));
        return start;
    }

    /// <summary>True when PHP with the sockets extension can be run here (.ci/run installs it).</summary>
    internal static bool PhpAvailable()
    {
        try
        {
            var start = new ProcessStartInfo("php") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { "-n", "-d", "extension=sockets", "-r", "echo function_exists('socket_select') ? 'yes' : 'no';" }) start.ArgumentList.Add(arg);
            using Process php = Process.Start(start)!;
            string output = php.StandardOutput.ReadToEnd();
            return php.WaitForExit(30_000) && php.ExitCode == 0 && output == "yes";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        string candidate = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
        return File.Exists(candidate) ? candidate : "dotnet";
    }

    internal int Id => _process.Id;

    internal string Pid => _process.Id.ToString(CultureInfo.InvariantCulture);

    internal bool HasExited => _process.HasExited;

    internal int ExitCode => _process.ExitCode;

    internal string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    internal string Errors
    {
        get
        {
            lock (_errors) return _errors.ToString();
        }
    }

    /// <summary>Waits for the "Listening on ADDRESS:PORT" line and returns the port.</summary>
    internal int WaitForListeningPort()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            string output = Output;
            int start = output.IndexOf("Listening on ", StringComparison.Ordinal);
            int end = start < 0 ? -1 : output.IndexOf('\n', start);
            if (end > 0)
            {
                string line = output[start..end];
                if (int.TryParse(line[(line.LastIndexOf(':') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int port)) return port;
            }
            if (_process.HasExited) break;
            Thread.Sleep(50);
        }
        Assert.Fail($"no 'Listening on' line. {Describe()}");
        return 0;
    }

    /// <summary>Waits until <paramref name="condition"/> holds; false when it did not within <paramref name="timeout"/>.</summary>
    internal static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) return false;
            Thread.Sleep(50);
        }
        return true;
    }

    /// <summary>Sends SIGTERM and waits for the exit; false when it did not exit in time.</summary>
    internal bool Terminate()
    {
        Signal(15);
        return WaitForExit(Patience);
    }

    /// <summary>Sends <paramref name="signal"/> (SIGINT 2, SIGTERM 15) if the process still runs.</summary>
    internal void Signal(int signal)
    {
        if (!_process.HasExited) Kill(_process.Id, signal);
    }

    internal bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit(); // flushes the asynchronous output readers
        return true;
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetSignal(int signal, nint handler);

    /// <summary>
    /// Resets SIGINT to its default action in this process when it was inherited ignored (a test
    /// run started in the background by a non-interactive shell): the servers started here inherit
    /// an ignored SIGINT, and .NET keeps it so, so it would never reach them.
    /// </summary>
    internal static void EnsureSigintDefault()
    {
        const int SIGINT = 2;
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith("SigIgn:", StringComparison.Ordinal)) continue;
            ulong ignored = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
            if ((ignored & (1UL << (SIGINT - 1))) != 0) SetSignal(SIGINT, 0); // SIG_DFL
        }
    }

    internal string Describe()
    {
        string status = _process.HasExited ? $"exit code {_process.ExitCode}" : "still running";
        string kept = Output;
        string output = kept.Length > 8000 ? "..." + kept[^8000..] : kept;
        return $"[{status}]\n--- stdout (without the {ClientLines} per-client lines) ---\n{output}\n--- stderr ---\n{Errors}";
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
