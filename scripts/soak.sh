#!/usr/bin/env bash
# The soak: one command, bounded, loopback only.
#   scripts/soak.sh                 SOAK_DURATION seconds (default 90), a replica killed every 20 s
#   scripts/soak.sh --short         about 30 s, a replica killed every 12 s: two kills, one of each (what .ci/run runs)
# Builds (Release) the service, the fake GitHub (src/GitHub.Simulator.Host) and the proxy (tests/Soak.Proxy), starts a
# throwaway PostgreSQL cluster (scripts/lib/throwaway-postgres.sh, as scripts/test.sh does), then scripts/soak.py runs
# two replicas behind the proxy under load and GitHub faults, kills and restarts them, and checks the invariants of
# issue 13 (docs/operations.md#soak). The last line is `N passed, N failed` over the invariants; exit code 0 only if
# all hold.
# Environment: SOAK_DURATION (s), SOAK_KILL_EVERY (s, 20), SOAK_SEED (random by default; printed), SOAK_KEEP=1 (keep
#   the logs and database dump; kept anyway on failure), SOAK_NO_BUILD=1, SOAK_CONFIGURATION (Release),
#   RUNNERTOKENS_TEST_POSTGRES (use this server instead of a throwaway cluster; needs SOAK_PG_BIN for psql/pg_dump).
set -uo pipefail
cd "$(dirname "$0")/.."
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { echo "soak.sh: $*" >&2; }
fail() { say "$1"; echo "0 passed, 7 failed"; exit 1; }

if [[ ${1:-} == --short ]]; then
  export SOAK_DURATION=${SOAK_DURATION:-30} SOAK_KILL_EVERY=${SOAK_KILL_EVERY:-12}
fi
configuration=${SOAK_CONFIGURATION:-Release}
export SOAK_CONFIGURATION=$configuration

if [[ ${SOAK_NO_BUILD:-} != 1 ]]; then
  say "building ($configuration): service, fake GitHub, proxy"
  for project in src/Api src/GitHub.Simulator.Host tests/Soak.Proxy; do
    dotnet build "$project" -c "$configuration" -nologo -v q >/tmp/soak-build.$$.log 2>&1 || { tail -n 30 /tmp/soak-build.$$.log; fail "build of $project failed"; }
  done
  rm -f /tmp/soak-build.$$.log
fi

# shellcheck source=lib/throwaway-postgres.sh
source scripts/lib/throwaway-postgres.sh
pg_without="the soak needs PostgreSQL"
trap stop_postgres EXIT
trap 'exit 130' INT TERM
if [[ -z ${RUNNERTOKENS_TEST_POSTGRES:-} ]]; then
  start_postgres
  [[ -n ${RUNNERTOKENS_TEST_POSTGRES:-} ]] || fail "no PostgreSQL"
  export SOAK_PG_BIN=$pg_bin
else
  export SOAK_PG_BIN=${SOAK_PG_BIN:-$(find_postgres)}
fi

python3 scripts/soak.py
