using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace PhpSockets.Tests.Cli;

/// <summary>
/// The seed's two programs ported with PHP 8's names (examples/EchoServer, examples/HttpHead),
/// built through the test project's references and run as processes against loopback.
/// </summary>
public class ExampleProgramsTests
{
    [Fact]
    public void Echo_server_talks_back_line_by_line_and_quit_ends_it()
    {
        int port = CliTestProcess.FreePort();
        using CliTestProcess server = CliTestProcess.Start("EchoServer", "127.0.0.1", port.ToString());
        using var client = new LineClient(server.ConnectWithRetry(port));

        client.Send("bonjour\n");
        Assert.Equal("PHP: Vous avez dit 'bonjour'.\n", client.ReadLine());
        client.Send("  café \t\n");
        Assert.Equal("PHP: Vous avez dit 'café'.\n", client.ReadLine());
        // PHP_NORMAL_READ stops at "\r" as PHP 4's read() did: "\r\n" gives a line, then an empty one.
        client.Send("telnet\r\n");
        Assert.Equal("PHP: Vous avez dit 'telnet'.\n", client.ReadLine());
        Assert.Equal("PHP: Vous avez dit ''.\n", client.ReadLine());
        // 'quit' is "break 2" in the seed: the client is closed, then the listening socket, and the program ends.
        client.Send("quit\n");
        Assert.True(client.IsClosedByPeer());

        Assert.True(server.WaitForExit(CliTestProcess.Patience), server.Describe());
        Assert.Equal(0, server.ExitCode);
        Assert.Equal("bonjour\ncafé\ntelnet\n\n", server.Output);
        Assert.Equal("", server.Errors);
    }

    [Fact]
    public void Echo_server_ends_when_its_client_hangs_up()
    {
        // At end of stream PHP_NORMAL_READ gives false with ECONNRESET (PHP 4's read() gave -ECONNRESET
        // after 200 empty reads): the seed prints the reason and leaves both loops.
        int port = CliTestProcess.FreePort();
        using CliTestProcess server = CliTestProcess.Start("EchoServer", "127.0.0.1", port.ToString());
        using (var client = new LineClient(server.ConnectWithRetry(port)))
        {
            client.Send("au revoir\n");
            Assert.Equal("PHP: Vous avez dit 'au revoir'.\n", client.ReadLine());
        }
        Assert.True(server.WaitForExit(CliTestProcess.Patience), server.Describe());
        Assert.Equal(0, server.ExitCode);
        Assert.Equal("au revoir\nread() a échoué : raison : Connection reset by peer\n", server.Output);
        Assert.Contains("Warning: socket_read(): unable to read from socket [104]: Connection reset by peer", server.Errors);
    }

    [Fact]
    public async Task Http_head_client_prints_the_answer_of_a_local_server()
    {
        using var http = new LocalHttpServer(IPAddress.Loopback, HeadCommandTests.Response);
        using CliTestProcess run = CliTestProcess.Run("HttpHead", "127.0.0.1", http.Port.ToString());
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal("HEAD / HTTP/1.0\r\n\r\n", await http.Request); // the seed's request, as it was
        Assert.Equal(
            "<h2>TCP/IP Connection</h2>\n" +
            $"Connexion à '127.0.0.1' on port '{http.Port}'...OK.\n" +
            "Envoi des entêtes HTTP HEAD...OK.\n" +
            "Lecture de la réponse :\n\n" +
            HeadCommandTests.Response +
            "Fermeture de la socket...OK.\n\n",
            run.Output);
        Assert.Equal("", run.Errors);
    }

    [Fact]
    public void Http_head_client_reports_a_refused_connection_as_the_seed_does()
    {
        int port = CliTestProcess.FreePort();
        using CliTestProcess run = CliTestProcess.Run("HttpHead", "127.0.0.1", port.ToString());
        Assert.Equal(0, run.ExitCode); // the seed goes on after the message, as PHP would
        Assert.Contains($"Connexion à '127.0.0.1' on port '{port}'...connect()  a échoué : raison : : (-111) Connection refused\n", run.Output);
        Assert.Contains("Warning: socket_connect(): unable to connect [111]: Connection refused", run.Errors);
        Assert.EndsWith("Fermeture de la socket...OK.\n\n", run.Output);
    }
}
