using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using Xunit;

namespace PhpSockets.LoadTests;

/// <summary>
/// Descriptors and memory of a process, from /proc, and the descriptor limit (RLIMIT_NOFILE).
/// </summary>
internal static partial class ProcessResources
{
    private const int RLIMIT_NOFILE = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, ref RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, ref RLimit limit);

    /// <summary>This process's descriptor limit: (soft, hard).</summary>
    internal static (ulong Soft, ulong Hard) DescriptorLimit()
    {
        RLimit limit = default;
        Assert.Equal(0, GetRLimit(RLIMIT_NOFILE, ref limit));
        return (limit.Current, limit.Maximum);
    }

    /// <summary>
    /// Makes sure this process (and the processes it starts, which inherit the limit) may open
    /// <paramref name="needed"/> descriptors: the soft limit is raised toward the hard one, and the
    /// hard one too when that is allowed (root, CAP_SYS_RESOURCE). .NET has raised the soft limit to
    /// the hard one at start-up already; this covers hosts with a low hard limit.
    /// </summary>
    internal static (ulong Soft, ulong Hard) EnsureDescriptorLimit(ulong needed)
    {
        (ulong soft, ulong hard) = DescriptorLimit();
        if (soft >= needed) return (soft, hard);
        var limit = new RLimit { Current = needed, Maximum = Math.Max(hard, needed) };
        if (SetRLimit(RLIMIT_NOFILE, ref limit) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (hard >= needed) Assert.Fail($"setrlimit(RLIMIT_NOFILE, {needed}) failed with errno {errno}");
            Assert.Fail($"this test needs {needed} descriptors but the hard limit is {hard} and cannot be raised (errno {errno}): run it with `ulimit -Hn {needed}` or as root");
        }
        return DescriptorLimit();
    }

    /// <summary>How many descriptors process <paramref name="pid"/> has open ("self" for this one).</summary>
    internal static int DescriptorCount(string pid = "self") => Descriptors(pid).Count;

    /// <summary>The descriptor numbers of process <paramref name="pid"/> with what each points at.</summary>
    internal static Dictionary<int, string> Descriptors(string pid = "self")
    {
        var result = new Dictionary<int, string>();
        foreach (string entry in Directory.GetFileSystemEntries($"/proc/{pid}/fd"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out int fd)) continue;
            string target;
            try
            {
                target = new FileInfo(entry).LinkTarget ?? "?";
            }
            catch (IOException)
            {
                continue; // closed while listing (the listing's own directory handle, say)
            }
            result[fd] = target;
        }
        return result;
    }

    /// <summary>How many of <paramref name="pid"/>'s descriptors are sockets.</summary>
    internal static int SocketCount(string pid = "self") => Sockets(Descriptors(pid));

    /// <summary>How many of <paramref name="descriptors"/> point at a socket.</summary>
    internal static int Sockets(Dictionary<int, string> descriptors)
    {
        int count = 0;
        foreach (string target in descriptors.Values)
        {
            if (target.StartsWith("socket:", StringComparison.Ordinal)) count++;
        }
        return count;
    }

    /// <summary>utime + stime of process <paramref name="pid"/> (fields 14 and 15 of /proc/PID/stat), in clock ticks: 100 a second.</summary>
    internal static long CpuTicks(string pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>Resident set size of process <paramref name="pid"/> in bytes (VmRSS of /proc/PID/status).</summary>
    internal static long ResidentBytes(string pid = "self")
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
        }
        return -1;
    }

    /// <summary>
    /// Full blocking, compacting collections with finalizers run in between, then the bytes that
    /// survived the last one: the live managed heap. (GC.GetTotalMemory is reported beside it, but
    /// it came out negative once in a Release run on .NET 10, so the assertions use this.)
    /// </summary>
    internal static long SettledManagedBytes()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetGCMemoryInfo(GCKind.FullBlocking).PromotedBytes;
    }

    internal static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
