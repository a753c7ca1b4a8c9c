using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace PhpSockets.Fuzz;

/// <summary>
/// Reads fuzz bytes as a PHP value: each byte picks a kind (null, bool, an integer at a limit, raw
/// 64 bits, a float, a string from a list of edge cases or raw bytes, an array of keyed values,
/// a Socket, a stream, another object), and the bytes after it its content. Arrays nest up to
/// <see cref="MaxDepth"/>. <see cref="Sanitize"/> then replaces the strings under an "addr" key that could
/// reach DNS (see <see cref="LocalAddress"/>), and a leading '/' of the strings under a "path" key, so a
/// path cannot leave the working folder.
/// </summary>
public sealed class ShapeReader
{
    public const int MaxDepth = 6;

    /// <summary>The keys PHP's message conversions look for, and some it does not.</summary>
    public static readonly string[] Keys =
    [
        "name", "iov", "control", "family", "addr", "port", "flowinfo", "scope_id", "path", "level", "type", "data",
        "pid", "uid", "gid", "ifindex", "buffer_size", "controllen", "flags", "0", "x", "",
    ];

    public static readonly long[] Integers =
    [
        0, 1, -1, 2, 10, 41, 50, 52, 67, 255, 256, 65535, 65536, int.MaxValue, (long)int.MaxValue + 1, int.MinValue,
        (long)int.MinValue - 1, uint.MaxValue, (long)uint.MaxValue + 1, long.MaxValue, long.MinValue, 8192, 104857600, 104857601,
        16, 24, 32, 3, 4, 7, 20, 99,
    ];

    public static readonly double[] Floats = [0.0, 0.5, -1.5, 1.7, 65535.9, 1e20, -1e20, double.NaN, double.PositiveInfinity, 4294967295.5];

    public static readonly string[] Strings =
    [
        "", "127.0.0.1", "::1", "0.0.0.0", "::", "::ffff:127.0.0.1", "::1%lo", "::1%1", "::1%0", "::1%-1", "::1%4294967296", "::1%nosuchif",
        "fe80::1%lo", "1.2.3.4.5", "127.1", "999", "lo", "nosuchif", "abc", "12", " 12 ", "12abc", "1e3", "1.5", "-1", "0x1A",
        "4294967296", "9223372036854775808", "s.sock", "\0abstract", "\0", "a\0b", "1", "0", "+1", " ", "  7  ",
    ];

    private readonly byte[] _data;
    private int _position;
    private readonly Func<Socket?> _socketSource;
    private readonly List<IDisposable> _made = new();

    public ShapeReader(ReadOnlySpan<byte> data, Func<Socket?> socketSource)
    {
        _data = data.ToArray();
        _socketSource = socketSource;
    }

    /// <summary>Streams made for values; the caller disposes them.</summary>
    public IReadOnlyList<IDisposable> Made => _made;

    public bool AtEnd => _position >= _data.Length;

    public byte Next() => _position < _data.Length ? _data[_position++] : (byte)0;

    /// <summary>A top-level array: 0-8 entries, keys mostly from <see cref="Keys"/>.</summary>
    public PhpArray Array(int depth = 0)
    {
        var array = new PhpArray();
        int count = Next() % 9;
        for (int i = 0; i < count && !AtEnd; i++)
        {
            object key = Key();
            array[key] = Value(depth + 1);
        }
        return array;
    }

    private object Key()
    {
        byte b = Next();
        if (b < 200) return Keys[b % Keys.Length];
        return (long)(sbyte)Next();
    }

    public object? Value(int depth)
    {
        byte b = Next();
        switch (b % 16)
        {
            case 0: return null;
            case 1: return (b & 16) != 0;
            case 2:
            case 3: return Integers[Next() % Integers.Length];
            case 4: return BitConverter.ToInt64(Bytes(8).PadRight(8));
            case 5: return Floats[Next() % Floats.Length];
            case 6: return (PhpString)Strings[Next() % Strings.Length];
            case 7: return (PhpString)Bytes(Next() % 130 + (Next() % 4 == 0 ? 300 : 0));
            case 8:
            case 9:
            case 10:
            case 11: return depth < MaxDepth ? Array(depth) : null;
            case 12: return _socketSource();
            case 13: return Stream(Next() % 4);
            case 14: return _socketSource() is { } s ? PassedDescriptor.FromSocket(s) : null;
            default: return new object();
        }
    }

    private Stream? Stream(int kind)
    {
        switch (kind)
        {
            case 0:
                var file = new FileStream("/dev/null", FileMode.Open, FileAccess.ReadWrite);
                _made.Add(file);
                return file;
            case 1:
                var closed = new FileStream("/dev/null", FileMode.Open, FileAccess.Read);
                closed.Dispose();
                return closed;
            case 2:
                return new MemoryStream([1, 2, 3]);
            default:
                return null;
        }
    }

    private byte[] Bytes(int count)
    {
        int n = Math.Min(count, _data.Length - _position);
        byte[] bytes = _data.AsSpan(_position, Math.Max(n, 0)).ToArray();
        _position += Math.Max(n, 0);
        return bytes;
    }

    /// <summary>
    /// Makes <paramref name="array"/> safe to convert: every value under an "addr" key that is not a
    /// local-only address string for both families becomes "127.0.0.2" (a non-string is converted to a
    /// string by the library, and "1", "Array" or "" must not reach the resolver either: they are
    /// checked in their string form), and a leading '/' under a "path" key becomes '_'.
    /// </summary>
    public static void Sanitize(PhpArray array, int depth = 0)
    {
        if (depth > MaxDepth + 1) return;
        foreach (object key in new List<object>(array.Keys))
        {
            object? value = array[key];
            if (key is string k && k == "addr")
            {
                byte[] text = value switch
                {
                    PhpString s => s.ToArray(),
                    PhpArray => "Array"u8.ToArray(),
                    null or bool or long or double => PhpValues.ToPhpString(value).ToArray(),
                    _ => [],
                };
                if (!LocalAddress.IsLocal(text)) array[key] = (PhpString)"127.0.0.2";
                continue;
            }
            if (key is string p && p == "path" && value is PhpString path && path.Length > 0 && path[0] == '/')
            {
                byte[] bytes = path.ToArray();
                bytes[0] = (byte)'_';
                array[key] = (PhpString)bytes;
                continue;
            }
            if (value is PhpArray nested) Sanitize(nested, depth + 1);
        }
    }
}

internal static class ByteArrayExtensions
{
    internal static byte[] PadRight(this byte[] bytes, int length)
    {
        if (bytes.Length >= length) return bytes;
        var padded = new byte[length];
        bytes.CopyTo(padded, 0);
        return padded;
    }
}
