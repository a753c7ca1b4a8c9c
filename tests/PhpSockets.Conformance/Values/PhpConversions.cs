using System;
using System.Text;
using PhpSockets.Conformance.Evaluation;

namespace PhpSockets.Conformance.Values;

/// <summary>
/// The PHP values of the runner are plain objects: null, bool, long, double, <see cref="PhpString"/>,
/// the library's <see cref="PhpArray"/> (so arrays pass to and from PhpSockets unconverted), and
/// objects (<see cref="Socket"/>, <see cref="AddressInfo"/>, streams). This class holds PHP's rules
/// for naming and converting them.
/// </summary>
public static class PhpConversions
{
    /// <summary>zend_zval_type_name: the type as PHP 8.2's TypeError messages name it; objects by class.</summary>
    public static string TypeName(object? value) => FromLibrary(value) switch
    {
        null => "null",
        bool => "bool",
        long => "int",
        double => "float",
        PhpString => "string",
        PhpArray => "array",
        _ => PhpObjects.ClassName(value!),
    };

    /// <summary>
    /// A value as the runner models it: the library's arrays may hold C# <see cref="int"/> and
    /// <see cref="string"/> (string keys always are), which stand for PHP's int and string.
    /// </summary>
    public static object? FromLibrary(object? value) => value switch
    {
        int i => (long)i,
        string s => (PhpString)s,
        _ => value,
    };

    /// <summary>PHP's string conversion, as <c>.</c> applies it.</summary>
    public static PhpString ToPhpString(object? value, Diagnostics diagnostics)
    {
        switch (FromLibrary(value))
        {
            case null:
                return PhpString.Empty;
            case bool b:
                return b ? "1" : PhpString.Empty;
            case long n:
                return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case double d:
                return PhpFloat.Format(d, PhpFloat.Precision);
            case PhpString s:
                return s;
            case PhpArray:
                diagnostics.Warning("Array to string conversion");
                return "Array";
            default:
                throw new PhpError($"Object of class {PhpObjects.ClassName(value!)} could not be converted to string");
        }
    }

    /// <summary>zend_dval_to_lval: truncation toward zero, modular outside the long range, 0 for NaN and infinities.</summary>
    public static long DoubleToLongWrapping(double d)
    {
        if (!double.IsFinite(d)) return 0;
        if (d >= -9.2233720368547758E+18 && d < 9.2233720368547758E+18) return (long)d;
        double two64 = 18446744073709551616.0;
        double wrapped = Math.IEEERemainder(Math.Truncate(d), two64);
        if (wrapped < 0) wrapped += two64;
        return unchecked((long)(ulong)wrapped);
    }

    /// <summary>Whether a float converts to int without loss (PHP's zend_is_long_compatible).</summary>
    public static bool IsLongCompatible(double d) =>
        double.IsFinite(d) && d >= -9.2233720368547758E+18 && d < 9.2233720368547758E+18 && Math.Truncate(d) == d;

    /// <summary>The bytes of a message fragment, as PHP would print a raw string inside a message.</summary>
    public static string MessageText(PhpString s) => Encoding.UTF8.GetString(s.Span);
}
