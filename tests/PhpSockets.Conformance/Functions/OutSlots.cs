using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PhpSockets.Conformance.Evaluation;

namespace PhpSockets.Conformance.Functions;

/// <summary>
/// Tells a by-reference output the library left untouched from one it wrote: PHP leaves the
/// variable's old value in place then (e.g. <c>$port</c> for AF_UNIX, <c>$data</c> when the length
/// is 0). The binding passes a sentinel and writes the variable back only when it changed.
/// </summary>
public static class OutSlots
{
    private static readonly byte[] s_sentinelBytes = [0x55];

    /// <summary>A string the library cannot produce: recognised by the identity of its buffer.</summary>
    public static PhpString? UntouchedString => new PhpString(s_sentinelBytes);

    /// <summary>No port is int.MinValue.</summary>
    public const int UntouchedPort = int.MinValue;

    public static bool IsUntouched(PhpString? value) =>
        value is { Length: 1 } s && Unsafe.AreSame(ref MemoryMarshal.GetReference(s.Span), ref s_sentinelBytes[0]);

    /// <summary>Writes a string output back (NULL for the library's null) unless it is still the sentinel.</summary>
    public static void Store(VariableReference? reference, PhpString? value)
    {
        if (reference is null || IsUntouched(value)) return;
        reference.Value = value is { } s ? s : (object?)null;
    }

    /// <summary>Writes a port back unless the library left it untouched.</summary>
    public static void Store(VariableReference? reference, int port)
    {
        if (reference is null || port == UntouchedPort) return;
        reference.Value = (long)port;
    }
}
