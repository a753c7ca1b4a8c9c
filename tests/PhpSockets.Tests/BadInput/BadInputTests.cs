using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;
using static PhpSockets.SocketFunctions;

namespace PhpSockets.Tests.BadInput;

/// <summary>
/// The bad-input table (<see cref="BadInputRows"/>): each row's outcome on PhpSockets, PHP 8.2's
/// outcome for the same call (real PHP, when installed: CI installs it), the library still working
/// after each row, and no descriptor left behind by the whole table. Runs alone, so the descriptor
/// count sees only this class.
/// </summary>
[Collection(DescriptorSensitiveCollection.Name)]
public class BadInputTests
{
    public static IEnumerable<object[]> Rows() => BadInputRows.All.Select(r => new object[] { r.Name });

    private static BadInputCase Find(string name) => BadInputRows.All.Single(r => r.Name == name);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row(string name)
    {
        BadInputCase row = Find(name);
        string outcome;
        using (var env = new BadInputEnv(row.Setup))
        {
            outcome = BadInputValues.Outcome(row, env);
        }
        Assert.Equal(row.Expected, outcome);
        AssertStillWorks();
    }

    [Fact]
    public void Php82GivesTheRecordedAnswers()
    {
        if (!PhpOracle.Available()) return; // PHP 8.2 with ext/sockets is the oracle; CI installs it (.ci/run)
        Dictionary<string, string> php = PhpOracle.Outcomes(BadInputRows.All);
        var mismatches = new StringBuilder();
        foreach (BadInputCase row in BadInputRows.All.Where(r => r.RunPhp))
        {
            string expected = row.Php82 ?? row.Expected;
            if (!php.TryGetValue(row.Name, out string? actual)) mismatches.AppendLine($"{row.Name}: PHP printed nothing");
            else if (actual != expected) mismatches.AppendLine($"{row.Name}:\n  recorded {expected}\n  PHP 8.2  {actual}");
        }
        string? dump = Environment.GetEnvironmentVariable("BADINPUT_DUMP");
        if (dump is not null)
        {
            // For maintainers filling in a new row: PHP's line and PhpSockets' line side by side.
            File.WriteAllLines(dump, BadInputRows.All.Select(r =>
            {
                using var env = new BadInputEnv(r.Setup);
                string phpLine = r.RunPhp ? php.GetValueOrDefault(r.Name, "-") : r.Php82 ?? "-";
                return $"{r.Name}\t{phpLine}\t{BadInputValues.Outcome(r, env)}\t{r.Function}\t{r.Input}";
            }));
        }
        Assert.True(mismatches.Length == 0, mismatches.ToString());
    }

    [Fact]
    public void RowsAreNamedOnceAndDivergencesSayWhy()
    {
        Assert.Equal(BadInputRows.All.Count, BadInputRows.All.Select(r => r.Name).Distinct().Count());
        foreach (BadInputCase row in BadInputRows.All)
        {
            Assert.False(row.Expected.Contains('?') && row.Expected.StartsWith('?'), row.Name);
            if (!row.RunPhp) Assert.False(string.IsNullOrEmpty(row.Php82), $"{row.Name}: a row PHP does not run must say what PHP 8.2 does");
        }
    }

    [Fact]
    public void TheWholeTableLeavesNoDescriptorOpen()
    {
        // Warm up once (first-use descriptors of the runtime and libc: the resolver, /dev/urandom...).
        RunAll();
        HashSet<string> before = Descriptors();
        RunAll();
        HashSet<string> opened = Opened(before);
        for (int attempt = 0; attempt < 10 && opened.Count > 0; attempt++)
        {
            System.Threading.Thread.Sleep(50);
            opened = Opened(before);
        }
        if (opened.Count > 0)
            Assert.Fail($"descriptors opened by the table and left open: {string.Join(", ", opened)}; rows that leave one open: {string.Join(", ", LeakingRows())}");
    }

    private static HashSet<string> Opened(HashSet<string> before)
    {
        HashSet<string> now = Descriptors();
        now.ExceptWith(before);
        return now;
    }

    /// <summary>The rows after which more descriptors are open than before (to name the culprit).</summary>
    private static IEnumerable<string> LeakingRows()
    {
        foreach (BadInputCase row in BadInputRows.All)
        {
            HashSet<string> before = Descriptors();
            using (var env = new BadInputEnv(row.Setup)) BadInputValues.Outcome(row, env);
            HashSet<string> opened = Opened(before);
            if (opened.Count > 0) yield return $"{row.Name} (+{opened.Count})";
        }
    }

    private static void RunAll()
    {
        foreach (BadInputCase row in BadInputRows.All)
        {
            using var env = new BadInputEnv(row.Setup);
            BadInputValues.Outcome(row, env);
        }
        AssertStillWorks();
    }

    /// <summary>The open descriptors as "number -> target" (a number reused for another object counts as new).</summary>
    private static HashSet<string> Descriptors()
    {
        var result = new HashSet<string>();
        foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                result.Add($"{Path.GetFileName(entry)} -> {new FileInfo(entry).LinkTarget}");
            }
            catch (IOException)
            {
                // the listing's own descriptor, gone already
            }
        }
        return result;
    }

    /// <summary>The library still works: a socket pair carries a message both ways.</summary>
    private static void AssertStillWorks()
    {
        Socket[]? pair = null;
        Assert.True(socket_create_pair(AF_UNIX, SOCK_STREAM, 0, ref pair));
        try
        {
            Assert.Equal(4, socket_write(pair![0], "ping"));
            Assert.Equal((PhpString)"ping", socket_read(pair[1], 16));
            Assert.Equal(4, socket_write(pair[1], "pong"));
            Assert.Equal((PhpString)"pong", socket_read(pair[0], 16));
        }
        finally
        {
            socket_close(pair![0]);
            socket_close(pair[1]);
        }
    }
}
