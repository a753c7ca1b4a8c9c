using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using PhpSockets.Tests.Cli;
using Xunit;

namespace PhpSockets.Tests;

/// <summary>
/// The seed's two example programs, ported with the PHP 4.0 names (examples/Php4EchoServer and
/// examples/Php4HttpHead), run as real processes against loopback through <see cref="CliTestProcess"/>,
/// bounded in time and killed in all cases.
/// </summary>
public class Php4ExamplesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void Echo_server_talks_back_and_quit_ends_it()
    {
        int port = CliTestProcess.FreePort();
        using var server = CliTestProcess.Start("Php4EchoServer", "127.0.0.1", port.ToString());
        using var client = new LineClient(server.ConnectWithRetry(port));

        client.Send("bonjour\n");
        Assert.Equal("PHP: Vous avez dit 'bonjour'.\n", client.ReadLine());
        client.Send(" \t avec espaces \r\n"); // read() stops at "\r": the "\n" is a line of its own
        Assert.Equal("PHP: Vous avez dit 'avec espaces'.\n", client.ReadLine());
        Assert.Equal("PHP: Vous avez dit ''.\n", client.ReadLine());
        client.Send("café\n");
        Assert.Equal("PHP: Vous avez dit 'café'.\n", client.ReadLine());
        client.Send("quit\n");
        Assert.Equal(0, client.Client.GetStream().Read(new byte[16], 0, 16)); // the server closed the connection

        Assert.True(server.WaitForExit(Timeout), server.Describe());
        Assert.Equal(0, server.ExitCode);
        Assert.Equal("bonjour\navec espaces\n\ncafé\n", server.Output);
        Assert.Equal("", server.Errors);
    }

    [Fact]
    public void Echo_server_stops_when_the_client_hangs_up()
    {
        // read() returns 0 at end of stream, so the seed's "if ($ret == 0) break 2;" ends the server
        // (PHP 4.0.6 returned -ECONNRESET after 200 empty reads).
        int port = CliTestProcess.FreePort();
        using var server = CliTestProcess.Start("Php4EchoServer", "127.0.0.1", port.ToString());
        using (var client = new LineClient(server.ConnectWithRetry(port)))
        {
            client.Send("au revoir\n");
            Assert.Equal("PHP: Vous avez dit 'au revoir'.\n", client.ReadLine());
        }
        Assert.True(server.WaitForExit(Timeout), server.Describe());
        Assert.Equal(0, server.ExitCode);
        Assert.Equal("au revoir\n", server.Output);
    }

    [Fact]
    public void Echo_server_reports_a_failed_bind_with_strerror()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        // As in the seed, the script goes on after the message (and then waits in accept): killed at the end.
        using var server = CliTestProcess.Start("Php4EchoServer", "127.0.0.1", port.ToString());
        Assert.True(server.WaitForOutput("bind() a échoué : raison: Address already in use\n", Timeout), server.Describe());
    }

    [Fact]
    public async Task Http_head_client_prints_the_answer_of_a_local_server()
    {
        const string response = "HTTP/1.0 200 OK\r\nServer: tiny\r\nContent-Type: text/html\r\n\r\n";
        using var http = new LocalHttpServer(IPAddress.Loopback, response);
        int port = http.Port;

        using var client = CliTestProcess.Start("Php4HttpHead", "localhost", port.ToString());
        Assert.True(client.WaitForExit(Timeout), client.Describe());
        Assert.Equal(0, client.ExitCode);
        Assert.Equal("HEAD / HTTP/1.0\r\n\r\n", await http.Request.WaitAsync(Timeout));
        Assert.Equal(
            "<h2>TCP/IP Connection</h2>\n" +
            $"Connexion à 'localhost' on port '{port}'...OK.\n" +
            "Envoi des entêtes HTTP HEAD...OK.\n" +
            "Lecture de la réponse :\n\n" +
            response +
            "Fermeture de la socket...OK.\n\n",
            client.Output);
        Assert.Equal("", client.Errors);
    }

    [Fact]
    public void Http_head_client_reports_a_refused_connection()
    {
        int port = CliTestProcess.FreePort();
        // The seed's "while (read(...))" then spins on -ENOTCONN, which PHP's while takes as true:
        // the literal port keeps that, so the process is killed once the message is out.
        using var client = CliTestProcess.Start("Php4HttpHead", "127.0.0.1", port.ToString());
        Assert.True(client.WaitForOutput(
            $"Connexion à '127.0.0.1' on port '{port}'...connect()  a échoué : raison : : (-111) Connection refused\n", Timeout),
            client.Describe());
    }
}
