#!/usr/bin/env bash
# The flake hunt: runs the server suites RUNS times (default 5) on both adapter sets, one run after the
# other, and names every test that failed in any run, how often and with what. Exits 1 if one did.
# Usage: npm run test:repeat -- [RUNS] [vitest filters…]
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh
source scripts/lib/server-suite.sh

runs=${1:-5}
shift || true
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: npm run test:repeat -- [RUNS] [vitest filters…]"; exit 2; }
require_node && ensure_node_modules && ensure_ffmpeg && ensure_postgres && ensure_redis || exit 1

results=$(mktemp -d)
started=$SECONDS
for run in $(seq 1 "$runs"); do
  for adapters in production embedded; do
    server_suite "$adapters" "$results/$adapters-$run.json" "$@" >"$results/$adapters-$run.log" 2>&1
    counts=$(tail -n 20 "$results/$adapters-$run.log" | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^ *Tests ' | tr -s ' ')
    say "run $run of $runs on $adapters adapters:${counts:- no counts (see its log)}"
  done
done
say "$runs runs in $(((SECONDS - started) / 60)) min"
if node scripts/summarize-repeats.mjs "$results"; then
  rm -rf "$results"
else
  echo "Each run's log and report: $results"
  exit 1
fi
