#!/usr/bin/env bash
# Adds a migration with the same name for every database provider.
# Usage: scripts/add-migration.sh <Name>
# To regenerate the single Initial migration: rm -rf src/Infrastructure/Persistence/Migrations && scripts/add-migration.sh Initial
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."

# The model snapshot must live beside its migrations. A snapshot left anywhere else survives
# `rm -rf .../Migrations` and makes a "regenerated" Initial migration silently empty.
stray=$(find src/Infrastructure -name '*ModelSnapshot.cs' -not -path '*/Persistence/Migrations/*' -not -path '*/obj/*' -not -path '*/bin/*')
if [[ -n "$stray" ]]; then
  echo "error: model snapshot(s) outside src/Infrastructure/Persistence/Migrations:" >&2
  echo "$stray" >&2
  exit 1
fi

dotnet tool restore >/dev/null
dotnet build src/Infrastructure -v q -nologo >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
  # No --namespace: with it, EF writes the snapshot into a folder named after the namespace.
  # The namespace derived from the output folder is RunnerTokens.Infrastructure.Persistence.Migrations.<Provider>.
  dotnet ef migrations add "$name" \
    --project src/Infrastructure --startup-project src/Infrastructure --no-build \
    --context "${provider}AppDbContext" \
    --output-dir "Persistence/Migrations/$provider"
done
