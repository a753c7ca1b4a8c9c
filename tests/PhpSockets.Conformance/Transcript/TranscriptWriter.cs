using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using PhpSockets.Conformance.Evaluation;

namespace PhpSockets.Conformance.Transcript;

/// <summary>
/// Prints statement outcomes as FORMAT.md's "Transcripts" section lays them out, as bytes: the
/// SOURCE exactly as written, messages as UTF-8, values escaped (so ASCII) and masked.
/// </summary>
public sealed class TranscriptWriter(Stream output)
{
    private readonly ValueFormatter _formatter = new(new ObjectIds());

    public void WriteSkip(string requirement) => WriteLine($"SKIP {requirement}");

    /// <summary>Writes one statement's lines; <paramref name="masks"/> are the masked variables' values now.</summary>
    public void Write(StatementOutcome outcome, IReadOnlyList<Mask> masks)
    {
        WriteRaw(Encoding.ASCII.GetBytes($"[{outcome.Statement.Number.ToString(CultureInfo.InvariantCulture)}] "));
        WriteRaw(outcome.Statement.Source);
        WriteRaw("\n"u8);
        if (!outcome.Threw) WriteLine($"  = {_formatter.Format(outcome.Value, masks)}");
        foreach (PhpWarning diagnostic in outcome.Diagnostics) WriteLine($"  ! {diagnostic.Level}: {diagnostic.Message}");
        if (outcome.Threw) WriteLine($"  throw {outcome.ThrowClass}: {outcome.ThrowMessage}");
        foreach (ByReferenceValue byReference in outcome.ByReference)
            WriteLine($"  ${byReference.Name} = {_formatter.Format(byReference.Value, masks)}");
        WriteLine($"  last_error = {outcome.LastError.ToString(CultureInfo.InvariantCulture)}");
        output.Flush();
    }

    private void WriteLine(string line)
    {
        WriteRaw(Encoding.UTF8.GetBytes(line));
        WriteRaw("\n"u8);
    }

    private void WriteRaw(System.ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
