namespace PhpSockets;

/// <summary>
/// PHP's conversions of socket_set_option's untyped <c>$value</c>, with the engine's diagnostics:
/// <c>convert_to_long</c> warns for an object, string conversion warns for an array and throws for
/// an object, <c>convert_to_array</c> wraps a scalar. Values are first normalised to PHP's types:
/// null, bool, long, double, <see cref="PhpString"/>, <see cref="PhpArray"/>, or an object.
/// </summary>
internal static class OptionValue
{
    /// <summary>C# strings and byte arrays become <see cref="PhpString"/>, integer types long, float double.</summary>
    internal static object? Normalize(object? value) => value switch
    {
        null or bool or long or double or PhpString or PhpArray => value,
        string s => (PhpString)s,
        byte[] bytes => new PhpString(bytes),
        int i => (long)i,
        short s => (long)s,
        sbyte b => (long)b,
        byte b => (long)b,
        ushort u => (long)u,
        uint u => (long)u,
        float f => (double)f,
        _ => value,
    };

    /// <summary>
    /// <c>convert_to_long</c>: PHP's integer value; an object gives 1 after the warning
    /// <c>Object of class Socket could not be converted to int</c>.
    /// </summary>
    internal static long ToLong(object? value)
    {
        if (IsObject(value))
        {
            PhpWarnings.Warn($"Object of class {ClassName(value!)} could not be converted to int");
            return 1;
        }
        return PhpValues.ToLong(value);
    }

    /// <summary>
    /// <c>zval_get_string</c>: an array gives "Array" after the warning <c>Array to string conversion</c>;
    /// an object (Socket has no __toString) gives "" and leaves PHP's Error in <paramref name="pending"/>
    /// (the first one wins), to be thrown when the function returns, as the engine does.
    /// </summary>
    internal static PhpString ToPhpString(object? value, ref PhpError? pending)
    {
        if (value is PhpArray)
        {
            PhpWarnings.Warn("Array to string conversion");
            return "Array";
        }
        if (IsObject(value))
        {
            pending ??= new PhpError($"Object of class {ClassName(value!)} could not be converted to string");
            return PhpString.Empty;
        }
        return PhpValues.ToPhpString(value);
    }

    /// <summary><c>convert_to_array</c>: null gives [], a scalar [scalar], an object its properties (none for Socket).</summary>
    internal static PhpArray ToArray(object? value) => value switch
    {
        PhpArray array => array,
        null => new PhpArray(),
        _ when IsObject(value) => new PhpArray(),
        _ => new PhpArray { value },
    };

    private static bool IsObject(object? value) => value is not (null or bool or long or double or PhpString or PhpArray);

    private static string ClassName(object value) => value is Socket ? "Socket" : value.GetType().Name;
}
