using System;
using PhpSockets.Conformance.Values;

namespace PhpSockets.Conformance.Evaluation;

/// <summary>PHP's <c>.</c> and <c>|</c> on any two values.</summary>
public static class Operators
{
    /// <summary>concat_function: both sides converted to strings, left first.</summary>
    public static PhpString Concat(object? left, object? right, Diagnostics diagnostics)
    {
        PhpString l = PhpConversions.ToPhpString(left, diagnostics);
        PhpString r = PhpConversions.ToPhpString(right, diagnostics);
        return l + r;
    }

    /// <summary>
    /// bitwise_or_function: two strings are or-ed byte by byte (the result as long as the longer);
    /// otherwise both sides become integers, with PHP 8's TypeError for arrays, objects and
    /// non-numeric strings, its warning for leading-numeric ones and its deprecation for floats
    /// with a fraction.
    /// </summary>
    public static object BitwiseOr(object? left, object? right, Diagnostics diagnostics)
    {
        if (left is long a && right is long b) return a | b;
        if (left is PhpString ls && right is PhpString rs)
        {
            ReadOnlySpan<byte> longer = ls.Length >= rs.Length ? ls.Span : rs.Span;
            ReadOnlySpan<byte> shorter = ls.Length >= rs.Length ? rs.Span : ls.Span;
            var result = longer.ToArray();
            for (int i = 0; i < shorter.Length; i++) result[i] |= shorter[i];
            return new PhpString(result);
        }
        long? l = ToOperand(left, diagnostics);
        long? r = l is null ? null : ToOperand(right, diagnostics);
        if (l is null || r is null)
            throw new PhpTypeError($"Unsupported operand types: {PhpConversions.TypeName(left)} | {PhpConversions.TypeName(right)}");
        return l.Value | r.Value;
    }

    /// <summary>zendi_try_get_long: null when the operand cannot be an integer.</summary>
    private static long? ToOperand(object? value, Diagnostics diagnostics)
    {
        switch (value)
        {
            case long n:
                return n;
            case null:
                return 0;
            case bool b:
                return b ? 1 : 0;
            case double d:
                return FromDouble(d, diagnostics);
            case PhpString s:
                NumericKind kind = NumericString.Parse(s.Span, out long l, out double dv, out bool trailing);
                if (kind == NumericKind.None) return null;
                if (trailing) diagnostics.Warning("A non-numeric value encountered");
                return kind == NumericKind.Long ? l : FromDouble(dv, diagnostics);
            default:
                return null;
        }
    }

    private static long FromDouble(double d, Diagnostics diagnostics)
    {
        long n = PhpConversions.DoubleToLongWrapping(d);
        if (!PhpConversions.IsLongCompatible(d))
            diagnostics.Deprecated($"Implicit conversion from float {PhpFloat.Format(d, PhpFloat.SerializePrecision)} to int loses precision");
        return n;
    }
}
