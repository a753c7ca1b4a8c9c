using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace PhpSockets;

/// <summary>
/// A PHP array: an ordered map whose keys are integers (<see cref="long"/>) or strings, for the
/// functions whose PHP values are arrays (options, messages, address information). Keys follow
/// PHP's rules: an <see cref="int"/> becomes a <see cref="long"/>, and a string holding a canonical
/// decimal integer ("5", "-3", not "05") becomes that integer. <see cref="Add"/> appends under the
/// next integer key, as <c>$a[] = $v</c> does, so collection initializers read like PHP literals:
/// <c>new PhpArray { ["sec"] = 1, ["usec"] = 0 }</c>.
/// Values are PHP values: null, bool, long, double, <see cref="PhpString"/>, <see cref="PhpArray"/>,
/// <see cref="Socket"/>, or other objects.
/// </summary>
public sealed class PhpArray : IEnumerable<KeyValuePair<object, object?>>
{
    private readonly OrderedDictionary<object, object?> _items = new();
    private long _nextIndex;

    /// <summary>The number of elements.</summary>
    public int Count => _items.Count;

    /// <summary>True when the keys are 0, 1, 2... in order (PHP's packed list).</summary>
    public bool IsList
    {
        get
        {
            long expected = 0;
            foreach (object key in _items.Keys)
            {
                if (key is not long index || index != expected++) return false;
            }
            return true;
        }
    }

    /// <summary>The keys, in order.</summary>
    public IEnumerable<object> Keys => _items.Keys;

    /// <summary>The values, in order.</summary>
    public IEnumerable<object?> Values => _items.Values;

    /// <summary>Gets or sets the value under <paramref name="key"/> (an integer or a string); a missing key reads as null.</summary>
    public object? this[object key]
    {
        get => _items.TryGetValue(NormalizeKey(key), out object? value) ? value : null;
        set
        {
            object k = NormalizeKey(key);
            _items[k] = value;
            if (k is long index && index >= _nextIndex) _nextIndex = index == long.MaxValue ? index : index + 1;
        }
    }

    /// <summary>Appends <paramref name="value"/> under the next integer key (<c>$a[] = $value</c>).</summary>
    public void Add(object? value) => this[_nextIndex] = value;

    /// <summary>Whether <paramref name="key"/> exists (PHP's <c>array_key_exists</c>).</summary>
    public bool ContainsKey(object key) => _items.ContainsKey(NormalizeKey(key));

    /// <summary>Reads the value under <paramref name="key"/>, telling whether the key exists.</summary>
    public bool TryGetValue(object key, out object? value) => _items.TryGetValue(NormalizeKey(key), out value);

    /// <summary>The element at <paramref name="position"/> in order.</summary>
    public KeyValuePair<object, object?> GetAt(int position) => _items.GetAt(position);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<object, object?>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>PHP's key normalisation: int to long, canonical decimal strings to long, bool to 0/1, PhpString to string.</summary>
    public static object NormalizeKey(object key) => key switch
    {
        long l => l,
        int i => (long)i,
        bool b => b ? 1L : 0L,
        PhpString s => NormalizeStringKey(s.ToString()),
        string s => NormalizeStringKey(s),
        _ => throw new ArgumentException($"A PHP array key must be an integer or a string, not {key.GetType().Name}.", nameof(key)),
    };

    private static object NormalizeStringKey(string s)
    {
        if (s.Length == 0 || s.Length > 20) return s;
        bool canonical = s == "0" || (s[0] == '-' ? s.Length > 1 && s[1] is >= '1' and <= '9' : s[0] is >= '1' and <= '9');
        if (!canonical) return s;
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : s;
    }
}
