using System.Collections.Generic;

namespace PhpSockets.Conformance.Evaluation;

/// <summary>
/// The diagnostics of the statement being run, in the order raised. The library's warnings arrive
/// through <see cref="PhpWarnings.Capture"/> on this very list, so the runner's own (undefined
/// variable, array key, conversions) interleave with them exactly as they happened.
/// </summary>
public sealed class Diagnostics
{
    public List<PhpWarning> Items { get; } = [];

    public void Warning(string message) => Items.Add(new PhpWarning("Warning", message));

    public void Deprecated(string message) => Items.Add(new PhpWarning("Deprecated", message));
}
