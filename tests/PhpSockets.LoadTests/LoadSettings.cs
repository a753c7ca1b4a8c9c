using System;
using System.Globalization;
using System.IO;
using System.Text;
using Xunit;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PhpSockets.LoadTests;

/// <summary>
/// How big a load run is. <c>dotnet test</c> (CI) holds the full 10,000 connections but exchanges
/// fewer rounds and runs fewer cycles; <c>PHPSOCKETS_LOAD=full</c> (run-full-load.sh) runs the
/// figures of docs/reliability.md. Each figure can also be set on its own.
/// </summary>
internal static class LoadSettings
{
    /// <summary>True for the full run (PHPSOCKETS_LOAD=full).</summary>
    internal static bool Full => string.Equals(Environment.GetEnvironmentVariable("PHPSOCKETS_LOAD"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>Concurrent connections held open against the echo server (PHPSOCKETS_LOAD_CONNECTIONS).</summary>
    internal static int Connections => Number("PHPSOCKETS_LOAD_CONNECTIONS", 10_000, 10_000);

    /// <summary>Echo rounds over all held connections, each connection one message per round (PHPSOCKETS_LOAD_ROUNDS).</summary>
    internal static int Rounds => Number("PHPSOCKETS_LOAD_ROUNDS", 3, 100);

    /// <summary>Connect / echo / close cycles (PHPSOCKETS_LOAD_CYCLES).</summary>
    internal static int Cycles => Number("PHPSOCKETS_LOAD_CYCLES", 3_000, 100_000);

    /// <summary>Connections offered to PHP's own select echo server (it fails at descriptor 1024).</summary>
    internal static int PhpConnections => Number("PHPSOCKETS_LOAD_PHP_CONNECTIONS", 1_100, 1_100);

    /// <summary>Idle connections held open beside a probe client, then left to --idle-timeout (PHPSOCKETS_LOAD_IDLE_CONNECTIONS).</summary>
    internal static int IdleConnections => Number("PHPSOCKETS_LOAD_IDLE_CONNECTIONS", 500, 5_000);

    /// <summary>Connections reset (SO_LINGER 0, close) in the reset storm (PHPSOCKETS_LOAD_RESETS).</summary>
    internal static int Resets => Number("PHPSOCKETS_LOAD_RESETS", 1_000, 10_000);

    private static int Number(string name, int ci, int full)
    {
        string? text = Environment.GetEnvironmentVariable(name);
        if (text is { Length: > 0 } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0) return value;
        return Full ? full : ci;
    }

    /// <summary>"full" or "ci", for the report.</summary>
    internal static string Mode => Full ? "full" : "ci";
}

/// <summary>
/// Where the figures go: the test output, and when PHPSOCKETS_LOAD_REPORT names a file, a line of
/// that file per figure (run-full-load.sh prints it at the end).
/// </summary>
internal sealed class LoadReport(ITestOutputHelper output, string test)
{
    private static readonly object s_lock = new();

    internal void Figure(string name, object value)
    {
        string line = string.Create(CultureInfo.InvariantCulture, $"{test} | {name} | {value}");
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("PHPSOCKETS_LOAD_REPORT") is { Length: > 0 } file)
        {
            lock (s_lock) File.AppendAllText(file, line + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }
}
