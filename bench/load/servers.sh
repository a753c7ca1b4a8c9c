# Sourced by bench/run-load and bench/profile-load: the command line of each echo server.
#   server_cmd NAME PORT    prints it; needs $bin (C binaries), $echo_servers, $phpsock, $phpsock_aot and $here (bench/).
server_cmd() {
  local s="$1" p="$2"
  case "$s" in
    c) echo "$bin/echo_poll --port $p" ;;
    c-line) echo "$bin/echo_poll --port $p --line" ;;
    phpsockets) echo "dotnet $echo_servers phpsockets --port $p" ;;
    phpsockets-line) echo "dotnet $echo_servers phpsockets --port $p --line" ;;
    phpsockets-poll) echo "dotnet $echo_servers phpsockets --port $p --poll-only" ;;
    netsockets) echo "dotnet $echo_servers netsockets --port $p" ;;
    netsockets-line) echo "dotnet $echo_servers netsockets --port $p --line" ;;
    phpsock-cli) echo "dotnet $phpsock echo-server --raw --address 127.0.0.1 --port $p" ;;
    phpsock-aot) echo "$phpsock_aot echo-server --raw --address 127.0.0.1 --port $p" ;;
    php) echo "php -n -d extension=sockets $here/load/servers/echo.php --port $p" ;;
    php-line) echo "php -n -d extension=sockets $here/load/servers/echo.php --port $p --line" ;;
    *) echo "unknown server $s" >&2; return 1 ;;
  esac
}
