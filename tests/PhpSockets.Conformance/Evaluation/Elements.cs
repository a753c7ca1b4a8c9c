using PhpSockets.Conformance.Values;

namespace PhpSockets.Conformance.Evaluation;

/// <summary>PHP's read of <c>$container[$key]</c> (FETCH_DIM_R) on every kind of container.</summary>
public static class Elements
{
    public static object? Read(object? container, object? key, Diagnostics diagnostics)
    {
        switch (container)
        {
            case PhpArray array:
                object normalized = ArrayKeys.Normalize(key, diagnostics);
                if (array.TryGetValue(normalized, out object? value)) return PhpConversions.FromLibrary(value);
                diagnostics.Warning(normalized is long n
                    ? $"Undefined array key {n}"
                    : $"Undefined array key \"{PhpConversions.MessageText((PhpString)normalized)}\"");
                return null;
            case PhpString text:
                return StringOffset(text, key, diagnostics);
            case null or bool or long or double or System.IO.Stream:
                diagnostics.Warning($"Trying to access array offset on value of type {PhpConversions.TypeName(container)}");
                return null;
            default:
                throw new PhpError($"Cannot use object of type {PhpObjects.ClassName(container)} as array");
        }
    }

    private static PhpString StringOffset(PhpString text, object? key, Diagnostics diagnostics)
    {
        long offset;
        switch (key)
        {
            case long n:
                offset = n;
                break;
            case PhpString s when ArrayKeys.CanonicalInteger(s.Span) is { } n:
                offset = n;
                break;
            case null or bool or double:
                diagnostics.Warning("String offset cast occurred");
                offset = key switch { bool b => b ? 1 : 0, double d => PhpConversions.DoubleToLongWrapping(d), _ => 0 };
                break;
            default:
                throw new PhpTypeError($"Cannot access offset of type {PhpConversions.TypeName(key)} on string");
        }
        long index = offset < 0 ? offset + text.Length : offset;
        if (index < 0 || index >= text.Length)
        {
            diagnostics.Warning($"Uninitialized string offset {offset}");
            return PhpString.Empty;
        }
        return new PhpString(text.Span.Slice((int)index, 1));
    }
}
