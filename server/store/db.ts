/** Opens the one database the server talks to: embedded SQLite by default, Postgres for scale. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { localOrderSignals, type OrderSignals } from '../live/order-signals.js';
import { pgOrderSignals } from '../live/pg-order-signals.js';
import type { Database } from './schema.js';
import { preparingStatements } from './pg-statements.js';
import { cachingStatements } from './statement-cache.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Live-stream wake-ups for order timelines, tied to this database (closed with it). */
  signals: OrderSignals;
  close(): Promise<void>;
}

/**
 * What query functions need: a connection (the store's `db` or a transaction) and the dialect, so a
 * caller inside `db.transaction().execute(trx => …)` can pass `{ db: trx, dialect: store.dialect }`.
 */
export type Queryable = Pick<Store, 'db' | 'dialect'>;

export const DEFAULT_DATABASE_URL = 'sqlite:./data/k100.sqlite';

/**
 * `sqlite:<path>` (parent directory created), `sqlite::memory:`, or `postgres://…` / `postgresql://…`.
 * Nothing touches the database until the first query, so this never throws for a down server.
 */
export function openStore(url: string): Store {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  throw new Error(
    `Unsupported DATABASE_URL "${redact(url)}": use sqlite:<path> (e.g. ${DEFAULT_DATABASE_URL}), ` +
      'sqlite::memory: or postgres://user:password@host:5432/dbname',
  );
}

function openSqlite(path: string): Store {
  if (path === '') throw new Error('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/k100.sqlite');
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SqliteDatabase(memory ? ':memory:' : path);
  // WAL lets readers (a backup, the sqlite3 shell) run alongside the single writer.
  sqlite.pragma('journal_mode = WAL');
  // In WAL mode NORMAL is still crash-safe for the database file (no corruption); only the last
  // commits before a power cut can be lost, never on a process crash. FULL would fsync every commit.
  sqlite.pragma('synchronous = NORMAL');
  // SQLite ships with foreign keys off for backwards compatibility; our constraints rely on them.
  sqlite.pragma('foreign_keys = ON');
  // Another process holding the write lock (a migration, a CLI) makes us wait instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  // Ranked search touches one products row and one FTS docsize row per match; with the default 2 MB
  // page cache those are re-read from the OS on every query. 64 MB (an upper bound, allocated as used)
  // keeps a 100 000-product catalog hot and halves search latency.
  sqlite.pragma('cache_size = -65536');
  // Kysely serialises queries and transactions on this single connection, so
  // `db.transaction().execute(...)` is safe: nothing else interleaves inside a transaction.
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  const signals = localOrderSignals();
  return { db, dialect: 'sqlite', signals, close: () => closeAll(signals, db) };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * pg returns int8 and numeric as strings because they can exceed 2^53. Our bigint columns hold money
 * in minor units and counts, all far below 2^53, so numbers are safe and match the SQLite types.
 * Scoped to this pool rather than pg's global parser table so other pg users are unaffected.
 */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function openPostgres(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypes as pg.CustomTypesConfig });
  // An idle client losing its connection emits 'error' on the pool; without a listener that kills the
  // process. The pool discards the client and the next query gets a fresh one.
  pool.on('error', (err) => console.error(`[k100] postgres idle client error: ${err.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingStatements(pool) }) });
  // Its own connection, outside the pool: LISTEN keeps it for the life of the instance.
  const signals = pgOrderSignals({ client: () => new pg.Client({ connectionString: url, keepAlive: true }) });
  return { db, dialect: 'postgres', signals, close: () => closeAll(signals, db) };
}

/** Signals first: it ends live streams, which would otherwise still be reading through the pool. */
async function closeAll(signals: OrderSignals, db: Kysely<Database>): Promise<void> {
  await signals.close();
  await db.destroy();
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
