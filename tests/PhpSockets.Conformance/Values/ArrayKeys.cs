using System;
using PhpSockets.Conformance.Evaluation;

namespace PhpSockets.Conformance.Values;

/// <summary>PHP's array key rules: which values may be keys and what they become.</summary>
public static class ArrayKeys
{
    /// <summary>
    /// The key a value stands for: integers stay, a string holding a canonical decimal integer becomes
    /// that integer, booleans become 0 or 1, null becomes "", a float is truncated (with PHP 8.1's
    /// deprecation when that loses a fraction). Arrays and objects throw PHP's TypeError.
    /// </summary>
    public static object Normalize(object? key, Diagnostics diagnostics)
    {
        switch (key)
        {
            case long:
                return key;
            case PhpString s:
                return CanonicalInteger(s.Span) is { } n ? n : s;
            case bool b:
                return b ? 1L : 0L;
            case null:
                return PhpString.Empty;
            case double d:
                long truncated = PhpConversions.DoubleToLongWrapping(d);
                if (!double.IsFinite(d) || truncated != d)
                    diagnostics.Deprecated($"Implicit conversion from float {PhpFloat.Format(d, PhpFloat.SerializePrecision)} to int loses precision");
                return truncated;
            default:
                throw new PhpTypeError("Illegal offset type");
        }
    }

    /// <summary>The integer a string key stands for ("0", "-12", no leading zeros, no "-0"), or null.</summary>
    public static long? CanonicalInteger(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s.Length > 20) return null;
        int i = 0;
        bool negative = s[0] == (byte)'-';
        if (negative) i++;
        if (i == s.Length) return null;
        if (s[i] == (byte)'0' && (s.Length - i > 1 || negative)) return null;
        ulong magnitude = 0;
        for (; i < s.Length; i++)
        {
            if (s[i] is < (byte)'0' or > (byte)'9') return null;
            ulong next = magnitude * 10 + (ulong)(s[i] - '0');
            if (next / 10 != magnitude) return null;
            magnitude = next;
        }
        if (negative) return magnitude <= (ulong)long.MaxValue + 1 ? (long)(0 - magnitude) : null;
        return magnitude <= long.MaxValue ? (long)magnitude : null;
    }
}
