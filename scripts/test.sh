#!/usr/bin/env bash
# `npm test`: every test the project has, in the order that fails fastest. Installs and starts what the
# tests need on its own (Chromium through ensure-chromium.sh, a throwaway Postgres through with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "typecheck";                 npm run --silent typecheck
step "build (widgets, demo, manifest)"; npm run --silent build
step "server tests on SQLite";    npm run --silent test:server
step "server tests on Postgres";  npm run --silent test:server:pg
step "bundle size";               node --import tsx --test test/bundle-size.test.ts
step "npm package (pack, install offline, tsc)"; node --import tsx --test test/package.test.ts
step "widget tests in Chromium";  npm run --silent test:browser
step "end-to-end in Chromium";    npm run --silent test:e2e
step "all tests passed"
