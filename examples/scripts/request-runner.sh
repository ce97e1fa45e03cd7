#!/usr/bin/env bash
# Ask RunnerTokens for a just-in-time runner and run it here, from any CI or machine: get a token from your
# identity provider with OAuth client credentials (or take one you already have), request a JIT runner for your
# team, then start GitHub's actions/runner with the JIT configuration. The runner registers, takes exactly one
# job, and is removed by GitHub when the job ends. See README.md next to this file.
#
# Environment:
#   RUNNERTOKENS_URL        the service, e.g. https://runnertokens.example.com (required)
#   RUNNERTOKENS_TEAM       the team to provision for (optional when the identity acts for one team, as machine
#                           identities always do)
#   RUNNER_LABELS           comma-separated extra labels (the team's required labels are added by the service)
#   RUNNER_NAME_PREFIX      runner name prefix (default: ci); the service appends a random suffix
#   RUNNER_DIR              directory of an unpacked actions/runner release (default: ./actions-runner); if it has
#                           no run.sh, the latest linux-x64 release is downloaded there
#   Token, one of:
#     RUNNERTOKENS_TOKEN    a bearer token you already have (e.g. a CI's OIDC token), or
#     OIDC_TOKEN_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, optional OIDC_SCOPE / OIDC_AUDIENCE:
#                           client-credentials grant at your identity provider's token endpoint
#   RUNNER_PRINT_ONLY=1     request the runner and print its name and id, but do not start it (the configuration is
#                           discarded: the runner never registers and the sync removes it after Sync:PendingTimeout)
# Needs bash, curl, jq, tar. The token and the JIT configuration are never printed.
set -euo pipefail

die() { echo "request-runner: $*" >&2; exit 1; }
quoted() { local s=${1//\\/\\\\}; printf '%s' "${s//\"/\\\"}"; } # for a curl config "..." value
: "${RUNNERTOKENS_URL:?set RUNNERTOKENS_URL}"
url=${RUNNERTOKENS_URL%/}
runner_dir=${RUNNER_DIR:-./actions-runner}

# 1. A token for the service.
if [[ -n ${RUNNERTOKENS_TOKEN:-} ]]; then
  token=$RUNNERTOKENS_TOKEN
else
  : "${OIDC_TOKEN_URL:?set RUNNERTOKENS_TOKEN, or OIDC_TOKEN_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET}"
  : "${OIDC_CLIENT_ID:?set OIDC_CLIENT_ID}" "${OIDC_CLIENT_SECRET:?set OIDC_CLIENT_SECRET}"
  form=(--data-urlencode grant_type=client_credentials)
  [[ -n ${OIDC_SCOPE:-} ]] && form+=(--data-urlencode "scope=$OIDC_SCOPE")
  [[ -n ${OIDC_AUDIENCE:-} ]] && form+=(--data-urlencode "audience=$OIDC_AUDIENCE")
  # The secret reaches curl through its config on stdin, not the command line (which `ps` shows).
  token=$(printf 'user = "%s:%s"\n' "$(quoted "$OIDC_CLIENT_ID")" "$(quoted "$OIDC_CLIENT_SECRET")" \
    | curl -sS --fail-with-body --connect-timeout 10 --max-time 30 -K - "${form[@]}" "$OIDC_TOKEN_URL" \
    | jq -r '.access_token // empty') || die "the token endpoint refused the client credentials"
  [[ -n $token ]] || die "the token endpoint answered without an access_token"
fi

# 2. The JIT runner.
request=$(jq -n --arg team "${RUNNERTOKENS_TEAM:-}" --arg prefix "${RUNNER_NAME_PREFIX:-ci}" --arg labels "${RUNNER_LABELS:-}" \
  '{namePrefix: $prefix, labels: ($labels | split(",") | map(select(length > 0)))}
   + (if $team == "" then {} else {team: $team} end)')
answer=$(mktemp)
trap 'rm -f "$answer"' EXIT
chmod 600 "$answer"
status=$(printf 'header = "Authorization: Bearer %s"\n' "$(quoted "$token")" \
  | curl -sS -K - -o "$answer" -w '%{http_code}' --connect-timeout 10 --max-time 60 -X POST "$url/api/v1/runners/jit" \
    -H 'Content-Type: application/json' --data "$request") \
  || die "no answer from $url"
if [[ $status != 201 ]]; then
  # Problem details: errorCode and detail say why (label outside the policy, quota reached, unknown principal...).
  die "$url answered $status: $(jq -r '"\(.errorCode // "?"): \(.detail // .title // "")", (.violations // [] | .[] | "  \(.code) \(.label // "")")' "$answer" 2>/dev/null || cat "$answer")"
fi
echo "request-runner: runner $(jq -r .name "$answer") ($(jq -r .id "$answer")) for team $(jq -r .team "$answer"), labels $(jq -r '.labels | join(",")' "$answer")"

if [[ ${RUNNER_PRINT_ONLY:-} == 1 ]]; then
  exit 0
fi

# 3. actions/runner, once.
if [[ ! -x $runner_dir/run.sh ]]; then
  version=${RUNNER_VERSION:-$(curl -sS --max-time 30 https://api.github.com/repos/actions/runner/releases/latest | jq -r .tag_name)}
  version=${version#v}
  [[ -n $version && $version != null ]] || die "could not find the latest actions/runner release (set RUNNER_VERSION)"
  mkdir -p "$runner_dir"
  echo "request-runner: downloading actions/runner $version into $runner_dir"
  curl -sSL --fail --max-time 300 \
    "https://github.com/actions/runner/releases/download/v$version/actions-runner-linux-x64-$version.tar.gz" \
    | tar -xz -C "$runner_dir"
fi

# 4. Run it: registers, takes one job, exits. The configuration goes straight from the answer to the runner.
jitconfig=$(jq -r .encodedJitConfig "$answer")
rm -f "$answer"
cd "$runner_dir"
exec ./run.sh --jitconfig "$jitconfig"
