using System;
using System.Globalization;

namespace PhpSockets;

/// <summary>
/// PHP's conversions of untyped values (<c>mixed</c> parameters such as socket_set_option's $value),
/// as the engine performs them without notices: <c>convert_to_long</c>, <c>zval_get_string</c>,
/// truthiness, and the PHP type names used in TypeError messages.
/// </summary>
public static class PhpValues
{
    /// <summary>PHP's <c>zval_get_long</c>: null 0, bool 0/1, floats truncated, numeric string prefixes, arrays 0 or 1.</summary>
    public static long ToLong(object? value) => value switch
    {
        null => 0,
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        short s => s,
        byte b => b,
        uint u => u,
        double d => DoubleToLong(d),
        float f => DoubleToLong(f),
        PhpString s => StringToLong(s.ToString()),
        string s => StringToLong(s),
        PhpArray a => a.Count == 0 ? 0 : 1,
        _ => 1,
    };

    /// <summary>PHP's truthiness (<c>zval_is_true</c>).</summary>
    public static bool ToBool(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        PhpString s => !(s.Length == 0 || (s.Length == 1 && s[0] == (byte)'0')),
        string s => !(s.Length == 0 || s == "0"),
        PhpArray a => a.Count != 0,
        _ => true,
    };

    /// <summary>PHP's <c>zval_get_string</c> for scalars: true "1", false and null "", numbers in PHP's format.</summary>
    public static PhpString ToPhpString(object? value) => value switch
    {
        null => PhpString.Empty,
        bool b => b ? "1" : "",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => DoubleToString(d),
        PhpString s => s,
        string s => s,
        byte[] bytes => bytes,
        PhpArray => "Array",
        _ => value.ToString() ?? "",
    };

    /// <summary>PHP's type name of a value as TypeError messages print it (int, string, array, null, Socket...).</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "null",
        bool => "bool",
        long or int or short or byte or uint => "int",
        double or float => "float",
        PhpString or string => "string",
        PhpArray => "array",
        _ => value.GetType().Name,
    };

    /// <summary>PHP's float to string conversion with its default precision of 14 ("0.1", "1.0E+25", "INF", "NAN").</summary>
    public static string DoubleToString(double d)
    {
        if (double.IsNaN(d)) return "NAN";
        if (double.IsInfinity(d)) return d > 0 ? "INF" : "-INF";
        string text = d.ToString("G14", CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        if (e < 0) return text;
        string mantissa = text[..e];
        if (!mantissa.Contains('.')) mantissa += ".0";
        string exponent = text[(e + 1)..];
        char sign = exponent[0] == '-' ? '-' : '+';
        return $"{mantissa}E{sign}{exponent.TrimStart('+', '-').TrimStart('0')}";
    }

    private static long DoubleToLong(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) return 0;
        if (d >= 9.2233720368547758E18 || d < -9.2233720368547758E18)
        {
            // PHP 8 on 64-bit: out-of-range floats wrap modulo 2^64.
            double m = Math.IEEERemainder(Math.Truncate(d), 18446744073709551616.0);
            return unchecked((long)(ulong)(m < 0 ? m + 18446744073709551616.0 : m));
        }
        return (long)d;
    }

    /// <summary>The leading integer of a string as <c>(int)"12abc"</c> reads it: whitespace, sign, digits; 0 when none.</summary>
    private static long StringToLong(string s)
    {
        int i = 0;
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\r' or '\v' or '\f') i++;
        int start = i;
        if (i < s.Length && s[i] is '+' or '-') i++;
        int digitsStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == digitsStart) return 0;
        // A float-looking prefix ("1.5", "1e3") converts through double, as PHP does.
        if (i < s.Length && s[i] is '.' or 'e' or 'E' && double.TryParse(s.AsSpan(start), NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            return DoubleToLong(d);
        return long.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : (s[start] == '-' ? long.MinValue : long.MaxValue);
    }
}
