using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PhpSockets.Tests;

/// <summary>
/// The conformance scenarios (conformance/FORMAT.md): each <c>conformance/scenarios/*.scn</c> and
/// <c>conformance/divergences/*.scn</c> runs through the C# runner (tests/PhpSockets.Conformance,
/// referenced by this project so its dll sits beside the tests) in a fresh process, with standard
/// input from /dev/null, and its transcript must equal the expected one byte for byte: the
/// PHP-generated <c>conformance/expected/NAME.out</c>, or for a divergence the hand-written
/// <c>NAME.out</c> beside it. Several runs go on at once (<see cref="ScenarioRuns"/>), so a case
/// mostly finds its transcript ready rather than waiting for its process.
/// </summary>
public class ConformanceTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (string scenario in ScenarioRuns.All) data.Add(scenario);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Transcript_matches(string scenario)
    {
        string file = Path.Combine(ScenarioRuns.Conformance, scenario);
        string expectedFile = ScenarioRuns.ExpectedFile(scenario);
        Assert.True(File.Exists(expectedFile), $"{scenario}: no expected transcript {Path.GetRelativePath(ScenarioRuns.Root, expectedFile)}");

        RunResult run = await ScenarioRuns.Get(scenario);
        byte[] expected = await File.ReadAllBytesAsync(expectedFile);
        string? problem = run.TimedOut ? $"the runner was stopped after {ScenarioRuns.Timeout.TotalSeconds} s"
            : run.ExitCode != 0 ? $"the runner exited with {run.ExitCode}"
            : null;
        if (problem is null && expected.AsSpan().SequenceEqual(run.Output)) return;

        var message = new StringBuilder();
        message.Append(scenario).Append(": ").AppendLine(problem ?? "the transcript differs");
        message.AppendLine($"  scenario: {Path.GetRelativePath(ScenarioRuns.Root, file)}");
        message.AppendLine($"  expected: {Path.GetRelativePath(ScenarioRuns.Root, expectedFile)}");
        message.AppendLine("--- expected (PHP)");
        message.AppendLine("+++ actual (PhpSockets)");
        message.Append(TranscriptDiff.Unified(expected, run.Output));
        if (run.Errors.Length > 0) message.AppendLine("standard error:").Append(Encoding.UTF8.GetString(run.Errors));
        Assert.Fail(message.ToString());
    }
}

/// <summary>One run of the C# runner.</summary>
internal sealed record RunResult(byte[] Output, byte[] Errors, int ExitCode, bool TimedOut);

/// <summary>
/// Finds the scenarios and runs them. A few processes run at a time (most of a run is process
/// start-up and loopback waits, not CPU): the scenario a test asks for goes first, and free slots
/// run the others ahead of their tests. Runs still going when the test host exits (a filtered test
/// run asks for few scenarios) are killed then.
/// </summary>
internal static class ScenarioRuns
{
    /// <summary>FORMAT.md: runners may be stopped after 60 seconds.</summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly int s_slots = Math.Max(4, Environment.ProcessorCount * 2);
    private static readonly object s_lock = new();
    private static readonly Dictionary<string, TaskCompletionSource<RunResult>> s_results = new();
    private static readonly LinkedList<string> s_pending = new();
    private static readonly HashSet<Process> s_live = new();
    private static int s_running;

    /// <summary>The repository root: the folder holding PhpSockets.slnx, above the test assembly.</summary>
    internal static readonly string Root = FindRoot();

    internal static string Conformance => Path.Combine(Root, "conformance");

    /// <summary>The scenarios, as paths relative to conformance/ ("scenarios/x.scn", "divergences/y.scn"), sorted.</summary>
    internal static IReadOnlyList<string> All { get; } = FindScenarios();

    static ScenarioRuns()
    {
        foreach (string scenario in All) s_pending.AddLast(scenario);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (s_lock)
            {
                foreach (Process process in s_live) TryKill(process);
            }
        };
    }

    internal static string ExpectedFile(string scenario)
    {
        string name = Path.GetFileNameWithoutExtension(scenario);
        string folder = Path.GetDirectoryName(scenario)!;
        return folder == "divergences"
            ? Path.Combine(Conformance, "divergences", name + ".out")
            : Path.Combine(Conformance, "expected", name + ".out");
    }

    /// <summary>The run of <paramref name="scenario"/>, moved to the front of the queue if it has not started.</summary>
    internal static Task<RunResult> Get(string scenario)
    {
        lock (s_lock)
        {
            if (!s_results.TryGetValue(scenario, out TaskCompletionSource<RunResult>? result))
            {
                result = new TaskCompletionSource<RunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                s_results.Add(scenario, result);
                s_pending.Remove(scenario);
                s_pending.AddFirst(scenario);
            }
            else if (s_pending.Remove(scenario))
            {
                s_pending.AddFirst(scenario);
            }
            StartRuns();
            return result.Task;
        }
    }

    /// <summary>Fills the free slots from the queue (called with the lock held).</summary>
    private static void StartRuns()
    {
        while (s_running < s_slots && s_pending.First is { } next)
        {
            s_pending.RemoveFirst();
            if (!s_results.TryGetValue(next.Value, out TaskCompletionSource<RunResult>? result))
            {
                result = new TaskCompletionSource<RunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                s_results.Add(next.Value, result);
            }
            s_running++;
            _ = Run(next.Value, result);
        }
    }

    private static async Task Run(string scenario, TaskCompletionSource<RunResult> result)
    {
        try
        {
            result.SetResult(await RunProcess(Path.Combine(Conformance, scenario)).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            result.SetException(e);
        }
        finally
        {
            lock (s_lock)
            {
                s_running--;
                StartRuns();
            }
        }
    }

    /// <summary>Runs the built runner under the tests' dotnet host, stdin from /dev/null (through sh, as FORMAT.md asks).</summary>
    private static async Task<RunResult> RunProcess(string file)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "PhpSockets.Conformance.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is missing: the test project references tests/PhpSockets.Conformance");
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["-c", "exec \"$0\" \"$@\" < /dev/null", DotnetHost(), dll, file]) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        lock (s_lock) s_live.Add(process);
        var output = new MemoryStream();
        var errors = new MemoryStream();
        Task pumps = Task.WhenAll(
            process.StandardOutput.BaseStream.CopyToAsync(output),
            process.StandardError.BaseStream.CopyToAsync(errors));
        bool timedOut = false;
        using (var deadline = new CancellationTokenSource(Timeout))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                TryKill(process);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        lock (s_lock) s_live.Remove(process);
        await pumps.ConfigureAwait(false);
        return new RunResult(output.ToArray(), errors.ToArray(), process.ExitCode, timedOut);
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The dotnet host: the one the SDK names, or the one above the runtime running the tests.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        string runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        string candidate = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
        return File.Exists(candidate) ? candidate : "dotnet";
    }

    /// <summary>
    /// Walks up from the test assembly's folder; when the build output lives outside the repository
    /// (dotnet test --artifacts-path /tmp/...), from this source file's folder, as compiled in.
    /// </summary>
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (string start in (string[])[AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "", Environment.CurrentDirectory])
        {
            for (var dir = start.Length == 0 ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PhpSockets.slnx"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no PhpSockets.slnx above {AppContext.BaseDirectory} or {sourceFile}");
    }

    private static List<string> FindScenarios()
    {
        var scenarios = new List<string>();
        foreach (string folder in (string[])["scenarios", "divergences"])
        {
            string path = Path.Combine(Conformance, folder);
            if (!Directory.Exists(path)) continue;
            foreach (string file in Directory.EnumerateFiles(path, "*.scn"))
                scenarios.Add(folder + "/" + Path.GetFileName(file));
        }
        scenarios.Sort(StringComparer.Ordinal);
        return scenarios;
    }
}

/// <summary>A line diff of two transcripts, unified style with two lines of context, for failure messages.</summary>
internal static class TranscriptDiff
{
    internal static string Unified(byte[] expected, byte[] actual)
    {
        string[] a = Lines(expected), b = Lines(actual);
        // Longest common subsequence table: transcripts are a few hundred lines at most.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }
        var edits = new List<(char Kind, string Line)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { edits.Add((' ', a[x])); x++; y++; }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) edits.Add(('-', a[x++]));
            else edits.Add(('+', b[y++]));
        }
        const int context = 2;
        var text = new StringBuilder();
        int lastShown = -1;
        for (int k = 0; k < edits.Count; k++)
        {
            bool near = false;
            for (int d = Math.Max(0, k - context); d <= Math.Min(edits.Count - 1, k + context) && !near; d++)
                near = edits[d].Kind != ' ';
            if (!near) continue;
            if (lastShown >= 0 && k > lastShown + 1) text.AppendLine("@@");
            text.Append(edits[k].Kind).AppendLine(edits[k].Line);
            lastShown = k;
        }
        return text.ToString();
    }

    /// <summary>The lines, decoded as UTF-8; a missing final newline shows as a marker line.</summary>
    private static string[] Lines(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        bool finalNewline = text.Length == 0 || text.EndsWith('\n');
        var lines = text.Split('\n').ToList();
        if (finalNewline) lines.RemoveAt(lines.Count - 1);
        else lines.Add("\\ no newline at end of transcript");
        return lines.ToArray();
    }
}
