#!/usr/bin/env bash
# The soak of the race and crash suites (docs/reliability.md): every test of Lifecycle.Tests.Integration.Reliability with
# LIFECYCLE_SOAK=1 (200 rounds of each race, 100 kills of the crash worker), on SQLite, then on PostgreSQL (the server
# LIFECYCLE_TEST_POSTGRES names, or a throwaway one the tests start and stop). LIFECYCLE_ROUNDS=N sets the rounds and kills
# of every test instead; LIFECYCLE_SEED=N replays the random choices of a run. The figures of each test (seed, rounds,
# time, outcomes) are printed at the end and kept in TestResults/soak/figures.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

results="$PWD/TestResults/soak"
rm -rf "$results"
mkdir -p "$results"
dotnet build Lifecycle.sln -c Release

export LIFECYCLE_SOAK=1
status=0
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg) at start" | tee "$results/figures.txt"
for provider in Sqlite Postgres; do
  started=$SECONDS
  echo "Soak on $provider..."
  LIFECYCLE_TEST_PROVIDER=$provider dotnet test Lifecycle.Tests -c Release --no-build \
    --filter "FullyQualifiedName~Lifecycle.Tests.Integration.Reliability" \
    --logger "console;verbosity=detailed" --logger "trx;LogFileName=soak-$provider.trx" --results-directory "$results" \
    | tee "$results/soak-$provider.log" || status=$?
  echo "Soak on $provider took $((SECONDS - started)) s." | tee -a "$results/figures.txt"
  grep -E '^ *(Passed|Failed) |rounds in ' "$results/soak-$provider.log" | sed -E 's/^ +//' >> "$results/figures.txt" || true
done
echo
cat "$results/figures.txt"
exit $status
