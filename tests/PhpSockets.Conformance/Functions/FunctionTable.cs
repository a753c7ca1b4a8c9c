using System;
using System.Collections.Generic;

namespace PhpSockets.Conformance.Functions;

/// <summary>
/// Runs one PHP function: converts the arguments with <see cref="CallArguments"/>' accessors, in
/// parameter order as PHP's parameter parsing does, calls PhpSockets and returns the PHP value
/// (false for the library's null, NULL for void).
/// </summary>
public delegate object? Binding(CallArguments arguments);

/// <summary>A function a scenario may call: its PHP signature and, once the library has it, its binding.</summary>
public sealed record FunctionEntry(Signature Signature, Binding? Binding);

/// <summary>
/// The functions scenarios may call, by case-insensitive name: every function of PHP 8.2's sockets
/// extension (those PhpSockets lacks have no binding and throw PHP's "Call to undefined function")
/// and the helpers FORMAT.md allows; also PHP 4's iovec family, which PhpSockets adds (hand-written scenarios).
/// </summary>
public sealed class FunctionTable
{
    private readonly Dictionary<string, FunctionEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>All functions: the sockets extension and the helpers.</summary>
    public static FunctionTable CreateDefault()
    {
        var table = new FunctionTable();
        SocketBindings.Register(table);
        HelperBindings.Register(table);
        IovecBindings.Register(table);
        AtMarkBindings.Register(table);
        return table;
    }

    /// <summary>Adds a function from its PHP signature; a null binding declares it without an implementation yet.</summary>
    public void Add(string signature, Binding? binding)
    {
        var parsed = Signature.Parse(signature);
        if (!_entries.TryAdd(parsed.Name, new FunctionEntry(parsed, binding)))
            throw new InvalidOperationException($"{parsed.Name} is declared twice");
    }

    /// <summary>Adds <paramref name="alias"/> with the signature and binding of <paramref name="name"/> (socket_getopt...).</summary>
    public void AddAlias(string alias, string name)
    {
        FunctionEntry target = _entries[name];
        string signature = alias + target.Signature.ToString()[target.Signature.Name.Length..];
        _entries.Add(alias, new FunctionEntry(Signature.Parse(signature), target.Binding));
    }

    public FunctionEntry? Find(string name) => _entries.GetValueOrDefault(name);

    public IEnumerable<FunctionEntry> Entries => _entries.Values;
}
