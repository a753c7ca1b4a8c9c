using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PhpSockets;

/// <summary>
/// Where a message conversion is and whether it failed, as PHP's conversions.c keeps it: a path of
/// keys from "msghdr" down (joined by " > " in the message) and the first error only. PHP reports
/// that error as one warning once the conversion stops:
/// <c>error converting user data (path: msghdr &gt; name &gt; port): ...</c> (from PHP values to C)
/// or <c>error converting native data (...)</c> (from C to PHP values).
/// </summary>
internal sealed class ConversionContext
{
    private readonly List<string> _path = new(8);
    private readonly string _direction;

    private ConversionContext(string direction, string root)
    {
        _direction = direction;
        _path.Add(root);
    }

    /// <summary>A conversion of the caller's array into C structures.</summary>
    internal static ConversionContext FromUser() => new("user", "msghdr");

    /// <summary>A conversion of what the kernel returned into PHP values.</summary>
    internal static ConversionContext FromNative() => new("native", "msghdr");

    /// <summary>True once an error has been recorded; later errors are ignored, as PHP ignores them.</summary>
    internal bool HasError => Error is not null;

    /// <summary>The full warning text (without the function prefix), or null.</summary>
    internal string? Error { get; private set; }

    /// <summary>Set when the conversion stopped on a PHP exception (an object that cannot become a string): no warning then.</summary>
    internal bool Aborted { get; private set; }

    internal void Push(string key) => _path.Add(key);

    internal void Pop() => _path.RemoveAt(_path.Count - 1);

    /// <summary>Enters an element of a list: PHP names them <c>element #N</c>.</summary>
    internal void PushElement(long number) => _path.Add("element #" + number.ToString(CultureInfo.InvariantCulture));

    /// <summary>Records <paramref name="message"/> at the current path unless an error is already recorded.</summary>
    internal void Fail(string message)
    {
        if (HasError) return;
        var text = new StringBuilder("error converting ").Append(_direction).Append(" data (path: ");
        text.AppendJoin(" > ", _path);
        Error = text.Append("): ").Append(message).ToString();
    }

    /// <summary>Stops the conversion without a message (an exception is on its way to the caller).</summary>
    internal void Abort()
    {
        if (HasError) return;
        Aborted = true;
        Error = "";
    }
}
