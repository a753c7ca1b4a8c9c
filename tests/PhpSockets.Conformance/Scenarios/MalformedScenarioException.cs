using System;

namespace PhpSockets.Conformance.Scenarios;

/// <summary>A scenario that breaks FORMAT.md: reported as <c>FILE:LINE: malformed scenario: WHY</c>.</summary>
public sealed class MalformedScenarioException(int line, string reason) : Exception($"line {line}: {reason}")
{
    public int Line { get; } = line;

    public string Reason { get; } = reason;
}
