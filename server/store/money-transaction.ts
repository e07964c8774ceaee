/**
 * The one way money is written: a transaction that is durable on commit (SQLite `synchronous=FULL`) and
 * serializable (Postgres SERIALIZABLE, retried on serialization failures and deadlocks a bounded number of times).
 */
import { sql, type Kysely } from 'kysely';
import type { Queryable, Store } from './db.js';
import type { Database } from './schema.js';

/** Attempts in all, the first included. Eight covers 50 requests racing for one key on a 10-connection pool. */
export const MONEY_TX_ATTEMPTS = 8;

/** SQLSTATEs after which running the same transaction again is the documented cure. */
const RETRYABLE = new Set(['40001', '40P01']);

export const isRetryable = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && RETRYABLE.has(String((err as { code?: unknown }).code));

/** Full jitter on an exponential base (5, 10, 20 … ms, capped at 200): losers of a race spread out instead of colliding again. */
const backoff = (attempt: number) => Math.random() * Math.min(200, 5 * 2 ** (attempt - 1));

export interface MoneyTransactionOptions {
  attempts?: number;
}

/**
 * Runs `work` as one money transaction. `work` may run more than once on Postgres, so it must not have
 * effects outside the database (ids and timestamps computed inside are fine: a retry makes new ones).
 * Refusals (RefusedError, problems) are not retried: they roll back and propagate at once.
 */
export async function inMoneyTransaction<T>(store: Store, work: (q: Queryable) => Promise<T>, opts: MoneyTransactionOptions = {}): Promise<T> {
  if (store.dialect === 'sqlite') return sqliteMoneyTransaction(store, work);
  const attempts = opts.attempts ?? MONEY_TX_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.db
        .transaction()
        .setIsolationLevel('serializable')
        .execute((trx) => work({ db: trx, dialect: 'postgres' }));
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
    }
  }
}

/**
 * SQLite has one connection here and one writer at a time, so there is no race to retry. What it lacks by
 * default is durability: the store runs WAL with synchronous=NORMAL, where a power cut can lose the last
 * commits. A lost payment is not acceptable, so money transactions switch to FULL (fsync on commit) for their
 * own commit only; the rest of the app keeps NORMAL. BEGIN IMMEDIATE takes the write lock up front, so
 * another process on the same file makes us wait (busy_timeout) rather than fail half-way.
 */
async function sqliteMoneyTransaction<T>(store: Store, work: (q: Queryable) => Promise<T>): Promise<T> {
  return store.db.connection().execute(async (conn: Kysely<Database>) => {
    // PRAGMA synchronous cannot change inside a transaction, so it brackets BEGIN … COMMIT.
    await sql`PRAGMA synchronous = FULL`.execute(conn);
    try {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        const result = await work({ db: conn, dialect: 'sqlite' });
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (err) {
        // Also after a failed COMMIT: a deferred foreign key violated at COMMIT leaves the transaction open.
        // After a failed work() it is open for sure; after a failed COMMIT it may not be, hence the catch.
        await sql`ROLLBACK`.execute(conn).catch(() => undefined);
        throw err;
      }
    } finally {
      await sql`PRAGMA synchronous = NORMAL`.execute(conn);
    }
  });
}
