using System;
using System.Collections.Generic;
using System.IO;

namespace PhpSockets.Fuzz;

/// <summary>
/// What every target shares: PHP's documented exceptions (the PhpError family) are answers, not
/// failures; anything else escapes to the fuzzer as a crash. Warnings are captured (PHP prints them;
/// a fuzzer has no use for them). A private working folder holds AF_UNIX socket files, and the
/// descriptor count is watched across runs.
/// </summary>
public static class Harness
{
    private static readonly object s_gate = new();
    private static string? s_folder;
    private static int s_baseline = -1;
    private static long s_runs;

    /// <summary>Descriptors a run may leave open at most, beyond the first run's count (the runtime opens a few by itself).</summary>
    private const int DescriptorSlack = 64;

    /// <summary>
    /// A fresh folder under /tmp for AF_UNIX socket files, short enough that paths around the
    /// 107/108-byte limit still fit after it: every filesystem path a target gives the library starts here.
    /// </summary>
    public static string WorkingFolder
    {
        get
        {
            lock (s_gate)
            {
                if (s_folder is null)
                {
                    s_folder = "/tmp/psfz-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Directory.CreateDirectory(s_folder);
                    string made = s_folder;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                    {
                        try
                        {
                            Directory.Delete(made, recursive: true);
                        }
                        catch (IOException)
                        {
                        }
                    };
                }
                return s_folder;
            }
        }
    }

    /// <summary>Runs one input; PhpError and its subclasses are expected, any other exception propagates.</summary>
    public static void Run(Action body)
    {
        var warnings = new List<PhpWarning>();
        using (PhpWarnings.Capture(warnings))
        {
            try
            {
                body();
            }
            catch (PhpError)
            {
                // PHP's Error, TypeError, ValueError, ArgumentCountError: documented answers.
            }
            catch (Exception e)
            {
                Log(e);
                throw;
            }
        }
        try
        {
            CheckDescriptors();
        }
        catch (Exception e)
        {
            Log(e);
            throw;
        }
    }

    /// <summary>With PHPSOCKETS_FUZZ_LOG set, notes an event that is not a failure.</summary>
    public static void Note(string text)
    {
        string? file = Environment.GetEnvironmentVariable("PHPSOCKETS_FUZZ_LOG");
        if (file is null) return;
        try
        {
            File.AppendAllText(file, $"{DateTime.UtcNow:O} run {s_runs}: note: {text}\n");
        }
        catch (IOException)
        {
        }
    }

    /// <summary>With PHPSOCKETS_FUZZ_LOG set, appends a failure to that file (AFL keeps only the input).</summary>
    private static void Log(Exception e)
    {
        string? file = Environment.GetEnvironmentVariable("PHPSOCKETS_FUZZ_LOG");
        if (file is null) return;
        try
        {
            File.AppendAllText(file, $"{DateTime.UtcNow:O} run {s_runs}: {e}\n\n");
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Every 256 runs: the number of open descriptors must not have grown past the slack.</summary>
    private static void CheckDescriptors()
    {
        long run = System.Threading.Interlocked.Increment(ref s_runs);
        if (run % 256 != 1) return;
        int count = CountDescriptors();
        if (s_baseline < 0)
        {
            s_baseline = count;
            return;
        }
        if (count > s_baseline + DescriptorSlack)
            throw new DescriptorLeakException($"{count} descriptors open after {run} runs, {s_baseline} after the first");
    }

    /// <summary>The entries of /proc/self/fd.</summary>
    public static int CountDescriptors() => Directory.GetFiles("/proc/self/fd").Length;
}

/// <summary>A run left descriptors open: a failure the fuzzer must report.</summary>
public sealed class DescriptorLeakException(string message) : Exception(message);

/// <summary>A target saw the library break one of its own rules (not an exception the library threw).</summary>
public sealed class InvariantException(string message) : Exception(message);
