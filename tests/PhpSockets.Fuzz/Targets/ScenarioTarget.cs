using System;
using PhpSockets.Conformance.Functions;
using PhpSockets.Conformance.Scenarios;

namespace PhpSockets.Fuzz;

/// <summary>
/// The conformance runner's scenario parser (conformance/FORMAT.md), fed random text: it must accept
/// the file or reject it with <see cref="MalformedScenarioException"/>, nothing else. Nothing is run.
/// </summary>
public static class ScenarioTarget
{
    private static readonly FunctionTable s_functions = FunctionTable.CreateDefault();

    public static void Run(ReadOnlySpan<byte> input)
    {
        byte[] text = input.ToArray();
        Harness.Run(() =>
        {
            try
            {
                Parser.Parse(text, s_functions);
            }
            catch (MalformedScenarioException)
            {
                // the runner's documented answer: "FILE:LINE: malformed scenario: WHY", exit 2
            }
        });
    }
}
