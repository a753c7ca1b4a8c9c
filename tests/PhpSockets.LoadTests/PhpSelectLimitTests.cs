using System;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace PhpSockets.LoadTests;

/// <summary>
/// The same client against PHP 8.2's own socket_select echo server (php/select-echo-server.php, the
/// manual's pattern): PHP's select(2) takes an fd_set of FD_SETSIZE = 1024 bits, so once the server
/// holds a descriptor numbered 1024 socket_select warns "You MUST recompile PHP with a larger value
/// of FD_SETSIZE" and returns false, and the server cannot go on. phpsock echo-server, on the same
/// client, holds 10,000 (ConcurrentConnectionsTests).
/// </summary>
public partial class PhpSelectLimitTests(ITestOutputHelper output)
{
    [Fact]
    public void PHPs_select_server_fails_at_descriptor_1024()
    {
        var report = new LoadReport(output, "php-select");
        if (!ServerProcess.PhpAvailable())
        {
            // CI installs php8.2-cli (.ci/run); without it there is nothing to compare against.
            report.Figure("skipped", "php with the sockets extension is not installed");
            return;
        }
        int offered = LoadSettings.PhpConnections;
        ProcessResources.EnsureDescriptorLimit((ulong)offered + 1024);

        using ServerProcess php = ServerProcess.Php("select-echo-server.php");
        int port = php.WaitForListeningPort();
        using var clients = new EchoClients();
        // One connection per batch, each echoed before the next, until PHP's server gives up.
        bool all = clients.Open(port, offered, batch: 1, out string? failure, () => !php.HasExited);
        Assert.False(all, $"PHP's select server took all {offered} connections. {php.Describe()}");
        Assert.True(php.WaitForExit(ServerProcess.Patience), php.Describe());

        string text = php.Output;
        Assert.Contains("socket_select(): You MUST recompile PHP with a larger value of FD_SETSIZE.", text);
        Assert.Contains("It is set to 1024, but you have descriptors numbered at least as high as 1024.", text);
        Match result = ResultLine().Match(text);
        Assert.True(result.Success, php.Describe());
        Assert.Equal("false", result.Groups["result"].Value);
        int held = int.Parse(result.Groups["clients"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(held, 1000, 1023);
        report.Figure("PHP 8.2 socket_select server: connections held when select failed", held);
        report.Figure("PHP 8.2 socket_select result", "false, with the FD_SETSIZE warning");
        report.Figure("client saw", failure ?? "");
    }

    [GeneratedRegex(@"socket_select\(\) returned (?<result>\w+) with (?<clients>\d+) clients")]
    private static partial Regex ResultLine();
}
