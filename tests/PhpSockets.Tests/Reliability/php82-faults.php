<?php
// What PHP 8.2 does in the situations of tests/PhpSockets.Tests/Reliability (docs/reliability.md,
// "Faults"): run it and compare with the tests' expectations.
//   php -n -d extension=sockets tests/PhpSockets.Tests/Reliability/php82-faults.php
// Loopback and a temporary folder only; about 5 s (it sleeps for signals and resets to arrive).

pcntl_async_signals(true);
pcntl_signal(SIGUSR1, function () {}, false); // no SA_RESTART, as the tests' handler
$pid = getmypid();
$tmp = sys_get_temp_dir() . '/php82-faults-' . $pid;
mkdir($tmp);

function tcp_pair(int $backlog = 16): array
{
    $l = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    socket_bind($l, '127.0.0.1', 0);
    socket_listen($l, $backlog);
    socket_getsockname($l, $a, $p);
    $c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    socket_connect($c, '127.0.0.1', $p);
    $s = socket_accept($l);
    socket_close($l);
    return [$c, $s];
}
function reset_close($s): void
{
    socket_set_option($s, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]);
    socket_close($s);
    usleep(100000);
}
function signal_later(int $pid): void
{
    exec("(sleep 0.5; kill -USR1 $pid) > /dev/null 2>&1 &");
}
function fill($s): void
{
    socket_set_nonblock($s);
    while (@socket_write($s, str_repeat('x', 65536)) !== false);
    socket_set_block($s);
}
function title(string $t): void { echo "\n== $t\n"; }

title('reset, then read (binary), read, write');
[$c, $s] = tcp_pair(); reset_close($s);
var_dump(socket_read($c, 10), socket_read($c, 10), socket_write($c, 'x'), socket_last_error($c));

title('reset after "partial ", PHP_NORMAL_READ twice');
[$c, $s] = tcp_pair(); socket_write($s, 'partial '); usleep(100000); reset_close($s);
var_dump(socket_read($c, 100, PHP_NORMAL_READ), socket_read($c, 100, PHP_NORMAL_READ), socket_last_error($c));

title('reset, then write twice');
[$c, $s] = tcp_pair(); reset_close($s);
var_dump(socket_write($c, 'x'), socket_last_error($c), socket_write($c, 'x'), socket_last_error($c));

title('peer (another process) closes while we are blocked in a write, AF_UNIX, our data unread');
socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p); [$a, $b] = $p;
$child = pcntl_fork();
if ($child == 0) { socket_close($a); usleep(500000); socket_close($b); exit(0); }
socket_close($b); fill($a);
var_dump(socket_write($a, str_repeat('y', 4096)), socket_last_error($a), socket_write($a, 'y'), socket_last_error($a), socket_read($a, 10));
pcntl_waitpid($child, $status);

title('TCP peer closed (FIN), writes until EPIPE');
[$c, $s] = tcp_pair(); socket_close($s); usleep(100000);
for ($i = 0; $i < 3; $i++) { var_dump(socket_write($c, 'x')); usleep(100000); }

title('shutdown 1 (TCP): peer reads, our write, the way back');
[$c, $s] = tcp_pair();
var_dump(socket_shutdown($c, 1), socket_read($s, 10), socket_write($c, 'x'), socket_write($s, 'back'), socket_read($c, 10));

title('shutdown 0 (TCP): our read, our write, the peer writes later');
[$c, $s] = tcp_pair();
var_dump(socket_shutdown($c, 0), socket_read($c, 10), socket_write($c, 'fwd'), socket_read($s, 10), socket_write($s, 'late'));
usleep(100000); var_dump(socket_read($c, 10));

title('shutdown 0 and 1 (AF_UNIX)');
socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p); [$a, $b] = $p;
var_dump(socket_shutdown($a, 0), socket_read($a, 10), socket_write($b, 'x'), socket_write($a, 'fwd'), socket_read($b, 10));
socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p); [$a, $b] = $p;
var_dump(socket_shutdown($a, 1), socket_read($b, 10), socket_write($a, 'x'), socket_write($b, 'back'), socket_read($a, 10));

title('shutdown 2 with data queued; bad shutdowns');
socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p); [$a, $b] = $p; socket_write($b, 'pending');
var_dump(socket_shutdown($a, 2), socket_read($a, 10), socket_read($a, 10), socket_write($a, 'x'), socket_read($b, 10));
var_dump(socket_shutdown($a, 5), socket_shutdown(socket_create(AF_INET, SOCK_STREAM, SOL_TCP), 1));

title('signal during socket_select, socket_accept, socket_read (both modes), socket_write');
socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p);
signal_later($pid); $r = [$p[0]]; $w = null; $e = null;
var_dump(socket_select($r, $w, $e, null), socket_last_error(), count($r));
$l = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); socket_bind($l, '127.0.0.1', 0); socket_listen($l);
signal_later($pid); var_dump(socket_accept($l), socket_last_error(), socket_last_error($l));
signal_later($pid); var_dump(socket_read($p[0], 10), socket_last_error($p[0]));
signal_later($pid); var_dump(socket_read($p[0], 10, PHP_NORMAL_READ), socket_last_error($p[0]));
fill($p[0]); signal_later($pid); var_dump(socket_write($p[0], 'y'), socket_last_error($p[0]));

title('signal during a blocking connect to a listener whose backlog is full');
$l = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); socket_bind($l, '127.0.0.1', 0); socket_listen($l, 0);
socket_getsockname($l, $x, $port); $q = [];
for ($i = 0; $i < 4; $i++) { $q[$i] = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); socket_set_nonblock($q[$i]); @socket_connect($q[$i], '127.0.0.1', $port); }
$c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
signal_later($pid); var_dump(socket_connect($c, '127.0.0.1', $port), socket_last_error($c));

title('connect: closed port (IPv4, IPv6), AF_UNIX stale file, missing path, non-blocking refused');
$x = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); var_dump(socket_connect($x, '127.0.0.1', 1));
$x = socket_create(AF_INET6, SOCK_STREAM, SOL_TCP); var_dump(socket_connect($x, '::1', 1));
$u = socket_create(AF_UNIX, SOCK_STREAM, 0); socket_bind($u, "$tmp/s"); socket_close($u);
$x = socket_create(AF_UNIX, SOCK_STREAM, 0); var_dump(socket_connect($x, "$tmp/s"), socket_connect($x, "$tmp/missing"));
$x = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); socket_set_nonblock($x);
var_dump(socket_connect($x, '127.0.0.1', 1), socket_last_error($x));
$r = null; $w = [$x]; $e = null; var_dump(socket_select($r, $w, $e, 5), socket_get_option($x, SOL_SOCKET, SO_ERROR), socket_get_option($x, SOL_SOCKET, SO_ERROR));

title('full backlogs: TCP (backlog 1, six non-blocking connects), AF_UNIX (backlog 1, five)');
$l = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); socket_bind($l, '127.0.0.1', 0); socket_listen($l, 1);
socket_getsockname($l, $x, $port); $cs = [];
for ($i = 0; $i < 6; $i++) { $cs[$i] = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); socket_set_nonblock($cs[$i]); echo var_export(socket_connect($cs[$i], '127.0.0.1', $port), true), '/', socket_last_error($cs[$i]), ' '; }
$r = null; $w = $cs; $e = null; echo "\nwritable: ", socket_select($r, $w, $e, 0, 300000), "\n";
$u = socket_create(AF_UNIX, SOCK_STREAM, 0); socket_bind($u, "$tmp/l"); socket_listen($u, 1);
for ($i = 0; $i < 5; $i++) { $x = socket_create(AF_UNIX, SOCK_STREAM, 0); socket_set_nonblock($x); echo var_export(socket_connect($x, "$tmp/l"), true), '/', socket_last_error($x), ' '; $keep[] = $x; }
echo "\n";

title('datagrams longer than the read; too long to send');
socket_create_pair(AF_UNIX, SOCK_DGRAM, 0, $p);
socket_write($p[0], '0123456789'); socket_write($p[0], 'abc');
var_dump(socket_read($p[1], 4), socket_read($p[1], 4));
$x = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); var_dump(socket_sendto($x, str_repeat('x', 70000), 70000, 0, '127.0.0.1', 9));

title('out-of-band data');
[$c, $s] = tcp_pair();
socket_send($c, 'ab', 2, 0); socket_send($c, '!', 1, MSG_OOB); usleep(100000);
$r = [$s]; $w = null; $e = [$s]; var_dump(socket_select($r, $w, $e, 1), count($r), count($e));
var_dump(socket_recv($s, $buf, 10, MSG_OOB), $buf, socket_recv($s, $buf, 10, 0), $buf, socket_recv($s, $buf, 10, MSG_OOB));

@unlink("$tmp/s"); @unlink("$tmp/l"); @rmdir($tmp);
