#!/usr/bin/env bash
# Regenerates the committed OpenAPI documents (docs/openapi/v1.json, docs/openapi/github-webhooks.json) from
# what the service serves: runs the drift test in write mode. Commit the result.
# Usage: scripts/update-openapi.sh   (RUNNERTOKENS_TEST_NO_BUILD=1 to skip the build)
set -euo pipefail
cd "$(dirname "$0")/.."
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
build=()
if [[ ${RUNNERTOKENS_TEST_NO_BUILD:-} == 1 ]]; then build=(--no-build); fi
RUNNERTOKENS_UPDATE_OPENAPI=1 dotnet test tests/Api.FunctionalTests "${build[@]}" -nologo -v q \
  --filter "FullyQualifiedName~OpenApi.CommittedDocumentTests"
git status --short docs/openapi
