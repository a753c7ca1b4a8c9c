// Exemple 1 du manuel PHP (extension sockets, PHP 4.0) : serveur TCP/IP « perroquet »,
// porté en C# ligne à ligne avec PhpSockets et les noms de fonctions de PHP 8.
// Usage : dotnet run --project examples/EchoServer [adresse] [port]   (127.0.0.1 10000 par défaut)
//
// What changes from the original, line by line:
// - PHP 4.0's socket(), bind(), listen(), accept_connect(), read(), write(), close(), strerror()
//   are socket_create(), socket_bind(), socket_listen(), socket_accept(), socket_read(),
//   socket_write(), socket_close(), socket_strerror() in PHP 8 (and here).
// - They returned a number, negative errno on failure; PHP 8's return a Socket, a string, true or
//   false (null in C#), and the error code comes from socket_last_error().
// - PHP's strings are bytes: PhpString here; a C# string literal becomes its UTF-8 bytes.
using PhpSockets;
using static PhpSockets.SocketFunctions;
using static PhpSockets.Examples.PhpStandard;

// error_reporting(E_ALL);
PhpWarnings.WriteToStandardError(); // PHP's warnings, printed as PHP's CLI prints them (on stderr)
/* On autorise le script à attendre les connexions indéfiniment. */
// set_time_limit(0);               // a C# program has no time limit: nothing to do
/* Modifiez ces valeurs pour qu'elles soient celles de votre configuration */
string address = args.Length > 0 ? args[0] : "127.0.0.1"; // was '192.168.1.53': now the first argument
long port = args.Length > 1 ? long.Parse(args[1]) : 10000; // now the second argument
Socket? sock, msgsock;
if ((sock = socket_create(AF_INET, SOCK_STREAM, SOL_TCP)) == null) { // SOL_TCP: the protocol 0 chose
    echo("socket() a échoué : raison : " + socket_strerror(socket_last_error()) + "\n");
    return 1; // PHP 4 went on with a negative descriptor; a null Socket cannot be used (PHP 8: TypeError)
}
if (!socket_bind(sock, address, port)) {
    echo("bind() a échoué : raison: " + socket_strerror(socket_last_error(sock)) + "\n");
}
if (!socket_listen(sock, 5)) {
    echo("listen() a échoué : raison: " + socket_strerror(socket_last_error(sock)) + "\n");
}
do {
    if ((msgsock = socket_accept(sock)) == null) { // accept_connect() is socket_accept()
        echo("accept_connect() a échoué : raison : " + socket_strerror(socket_last_error()) + "\n");
        break;
    }
    do {
        PhpString? buf = "";
        // read($msgsock, $buf, 2048) filled $buf by reference and returned its length. With three
        // arguments PHP 4 read up to "\r", "\n" or "\0": socket_read's PHP_NORMAL_READ mode.
        buf = socket_read(msgsock, 2048, PHP_NORMAL_READ);
        if (buf == null) { // $ret < 0
            echo("read() a échoué : raison : " + socket_strerror(socket_last_error(msgsock)) + "\n");
            goto fin; // break 2;
        }
        if (buf.Value.Length == 0) { // $ret == 0
            goto fin; // break 2;
        }
        buf = trim(buf.Value);
        if (buf == "quit") {
            socket_close(msgsock);
            goto fin; // break 2;
        }
        PhpString talkback = "PHP: Vous avez dit '" + buf.Value + "'.\n";
        socket_write(msgsock, talkback, strlen(talkback));
        echo(buf.Value + "\n");
    } while (true);
#pragma warning disable CS0162 // As in the original: every way out of the inner loop is "break 2", so this is never reached.
    socket_close(msgsock);
#pragma warning restore CS0162
} while (true);
fin:
socket_close(sock);
return 0;
