// Exemple 2 du manuel PHP (extension sockets, PHP 4.0) : client TCP/IP, un client HTTP basique
// qui envoie une requête HEAD, affiche la réponse et quitte ; porté en C# ligne à ligne avec
// PhpSockets et les noms de fonctions de PHP 8.
// Usage : dotnet run --project examples/HttpHead [hôte] [port]   (www.php.net et le port de 'www' par défaut)
//
// What changes from the original, line by line:
// - PHP 4.0's socket(), connect(), write(), read(), close(), strerror() are socket_create(),
//   socket_connect(), socket_write(), socket_read(), socket_close(), socket_strerror().
// - They returned a number, negative errno on failure; PHP 8's return a Socket, a string, true or
//   false (null in C#), and the error code comes from socket_last_error().
// - PHP's strings are bytes: PhpString here; $in and $out are @in and @out (C# keywords).
using PhpSockets;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Examples.PhpStandard;

// error_reporting(E_ALL);
PhpWarnings.WriteToStandardError(); // PHP's warnings, printed as PHP's CLI prints them (on stderr)
echo("<h2>TCP/IP Connection</h2>\n");
/* Demande le port du service WWW. */
long service_port = args.Length > 1 ? long.Parse(args[1]) : getservbyname("www", "tcp") ?? 80; // the second argument, if any (80 if /etc/services has no "www")
/* Demande l'IP du serveur de destination. */
string address = gethostbyname(args.Length > 0 ? args[0] : "www.php.net"); // the first argument, if any
/* Crée la connexion TCP/IP. */
Socket? socket = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); // SOL_TCP: the protocol 0 chose
if (socket == null) {
    echo("socket() a échoué : raison : " + socket_strerror(socket_last_error()) + "\n");
    return 1; // PHP 4 went on with a negative descriptor; a null Socket cannot be used (PHP 8: TypeError)
} else {
    _ = "socket() réussi: " + socket_strerror(socket_last_error()) + "\n"; // sic: the original builds this and never echoes it
}
echo("Connexion à '" + address + "' on port '" + service_port + "'...");
bool result = socket_connect(socket, address, service_port);
if (!result) { // $result < 0; the original printed $result, which was -errno
    echo("connect()  a échoué : raison : : (" + -socket_last_error(socket) + ") " + socket_strerror(socket_last_error(socket)) + "\n");
} else {
    echo("OK.\n");
}
PhpString @in = "HEAD / HTTP/1.0\r\n\r\n";
PhpString? @out = "";
echo("Envoi des entêtes HTTP HEAD...");
socket_write(socket, @in, strlen(@in));
echo("OK.\n");
echo("Lecture de la réponse :\n\n");
// while (read($socket, $out, 2048)): PHP 4's read() took a line at a time and returned its length,
// and at the end -ECONNRESET, which is true too, so the original never left this loop. This is
// PHP 8's while ($out = socket_read($socket, 2048)): what arrives, until "" at the end (or false).
while ((@out = socket_read(socket, 2048)) is { Length: > 0 }) {
    echo(@out.Value);
}
echo("Fermeture de la socket...");
socket_close(socket);
echo("OK.\n\n");
return 0;
