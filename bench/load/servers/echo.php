<?php
// echo.php: the echo server of bench/run-load in PHP 8.2 with ext/sockets; the same single-threaded
// loop as servers/echo_poll.c (read its header): socket_select over the listener and the clients,
// one accept per turn, raw (socket_read of up to 64 KiB, PHP_BINARY_READ) or line mode
// (socket_read(..., 2048, PHP_NORMAL_READ)), written back with socket_write, the unwritten rest owed.
//
// usage: php -n -d extension=sockets echo.php [--port P] [--line]      (listens on 127.0.0.1)

$port = 10000;
$line = false;
for ($i = 1; $i < $argc; $i++) {
    if ($argv[$i] === '--port' && $i + 1 < $argc) $port = (int)$argv[++$i];
    elseif ($argv[$i] === '--line') $line = true;
    else { fwrite(STDERR, "usage: echo.php [--port P] [--line]\n"); exit(1); }
}

$listener = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($listener, SOL_SOCKET, SO_REUSEADDR, 1);
if (!socket_bind($listener, '127.0.0.1', $port) || !socket_listen($listener, SOMAXCONN)) {
    fwrite(STDERR, "echo.php: bind/listen: " . socket_strerror(socket_last_error($listener)) . "\n");
    exit(1);
}
socket_set_nonblock($listener);
echo "Listening on 127.0.0.1:$port\n";

$clients = [];  // id => Socket
$owed = [];     // id => bytes not yet written

while (true) {
    $read = [$listener];
    $write = [];
    foreach ($clients as $id => $client) {
        if (isset($owed[$id])) $write[] = $client;
        else $read[] = $client;
    }
    $except = null;
    if (socket_select($read, $write, $except, null) === false) {
        if (socket_last_error() === SOCKET_EINTR) continue;
        fwrite(STDERR, "echo.php: socket_select: " . socket_strerror(socket_last_error()) . "\n");
        exit(1);
    }
    foreach ($write as $client) {
        $id = spl_object_id($client);
        $n = socket_write($client, $owed[$id]);
        if ($n === false) {
            if (socket_last_error($client) === SOCKET_EAGAIN) continue;
            unset($clients[$id], $owed[$id]);
            socket_close($client);
        } elseif ($n < strlen($owed[$id])) {
            $owed[$id] = substr($owed[$id], $n);
        } else {
            unset($owed[$id]);
        }
    }
    foreach ($read as $sock) {
        if ($sock === $listener) {
            $client = socket_accept($listener);
            if ($client !== false) {
                socket_set_nonblock($client);
                $clients[spl_object_id($client)] = $client;
            }
            continue;
        }
        $id = spl_object_id($sock);
        $data = $line ? socket_read($sock, 2048, PHP_NORMAL_READ) : socket_read($sock, 65536);
        if ($data === false) {
            if (socket_last_error($sock) === SOCKET_EAGAIN) continue;
            unset($clients[$id]);
            socket_close($sock);
            continue;
        }
        if ($data === '') {
            unset($clients[$id]);
            socket_close($sock);
            continue;
        }
        $n = socket_write($sock, $data);
        if ($n === false) {
            if (socket_last_error($sock) !== SOCKET_EAGAIN) {
                unset($clients[$id]);
                socket_close($sock);
                continue;
            }
            $n = 0;
        }
        if ($n < strlen($data)) $owed[$id] = substr($data, $n);
    }
}
