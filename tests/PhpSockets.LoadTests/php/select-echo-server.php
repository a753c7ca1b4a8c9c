<?php
// PHP 8.2's own socket_select echo server, the pattern of the manual and of phpsock echo-server
// --raw: one loop, the listener and every client in the read set, whatever a client sends written
// back. Run by PhpSelectLimitTests to show where PHP stops: socket_select() on a descriptor
// numbered 1024 or above warns about FD_SETSIZE and returns false.
//   php -n -d extension=sockets select-echo-server.php

$listener = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($listener, SOL_SOCKET, SO_REUSEADDR, 1);
if (!socket_bind($listener, '127.0.0.1', 0) || !socket_listen($listener, SOMAXCONN)) {
    exit(1);
}
socket_getsockname($listener, $address, $port);
echo "Listening on $address:$port\n";

$clients = [];
while (true) {
    $read = array_values($clients);
    $read[] = $listener;
    $write = null;
    $except = null;
    $ready = socket_select($read, $write, $except, null);
    if ($ready === false) {
        echo 'socket_select() returned false with ', count($clients), ' clients; last error ', socket_last_error(), "\n";
        exit(2);
    }
    foreach ($read as $socket) {
        if ($socket === $listener) {
            $client = socket_accept($listener);
            if ($client !== false) {
                $clients[spl_object_id($client)] = $client;
            }
            continue;
        }
        $data = socket_read($socket, 65536);
        if ($data === false || $data === '') {
            unset($clients[spl_object_id($socket)]);
            socket_close($socket);
            continue;
        }
        socket_write($socket, $data); // the test's messages here are a few bytes: one write takes them
    }
}
