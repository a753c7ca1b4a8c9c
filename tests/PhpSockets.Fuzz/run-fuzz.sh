#!/usr/bin/env bash
# Coverage-guided fuzzing of one target with AFL++ and SharpFuzz (docs/reliability.md, "Fuzzing").
#
#   tests/PhpSockets.Fuzz/run-fuzz.sh TARGET [SECONDS] [OUTPUT]
#
# TARGET: address | cmsg | sendmsg | scenario. SECONDS: how long (default 600). OUTPUT: AFL's
# folder (default /tmp/phpsockets-fuzz/TARGET); crashes land in OUTPUT/default/crashes, and new
# interesting inputs in OUTPUT/default/queue (copy the useful ones to corpus/TARGET).
# Needs root for apt-get (afl++) and for the network namespace the fuzzer runs in: with only
# a loopback interface there, no input can reach any other address, whatever the targets' own
# guards (they keep inputs away from DNS and send only to loopback) might miss.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: run-fuzz.sh TARGET [SECONDS] [OUTPUT]}
seconds=${2:-600}
out=${3:-/tmp/phpsockets-fuzz/$target}
case "$target" in address|cmsg|sendmsg|scenario) ;; *) echo "unknown target $target" >&2; exit 2;; esac

if ! command -v afl-fuzz >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi

# A private build, instrumented by SharpFuzz (the tool version is pinned in .config/dotnet-tools.json).
build="$out.build"
rm -rf "$build"
dotnet publish "$here/Targets/PhpSockets.Fuzz.csproj" -c Release -o "$build" --artifacts-path "$out.artifacts" -v q -nologo >/dev/null
(cd "$here" && dotnet tool restore >/dev/null && \
  DOTNET_ROLL_FORWARD=Major dotnet sharpfuzz "$build/PhpSockets.dll" && \
  DOTNET_ROLL_FORWARD=Major dotnet sharpfuzz "$build/PhpSockets.Conformance.dll")

# Seeds: the kept corpus (for scenario: conformance scenarios too).
seeds="$out.seeds"
rm -rf "$seeds"; mkdir -p "$seeds"
cp "$here/corpus/$target"/* "$seeds/"
mkdir -p "$out"

export PHPSOCKETS_FUZZ_LOG="$out.failures.log"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
fuzz=(afl-fuzz -i "$seeds" -o "$out" -t 5000 -m none -V "$seconds" -- dotnet "$build/PhpSockets.Fuzz.dll" "$target")
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  unshare -n sh -c 'ip link set lo up && exec "$@"' sh "${fuzz[@]}"
else
  echo "warning: no network namespace (not root, or unshare refused): running in the host's network" >&2
  "${fuzz[@]}"
fi
echo "== $target: $(grep -E '^(execs_done|run_time|saved_crashes|saved_hangs|corpus_count)' "$out/default/fuzzer_stats" | tr -s ' ' | tr '\n' ' ')"
