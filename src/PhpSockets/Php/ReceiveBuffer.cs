using System;
using System.Buffers;

namespace PhpSockets;

/// <summary>
/// Where the PHP-shaped receive functions land bytes before they become the returned string: a
/// per-thread 64 KiB buffer for the usual sizes, a pooled one above. PHP allocates the whole
/// requested length up front; a receive cannot return more than the kernel holds, so requests above
/// <see cref="MaxLength"/> are served from a buffer of that size (a stream read may return less, as
/// it may anyway).
/// </summary>
internal ref struct ReceiveBuffer
{
    internal const int ScratchLength = 64 * 1024;
    internal const int MaxLength = 16 * 1024 * 1024;

    [ThreadStatic]
    private static byte[]? t_scratch;

    private byte[]? _rented;

    internal ReceiveBuffer(long requested)
    {
        int length = (int)Math.Min(requested, MaxLength);
        if (length <= ScratchLength)
        {
            Span = (t_scratch ??= new byte[ScratchLength]).AsSpan(0, length);
        }
        else
        {
            _rented = ArrayPool<byte>.Shared.Rent(length);
            Span = _rented.AsSpan(0, length);
        }
    }

    internal Span<byte> Span { get; }

    internal readonly PhpString ToPhpString(int count) => new(Span[..count]);

    public void Dispose()
    {
        if (_rented is not null) ArrayPool<byte>.Shared.Return(_rented);
        _rented = null;
    }
}
