using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace PhpSockets.Testing;

/// <summary>
/// The helpers <c>exhaust_descriptors()</c> and <c>release_descriptors()</c> (FORMAT.md, project
/// helpers): the first lowers the soft RLIMIT_NOFILE to the descriptors open plus a few, then opens
/// /dev/null until the kernel refuses (EMFILE), so that no call can get a new descriptor; the second
/// closes those and restores the limit. runner.php does the same with prlimit and fopen. Shared by
/// the C# conformance runner and tests/PhpSockets.ExhaustionProbe.
/// </summary>
internal static partial class DescriptorExhaustion
{
    private const int RLIMIT_NOFILE = 7;
    private const int O_RDONLY = 0;
    private const int O_CLOEXEC = 0x80000;

    /// <summary>Room above the descriptors open: the fillers take it, so the loop stays short.</summary>
    private const int Headroom = 16;

    private static readonly List<int> s_fillers = [];
    private static RLimit s_saved;
    private static bool s_exhausted;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    public static void Exhaust()
    {
        if (s_exhausted) return;
        if (GetRLimit(RLIMIT_NOFILE, out s_saved) != 0) throw new InvalidOperationException($"getrlimit failed: errno {Marshal.GetLastPInvokeError()}");
        int open = Directory.GetFiles("/proc/self/fd").Length;
        RLimit lowered = s_saved;
        lowered.Current = Math.Min(s_saved.Current, (ulong)(open + Headroom));
        if (SetRLimit(RLIMIT_NOFILE, lowered) != 0) throw new InvalidOperationException($"setrlimit failed: errno {Marshal.GetLastPInvokeError()}");
        s_exhausted = true;
        s_fillers.EnsureCapacity(open + Headroom);
        while (true)
        {
            int fd = Open("/dev/null", O_RDONLY | O_CLOEXEC);
            if (fd < 0) break;
            s_fillers.Add(fd);
        }
    }

    public static void Release()
    {
        if (!s_exhausted) return;
        foreach (int fd in s_fillers) Close(fd);
        s_fillers.Clear();
        SetRLimit(RLIMIT_NOFILE, s_saved);
        s_exhausted = false;
    }
}
