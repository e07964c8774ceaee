#!/usr/bin/env bash
# `npm run bench` (after the build it runs first): the whole bench on SQLite and on a throwaway Postgres
# (scripts/with-postgres.sh installs and starts one, as `npm test` does). K100_BENCH_DB=sqlite skips Postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${K100_BENCH_DB:-both}" = "sqlite" ] || [ -n "${K100_TEST_PG_URL:-}" ]; then
  exec node --import tsx scripts/bench.ts
fi
exec bash scripts/with-postgres.sh node --import tsx scripts/bench.ts
