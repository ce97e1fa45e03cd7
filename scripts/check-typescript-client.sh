#!/usr/bin/env bash
# Type-checks and builds the TypeScript example client (clients/typescript): npm ci (the pinned openapi-typescript,
# openapi-fetch and TypeScript of package-lock.json), generates src/schema.d.ts from the committed
# docs/openapi/v1.json, type-checks and compiles it with tsc into dist/example.js, which the client tests
# (tests/Client.Tests, GeneratedClientScenarioTests) run against the real host on a loopback port.
# Without npm it says why and exits 0 (skipped): the scenario test is then ignored with the reason.
# Usage: scripts/check-typescript-client.sh
set -euo pipefail
cd "$(dirname "$0")/../clients/typescript"

if ! command -v npm >/dev/null 2>&1; then
  echo "check-typescript-client.sh: skipped: npm is not installed (install Node.js to check clients/typescript)"
  exit 0
fi

# npm ci once per lock file (a stamp in node_modules remembers which).
lock=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ $(cat node_modules/.runnertokens-lock 2>/dev/null) != "$lock" ]]; then
  npm ci --no-audit --no-fund --silent >/dev/null
  echo "$lock" >node_modules/.runnertokens-lock
fi
npm run --silent generate >/dev/null
# One tsc run type-checks (it fails on any type error, as --noEmit would) and emits dist/ for the scenario test.
npx --no-install tsc
echo "check-typescript-client.sh: clients/typescript type-checks against docs/openapi/v1.json; dist/example.js built"
