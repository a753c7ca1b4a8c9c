using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PhpSockets.Conformance.Functions;

/// <summary>
/// One parameter of a PHP signature. <see cref="Type"/> is the declared type as PHP prints it in
/// TypeErrors ("Socket", "?int", "Countable|array"), empty for an untyped (mixed) parameter.
/// </summary>
public sealed record Parameter(int Position, string Name, string Type, bool ByReference, bool Optional, bool Variadic = false)
{
    /// <summary>1-based, as PHP's messages count.</summary>
    public int Number => Position + 1;

    /// <summary>
    /// How PHP's messages name the argument: <c>#2 ($length)</c>, or only <c>#3</c> for one a variadic
    /// parameter takes (PHP has no name for those: <c>array_merge(): Argument #2 must be of type array</c>).
    /// </summary>
    public string Label => Variadic ? $"#{Number}" : $"#{Number} (${Name})";

    public bool Nullable => Type.Length == 0 || Type[0] == '?' || Type.Contains("null", StringComparison.Ordinal);
}

/// <summary>
/// A PHP function signature, written in PHP's own syntax, e.g.
/// <c>socket_recv(Socket $socket, &amp;$data, int $length, int $flags): int|false</c>. It gives the
/// parser the by-reference positions and the bindings the names and types of PHP's messages.
/// </summary>
public sealed partial class Signature
{
    private Signature(string text, string name, IReadOnlyList<Parameter> parameters)
    {
        Text = text;
        Name = name;
        Parameters = parameters;
        Required = 0;
        foreach (Parameter p in parameters)
        {
            if (!p.Optional) Required = p.Number;
        }
    }

    /// <summary>The signature as written.</summary>
    public string Text { get; }

    /// <summary>The function's name, lowercase as PHP registers it.</summary>
    public string Name { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>How many arguments must be passed.</summary>
    public int Required { get; }

    public bool IsByReference(int position) => position < Parameters.Count && Parameters[position].ByReference;

    /// <summary>Whether the last parameter takes any number of arguments (<c>int ...$lengths</c>).</summary>
    public bool IsVariadic => Parameters.Count > 0 && Parameters[^1].Variadic;

    public override string ToString() => Text;

    public static Signature Parse(string text)
    {
        Match m = SignatureSyntax().Match(text);
        if (!m.Success) throw new FormatException($"bad signature: {text}");
        var parameters = new List<Parameter>();
        string list = m.Groups["params"].Value.Trim();
        if (list.Length > 0)
        {
            foreach (string part in list.Split(','))
            {
                Match p = ParameterSyntax().Match(part.Trim());
                if (!p.Success) throw new FormatException($"bad parameter '{part}' in: {text}");
                bool variadic = p.Groups["variadic"].Success; // int ...$lengths: zero or more arguments
                parameters.Add(new Parameter(parameters.Count, p.Groups["name"].Value, p.Groups["type"].Value,
                    p.Groups["ref"].Success, p.Groups["default"].Success || variadic, variadic));
            }
        }
        return new Signature(text, m.Groups["name"].Value, parameters);
    }

    [GeneratedRegex(@"^(?<name>[a-z_0-9]+)\((?<params>.*)\)(:\s*\S+)?$")]
    private static partial Regex SignatureSyntax();

    [GeneratedRegex(@"^((?<type>[?A-Za-z|]+)\s+)?(?<ref>&)?(?<variadic>\.\.\.)?\$(?<name>[a-z_]+)(?<default>\s*=\s*.+)?$")]
    private static partial Regex ParameterSyntax();
}
