using System;
using System.IO;
using PhpSockets.Conformance;
using PhpSockets.Conformance.Functions;
using PhpSockets.Conformance.Scenarios;

// PhpSockets.Conformance FILE.scn: prints PhpSockets' transcript of the scenario (conformance/FORMAT.md).
// Exit status as conformance/runner.php's: 0 when the scenario ran, 2 for a malformed scenario,
// 1 for a usage error or an unreadable file.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: PhpSockets.Conformance FILE.scn");
    return 1;
}
string file = args[0];
byte[] text;
try
{
    text = File.ReadAllBytes(file);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"runner: cannot read {file}: {e.Message}");
    return 1;
}

Scenario scenario;
try
{
    scenario = Parser.Parse(text, FunctionTable.CreateDefault());
}
catch (MalformedScenarioException e)
{
    Console.Error.WriteLine($"{file}:{e.Line}: malformed scenario: {e.Reason}");
    return 2;
}

using Stream output = Console.OpenStandardOutput();
ScenarioRunner.Run(scenario, output);
output.Flush();
return 0;
