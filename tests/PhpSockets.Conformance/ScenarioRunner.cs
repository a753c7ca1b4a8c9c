using System;
using System.Collections.Generic;
using System.IO;
using PhpSockets.Conformance.Evaluation;
using PhpSockets.Conformance.Scenarios;
using PhpSockets.Conformance.Transcript;
using PhpSockets.Testing;

namespace PhpSockets.Conformance;

/// <summary>Runs a checked scenario and prints its transcript: requirements, <c>$tmp</c>, statements.</summary>
public static class ScenarioRunner
{
    public static void Run(Scenario scenario, Stream output)
    {
        var writer = new TranscriptWriter(output);
        if (Requirements.FirstMissing(scenario.Requires) is { } missing)
        {
            writer.WriteSkip(missing);
            return;
        }
        string tmp = CreateTemporaryDirectory();
        try
        {
            var variables = new Variables();
            variables.Set("tmp", (PhpString)tmp);
            var runner = new StatementRunner(variables);
            foreach (Statement statement in scenario.Statements)
            {
                StatementOutcome outcome = runner.Run(statement);
                writer.Write(outcome, CurrentMasks(scenario, variables));
            }
        }
        finally
        {
            DescriptorExhaustion.Release();
            Directory.Delete(tmp, recursive: true);
        }
    }

    /// <summary>The masked variables that are set, <c>$tmp</c> first, with their values now.</summary>
    private static List<Mask> CurrentMasks(Scenario scenario, Variables variables)
    {
        var masks = new List<Mask>();
        foreach (string name in scenario.Masks)
        {
            if (variables.TryGet(name, out object? value)) masks.Add(new Mask(name, value));
        }
        return masks;
    }

    /// <summary>A fresh empty directory of at most 40 bytes: /tmp/phpsock-XXXXXXXXXXXX.</summary>
    private static string CreateTemporaryDirectory()
    {
        string path = Path.Combine("/tmp", "phpsock-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }
}
