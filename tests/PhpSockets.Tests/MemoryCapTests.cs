using System.Collections.Generic;
using PhpSockets.Tests.Cli;
using Xunit;

namespace PhpSockets.Tests;

/// <summary>
/// The sizes a caller chooses, with the GC heap capped at 32 MiB (DOTNET_GCHeapHardLimit, the cap
/// docs/reliability.md states): tests/PhpSockets.ExhaustionProbe runs in a child process, as the
/// cap is set when a runtime starts. PHP allocates a receive's whole length up front; PhpSockets
/// must not, or a length of PHP_INT_MAX, a 100 MiB buffer_size or a 10,000-socket select would
/// spend the heap (or keep it: a pooled buffer is never given back).
/// </summary>
public class MemoryCapTests
{
    private const string HeapLimit = "33554432";

    private static readonly Dictionary<string, string> CappedHeap = new() { ["DOTNET_GCHeapHardLimit"] = "0x2000000" };

    [Fact]
    public void Huge_receive_lengths_and_a_select_over_10000_sockets_work_many_times_in_a_32_MiB_heap()
    {
        using CliTestProcess probe = CliTestProcess.Run("PhpSockets.ExhaustionProbe", CappedHeap, "memory");
        Assert.True(probe.ExitCode == 0, probe.Describe());
        string[] lines = probe.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                $"heap limit {HeapLimit} bytes",
                "socket_recv PHP_INT_MAX x 50: 13107200 bytes",
                "socket_recvmsg buffer_size 100 MiB x 50: whole datagrams",
                "socket_select over 10000 sockets x 50: 50 ready",
            ],
            lines[..^1]);
        long heapAfter = long.Parse(lines[^1].Split(' ')[2]);
        Assert.True(heapAfter < 8 * 1024 * 1024, $"the heap kept {heapAfter} bytes after the sockets were closed");
    }

    [Fact]
    public void A_receive_whose_string_cannot_be_allocated_throws_PHPs_out_of_memory_text_and_the_next_receive_works()
    {
        using CliTestProcess probe = CliTestProcess.Run("PhpSockets.ExhaustionProbe", CappedHeap, "heap-full");
        Assert.True(probe.ExitCode == 0, probe.Describe());
        Assert.Equal(
            $"heap full: Error: Allowed memory size of {HeapLimit} bytes exhausted (tried to allocate 153600 bytes)\n" +
            "memory back: socket_recv = 153600\n",
            probe.Output);
    }
}
