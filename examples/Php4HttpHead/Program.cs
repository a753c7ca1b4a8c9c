// The seed manual page's "Exemple 2. Exemple avec les sockets : Client TCP/IP", ported line for
// line with the PHP 4.0 functions it calls (socket, connect, write, read, close, strerror),
// French messages kept: it sends a HEAD request, prints the answer and quits. Every line that had
// to change says why.
//
//   dotnet run --project examples/Php4HttpHead [host] [port]      (default 127.0.0.1 80)
using System;
using System.Globalization;
using System.IO;
using PhpSockets;
using PhpSockets.Legacy;
using static PhpSockets.Legacy.Php4Sockets;

// error_reporting(E_ALL): let every PHP warning show, on standard error as PHP's CLI prints it.
PhpWarnings.WriteToStandardError();
echo("<h2>TCP/IP Connection</h2>\n");
/* Demande le port du service WWW. */
// The seed: getservbyname('www', 'tcp'), which is 80; here the second argument, 80 by default.
long service_port = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 80;
/* Demande l'IP du serveur de destination. */
// The seed: gethostbyname('www.php.net'); here the first argument, 127.0.0.1 by default
// (connect() resolves a host name itself).
string address = args.Length > 0 ? args[0] : "127.0.0.1";
/* Crée la connexion TCP/IP. */
int socket = Php4Sockets.socket(AF_INET, SOCK_STREAM, 0); // qualified: the variable $socket hides the function in C#
if (socket < 0) {
    echo("socket() a échoué : raison : " + strerror(socket) + "\n");
} else {
    _ = "socket() réussi: " + strerror(socket) + "\n"; // the seed's statement has no echo: it prints nothing
}
echo($"Connexion à '{address}' on port '{service_port}'...");
int result = connect(socket, address, service_port);
if (result < 0) {
    echo($"connect()  a échoué : raison : : ({result}) " + strerror(result) + "\n");
} else {
    echo("OK.\n");
}
PhpString @in = "HEAD / HTTP/1.0\r\n\r\n";
PhpString @out = "";
echo("Envoi des entêtes HTTP HEAD...");
write(socket, @in, strlen(@in));
echo("OK.\n");
echo("Lecture de la réponse :\n\n");
// PHP's while (int): true for any non-zero result, error codes included. So, as in the seed, after
// a failed connect read() gives -ENOTCONN each time and the loop does not end.
while (read(socket, ref @out, 2048) != 0) {
    echo(@out);
}
echo("Fermeture de la socket...");
close(socket);
echo("OK.\n\n");

// PHP's echo and strlen, on byte strings: what the script prints is the bytes it received.
static void echo(PhpString text)
{
    using Stream stdout = Console.OpenStandardOutput();
    stdout.Write(text.Span);
}

static long strlen(PhpString text) => text.Length;
