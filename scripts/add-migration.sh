#!/usr/bin/env bash
# Adds a migration with the same name for every database provider.
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Infrastructure -v q -nologo >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
  dotnet ef migrations add "$name" \
    --project src/Infrastructure --startup-project src/Infrastructure --no-build \
    --context "${provider}AppDbContext" \
    --output-dir "Persistence/Migrations/$provider"
done
