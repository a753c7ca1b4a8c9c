# Sourced by bench/run-load, bench/profile-load and bench/count-echo-instructions: how each echo server is
# built and started. Needs $here (bench/) and $art (the artifacts folder) set before it is sourced.
#   build_servers           builds the generator, the C server and the .NET servers (JIT and phpsock's AOT binary)
#   server_cmd NAME PORT    prints a server's command line
bin="$art/load"
echo_servers="$art/bin/EchoServers/release/echo-servers.dll"
phpsock="$art/bin/PhpSockets.Cli/release/phpsock.dll"
phpsock_aot="$art/aot/phpsock"

build_servers() {
  mkdir -p "$bin"
  gcc -O2 -Wall -Wextra -o "$bin/loadgen" "$here/load/loadgen.c"
  gcc -O2 -Wall -Wextra -o "$bin/echo_poll" "$here/load/servers/echo_poll.c"
  for p in "$here/load/servers/EchoServers" "$here/../src/PhpSockets.Cli"; do
    dotnet build "$p" -c Release --artifacts-path "$art" -nologo -v q 2>&1 | grep -E "error|rror\(s\)" | grep -v " 0 Error" || true
  done
  dotnet publish "$here/../src/PhpSockets.Cli" -c Release -r linux-x64 --artifacts-path "$art" -o "$art/aot" -nologo -v q 2>&1 | grep -E "error|warn" || true
}

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
