#!/usr/bin/env bash
# Adds a migration named $1 for both database providers (decision 030): SQLite's to Lifecycle.Data/Persistence/Migrations,
# PostgreSQL's to Lifecycle.Data.Postgres/Migrations. Each provider has its own migrations and model snapshot; run this
# after every change of the model so that both stay in step.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ]; then
  echo "Usage: scripts/add-migration.sh NAME" >&2
  exit 2
fi

dotnet tool restore >/dev/null
dotnet ef migrations add "$1" --project Lifecycle.Data --startup-project Lifecycle.Data --output-dir Persistence/Migrations
dotnet ef migrations add "$1" --project Lifecycle.Data.Postgres --startup-project Lifecycle.Data.Postgres --output-dir Migrations
