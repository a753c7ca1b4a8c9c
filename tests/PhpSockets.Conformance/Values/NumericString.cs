using System;
using System.Globalization;
using System.Text;

namespace PhpSockets.Conformance.Values;

/// <summary>What <see cref="NumericString.Parse"/> found.</summary>
public enum NumericKind
{
    /// <summary>Not numeric at all ("abc", "").</summary>
    None,
    /// <summary>An integer that fits a long ("12", " 12 ").</summary>
    Long,
    /// <summary>A float, or an integer too large for a long ("1.5", "1e3").</summary>
    Double,
}

/// <summary>PHP 8's numeric strings (_is_numeric_string_ex): surrounding whitespace allowed, no hex.</summary>
public static class NumericString
{
    /// <summary>
    /// Parses <paramref name="s"/>; <paramref name="trailingData"/> tells a leading-numeric string
    /// ("5x") from a numeric one. A string with trailing data still reports its numeric prefix.
    /// </summary>
    public static NumericKind Parse(ReadOnlySpan<byte> s, out long longValue, out double doubleValue, out bool trailingData)
    {
        longValue = 0;
        doubleValue = 0;
        trailingData = false;
        int i = 0;
        while (i < s.Length && IsWhitespace(s[i])) i++;
        int start = i;
        if (i < s.Length && (s[i] == (byte)'+' || s[i] == (byte)'-')) i++;
        int integerStart = i;
        while (i < s.Length && IsDigit(s[i])) i++;
        int integerDigits = i - integerStart;
        bool isDouble = false;
        int fractionDigits = 0;
        if (i < s.Length && s[i] == (byte)'.')
        {
            int j = i + 1;
            while (j < s.Length && IsDigit(s[j])) j++;
            fractionDigits = j - i - 1;
            if (integerDigits > 0 || fractionDigits > 0)
            {
                isDouble = true;
                i = j;
            }
        }
        if (integerDigits == 0 && fractionDigits == 0) return NumericKind.None;
        if (i < s.Length && (s[i] == (byte)'e' || s[i] == (byte)'E'))
        {
            int j = i + 1;
            if (j < s.Length && (s[j] == (byte)'+' || s[j] == (byte)'-')) j++;
            if (j < s.Length && IsDigit(s[j]))
            {
                while (j < s.Length && IsDigit(s[j])) j++;
                isDouble = true;
                i = j;
            }
        }
        int end = i;
        while (i < s.Length && IsWhitespace(s[i])) i++;
        trailingData = i < s.Length;
        string number = Encoding.ASCII.GetString(s[start..end]);
        if (!isDouble && long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out longValue))
            return NumericKind.Long;
        doubleValue = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        return NumericKind.Double;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
