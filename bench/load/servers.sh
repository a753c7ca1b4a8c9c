# Sourced by bench/run-load, bench/profile-load and bench/count-echo-instructions: how each echo server is
# built and started. Needs $here (bench/) and $art (the artifacts folder) set before it is sourced.
#   build_servers           builds the generator, the C server and the .NET servers (JIT and phpsock's AOT binary)
#   server_cmd NAME PORT    prints a server's command line
bin="$art/load"
echo_servers="$art/bin/EchoServers/release/echo-servers.dll"
phpsock="$art/bin/PhpSockets.Cli/release/phpsock.dll"
phpsock_aot="$art/aot/phpsock"
echo_servers_aot="$art/aot-echo/echo-servers"

build_servers() {
  mkdir -p "$bin"
  gcc -O2 -Wall -Wextra -o "$bin/loadgen" "$here/load/loadgen.c"
  gcc -O2 -Wall -Wextra -o "$bin/echo_poll" "$here/load/servers/echo_poll.c"
  for p in "$here/load/servers/EchoServers" "$here/../src/PhpSockets.Cli"; do
    dotnet build "$p" -c Release --artifacts-path "$art" -nologo -v q 2>&1 | grep -E "error|rror\(s\)" | grep -v " 0 Error" || true
  done
  dotnet publish "$here/../src/PhpSockets.Cli" -c Release -r linux-x64 --artifacts-path "$art" -o "$art/aot" -nologo -v q 2>&1 | grep -E "error|warn" || true
  # The library loop as a native program too, published as phpsock is (the -aot servers below). Its symbol
  # table is kept and the DWARF dropped, so callgrind can run it and name its methods (valgrind 3.19 gives up
  # on ILC's DWARF, in the binary or in a .dbg beside it); the code is what a stripped publish gives.
  dotnet publish "$here/load/servers/EchoServers" -c Release -r linux-x64 -p:PublishAot=true -p:StripSymbols=false \
    --artifacts-path "$art/echo-names" -o "$art/aot-echo" -nologo -v q 2>&1 | grep -E "error|warn" || true
  objcopy --strip-debug "$art/aot-echo/echo-servers"
}

server_cmd() {
  local s="$1" p="$2"
  case "$s" in
    c) echo "$bin/echo_poll --port $p" ;;
    c-line) echo "$bin/echo_poll --port $p --line" ;;
    phpsockets) echo "dotnet $echo_servers phpsockets --port $p" ;;
    phpsockets-line) echo "dotnet $echo_servers phpsockets --port $p --line" ;;
    phpsockets-aot) echo "$echo_servers_aot phpsockets --port $p" ;;
    phpsockets-line-aot) echo "$echo_servers_aot phpsockets --port $p --line" ;;
    phpsockets-poll) echo "dotnet $echo_servers phpsockets --port $p --poll-only" ;;
    netsockets) echo "dotnet $echo_servers netsockets --port $p" ;;
    netsockets-line) echo "dotnet $echo_servers netsockets --port $p --line" ;;
    phpsock-cli) echo "dotnet $phpsock echo-server --raw --address 127.0.0.1 --port $p" ;;
    # the JIT tool under other runtime settings, to choose the framework-dependent package's defaults by measurement
    phpsock-cli-notiering) echo "env DOTNET_TieredCompilation=0 $(server_cmd phpsock-cli "$p")" ;;
    phpsock-cli-nopgo) echo "env DOTNET_TieredPGO=0 $(server_cmd phpsock-cli "$p")" ;;
    phpsock-cli-loopsoptimized) echo "env DOTNET_TC_QuickJitForLoops=0 $(server_cmd phpsock-cli "$p")" ;;
    phpsock-aot) echo "$phpsock_aot echo-server --raw --address 127.0.0.1 --port $p" ;;
    php) echo "php -n -d extension=sockets $here/load/servers/echo.php --port $p" ;;
    php-line) echo "php -n -d extension=sockets $here/load/servers/echo.php --port $p --line" ;;
    *) echo "unknown server $s" >&2; return 1 ;;
  esac
}
