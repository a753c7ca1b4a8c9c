#!/usr/bin/env bash
# The full load figures of docs/reliability.md: 10,000 concurrent connections to phpsock echo-server
# with 100 echo rounds, 100,000 connect/echo/close cycles, and PHP 8.2's select server beside them.
# `dotnet test PhpSockets.slnx` runs the same tests at CI size. Figures can be overridden:
#   PHPSOCKETS_LOAD_CONNECTIONS, PHPSOCKETS_LOAD_ROUNDS, PHPSOCKETS_LOAD_CYCLES, PHPSOCKETS_LOAD_PHP_CONNECTIONS,
#   PHPSOCKETS_LOAD_IDLE_CONNECTIONS, PHPSOCKETS_LOAD_RESETS (the hostile-client scenarios, docs/reliability.md "Hostile clients")
# and PHPSOCKETS_LOAD_SERVER_HEAP_LIMIT=0x10000000 caps the echo server's GC heap (here 256 MiB, hexadecimal).
# Usage: tests/PhpSockets.LoadTests/run-full-load.sh [report-file]
set -euo pipefail
cd "$(dirname "$0")/../.."

report="${1:-$(mktemp -t phpsockets-load.XXXXXX)}"
: > "$report"
artifacts="${PHPSOCKETS_LOAD_ARTIFACTS:-$(mktemp -d -t phpsockets-load-build.XXXXXX)}"

echo "== machine: $(nproc) cores, $(uname -r), descriptor limit $(ulimit -Sn)/$(ulimit -Hn), load $(cut -d' ' -f1-3 /proc/loadavg)"
PHPSOCKETS_LOAD=full PHPSOCKETS_LOAD_REPORT="$report" \
  dotnet test tests/PhpSockets.LoadTests -c Release --artifacts-path "$artifacts" \
  --logger "console;verbosity=normal"
echo "== figures (test | figure | value), also in $report"
cat "$report"
