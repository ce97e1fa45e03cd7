#!/usr/bin/env bash
# Lints the committed OpenAPI documents (docs/openapi/*.json) with redocly's recommended ruleset (redocly.yaml):
# 0 errors and 0 warnings or it fails. Installs @redocly/cli 2.77.0 from npm into .tools/redocly (git-ignored)
# on first use. Without npm it says why and exits 0 (skipped), so a machine without Node still runs the tests.
# Usage: scripts/lint-openapi.sh
set -euo pipefail
cd "$(dirname "$0")/.."
version=2.77.0
tools=.tools/redocly
redocly=$tools/node_modules/.bin/redocly

if ! command -v npm >/dev/null 2>&1; then
  echo "lint-openapi.sh: skipped: npm is not installed (install Node.js to lint docs/openapi with redocly)"
  exit 0
fi

if [[ ! -x $redocly ]] || ! grep -q "\"version\": \"$version\"" "$tools/node_modules/@redocly/cli/package.json" 2>/dev/null; then
  mkdir -p "$tools"
  echo "lint-openapi.sh: installing @redocly/cli $version into $tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent --no-save "@redocly/cli@$version" >/dev/null
fi

# --max-problems 0 is not a thing: warnings count as failures through the exit code of the stylish check below.
output=$("$redocly" lint --format=stylish 2>&1) || { echo "$output"; exit 1; }
echo "$output" | grep -vE "^\s*$|Node\.js|╔|╚|║" || true
if echo "$output" | grep -qE "[0-9]+ warnings?"; then
  echo "lint-openapi.sh: warnings are not allowed"
  exit 1
fi
echo "lint-openapi.sh: docs/openapi is clean"
