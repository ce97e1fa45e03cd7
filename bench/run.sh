#!/usr/bin/env bash
# One command: bench/run.sh
# Publishes the service as the Dockerfile does (Release, ReadyToRun, for this machine's runtime) and builds the
# out-of-process fake GitHub (src/GitHub.Simulator.Host) in Release, then bench/bench.py
# measures, on 127.0.0.1 only: the bare authenticated endpoint (the ceiling), runner list, the list's query alone (its
# floor), get and JIT at 1, 16 and 64 clients, JIT over 16 teams at 64 clients, an exact-quota race and a restart on
# the migrated database, on SQLite and (when its binaries are here) PostgreSQL. It prints a table per database, each
# figure also as a ratio of the bare endpoint's, and writes bench/results/latest.{json,md}. About 5 minutes with the
# defaults. Not a CI test. Profiling: BENCH_SCENARIOS, BENCH_TRACE, BENCH_TRACE_CLIENTS, BENCH_TRACE_PROFILE (bench.py).
# Environment: BENCH_DURATION (s per run, default 5), BENCH_WARMUP (least warm-up, s, 2), BENCH_WARMUP_MAX (s, 12:
#   each scenario warms up until tiered compilation settles, under BENCH_SETTLED=20 methods/s), BENCH_CLIENTS (1,16,64),
#   BENCH_PROVIDERS (sqlite,postgresql), BENCH_PG_OPTIONS (appended to the PostgreSQL connection string, e.g.
#   "Maximum Pool Size=16"), BENCH_SERVER_GC (1 or 0: server or workstation GC; default: the
#   artifact's own setting, see docs/performance.md), BENCH_KEEP=1
#   (keep the service logs), BENCH_NO_BUILD=1.
# Load generator: wrk (C, event loop, ~10x less CPU per request than Node's autocannon, which matters when it shares
# two cores with the service); installed with apt-get when missing and running as root.
set -euo pipefail
cd "$(dirname "$0")/.."
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

if ! command -v wrk >/dev/null; then
  if [[ $EUID -eq 0 ]]; then
    echo "bench: installing wrk (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  else
    echo "bench: wrk is missing (apt-get install wrk)" >&2
    exit 1
  fi
fi

if [[ ${BENCH_NO_BUILD:-} != 1 ]]; then
  echo "bench: building (Release)" >&2
  # The service as deployed (the Dockerfile publishes the same way): ReadyToRun for this machine's runtime.
  dotnet publish src/Api -c Release --use-current-runtime --self-contained false -o src/Api/bin/Release/bench-publish \
    -nologo -v q >/dev/null
  dotnet build src/GitHub.Simulator.Host -c Release -nologo -v q >/dev/null
fi

exec python3 bench/bench.py
