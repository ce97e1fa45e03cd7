#!/usr/bin/env bash
# The test command. Builds the solution once, starts a throwaway PostgreSQL cluster (loopback only, a free
# port, a temporary folder, removed on exit), runs every test project and prints, as its last line,
#   N passed, N failed, N skipped
# It exits non-zero when a test fails, the run breaks, or no test ran.
#
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Persistence]
# Environment:
#   RUNNERTOKENS_TEST_POSTGRES   use this PostgreSQL server (admin connection string) instead of starting one
#   RUNNERTOKENS_TEST_NO_BUILD=1 skip the build (.ci/run has just built with the same configuration)
#   RUNNERTOKENS_TEST_CONFIGURATION  Debug (default) or Release
# Without PostgreSQL binaries (and not root to install them) the PostgreSQL tests are ignored with the reason;
# SQL Server tests need a Docker engine (Testcontainers) and are ignored with the reason without one.
set -uo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
configuration=${RUNNERTOKENS_TEST_CONFIGURATION:-Debug}
results="$root/TestResults"
started=$SECONDS

say() { echo "test.sh: $*"; }

summary_and_exit() { # passed failed skipped exit-code
  cleanup
  echo "$1 passed, $2 failed, $3 skipped"
  exit "$4"
}

# shellcheck source=lib/throwaway-postgres.sh
source scripts/lib/throwaway-postgres.sh
pg_log="$results/apt.log"

cleanup() {
  stop_postgres
}
trap cleanup EXIT
trap 'exit 130' INT TERM

count_outcomes() { # prints "passed failed skipped" from every TRX file
  local trx=("$results"/*.trx)
  [[ -e ${trx[0]} ]] || { echo "0 0 0"; return; }
  grep -ho '<UnitTestResult [^>]*' "${trx[@]}" | grep -o ' outcome="[A-Za-z]*"' | awk -F'"' '
    $2 == "Passed" { p++ ; next }
    $2 == "NotExecuted" || $2 == "Inconclusive" || $2 == "Pending" || $2 == "Disconnected" || $2 == "NotRunnable" { s++ ; next }
    { f++ }
    END { printf "%d %d %d\n", p, f, s }'
}

list_skipped() { # skipped tests grouped by reason, from the TRX files
  local trx=("$results"/*.trx)
  [[ -e ${trx[0]} ]] || return 0
  awk '
    /<UnitTestResult / && /outcome="NotExecuted"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); inside = 1; reason = "(no reason given)"; next }
    inside && /<Message>/ { line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line); reason = line }
    inside && /<\/UnitTestResult>/ { count[reason]++; names[reason] = names[reason] (count[reason] <= 6 ? " " name ";" : ""); inside = 0 }
    END { for (r in count) printf "  %d skipped: %s\n     e.g.%s%s\n", count[r], r, names[r], (count[r] > 6 ? " ..." : "") }
  ' "${trx[@]}" | sed 's/&quot;/"/g; s/&apos;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g'
}

rm -rf "$results"
mkdir -p "$results"

# docker-compose.yml (both database profiles) is checked by `docker compose config` where the Compose v2 CLI exists;
# no Docker engine is needed for that.
if docker compose version >/dev/null 2>&1; then
  if docker compose config -q && docker compose --env-file docker-compose.sqlserver.env --profile sqlserver config -q; then
    say "docker-compose.yml is valid (docker compose config)"
  else
    say "docker-compose.yml is invalid (docker compose config)"
    summary_and_exit 0 0 0 1
  fi
else
  say "no Docker Compose v2 CLI here: docker-compose.yml not validated"
fi

# The committed OpenAPI document passes redocly's recommended ruleset (skipped with the reason without npm).
if ! scripts/lint-openapi.sh; then
  say "docs/openapi/v1.json does not pass redocly lint"
  summary_and_exit 0 0 0 1
fi

# Clients generated from the committed document by other generators (openapi-typescript, Kiota) must compile; their
# scenarios run in tests/Client.Tests (GeneratedClientScenarioTests). Each is skipped with the reason without npm / NuGet.
if ! scripts/check-generated-clients.sh --build-only; then
  say "a client generated from docs/openapi/v1.json does not build (scripts/check-generated-clients.sh)"
  summary_and_exit 0 0 0 1
fi
if [[ -f clients/kiota/bin/Release/net10.0/RunnerTokens.KiotaScenario.dll ]]; then
  export RUNNERTOKENS_KIOTA_SCENARIO=$root/clients/kiota/bin/Release/net10.0/RunnerTokens.KiotaScenario.dll
fi

# Browser tests (tests/Web.Tests/Browser) drive Debian's chromium; without it they are skipped with the reason.
if [[ ! -x /usr/bin/chromium && $EUID -eq 0 ]]; then
  say "installing chromium for the browser tests"
  (apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null) \
    || say "could not install chromium: the browser tests will be skipped"
fi

if [[ ${RUNNERTOKENS_TEST_NO_BUILD:-} != 1 ]]; then
  say "building ($configuration)"
  if ! dotnet build RunnerTokens.sln -c "$configuration" -warnaserror -nologo -v quiet; then
    say "build failed"
    summary_and_exit 0 0 0 1
  fi
fi

# The command line as built starts (issue 14): `runnertokens --help` exits 0 and lists its command groups.
cli_help=$(dotnet "src/Cli/bin/$configuration/net10.0/runnertokens.dll" --help 2>&1)
if [[ $? -ne 0 ]] || ! grep -q "machine-identities" <<<"$cli_help"; then
  echo "$cli_help" | tail -n 20
  say "runnertokens --help failed (src/Cli)"
  summary_and_exit 0 0 0 1
fi
say "runnertokens --help runs (src/Cli)"

if [[ -n ${RUNNERTOKENS_TEST_POSTGRES:-} ]]; then
  say "PostgreSQL from RUNNERTOKENS_TEST_POSTGRES"
else
  start_postgres
fi

say "running tests ($((SECONDS - started))s so far)"
dotnet test RunnerTokens.sln --no-build -c "$configuration" --nologo \
  --results-directory "$results" --logger trx --blame-hang-timeout 15m "$@"
test_exit=$?

read -r passed failed skipped < <(count_outcomes)
if ((skipped > 0)); then
  say "skipped tests, by reason:"
  list_skipped
fi
say "tests took $((SECONDS - started))s in all; TRX files in ${results#"$root"/}/"

exit_code=0
if ((test_exit != 0 || failed > 0)); then
  exit_code=1
elif ((passed == 0)); then
  say "no test ran"
  exit_code=1
fi
summary_and_exit "$passed" "$failed" "$skipped" "$exit_code"
