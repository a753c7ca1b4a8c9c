using System;

namespace EchoServers;

/// <summary>The bytes a client is owed: what a write did not take, kept until the socket can take it.</summary>
internal sealed class Owed
{
    private byte[] _bytes = [];
    private int _start, _end;

    public int Count => _end - _start;

    public ReadOnlySpan<byte> Pending => _bytes.AsSpan(_start, Count);

    public void Set(ReadOnlySpan<byte> rest)
    {
        if (_bytes.Length < rest.Length) _bytes = new byte[Math.Max(rest.Length, 4096)];
        rest.CopyTo(_bytes);
        _start = 0;
        _end = rest.Length;
    }

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end) _start = _end = 0;
    }
}
