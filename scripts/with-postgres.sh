#!/usr/bin/env bash
# Runs a command against a throwaway Postgres cluster (K100_TEST_PG_URL points at it), then deletes it.
#   bash scripts/with-postgres.sh npm run test:server        # exits with the command's status
# Installs postgresql with apt-get when no server binaries are found (fresh Debian, as root).
# Set K100_TEST_PG_URL yourself to use an existing server instead (e.g. a CI service container).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args…]" >&2
  exit 64
fi

if [ -n "${K100_TEST_PG_URL:-}" ]; then
  echo "with-postgres: using the existing K100_TEST_PG_URL" >&2
  exec "$@"
fi

log() { echo "with-postgres: $*" >&2; }

# Newest server first: PATH, then Debian's versioned directories.
find_pg_bin() {
  local candidates=() d
  if command -v initdb >/dev/null 2>&1; then
    candidates+=("$(dirname "$(readlink -f "$(command -v initdb)")")")
  fi
  while IFS= read -r d; do candidates+=("$d"); done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -Vr)
  for d in "${candidates[@]}"; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

install_postgres() {
  if [ "$(id -u)" -ne 0 ]; then
    log "Postgres server binaries not found; install postgresql (e.g. sudo apt-get install postgresql) and retry"
    exit 69
  fi
  log "installing postgresql with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql-common >&2
  # Like the official Docker image: no default cluster, so nothing is left listening on 5432 after we exit.
  sed -ri 's/#?\s*(create_main_cluster)\s*=.*$/\1 = false/' /etc/postgresql-common/createcluster.conf || true
  apt-get install -y -qq --no-install-recommends postgresql >&2
}

PG_BIN="$(find_pg_bin || true)"
if [ -z "$PG_BIN" ]; then
  install_postgres
  PG_BIN="$(find_pg_bin)" || { log "postgresql installed but initdb was not found"; exit 69; }
fi

# Postgres refuses to run as root, so as root the cluster belongs to the `postgres` system user.
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  fi
  RUN_AS=(runuser -u postgres --)
fi
as_pg() { "${RUN_AS[@]}" "$@"; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/k100-pg.XXXXXX")"
DATA="$TMP/data"
SOCK="$TMP/sock"
mkdir -p "$SOCK"
[ "${#RUN_AS[@]}" -gt 0 ] && chown -R postgres: "$TMP"

cleanup() {
  if [ -f "$DATA/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$TMP/initdb.log" 2>&1 ||
  { cat "$TMP/initdb.log" >&2; exit 70; }

# Throwaway data: fsync, synchronous commit and full-page writes buy durability we do not want to pay for.
started=""
for _attempt in 1 2 3; do
  PORT="$(free_port)"
  if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -w -t 60 -l "$TMP/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null; then
    started=1
    break
  fi
done
if [ -z "$started" ]; then
  log "postgres did not start; server log:"
  cat "$TMP/server.log" >&2 || true
  exit 70
fi

export K100_TEST_PG_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
status=0
"$@" || status=$?
exit "$status"
