using System;
using System.IO;
using Xunit;

namespace PhpSockets.Tests.Cli;

/// <summary>
/// Which program the CLI tests run as phpsock: the native binary named by PHPSOCK_EXECUTABLE when it is
/// set (.ci/aot-checks sets it to the AOT tool as installed), under the emulator PHPSOCK_EMULATOR names
/// when that is set too (the cross-compiled binary under qemu-user), <c>dotnet phpsock.dll</c> otherwise.
/// Without this check a typo in the variable's use would silently test the JIT build twice.
/// </summary>
public class CliExecutableTests
{
    [Fact]
    public void Phpsock_runs_as_the_program_the_environment_names()
    {
        using CliTestProcess server = CliTestProcess.Start("phpsock", "echo-server", "--address", "127.0.0.1", "--port", "0");
        server.WaitForListeningPort();
        string image = File.ResolveLinkTarget($"/proc/{server.Id}/exe", returnFinalTarget: true)?.FullName
            ?? throw new InvalidOperationException("/proc/PID/exe is not a link");
        string? native = Environment.GetEnvironmentVariable(CliTestProcess.PhpsockExecutableVariable);
        string[] emulator = CliTestProcess.Emulator();
        if (native is { Length: > 0 } && emulator.Length > 0)
        {
            // Under an emulator the process image is the emulator's, and the binary it runs is one of its arguments.
            Assert.Equal(Path.GetFileName(emulator[0]), Path.GetFileName(image));
            Assert.Contains(native, File.ReadAllText($"/proc/{server.Id}/cmdline").Split('\0'));
        }
        else if (native is { Length: > 0 })
        {
            Assert.Equal(new FileInfo(native).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(native), image);
        }
        else
        {
            Assert.Equal("dotnet", Path.GetFileName(image));
        }
    }
}
