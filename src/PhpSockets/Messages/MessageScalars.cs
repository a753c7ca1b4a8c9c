using System;
using System.Globalization;
using System.Text;

namespace PhpSockets;

/// <summary>
/// How PHP's message conversions read a scalar out of the caller's array: integers the way
/// conversions.c's from_zval_integer_common does (ints, floats truncated, numeric strings; anything
/// else is an error with its own text), strings the way zval_get_string does (with PHP's
/// "Array to string conversion" warning, and PHP's Error for an object without a string form).
/// </summary>
internal static class MessageScalars
{
    /// <summary>
    /// The integer in <paramref name="value"/>, or an error recorded in <paramref name="context"/>
    /// (then 0). An object is turned into a string first: for objects that have none PHP throws, so
    /// the conversion stops silently and <paramref name="pending"/> gets that Error.
    /// </summary>
    internal static long ToInteger(object? value, ConversionContext context, ref PhpError? pending)
    {
        switch (value)
        {
            case long l: return l;
            case int i: return i;
            case double or float: return PhpValues.ToLong(value);
            case PhpString s: return FromString(s.Span, context);
            case string s: return FromString(Encoding.UTF8.GetBytes(s), context);
            case null or bool or PhpArray or System.IO.Stream:
                context.Fail("expected an integer, either of a PHP integer type or of a convertible type");
                return 0;
            default:
                pending ??= NotAString(value);
                context.Abort();
                return 0;
        }
    }

    private static long FromString(ReadOnlySpan<byte> text, ConversionContext context)
    {
        switch (ParseNumeric(text, out long integer, out double real))
        {
            case NumericKind.Integer: return integer;
            case NumericKind.Real: return PhpValues.ToLong(real);
            default:
                // PHP prints the string with %s: it ends at the first NUL byte.
                context.Fail($"expected an integer, but got a non numeric string (possibly from a converted object): '{Encoding.UTF8.GetString(SocketAddress.CString(text))}'");
                return 0;
        }
    }

    /// <summary>
    /// PHP's zval_get_string: arrays become "Array" with a warning; objects without a string form
    /// (Socket, AddressInfo...) make PHP throw: <paramref name="pending"/> gets that Error and the
    /// conversion goes on with "", as PHP's does.
    /// </summary>
    internal static PhpString ToPhpString(object? value, ref PhpError? pending)
    {
        switch (value)
        {
            case PhpArray:
                PhpWarnings.Warn("Array to string conversion");
                return "Array";
            case null or bool or long or int or double or float or PhpString or string or byte[]:
                return PhpValues.ToPhpString(value);
            default:
                pending ??= NotAString(value);
                return PhpString.Empty;
        }
    }

    private static PhpError NotAString(object value) => new($"Object of class {PhpValues.TypeName(value)} could not be converted to string");

    internal enum NumericKind { None, Integer, Real }

    /// <summary>PHP 8's is_numeric_string without errors allowed: optional surrounding whitespace, a decimal integer or float, no hex.</summary>
    internal static NumericKind ParseNumeric(ReadOnlySpan<byte> s, out long integer, out double real)
    {
        integer = 0;
        real = 0;
        int i = 0;
        while (i < s.Length && IsWhitespace(s[i])) i++;
        int start = i;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
        int digitsStart = i;
        while (i < s.Length && char.IsAsciiDigit((char)s[i])) i++;
        int integerDigits = i - digitsStart;
        bool isReal = false;
        if (i < s.Length && s[i] == '.')
        {
            int j = i + 1;
            while (j < s.Length && char.IsAsciiDigit((char)s[j])) j++;
            if (integerDigits == 0 && j == i + 1) return NumericKind.None;
            isReal = true;
            i = j;
        }
        else if (integerDigits == 0)
        {
            return NumericKind.None;
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            int j = i + 1;
            if (j < s.Length && (s[j] == '+' || s[j] == '-')) j++;
            if (j < s.Length && char.IsAsciiDigit((char)s[j]))
            {
                while (j < s.Length && char.IsAsciiDigit((char)s[j])) j++;
                isReal = true;
                i = j;
            }
        }
        int end = i;
        while (i < s.Length && IsWhitespace(s[i])) i++;
        if (i != s.Length) return NumericKind.None;
        string number = Encoding.ASCII.GetString(s[start..end]);
        if (!isReal && long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integer)) return NumericKind.Integer;
        real = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        return NumericKind.Real;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
