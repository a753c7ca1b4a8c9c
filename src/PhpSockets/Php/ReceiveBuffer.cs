using System;
using System.Runtime.InteropServices;

namespace PhpSockets;

/// <summary>
/// Where the PHP-shaped receive functions land bytes before they become the returned string: a
/// per-thread 64 KiB buffer for the usual sizes, native memory above. PHP allocates the whole
/// requested length up front; a receive cannot return more than the kernel holds, so requests above
/// <see cref="MaxLength"/> are served from a buffer of that size (a stream read may return less, as
/// it may anyway).
/// </summary>
/// <remarks>
/// Large buffers come from malloc, not the GC heap: the kernel touches only the pages it fills, so
/// a huge length costs what arrives, and a heap capped with DOTNET_GCHeapHardLimit is not spent on
/// room that stays empty (a pooled 16 MiB array would stay on the heap for ever). Only the string
/// returned is managed; if even that cannot be had, the caller gets PHP's out-of-memory fatal
/// error text as a <see cref="PhpError"/> (<see cref="MemoryExhausted"/>), never an
/// OutOfMemoryException.
/// </remarks>
internal unsafe ref struct ReceiveBuffer
{
    internal const int ScratchLength = 64 * 1024;
    internal const int MaxLength = 16 * 1024 * 1024;

    [ThreadStatic]
    private static byte[]? t_scratch;

    private byte* _native;

    internal ReceiveBuffer(long requested)
    {
        int length = (int)Math.Min(requested, MaxLength);
        if (length <= ScratchLength)
        {
            Span = (t_scratch ??= new byte[ScratchLength]).AsSpan(0, length);
        }
        else
        {
            try
            {
                _native = (byte*)NativeMemory.Alloc((nuint)length);
            }
            catch (OutOfMemoryException)
            {
                throw MemoryExhausted(length);
            }
            Span = new Span<byte>(_native, length);
        }
    }

    internal Span<byte> Span { get; }

    internal readonly PhpString ToPhpString(int count)
    {
        try
        {
            return new(Span[..count]);
        }
        catch (OutOfMemoryException)
        {
            throw MemoryExhausted(count);
        }
    }

    /// <summary>
    /// PHP's fatal error for an allocation past its memory limit, with the GC heap's limit as that
    /// limit (docs/divergences.md): PHP would end the script; here the caller can catch it.
    /// </summary>
    internal static PhpError MemoryExhausted(long requested) =>
        new($"Allowed memory size of {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes} bytes exhausted (tried to allocate {requested} bytes)");

    public void Dispose()
    {
        if (_native is not null) NativeMemory.Free(_native);
        _native = null;
    }
}
