using System.Collections.Generic;
using PhpSockets.Conformance.Scenarios;

namespace PhpSockets.Conformance.Evaluation;

/// <summary>A by-reference argument's variable and its value right after the call.</summary>
public readonly record struct ByReferenceValue(string Name, object? Value);

/// <summary>
/// What one statement did, in the terms of the transcript: its value (unless it threw), the
/// diagnostics, the exception as PHP's class and message, the by-reference values and the global
/// last error afterwards.
/// </summary>
public sealed record StatementOutcome(
    Statement Statement,
    bool Threw,
    object? Value,
    IReadOnlyList<PhpWarning> Diagnostics,
    string? ThrowClass,
    string? ThrowMessage,
    IReadOnlyList<ByReferenceValue> ByReference,
    int LastError);
