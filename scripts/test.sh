#!/usr/bin/env bash
# Runs every test of the solution: unit, integration, bUnit, Playwright end-to-end and the two-instance tests, on SQLite;
# then the integration tests again on PostgreSQL (decision 030); and a smoke pass of the benchmarks (proves their
# scenarios still run; no timing is checked). Installs what the tests need when it is missing (Debian's Chromium for
# Playwright, PostgreSQL, nginx), then prints "N passed, N failed", summed over both test runs, as its last line.
# The race and crash suites (Integration/Reliability) run their short run in both runs; scripts/soak.sh runs them long.
#
# LIFECYCLE_TEST_POSTGRES may name a PostgreSQL server to use (a connection string of a user who may create databases);
# without it a throwaway server is started from Debian's packages on 127.0.0.1, in a temporary directory, and stopped after.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's Chromium for the browser tests..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# axe-core (the accessibility scan of the browser tests) comes from the npm registry, pinned by the lock file.
if [ ! -f Lifecycle.Tests/node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null; then
    echo "Installing Debian's npm..."
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
  fi
  echo "Installing axe-core from npm..."
  (cd Lifecycle.Tests && npm ci --no-audit --no-fund)
fi

# nginx for the reverse-proxy test (the tests run it with deploy/nginx/lifecycle.conf).
bash scripts/nginx.sh

# PostgreSQL: the one given, or a throwaway server stopped when this script ends, however it ends.
if [ -z "${LIFECYCLE_TEST_POSTGRES:-}" ]; then
  postgres_dir="$(mktemp -d /tmp/lifecycle-test-postgres-XXXXXX)"
  trap 'bash scripts/postgres.sh stop "$postgres_dir"' EXIT
  postgres_port=$((20000 + RANDOM % 30000))
  while (: </dev/tcp/127.0.0.1/$postgres_port) 2>/dev/null; do postgres_port=$((20000 + RANDOM % 30000)); done
  LIFECYCLE_TEST_POSTGRES="$(bash scripts/postgres.sh start "$postgres_dir" "$postgres_port")"
  echo "Started a throwaway PostgreSQL on 127.0.0.1:$postgres_port."
fi
export LIFECYCLE_TEST_POSTGRES

dotnet restore Lifecycle.sln
dotnet build Lifecycle.sln -c Release --no-restore

results="$PWD/TestResults"
rm -rf "$results"
status=0
echo "Benchmark smoke run (scenarios only, timings mean nothing)..."
dotnet run -c Release --no-build --project Lifecycle.Benchmarks -- --smoke > /dev/null || { echo "The benchmark smoke run failed."; status=1; }

started=$SECONDS
echo "Run 1: every test, workspaces on SQLite (the two-instance tests on PostgreSQL)..."
LIFECYCLE_TEST_PROVIDER=Sqlite dotnet test Lifecycle.sln -c Release --no-build \
  --logger "trx;LogFileName=sqlite.trx" --results-directory "$results" || status=$?
echo "Run 1 took $((SECONDS - started)) s."

started=$SECONDS
echo "Run 2: the integration tests, workspaces on PostgreSQL..."
LIFECYCLE_TEST_PROVIDER=Postgres dotnet test Lifecycle.sln -c Release --no-build --filter "FullyQualifiedName~Lifecycle.Tests.Integration" \
  --logger "trx;LogFileName=postgres.trx" --results-directory "$results" || status=$?
echo "Run 2 took $((SECONDS - started)) s."

passed=0
failed=0
for run in sqlite postgres; do
  trx="$results/$run.trx"
  if [ ! -f "$trx" ]; then
    echo "Run '$run' wrote no test results."
    status=1
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  run_passed=$(echo "$counters" | sed -E 's/.* passed="([0-9]+)".*/\1/')
  run_failed=$(echo "$counters" | sed -E 's/.* failed="([0-9]+)".*/\1/')
  run_executed=$(echo "$counters" | sed -E 's/.* executed="([0-9]+)".*/\1/')
  if [ "$run_executed" -eq 0 ]; then
    echo "Run '$run' executed no test."
    status=1
  fi
  echo "The $run run: passed $run_passed, failed $run_failed."
  passed=$((passed + run_passed))
  failed=$((failed + run_failed))
done
echo "$passed passed, $failed failed"
exit $status
