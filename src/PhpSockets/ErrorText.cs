using System.Runtime.InteropServices;
using System.Threading;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// The C library's texts for error codes, as <c>socket_strerror</c> gives them: strerror for errno
/// values, hstrerror for resolver failures (codes below -10000, stored as -10000 - h_errno).
/// </summary>
/// <remarks>
/// This sits on every failure path, including EMFILE, when the process has no descriptor free: so it
/// uses only types of System.Private.CoreLib (a collection type from another assembly, such as
/// ConcurrentDictionary, would make the runtime open that assembly's file at its first use, and
/// fail with FileNotFoundException). The cache is a plain array: a race between two threads stores
/// the same text twice, which is harmless.
/// </remarks>
internal static unsafe class ErrorText
{
    /// <summary>errno values on Linux stay below 134; resolver codes are cached from this offset.</summary>
    private const int ErrnoSlots = 256;
    private const int HostErrorSlots = 16;

    private static readonly string?[] s_cache = new string?[ErrnoSlots + HostErrorSlots];

    /// <summary>PHP's <c>sockets_strerror</c>.</summary>
    internal static string For(int code)
    {
        int slot = Slot(code);
        if (slot >= 0 && Volatile.Read(ref s_cache[slot]) is { } cached) return cached;
        string text = code < -10000 ? HostErrorText(-code - 10000) : Marshal.PtrToStringUTF8((nint)Libc.StrError(code)) ?? $"Unknown error {code}";
        if (slot >= 0) Volatile.Write(ref s_cache[slot], text);
        return text;
    }

    private static int Slot(int code) => code switch
    {
        >= 0 and < ErrnoSlots => code,
        < -10000 and > -10000 - HostErrorSlots => ErrnoSlots + (-code - 10000),
        _ => -1,
    };

    private static string HostErrorText(int hostError) =>
        Marshal.PtrToStringUTF8((nint)Libc.HStrError(hostError)) ?? "Unknown resolver error";
}
