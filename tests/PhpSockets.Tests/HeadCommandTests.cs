using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PhpSockets.Tests.Cli;

/// <summary>
/// <c>phpsock head URL</c> end to end, against a one-connection HTTP server on loopback that the
/// test starts: what is sent, what is printed, and the exit codes of each failure.
/// </summary>
public class HeadCommandTests
{
    internal const string Response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Test: 1\r\n\r\n";

    [Fact]
    public async Task Prints_the_response_headers_and_sends_a_HEAD_request()
    {
        // The answer comes in two pieces: both are printed, in order, as they come.
        using var server = new LocalHttpServer(IPAddress.Loopback, Response[..20], Response[20..]);
        using CliTestProcess run = CliTestProcess.Run("phpsock", "head", $"http://127.0.0.1:{server.Port}/some/path?q=1#frag");
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(Response, run.Output);
        Assert.Equal("", run.Errors);
        Assert.Equal($"HEAD /some/path?q=1 HTTP/1.0\r\nHost: 127.0.0.1:{server.Port}\r\n\r\n", await server.Request);
    }

    [Fact]
    public async Task Resolves_localhost_and_defaults_the_path_to_slash()
    {
        using var server = new LocalHttpServer(IPAddress.Loopback, Response);
        using CliTestProcess run = CliTestProcess.Run("phpsock", "head", $"http://localhost:{server.Port}");
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("X-Test: 1\r\n", run.Output);
        Assert.Contains("Content-Type: text/plain\r\n", run.Output);
        Assert.Equal($"HEAD / HTTP/1.0\r\nHost: localhost:{server.Port}\r\n\r\n", await server.Request);
    }

    [Fact]
    public async Task Connects_to_an_IPv6_literal_in_brackets()
    {
        if (!System.Net.Sockets.Socket.OSSupportsIPv6) return;
        using var server = new LocalHttpServer(IPAddress.IPv6Loopback, Response);
        using CliTestProcess run = CliTestProcess.Run("phpsock", "head", $"http://[::1]:{server.Port}/v6");
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(Response, run.Output);
        Assert.Equal($"HEAD /v6 HTTP/1.0\r\nHost: [::1]:{server.Port}\r\n\r\n", await server.Request);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/", "only http://")]
    [InlineData("https://127.0.0.1/", "only http://")]
    [InlineData("127.0.0.1/", "must start with http://")]
    [InlineData("http://", "no host")]
    [InlineData("http://:8080/", "no host")]
    [InlineData("http://127.0.0.1:99999/", "not a port number")]
    [InlineData("http://127.0.0.1:0/", "not a port number")]
    [InlineData("http://127.0.0.1:http/", "not a port number")]
    [InlineData("http://[::1/", "missing ']'")]
    [InlineData("http://::1/", "in brackets")]
    [InlineData("http://user@127.0.0.1/", "not supported")]
    [InlineData("http://127.0.0.1/a b", "spaces")]
    [InlineData("http://bad host/", "not a valid host name")]
    public void A_bad_URL_is_refused_with_a_clear_message(string url, string reason)
    {
        using CliTestProcess run = CliTestProcess.Run("phpsock", "head", url);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"bad URL '{url}'", run.Errors);
        Assert.Contains(reason, run.Errors);
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData]
    [InlineData("http://a/", "http://b/")]
    [InlineData("--timeout", "0", "http://127.0.0.1/")]
    [InlineData("--unknown", "http://127.0.0.1/")]
    public void Bad_arguments_exit_with_code_2(params string[] args)
    {
        using CliTestProcess run = CliTestProcess.Run("phpsock", ["head", .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage: phpsock head", run.Errors);
    }

    [Fact]
    public void A_refused_connection_exits_with_code_4_and_strerror()
    {
        int port = CliTestProcess.FreePort();
        using CliTestProcess run = CliTestProcess.Run("phpsock", "head", $"http://127.0.0.1:{port}/");
        Assert.Equal(4, run.ExitCode);
        Assert.Contains($"cannot connect to 127.0.0.1:{port}: Connection refused", run.Errors);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void An_unknown_host_exits_with_code_3_and_the_resolver_text()
    {
        using CliTestProcess run = CliTestProcess.Run("phpsock", "head", "http://no-such-host.invalid/");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("cannot resolve host 'no-such-host.invalid'", run.Errors);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_server_that_never_answers_times_out_with_code_5()
    {
        using var server = new LocalHttpServer(IPAddress.Loopback, answer: false);
        using CliTestProcess run = CliTestProcess.Run("phpsock", "head", "--timeout", "1", $"http://127.0.0.1:{server.Port}/");
        Assert.Equal(5, run.ExitCode);
        Assert.Contains("cannot read the response: timed out", run.Errors);
    }
}

/// <summary>
/// A one-connection HTTP server on loopback: reads the request head, answers with the given pieces
/// (a short pause between them), and closes; or, with <c>answer: false</c>, says nothing until disposed.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new(CliTestProcess.Patience);

    public LocalHttpServer(IPAddress address, params string[] pieces)
        : this(address, true, pieces)
    {
    }

    public LocalHttpServer(IPAddress address, bool answer, params string[] pieces)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Request = Task.Run(() => Serve(answer, pieces));
    }

    public int Port { get; }

    /// <summary>The request head as received (up to and including the blank line).</summary>
    public Task<string> Request { get; }

    private async Task<string> Serve(bool answer, string[] pieces)
    {
        using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
        NetworkStream stream = client.GetStream();
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int n = await stream.ReadAsync(buffer, _stop.Token);
            if (n == 0) break;
            received.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
        if (!answer)
        {
            await Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return received.ToString();
        }
        for (int i = 0; i < pieces.Length; i++)
        {
            if (i > 0) await Task.Delay(100, _stop.Token);
            await stream.WriteAsync(Encoding.Latin1.GetBytes(pieces[i]), _stop.Token);
        }
        return received.ToString();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            Request.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _listener.Dispose();
        _stop.Dispose();
    }
}
