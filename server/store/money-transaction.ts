/**
 * The one way money is written: a transaction that is durable on commit (SQLite `synchronous=FULL`) and, on
 * Postgres, REPEATABLE READ with the order row locked before anything is decided, retried on serialization
 * failures and deadlocks a bounded number of times and then refused with a clean 409.
 *
 * Why not SERIALIZABLE: on small tables Postgres plans sequential scans, whose predicate locks cover whole
 * relations, so payments of *different* orders failed each other ("could not serialize access due to
 * read/write dependencies among transactions") until the retries ran out and the caller got a 500. Every
 * money transaction writes its order's row first (`lockOrder`, one row per transaction, so there is no lock
 * order to get wrong), which makes concurrent money work on one order queue on that row; under REPEATABLE
 * READ the one that waited then fails with "could not serialize access due to concurrent update" and its
 * retry reads the committed state afresh. Work on different orders no longer conflicts at all.
 */
import { sql, type Kysely } from 'kysely';
import type { Queryable, Store } from './db.js';
import type { Database } from './schema.js';
import { HttpProblem } from '../problem.js';

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
 * It must lock the order it acts on (`lockOrder`) before deciding anything from what it reads, or REPEATABLE
 * READ would let two of them decide from the same stale state.
 * Refusals (RefusedError, problems) are not retried: they roll back and propagate at once.
 */
export async function inMoneyTransaction<T>(store: Store, work: (q: Queryable) => Promise<T>, opts: MoneyTransactionOptions = {}): Promise<T> {
  if (store.dialect === 'sqlite') return sqliteMoneyTransaction(store, work);
  const attempts = opts.attempts ?? MONEY_TX_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => work({ db: trx, dialect: 'postgres' }));
    } catch (err) {
      if (!isRetryable(err)) throw err;
      if (attempt >= attempts) throw writeConflict();
      await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
    }
  }
}

/** Retries ran out: the caller's request changed nothing and may simply be sent again (with its Idempotency-Key). */
const writeConflict = () =>
  new HttpProblem({
    status: 409,
    slug: 'write-conflict',
    title: 'Conflict',
    detail: 'Other requests kept changing this order while we tried to apply yours; nothing was changed. Send it again.',
    code: 'write_conflict',
  });

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
