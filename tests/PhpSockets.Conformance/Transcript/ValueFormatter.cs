using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PhpSockets.Conformance.Values;

namespace PhpSockets.Conformance.Transcript;

/// <summary>A masked variable and its value at the time of printing.</summary>
public readonly record struct Mask(string Name, object? Value);

/// <summary>Writes values as FORMAT.md's "Values" section says, applying the masks of "Masking".</summary>
public sealed class ValueFormatter(ObjectIds objects)
{
    public string Format(object? value, IReadOnlyList<Mask> masks)
    {
        var text = new StringBuilder();
        Append(text, value, masks);
        return text.ToString();
    }

    private void Append(StringBuilder text, object? value, IReadOnlyList<Mask> masks)
    {
        switch (PhpConversions.FromLibrary(value))
        {
            case null:
                text.Append("NULL");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case long n:
                text.Append(MaskInteger(n, masks) ?? n.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                text.Append("float(").Append(PhpFloat.Format(d, PhpFloat.SerializePrecision)).Append(')');
                break;
            case PhpString s:
                text.Append('"').Append(MaskString(Escape(s.Span), masks)).Append('"');
                break;
            case PhpArray array:
                text.Append('[');
                bool first = true;
                foreach (KeyValuePair<object, object?> entry in array)
                {
                    if (!first) text.Append(", ");
                    first = false;
                    Append(text, entry.Key, masks);
                    text.Append(" => ");
                    Append(text, entry.Value, masks);
                }
                text.Append(']');
                break;
            default:
                text.Append(objects.Label(value!));
                break;
        }
    }

    /// <summary><c>&lt;$name&gt;</c> for an integer equal to a masked integer of magnitude 256 or more.</summary>
    private static string? MaskInteger(long n, IReadOnlyList<Mask> masks)
    {
        foreach (Mask mask in masks)
        {
            if (mask.Value is long m && (m >= 256 || m <= -256) && m == n) return $"<${mask.Name}>";
        }
        return null;
    }

    /// <summary>Replaces each masked non-empty string, compared in escaped form, in mask order.</summary>
    private static string MaskString(string escaped, IReadOnlyList<Mask> masks)
    {
        foreach (Mask mask in masks)
        {
            if (mask.Value is PhpString { Length: > 0 } s)
                escaped = escaped.Replace(Escape(s.Span), $"<${mask.Name}>", StringComparison.Ordinal);
        }
        return escaped;
    }

    /// <summary>Bytes 0x20-0x7E as they are except <c>"</c> and <c>\</c>; every other byte as <c>\xHH</c>.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            if (b == (byte)'"' || b == (byte)'\\') text.Append('\\').Append((char)b);
            else if (b is >= 0x20 and <= 0x7E) text.Append((char)b);
            else text.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
