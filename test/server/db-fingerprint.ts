/**
 * A fingerprint of every table in the database (row count and a hash of the sorted rows, nothing
 * ignored), on SQLite and Postgres alike: equal fingerprints before and after a refused request prove it
 * wrote nothing, wherever a future migration puts its rows.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from '../../server/store/db.js';

export type Fingerprint = Record<string, { rows: number; hash: string }>;

/** Every table the database has, read from its own catalogue (so a new table is covered unasked). */
async function tableNames(store: Store): Promise<string[]> {
  if (store.dialect === 'postgres') {
    const { rows } = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(store.db);
    return rows.map((r) => r.name).sort();
  }
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(store.db);
  return rows.map((r) => r.name).sort();
}

// Row values as JSON, with what JSON cannot say (bigint, bytes, dates) spelled out so no change hides.
const replacer = (_key: string, value: unknown) =>
  typeof value === 'bigint' ? `${value}n` : value instanceof Uint8Array ? `bytes:${Buffer.from(value).toString('hex')}` : value;

export async function fingerprint(store: Store): Promise<Fingerprint> {
  const out: Fingerprint = {};
  for (const table of await tableNames(store)) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(store.db);
    const lines = rows.map((r) => JSON.stringify(r, replacer)).sort();
    out[table] = { rows: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return out;
}

/** Asserts the database is exactly as `before` found it, naming the tables that changed. */
export async function assertUnchanged(store: Store, before: Fingerprint, message: string): Promise<void> {
  const after = await fingerprint(store);
  const changed = Object.keys({ ...before, ...after }).filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]));
  assert.deepEqual(changed, [], `${message}: wrote to ${changed.join(', ')}`);
}
