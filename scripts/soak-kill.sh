#!/usr/bin/env bash
# A longer soak of the crash-safety harness and of the parser fuzzing than CI runs (docs/reliability.md).
# Each round picks a new seed, kills a larger import and the payout run at many more moments, then fuzzes the parsers
# with many more mutants. A failure stops the script; the seed it prints replays the round exactly:
#   CLAP_KILL_SEED=<seed> CLAP_KILL_POINTS=<n> swift test --filter KillTests
#   CLAP_FUZZ_SEED=<seed> CLAP_FUZZ_CASES=<n> swift test --filter FuzzTests
# Usage: scripts/soak-kill.sh [rounds]   (environment: CLAP_KILL_POINTS, CLAP_KILL_TEAMS, CLAP_FUZZ_CASES)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-3}
points=${CLAP_KILL_POINTS:-300}
teams=${CLAP_KILL_TEAMS:-9}
cases=${CLAP_FUZZ_CASES:-30000}

swift build --build-tests
for round in $(seq 1 "$rounds"); do
  seed=$(( $(date +%s) % 1000000 * 100 + round ))
  echo "== round $round/$rounds: seed $seed, $points kill points, $teams teams ($((teams * 288)) rows), $cases fuzz cases"
  CLAP_KILL_SEED=$seed CLAP_KILL_POINTS=$points CLAP_KILL_TEAMS=$teams \
    swift test --skip-build --filter KillTests 2>&1 | grep -E "kill harness|error|Executed .* tests" || { echo "FAILED: seed $seed"; exit 1; }
  CLAP_FUZZ_SEED=$seed CLAP_FUZZ_CASES=$cases \
    swift test --skip-build --filter FuzzTests 2>&1 | grep -E "error|Executed .* tests" || { echo "FAILED: seed $seed"; exit 1; }
done
echo "soak: $rounds round(s) passed"
