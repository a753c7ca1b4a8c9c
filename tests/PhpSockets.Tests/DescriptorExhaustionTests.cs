using System;
using System.IO;
using PhpSockets.Tests.Cli;
using Xunit;

namespace PhpSockets.Tests;

/// <summary>
/// Failure paths with no descriptor free (issue: socket_accept under EMFILE threw
/// FileNotFoundException from its own warning): tests/PhpSockets.ExhaustionProbe, a child process
/// that loads only PhpSockets, takes every free descriptor, calls the functions that need one, then
/// gives them back and calls again. Each warning sink is tried, as each has its own code path. The
/// texts are PHP 8.2's (conformance/expected/descriptors_exhausted.out, the same calls judged by PHP).
/// </summary>
public class DescriptorExhaustionTests
{
    private const string CreateWarning = "socket_create(): Unable to create socket [24]: Too many open files";
    private const string PairWarning = "socket_create_pair(): Unable to create socket pair [24]: Too many open files";
    private const string AcceptWarning = "socket_accept(): unable to accept incoming connection [24]: Too many open files";
    private const string DomainError = "ValueError: socket_create(): Argument #1 ($domain) must be one of AF_UNIX, AF_INET6, or AF_INET";

    [Theory]
    [InlineData("capture")]
    [InlineData("handler")]
    [InlineData("trace")]
    public void Every_call_gives_PHPs_answer_with_no_descriptor_free_and_succeeds_once_they_are_back(string sink)
    {
        using CliTestProcess probe = CliTestProcess.Run("PhpSockets.ExhaustionProbe", sink);
        string output = probe.Output;
        Assert.True(probe.ExitCode == 0, probe.Describe());
        string[] expected =
        [
            "prepared",
            "exhausted: socket_create = false, last_error = 24 (Too many open files)",
            "exhausted: warning: " + CreateWarning,
            "exhausted: socket_create_pair = false, last_error = 24 (Too many open files)",
            "exhausted: warning: " + PairWarning,
            "exhausted: socket_accept = false, last_error = 24 (Too many open files)",
            "exhausted: warning: " + AcceptWarning,
            .. sink == "handler"
                ? (string[])["exhausted: socket_import_stream = false, last_error = 24 (Too many open files)",
                    "exhausted: warning: socket_import_stream(): Unable to duplicate socket descriptor [24]: Too many open files"]
                : [],
            "exhausted: " + DomainError,
            "released: socket_create = Socket, last_error = 0 (Success)",
            "released: socket_create_pair = Socket, last_error = 0 (Success)",
            "released: socket_accept = Socket, last_error = 0 (Success)",
            .. sink == "handler" ? (string[])["released: socket_import_stream = Socket, last_error = 0 (Success)"] : [],
            "released: " + DomainError,
        ];
        Assert.Equal(string.Join('\n', expected) + "\n", output);
    }

    [Fact]
    public void Warnings_reach_standard_error_with_no_descriptor_free()
    {
        using CliTestProcess probe = CliTestProcess.Run("PhpSockets.ExhaustionProbe", "stderr");
        Assert.True(probe.ExitCode == 0, probe.Describe());
        Assert.Contains("exhausted: socket_accept = false, last_error = 24 (Too many open files)", probe.Output);
        Assert.Equal($"Warning: {CreateWarning}\nWarning: {PairWarning}\nWarning: {AcceptWarning}\n", probe.Errors);
    }

    [Fact]
    public void The_warning_texts_are_the_ones_PHP_printed_for_the_same_calls()
    {
        string transcript = File.ReadAllText(Path.Combine(ScenarioRuns.Root, "conformance", "expected", "descriptors_exhausted.out"));
        foreach (string warning in new[] { CreateWarning, PairWarning, AcceptWarning, DomainError[(DomainError.IndexOf(' ') + 1)..] })
            Assert.Contains(warning, transcript);
    }
}
