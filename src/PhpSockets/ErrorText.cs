using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using PhpSockets.Interop;

namespace PhpSockets;

/// <summary>
/// The C library's texts for error codes, as <c>socket_strerror</c> gives them: strerror for errno
/// values, hstrerror for resolver failures (codes below -10000, stored as -10000 - h_errno).
/// </summary>
internal static unsafe class ErrorText
{
    private static readonly ConcurrentDictionary<int, string> s_cache = new();

    /// <summary>PHP's <c>sockets_strerror</c>.</summary>
    internal static string For(int code)
    {
        if (s_cache.TryGetValue(code, out string? text)) return text;
        text = code < -10000 ? HostErrorText(-code - 10000) : Marshal.PtrToStringUTF8((nint)Libc.StrError(code)) ?? $"Unknown error {code}";
        if (code is >= -20000 and <= 20000) s_cache.TryAdd(code, text);
        return text;
    }

    private static string HostErrorText(int hostError) =>
        Marshal.PtrToStringUTF8((nint)Libc.HStrError(hostError)) ?? "Unknown resolver error";
}
