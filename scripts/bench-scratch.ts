/**
 * Scratch databases for the bench's server children: the bench process creates one (a SQLite file in its
 * own temp directory, or a new database on K100_TEST_PG_URL) and hands its URL to a child, which opens,
 * migrates and seeds it with the same code it serves from; the bench drops it once the child has exited.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Dialect } from '../server/store/db.js';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** SQLite directories not dropped yet: removed even when the bench is interrupted (exit hooks run sync code only). */
const sqliteDirs = new Set<string>();
process.on('exit', () => {
  for (const dir of sqliteDirs) rmSync(dir, { recursive: true, force: true });
});

export async function scratchDatabase(dialect: Dialect): Promise<ScratchDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'k100-bench-'));
    sqliteDirs.add(dir);
    const drop = async () => {
      rmSync(dir, { recursive: true, force: true });
      sqliteDirs.delete(dir);
    };
    return { url: `sqlite:${join(dir, 'k100.sqlite')}`, drop };
  }
  const server = process.env.K100_TEST_PG_URL;
  if (!server) throw new Error('the Postgres bench needs K100_TEST_PG_URL (`bash scripts/with-postgres.sh npm run bench`)');
  // Random hex only: the name is spliced into DDL, which takes no bound parameters.
  const name = `k100_bench_${randomBytes(8).toString('hex')}`;
  await onServer(server, [`CREATE DATABASE ${name}`]);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(server, [`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`, `DROP DATABASE IF EXISTS ${name}`]),
  };
}

/** One short-lived connection: no pool left behind to keep the bench process alive. */
async function onServer(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
