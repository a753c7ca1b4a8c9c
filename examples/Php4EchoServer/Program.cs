// The seed manual page's "Exemple 1. Exemple de programmation Socket : serveur TCP/IP", ported
// line for line with the PHP 4.0 functions it calls (socket, bind, listen, accept_connect, read,
// write, close, strerror), French messages kept. Every line that had to change says why.
//
//   dotnet run --project examples/Php4EchoServer [address] [port]      (default 127.0.0.1 10000)
//   then: telnet 127.0.0.1 10000, type lines, and 'quit' to end.
//
// As in the seed, the server serves one connection and stops when it ends.
using System;
using System.Globalization;
using System.IO;
using PhpSockets;
using static PhpSockets.Legacy.Php4Sockets;

// error_reporting(E_ALL): let every PHP warning show, on standard error as PHP's CLI prints it.
PhpWarnings.WriteToStandardError();
/* On autorise le script à attendre les connexions indéfiniment. */
// set_time_limit(0): a .NET program has no execution time limit; nothing to do.
/* Modifiez ces valeurs pour qu'elles soient celles de votre configuration */
string address = args.Length > 0 ? args[0] : "127.0.0.1"; // the seed: '192.168.1.53'; here the first argument
long port = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10000; // the second argument
int sock, ret, msgsock;
if ((sock = socket(AF_INET, SOCK_STREAM, 0)) < 0) {
    echo("socket() a échoué : raison : " + strerror(sock) + "\n");
}
if ((ret = bind(sock, address, port)) < 0) {
    echo("bind() a échoué : raison: " + strerror(ret) + "\n");
}
if ((ret = listen(sock, 5)) < 0) {
    echo("listen() a échoué : raison: " + strerror(ret) + "\n");
}
do {
    if ((msgsock = accept_connect(sock)) < 0) {
        echo("accept_connect() a échoué : raison : " + strerror(msgsock) + "\n");
        break;
    }
    do {
        PhpString buf = "";
        ret = read(msgsock, ref buf, 2048);
        if (ret < 0) {
            echo("read() a échoué : raison : " + strerror(ret) + "\n");
            goto break_2; // PHP: break 2;
        }
        if (ret == 0) {
            goto break_2; // PHP: break 2;
        }
        buf = trim(buf);
        if (buf == "quit") {
            close(msgsock);
            goto break_2; // PHP: break 2;
        }
        PhpString talkback = "PHP: Vous avez dit '" + buf + "'.\n";
        write(msgsock, talkback, strlen(talkback));
        echo(buf + "\n");
    } while (true);
#pragma warning disable CS0162 // kept from the seed: the inner loop above is left only by "break 2"
    close(msgsock);
#pragma warning restore CS0162
} while (true);
break_2:
close(sock);

// PHP's echo, strlen and trim, on byte strings: what the script prints is the bytes it received.
static void echo(PhpString text)
{
    using Stream stdout = Console.OpenStandardOutput();
    stdout.Write(text.Span);
}

static long strlen(PhpString text) => text.Length;

static PhpString trim(PhpString text) => text.Trim();
