#!/usr/bin/env bash
# Runs every test of the solution: unit, integration (SQLite), bUnit and Playwright end-to-end, and a smoke pass of
# the benchmarks (proves their scenarios still run; no timing is checked).
# Installs what the tests need when it is missing (Debian's Chromium for Playwright), then prints
# "N passed, N failed" from the test results as its last line.
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

dotnet restore Lifecycle.sln
dotnet build Lifecycle.sln -c Release --no-restore

results="$PWD/TestResults"
rm -rf "$results"
status=0
echo "Benchmark smoke run (scenarios only, timings mean nothing)..."
dotnet run -c Release --no-build --project Lifecycle.Benchmarks -- --smoke > /dev/null || { echo "The benchmark smoke run failed."; status=1; }
dotnet test Lifecycle.sln -c Release --no-build --logger "trx;LogFileName=results.trx" --results-directory "$results" || status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "No test results were written."
  echo "0 passed, 0 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
passed=$(echo "$counters" | sed -E 's/.* passed="([0-9]+)".*/\1/')
failed=$(echo "$counters" | sed -E 's/.* failed="([0-9]+)".*/\1/')
executed=$(echo "$counters" | sed -E 's/.* executed="([0-9]+)".*/\1/')
if [ "$executed" -eq 0 ]; then status=1; fi
echo "$passed passed, $failed failed"
exit $status
