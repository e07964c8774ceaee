/**
 * Fixed-window hit counters in the `rate_limit_windows` table, so every instance on one database counts
 * into the same window. Each operation is one statement: concurrent hits from several instances never
 * lose a count, and there is no read-then-write to race.
 */
import { sql } from 'kysely';
import type { Queryable } from './db.js';

export interface WindowCount {
  count: number;
  /** Epoch milliseconds when the window ends and the count starts again from zero. */
  resetAt: number;
}

/**
 * Counts one hit for `key`: a new window of `windowMs` when there is none or the last one has ended,
 * otherwise one more in the current window. The upsert is atomic in SQLite and in Postgres.
 */
export async function hitWindow(q: Queryable, key: string, windowMs: number, now: number): Promise<WindowCount> {
  const ended = sql<boolean>`rate_limit_windows.reset_at <= excluded.window_start`;
  const row = await q.db
    .insertInto('rate_limit_windows')
    .values({ key, window_start: now, count: 1, reset_at: now + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`CASE WHEN ${ended} THEN 1 ELSE rate_limit_windows.count + 1 END`,
        window_start: sql`CASE WHEN ${ended} THEN excluded.window_start ELSE rate_limit_windows.window_start END`,
        reset_at: sql`CASE WHEN ${ended} THEN excluded.reset_at ELSE rate_limit_windows.reset_at END`,
      }),
    )
    .returning(['count', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), resetAt: Number(row.reset_at) };
}

/** The current window of `key`, if one is running. */
export async function readWindow(q: Queryable, key: string, now: number): Promise<WindowCount | undefined> {
  const row = await q.db
    .selectFrom('rate_limit_windows')
    .select(['count', 'reset_at'])
    .where('key', '=', key)
    .where('reset_at', '>', now)
    .executeTakeFirst();
  return row && { count: Number(row.count), resetAt: Number(row.reset_at) };
}

/** Gives one hit back (a released stream slot), never below zero and never into a window that has ended. */
export async function unhitWindow(q: Queryable, key: string, now: number): Promise<void> {
  await q.db
    .updateTable('rate_limit_windows')
    .set({ count: sql`count - 1` })
    .where('key', '=', key)
    .where('count', '>', 0)
    .where('reset_at', '>', now)
    .execute();
}

export async function deleteWindow(q: Queryable, key: string): Promise<void> {
  await q.db.deleteFrom('rate_limit_windows').where('key', '=', key).execute();
}

/** Removes every window that has ended (an index range on `reset_at`); returns how many went. */
export async function pruneWindows(q: Queryable, now: number): Promise<number> {
  const result = await q.db.deleteFrom('rate_limit_windows').where('reset_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
