/** A fresh, isolated, migrated database per call, on SQLite or Postgres as K100_TEST_DB says. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Dialect, type Store } from '../../server/store/db.js';
import { migrate } from '../../server/store/migrate.js';
import { seedSandbox } from '../../server/store/seed.js';

function dialectFromEnv(): Dialect {
  const value = process.env.K100_TEST_DB ?? 'sqlite';
  if (value === 'sqlite' || value === 'postgres') return value;
  throw new Error(`K100_TEST_DB must be "sqlite" or "postgres", not "${value}"`);
}

/** The database every test in this process runs on. */
export const testDialect: Dialect = dialectFromEnv();

export interface TestStoreOptions {
  /** Insert the sandbox partner, parties and catalog (default false: an empty, migrated database). */
  seed?: boolean;
}

export async function openTestStore(opts: TestStoreOptions = {}): Promise<Store> {
  const store = await openScratchStore(testDialect);
  try {
    await migrate(store);
    if (opts.seed) await seedSandbox(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * An empty database that disappears on close: a real SQLite file (WAL, like production, unlike
 * :memory:) in its own temp directory, or a new Postgres database on the K100_TEST_PG_URL server.
 * Not migrated. Test files run in parallel processes, so nothing here is shared between calls.
 */
export async function openScratchStore(dialect: Dialect): Promise<Store> {
  return dialect === 'postgres' ? openScratchPostgres() : openScratchSqlite();
}

/** The URL each scratch store was opened with, so a test can open a second connection to it. */
const scratchUrls = new WeakMap<Store, string>();

/** Another store on the same database as `store` (a second instance); closing it leaves the database. */
export function openSecondStore(store: Store): Store {
  const url = scratchUrls.get(store);
  if (!url) throw new Error('openSecondStore needs a store from openTestStore or openScratchStore');
  return openStore(url);
}

const remembered = (store: Store, url: string) => (scratchUrls.set(store, url), store);

function openScratchSqlite(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'k100-test-'));
  const store = openStore(`sqlite:${join(dir, 'k100.sqlite')}`);
  return remembered({
    ...store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  }, `sqlite:${join(dir, 'k100.sqlite')}`);
}

function adminUrl(): string {
  const url = process.env.K100_TEST_PG_URL;
  if (!url) {
    throw new Error(
      'K100_TEST_DB=postgres needs K100_TEST_PG_URL (a server where we may CREATE DATABASE); ' +
        '`npm run test:server:pg` starts a throwaway one',
    );
  }
  return url;
}

/** One short-lived admin connection per statement: no pool left open to keep the process alive. */
async function admin(statement: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(statement, params);
  } finally {
    await client.end();
  }
}

/** A new, empty Postgres database on the K100_TEST_PG_URL server: its URL, and `drop` to remove it. */
export async function scratchDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  // Random hex only, so the name is safe to splice into DDL (which cannot take bound parameters).
  const name = `k100_test_${randomBytes(8).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await admin(`DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

async function openScratchPostgres(): Promise<Store> {
  const scratch = await scratchDatabaseUrl();
  const store = openStore(scratch.url);
  return remembered({
    ...store,
    async close() {
      await store.close();
      await scratch.drop();
    },
  }, scratch.url);
}
