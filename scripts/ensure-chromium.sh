#!/usr/bin/env bash
# Makes sure the system Chromium the browser tests use exists; no test tool ever downloads a browser.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0

# Someone may be installing it right now (apt holds its lock): wait for that rather than racing it.
for _ in $(seq 1 60); do
  [ -x "$CHROMIUM" ] && exit 0
  busy=0
  for lock in /var/lib/dpkg/lock-frontend /var/lib/apt/lists/lock; do
    [ -e "$lock" ] && command -v fuser >/dev/null && fuser "$lock" >/dev/null 2>&1 && busy=1
  done
  if command -v pgrep >/dev/null; then
    pgrep -x apt-get >/dev/null || pgrep -x dpkg >/dev/null && busy=1
  fi
  [ "$busy" -eq 1 ] || break
  sleep 5
done
[ -x "$CHROMIUM" ] && exit 0

echo "ensure-chromium: installing chromium with apt-get" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
[ -x "$CHROMIUM" ] || { echo "ensure-chromium: $CHROMIUM still missing after install" >&2; exit 1; }
