#!/usr/bin/env bash
# One command from a clean clone: builds the API (Release), starts it on 127.0.0.1 with a throwaway SQLite
# database and the in-process GitHub simulator, seeds a team, then measures JIT provisioning and runner
# listing at 1, 16 and 64 concurrent clients (bench/load.mjs, autocannon). Bounded: BENCH_DURATION seconds
# (default 15) per scenario and concurrency, 6 runs. The service is stopped and its data removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
port=${BENCH_PORT:-5380}
base="http://127.0.0.1:$port"
data=$(mktemp -d)
api_pid=""
cleanup() {
  [[ -n $api_pid ]] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

echo "bench: installing the load generator and building the API (Release)"
(cd bench && npm ci --no-audit --no-fund --silent)
dotnet build src/Api -c Release -nologo -v q >/dev/null

# A development token (dotnet user-jwts signs it with a key kept in this machine's user secrets).
email=bench@runnertokens.local
token=$(dotnet user-jwts create --project src/Api --name bench --claim "email=$email" --valid-for 2h --output token)

echo "bench: starting the API on $base"
(
  cd src/Api/bin/Release/net10.0
  ASPNETCORE_ENVIRONMENT=Development \
  ConnectionStrings__RunnerTokens="Data Source=$data/bench.db" \
  RateLimiting__Enabled=false \
  Logging__LogLevel__Default=Warning \
  Authorization__BootstrapAdmins__0="email:$email" \
  exec dotnet RunnerTokens.Api.dll --urls "$base"
) > "$data/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 60); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$base/health/ready" >/dev/null || { echo "bench: the API did not start"; tail -20 "$data/api.log"; exit 1; }

auth=(-H "Authorization: Bearer $token" -H "Content-Type: application/json")
user_id=$(curl -fs "${auth[@]}" "$base/api/v1/me" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -fs "${auth[@]}" -X POST "$base/api/v1/teams" \
  -d '{"name":"bench","organization":"bench-org","policy":{"requiredLabels":["bench"],"allowedLabelPatterns":["bench-.*"]}}' >/dev/null
curl -fs "${auth[@]}" -X PUT "$base/api/v1/teams/bench/members/$user_id" -d '{"role":"maintainer"}' >/dev/null

echo "bench: measuring ($(nproc) cores, ${BENCH_DURATION:-15} s per run)"
node bench/load.mjs "$base" "$token" bench
