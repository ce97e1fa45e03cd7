#!/usr/bin/env bash
# Proves that clients other generators make from the committed contract (docs/openapi/v1.json) run the platform
# team's scenario against the real host with no hand-written workaround, besides the C# package (NSwag, proven by
# the rest of tests/Client.Tests):
#   Kiota (C#)        : installs the Microsoft.OpenApi.Kiota dotnet tool 1.38.0 into .tools/kiota (git-ignored), generates
#                       clients/kiota/Generated, builds clients/kiota (the scenario program) with -warnaserror;
#   openapi-typescript: scripts/check-typescript-client.sh (npm ci, generate, tsc) builds clients/typescript/dist;
# then runs tests/Client.Tests' GeneratedClientScenarioTests, which start the API on a loopback port, mint the
# tokens and run each program (dotnet clients/kiota/.../RunnerTokens.KiotaScenario.dll, node dist/example.js).
#
# Usage: scripts/check-generated-clients.sh              build both and run their scenarios
#        scripts/check-generated-clients.sh --build-only build both (scripts/test.sh; its test run then runs them)
# A generated client that does not compile fails the script. Without npm the TypeScript client is skipped, and
# without the Kiota tool (no NuGet) the Kiota client is skipped, each with the reason; the scenario test of a
# skipped client is then ignored with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
kiota_version=1.38.0
tools=.tools/kiota
kiota_dll=$root/clients/kiota/bin/Release/net10.0/RunnerTokens.KiotaScenario.dll

say() { echo "check-generated-clients.sh: $*"; }

scripts/check-typescript-client.sh

rm -f "$kiota_dll"
if [[ ! -x $tools/kiota ]] || [[ $("$tools/kiota" --version 2>/dev/null) != "$kiota_version"* ]]; then
  say "installing Microsoft.OpenApi.Kiota $kiota_version into $tools"
  rm -rf "$tools"
  if ! dotnet tool install Microsoft.OpenApi.Kiota --version "$kiota_version" --tool-path "$tools" >/dev/null; then
    say "skipped Kiota: the Microsoft.OpenApi.Kiota tool could not be installed"
    [[ ${1:-} == --build-only ]] && exit 0
  fi
fi

if [[ -x $tools/kiota ]]; then
  say "kiota generate (C#) from docs/openapi/v1.json, build clients/kiota"
  "$tools/kiota" generate --language CSharp --openapi docs/openapi/v1.json --output clients/kiota/Generated \
    --namespace-name RunnerTokens.KiotaScenario.Client --class-name RunnerTokensKiotaClient \
    --exclude-backward-compatible --clean-output --log-level Error >/dev/null
  if ! build=$(dotnet build clients/kiota -c Release -warnaserror -nologo -v q 2>&1); then
    echo "$build"
    say "the Kiota client generated from docs/openapi/v1.json does not build"
    exit 1
  fi
fi

if [[ ${1:-} == --build-only ]]; then
  exit 0
fi

say "running the scenarios against the API on a loopback port"
RUNNERTOKENS_KIOTA_SCENARIO=$kiota_dll dotnet test tests/Client.Tests -nologo -v q \
  --filter "FullyQualifiedName~GeneratedClientScenarioTests" --logger "console;verbosity=normal"
