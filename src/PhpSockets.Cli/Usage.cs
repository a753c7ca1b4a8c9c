using System;
using System.IO;

namespace PhpSockets.Cli;

/// <summary>The help texts: <c>phpsock --help</c>, <c>phpsock help COMMAND</c>, <c>phpsock COMMAND --help</c>.</summary>
internal static class Usage
{
    public const string General = """
        phpsock: the PHP manual's socket examples, made real with PhpSockets (PHP 8.2's ext/sockets for .NET).

        Usage:
          phpsock echo-server [--address ADDRESS] [--port PORT] [--raw] [--max-clients N]
                              [--idle-timeout SECONDS] [--allow-shutdown]
          phpsock head [--timeout SECONDS] URL
          phpsock help [COMMAND]
          phpsock --version

        Commands:
          echo-server   socket_select server: answers each line with "PHP: Vous avez dit '<line>'."
                        ('quit' closes your connection, 'shutdown' stops the server);
                        --raw: RFC 862 echo, every byte sent back as it comes.
          head          sends "HEAD /path HTTP/1.0" to an http:// URL and prints the response headers.

        Exit codes:
          0  success (echo-server: stopped by 'shutdown', SIGINT or SIGTERM)
          1  a socket call failed (e.g. echo-server cannot bind its address)
          2  bad command line (unknown command or option, bad port, bad URL)
          3  head: host name not found
          4  head: connection failed (refused, unreachable, timed out)
          5  head: sending the request or reading the response failed or timed out
        """;

    public const string EchoServer = """
        Usage: phpsock echo-server [--address ADDRESS] [--port PORT] [--raw] [--max-clients N]
                                   [--idle-timeout SECONDS] [--allow-shutdown]

        The PHP manual's echo server on one socket_select loop, serving many clients at once.
        Each client is greeted, then every line it sends (trimmed as PHP's trim() does) is printed
        here and answered with "PHP: Vous avez dit '<line>'.". 'quit' closes that client's
        connection; 'shutdown' stops the server. Ctrl+C (SIGINT) and SIGTERM stop it too (exit 0).

        Options:
          --address ADDRESS   address to listen on (default 127.0.0.1; IPv6 such as ::1 works too)
          --port PORT         port to listen on, 0 to 65535 (default 10000; 0 picks a free port)
          --raw               RFC 862 echo instead: no greeting, every byte sent straight back
          --max-clients N     clients served at once; one more gets "Server full" and is closed
                              (default: the descriptor limit, ulimit -n, less 64 kept for the
                              runtime, the listener and the server's own descriptors)
          --idle-timeout SECONDS
                              close clients that sent and took nothing for that long
                              (default: off); one that never reads what it is owed is dropped
          --allow-shutdown    let 'shutdown' stop a server listening beyond loopback; without it,
                              'shutdown' works only on a loopback address (127.0.0.0/8, ::1,
                              localhost) and is refused elsewhere, since anyone who can connect
                              could otherwise stop the service

        When no descriptor is free (EMFILE/ENFILE), or one more client would leave fewer than 3
        free (the runtime needs them to handle Ctrl+C and SIGTERM), waiting connections are
        answered "Server busy" and closed, connected clients are still served, and one line on
        stderr marks the start and the end of the episode.

        The server prints "Listening on ADDRESS:PORT" once it accepts connections.
        Try it:  nc 127.0.0.1 10000
        """;

    public const string Head = """
        Usage: phpsock head [--timeout SECONDS] URL

        The PHP manual's HTTP client: connects to URL (http://host[:port][/path]; host may be a
        name, an IPv4 address or an IPv6 address in brackets), sends
        "HEAD /path HTTP/1.0" with a Host header, and prints the response as it arrives.

        Options:
          --timeout SECONDS   give up connecting, sending or waiting after this long (default 10)

        Exit codes: 0 response printed (whatever its status), 2 bad URL, 3 host not found,
        4 connection failed, 5 sending or receiving failed.
        """;

    public static int Help(string? command)
    {
        string? text = Text(command);
        if (text is null) return Fail(null, $"unknown command '{command}'");
        Console.Out.WriteLine(text);
        return ExitCodes.Success;
    }

    private static string? Text(string? command) => command switch
    {
        null => General,
        "echo-server" => EchoServer,
        "head" => Head,
        _ => null,
    };

    public static int Fail(string? command, string message)
    {
        TextWriter error = Console.Error;
        error.WriteLine($"phpsock: {message}");
        error.WriteLine();
        error.WriteLine(Text(command) ?? General);
        return ExitCodes.Usage;
    }
}
