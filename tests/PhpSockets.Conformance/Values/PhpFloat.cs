using System;
using System.Globalization;
using System.Text;

namespace PhpSockets.Conformance.Values;

/// <summary>
/// PHP's float to text (php_gcvt): <c>precision</c> significant digits, exponential form ("1.0E+25")
/// when the decimal point falls more than <c>precision</c> places to the right or more than 4 to the
/// left. Casts and concatenation use the INI <c>precision</c> (14); var_dump and engine messages use
/// <c>serialize_precision</c> -1, the shortest text that reads back to the same double.
/// </summary>
public static class PhpFloat
{
    /// <summary>PHP's default <c>precision</c> INI value: (string) casts, <c>.</c>.</summary>
    public const int Precision = 14;

    /// <summary>Stands for <c>serialize_precision = -1</c>: shortest round-trip digits, laid out as with 17.</summary>
    public const int SerializePrecision = -1;

    public static string Format(double value, int precision)
    {
        if (double.IsNaN(value)) return "NAN";
        if (double.IsPositiveInfinity(value)) return "INF";
        if (double.IsNegativeInfinity(value)) return "-INF";
        bool negative = double.IsNegative(value);
        if (value == 0) return negative ? "-0" : "0";

        (string digits, int decimalPoint) = Digits(Math.Abs(value), precision);
        int width = precision == SerializePrecision ? 17 : precision;
        var text = new StringBuilder();
        if (negative) text.Append('-');
        if (decimalPoint < 0 ? decimalPoint < -3 : decimalPoint > width)
        {
            int exponent = decimalPoint - 1;
            text.Append(digits[0]).Append('.');
            text.Append(digits.Length == 1 ? "0" : digits[1..]);
            text.Append('E').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        }
        else if (decimalPoint <= 0)
        {
            text.Append("0.").Append('0', -decimalPoint).Append(digits);
        }
        else
        {
            text.Append(digits.Length <= decimalPoint ? digits + new string('0', decimalPoint - digits.Length) : digits[..decimalPoint]);
            if (digits.Length > decimalPoint) text.Append('.').Append(digits[decimalPoint..]);
        }
        return text.ToString();
    }

    /// <summary>
    /// The significant digits without trailing zeros, and the decimal point's position as dtoa gives
    /// it (value = 0.DIGITS × 10^position).
    /// </summary>
    private static (string Digits, int DecimalPoint) Digits(double magnitude, int precision)
    {
        // "R" gives the shortest digits that read back exactly; "E<n>" rounds to n + 1 digits.
        string text = precision == SerializePrecision
            ? ShortestExponential(magnitude)
            : magnitude.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        string mantissa = text[..e].Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
        int exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return (mantissa.Length == 0 ? "0" : mantissa, exponent + 1);
    }

    private static string ShortestExponential(double magnitude)
    {
        string r = magnitude.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E');
        string mantissa = e < 0 ? r : r[..e];
        int exponent = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int point = mantissa.IndexOf('.');
        string digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        int position = (point < 0 ? mantissa.Length : point) + exponent;
        int leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0') leadingZeros++;
        digits = digits[leadingZeros..];
        position -= leadingZeros;
        return digits[0] + "." + (digits.Length > 1 ? digits[1..] : "0") + "E" + (position - 1).ToString(CultureInfo.InvariantCulture);
    }
}
