using System.Collections.Generic;

namespace PhpSockets.Conformance.Evaluation;

/// <summary>The scenario's global variables. A variable holding NULL is still defined (PHP's IS_NULL, not IS_UNDEF).</summary>
public sealed class Variables
{
    private readonly Dictionary<string, object?> _values = new();

    public bool TryGet(string name, out object? value) => _values.TryGetValue(name, out value);

    /// <summary>The value, or null when undefined (no warning: for the transcript's own reads).</summary>
    public object? Peek(string name) => _values.GetValueOrDefault(name);

    public void Set(string name, object? value) => _values[name] = value;

    /// <summary>PHP's by-reference passing: an undefined variable is created holding NULL.</summary>
    public VariableReference Reference(string name)
    {
        _values.TryAdd(name, null);
        return new VariableReference(this, name);
    }
}

/// <summary>A variable passed by reference: what the function reads and writes back.</summary>
public sealed class VariableReference(Variables variables, string name)
{
    public string Name { get; } = name;

    public object? Value
    {
        get => variables.Peek(Name);
        set => variables.Set(Name, value);
    }
}
