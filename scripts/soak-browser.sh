#!/usr/bin/env bash
# Runs the whole browser suite N times in a row while CPU burners keep every core busy, to prove it does not
# flake under load. Not part of npm test. Usage: bash scripts/soak-browser.sh [runs=10] [burners=2] [max-minutes=40]
# Each run's output goes to $SOAK_DIR (default /tmp/soak-browser); a summary line per run is printed.
set -uo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-10}
BURNERS=${2:-2}
MAX_MINUTES=${3:-40}
DIR=${SOAK_DIR:-/tmp/soak-browser}
mkdir -p "$DIR"

burners=()
runner=""
stop() {
  # The runner closes its browser on SIGINT (it has a process group of its own). Under load a first SIGINT
  # has been seen to leave it running, so ask again every 10 s, and kill it after a minute.
  if [ -n "$runner" ]; then
    for signal in INT INT INT INT INT KILL; do
      kill -"$signal" -- "-$runner" 2>/dev/null || break
      for _ in $(seq 1 20); do kill -0 "$runner" 2>/dev/null || break 2; sleep 0.5; done
    done
    wait "$runner" 2>/dev/null
  fi
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null; done
  wait "${burners[@]}" 2>/dev/null
  burners=()
}
trap stop EXIT
trap 'exit 130' INT TERM

# Each burner spins one core and ends by itself after MAX_MINUTES even if this script is killed with -9.
for _ in $(seq 1 "$BURNERS"); do
  node -e "const end = Date.now() + $MAX_MINUTES * 60e3; while (Date.now() < end) {}" &
  burners+=($!)
done

bash scripts/ensure-chromium.sh
deadline=$((SECONDS + MAX_MINUTES * 60))
failed=0
for run in $(seq 1 "$RUNS"); do
  if [ "$SECONDS" -ge "$deadline" ]; then echo "soak: out of time after $((run - 1)) runs"; failed=1; break; fi
  log="$DIR/run-$run.log"
  start=$SECONDS
  # In the background so that a signal to this script is handled at once, not after the run.
  setsid timeout -s INT $((deadline - SECONDS)) node_modules/.bin/web-test-runner >"$log" 2>&1 &
  runner=$!
  wait "$runner"
  rc=$?
  runner=""
  summary=$(grep -a -o '[0-9]* passed, [0-9]* failed' "$log" | tail -1)
  reloads=$(grep -a -c 'page was reloaded\|Timeout of' "$log")
  echo "run $run: exit $rc, $((SECONDS - start)) s, ${summary:-no summary}, $reloads reload/hook-timeout lines, load $(cut -d' ' -f1 /proc/loadavg)"
  [ "$rc" -eq 0 ] || failed=1
done
exit "$failed"
