using System;
using System.Collections.Generic;
using System.Text;

namespace PhpSockets;

/// <summary>
/// A PHP string: a sequence of bytes, not of characters. What <c>socket_read</c> returns, written
/// back with <c>socket_write</c>, is the same bytes whatever they are. A C# <see cref="string"/>
/// converts to the UTF-8 bytes a PHP source literal would hold; <see cref="Length"/> counts bytes,
/// as <c>strlen</c> does. The default value is the empty string.
/// </summary>
public readonly struct PhpString : IEquatable<PhpString>
{
    private readonly byte[]? _bytes;

    /// <summary>Wraps <paramref name="bytes"/> without copying; the caller must not change them afterwards.</summary>
    public PhpString(byte[] bytes) => _bytes = bytes;

    /// <summary>Copies <paramref name="bytes"/>.</summary>
    public PhpString(ReadOnlySpan<byte> bytes) => _bytes = bytes.ToArray();

    /// <summary>The empty string.</summary>
    public static PhpString Empty => default;

    /// <summary>The number of bytes (PHP's <c>strlen</c>).</summary>
    public int Length => _bytes?.Length ?? 0;

    /// <summary>The bytes, without a copy.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>The byte at <paramref name="index"/>.</summary>
    public byte this[int index] => Span[index];

    /// <summary>The bytes as a new array.</summary>
    public byte[] ToArray() => Span.ToArray();

    /// <summary>UTF-8 bytes of <paramref name="text"/>, as a PHP literal holds them.</summary>
    public static implicit operator PhpString(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>Wraps <paramref name="bytes"/> without copying.</summary>
    public static implicit operator PhpString(byte[] bytes) => new(bytes);

    /// <summary>PHP's <c>.</c> operator.</summary>
    public static PhpString operator +(PhpString left, PhpString right)
    {
        var result = new byte[left.Length + right.Length];
        left.Span.CopyTo(result);
        right.Span.CopyTo(result.AsSpan(left.Length));
        return new PhpString(result);
    }

    /// <summary>Byte-wise equality.</summary>
    public static bool operator ==(PhpString left, PhpString right) => left.Equals(right);

    /// <summary>Byte-wise inequality.</summary>
    public static bool operator !=(PhpString left, PhpString right) => !left.Equals(right);

    /// <summary>Byte-wise equality.</summary>
    public bool Equals(PhpString other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PhpString other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Span);
        return hash.ToHashCode();
    }

    /// <summary>PHP's <c>trim()</c> with its default characters: space, \t, \n, \r, \0 and \x0B.</summary>
    public PhpString Trim()
    {
        ReadOnlySpan<byte> s = Span;
        int start = 0, end = s.Length;
        while (start < end && IsTrimmed(s[start])) start++;
        while (end > start && IsTrimmed(s[end - 1])) end--;
        return start == 0 && end == s.Length ? this : new PhpString(s[start..end]);
    }

    private static bool IsTrimmed(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0 or 0x0B;

    /// <summary>The bytes decoded as UTF-8 (invalid sequences become U+FFFD): for display only.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Span);

    /// <summary>The bytes decoded as Latin-1: one char per byte, reversible with <see cref="FromLatin1"/>.</summary>
    public string ToLatin1() => Encoding.Latin1.GetString(Span);

    /// <summary>One byte per char of <paramref name="text"/> (each char must be below 256).</summary>
    public static PhpString FromLatin1(string text) => new(Encoding.Latin1.GetBytes(text));

    /// <summary>Concatenates the bytes of <paramref name="parts"/>.</summary>
    public static PhpString Concat(IEnumerable<PhpString> parts)
    {
        var buffer = new List<byte>();
        foreach (PhpString part in parts) buffer.AddRange(part.Span);
        return new PhpString(buffer.ToArray());
    }
}
