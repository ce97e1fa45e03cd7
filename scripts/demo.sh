#!/usr/bin/env bash
# The getting-started walkthrough (docs/getting-started.md), runnable: against a running RunnerTokens on
# loopback it checks that you are an admin, creates a team with a policy, adds a member, provisions a JIT
# runner, waits for it to come online, deletes it, reads the team's audit trail and verifies the hash chain.
# It prints each step and exits non-zero on the first one that fails. Every request and every wait is bounded.
#
# Usage: scripts/demo.sh            (start the service first: see docs/getting-started.md, step 2)
# Environment:
#   RUNNERTOKENS_URL      the service (default http://localhost:5271); loopback only unless
#                         RUNNERTOKENS_DEMO_ALLOW_REMOTE=1 (the demo creates a team and a user)
#   RUNNERTOKENS_TOKEN    a bearer token of a bootstrap admin; without it the script makes a Development token
#                         with `dotnet user-jwts` for RUNNERTOKENS_DEMO_USER (default alice) with the email
#                         RUNNERTOKENS_DEMO_EMAIL (default alice@example.com), kept in memory only. The service must list that email in Authorization:BootstrapAdmins.
#   RUNNERTOKENS_DEMO_TEAM    team to create (default demo-<random>; teams are never deleted, only deactivated)
#   RUNNERTOKENS_DEMO_ORG     GitHub organization of the team (default acme: any name works with the simulator)
#   RUNNERTOKENS_DEMO_WAIT    seconds to wait for the runner to come online (default 60)
# Needs bash, curl and jq.
set -euo pipefail

url=${RUNNERTOKENS_URL:-http://localhost:5271}
url=${url%/}
user=${RUNNERTOKENS_DEMO_USER:-alice}
email=${RUNNERTOKENS_DEMO_EMAIL:-alice@example.com}
suffix=$(printf '%04x%04x' $RANDOM $RANDOM)
team=${RUNNERTOKENS_DEMO_TEAM:-demo-$suffix}
org=${RUNNERTOKENS_DEMO_ORG:-acme}
wait_online=${RUNNERTOKENS_DEMO_WAIT:-60}
step_no=0

step() { step_no=$((step_no + 1)); printf '\n==> %d. %s\n' "$step_no" "$*"; }
say() { printf '    %s\n' "$*"; }
fail() { printf 'demo: FAILED at step %d: %s\n' "$step_no" "$*" >&2; exit 1; }

for tool in curl jq; do
  command -v "$tool" >/dev/null || fail "$tool is required"
done

case $url in
  http://localhost:* | http://localhost | http://127.0.0.1* | http://\[::1\]* | https://localhost* | https://127.0.0.1*) ;;
  *) [[ ${RUNNERTOKENS_DEMO_ALLOW_REMOTE:-} == 1 ]] || fail "RUNNERTOKENS_URL=$url is not loopback (set RUNNERTOKENS_DEMO_ALLOW_REMOTE=1 to run anyway)" ;;
esac

body_file=$(mktemp)
trap 'rm -f "$body_file"' EXIT

# call METHOD PATH [JSON] -> sets $status, body in $body_file. Bounded: 5 s to connect, 30 s in all.
call() {
  local method=$1 path=$2 data=${3:-}
  local args=(-sS -o "$body_file" -w '%{http_code}' --connect-timeout 5 --max-time 30 -X "$method"
    -H "Authorization: Bearer $token" -H 'Accept: application/json')
  if [[ -n $data ]]; then
    args+=(-H 'Content-Type: application/json' --data "$data")
  fi
  status=$(curl "${args[@]}" "$url$path") || fail "$method $path: no answer from $url (is the service running?)"
}

# expect METHOD PATH EXPECTED-STATUS [JSON]: fails with the problem's errorCode and detail otherwise.
expect() {
  local method=$1 path=$2 expected=$3 data=${4:-}
  call "$method" "$path" "$data"
  if [[ $status != "$expected" ]]; then
    local problem
    problem=$(jq -r '"\(.errorCode // "?"): \(.detail // .title // "")"' "$body_file" 2>/dev/null || head -c 300 "$body_file")
    fail "$method $path answered $status, expected $expected ($problem)"
  fi
  say "$method $path -> $status"
}

field() { jq -r "$1" "$body_file"; }

step "Service at $url is ready"
ready=$(curl -sS --connect-timeout 5 --max-time 10 "$url/health/ready" || true)
[[ $ready == Healthy ]] || fail "GET $url/health/ready answered '${ready:-nothing}': start the service first (docs/getting-started.md)"
say "GET /health/ready -> Healthy"

step "Token"
if [[ -n ${RUNNERTOKENS_TOKEN:-} ]]; then
  token=$RUNNERTOKENS_TOKEN
  say "using RUNNERTOKENS_TOKEN"
else
  repo=$(cd "$(dirname "$0")/.." && pwd)
  token=$(timeout 120 dotnet user-jwts create --project "$repo/src/Api" --name "$user" --claim "email=$email" --output token) \
    || fail "dotnet user-jwts create failed (or set RUNNERTOKENS_TOKEN)"
  say "made a Development token for $user ($email) with dotnet user-jwts (kept in memory)"
fi

step "Who am I? (must be an admin: Authorization:BootstrapAdmins)"
expect GET /api/v1/me 200
me=$(field .id)
say "$(field '"\(.displayName) kind=\(.kind) isAdmin=\(.isAdmin)"')"
[[ $(field .isAdmin) == true ]] || fail "you are not an admin: start the service with Authorization__BootstrapAdmins__0=email:$email (a bootstrap applies at the first sign-in only)"

step "Create team $team in organization $org"
expect POST /api/v1/teams 201 "{\"name\":\"$team\",\"description\":\"Getting-started demo\",\"organization\":\"$org\"}"
say "team $(field .name), policy version $(field .policyVersion)"

step "Set the team's label policy (every field: a PUT replaces the whole policy)"
expect PUT "/api/v1/teams/$team/policy" 200 \
  '{"requiredLabels":["'"$team"'"],"allowedLabelPatterns":["gpu-.*","size-(s|m|l)"],"allowedRunnerGroupIds":[],"defaultRunnerGroupId":null,"maxRunners":2,"allowRegistrationTokens":false,"allowPersistentRunners":false}'
say "policy version $(field .version): required $(field '.requiredLabels|join(",")'), patterns $(field '.allowedLabelPatterns|join(" ")'), at most $(field .maxRunners) runners"

step "Change one field of the policy (PATCH: the other fields are kept)"
expect PATCH "/api/v1/teams/$team/policy" 200 '{"maxRunners":3}'
say "policy version $(field .version): required $(field '.requiredLabels|join(",")'), at most $(field .maxRunners) runners"

step "Add members: a colleague (member) and yourself (maintainer; admins provision only in their own teams)"
expect POST /api/v1/users 201 "{\"email\":\"bob+$suffix@example.com\",\"displayName\":\"Bob ($team)\"}"
bob=$(field .id)
expect PUT "/api/v1/teams/$team/members/$bob" 200 '{"role":"member"}'
say "$(field .displayName): $(field .role)"
expect PUT "/api/v1/teams/$team/members/$me" 200 '{"role":"maintainer"}'
say "$(field .displayName): $(field .role)"

step "Ask the policy first (provisions nothing)"
expect POST "/api/v1/teams/$team/policy/evaluate" 200 '{"labels":["gpu-a100","windows"]}'
say "labels gpu-a100,windows: admitted=$(field .admitted) ($(field '[.violations[] | "\(.code) \(.label)"] | join("; ")'))"
expect POST "/api/v1/teams/$team/policy/evaluate" 200 '{"labels":["gpu-a100"]}'
say "labels gpu-a100: admitted=$(field .admitted), final labels $(field '.finalLabels|join(",")')"

step "Provision a JIT runner"
expect POST /api/v1/runners/jit 201 "{\"team\":\"$team\",\"namePrefix\":\"demo\",\"labels\":[\"gpu-a100\"]}"
runner=$(field .id)
say "runner $(field .name) ($runner): status $(field .status), labels $(field '.labels|join(",")')"
say "on the machine: ./run.sh --jitconfig $(field '.encodedJitConfig[0:12]')... (returned once, never stored)"

step "Wait for it to come online (at most ${wait_online}s; the sync is nudged every 5s)"
deadline=$((SECONDS + wait_online))
next_sync=$((SECONDS + 5))
while :; do
  expect GET "/api/v1/runners/$runner" 200 >/dev/null
  state=$(field '.status')
  case $state in
    idle | busy) say "status $state, first online at $(field '.firstOnlineAt')"; break ;;
    pending | provisioning) ;;
    *) fail "runner is $state" ;;
  esac
  ((SECONDS < deadline)) || fail "runner still $state after ${wait_online}s"
  if ((SECONDS >= next_sync)); then
    # The background sync runs every Sync:Interval (1 minute by default); an admin can run it now.
    call POST /api/v1/admin/sync
    next_sync=$((SECONDS + 5))
  fi
  sleep 1
done

step "Delete the runner"
expect DELETE "/api/v1/runners/$runner" 204
expect GET "/api/v1/runners/$runner" 200
say "runner $runner: status $(field '.status'), reason $(field '.deletionReason')"
[[ $(field '.status') == deleted ]] || fail "runner is not deleted"

step "Read the team's audit trail"
expect GET "/api/v1/audit-events?team=$team&limit=20" 200
jq -r '.items | reverse | .[] | "    \(.occurredAt[0:19])  \(.action)  \(.outcome)  by \(.actorDisplay)"' "$body_file"

step "Verify the audit hash chain"
expect GET /api/v1/audit-events/verify 200
[[ $(field .valid) == true ]] || fail "audit chain broken: $(field .reason) at sequence $(field .firstBrokenSequence): $(field .detail)"
say "valid=$(field .valid), $(field .checked) events checked, head sequence $(field .headSequence)"

printf '\ndemo: done: runner %s deleted, audit chain valid\n' "$runner"
