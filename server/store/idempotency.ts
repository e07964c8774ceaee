/** Stored Idempotency-Keys, per party: the key row is the lock that makes concurrent retries wait for the first. */
import type { StoredIdempotency } from '../domain/idempotency.js';
import type { Queryable } from './db.js';

export interface KeyClaim {
  party_id: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
  created_at: string;
  expires_at: string;
}

/**
 * Inserts the key row first thing in the caller's money transaction. Inserted → this request does the work.
 * Not inserted → the stored record (domain shape) for decideIdempotency. On Postgres a concurrent first request
 * holds the unique index entry until it commits, so this insert waits for it (blocking, no polling) and then
 * fails serialization; the retry sees the committed answer and replays it. On SQLite requests run one at a time.
 */
export async function claimIdempotencyKey(q: Queryable, claim: KeyClaim): Promise<{ claimed: true } | { claimed: false; stored: StoredIdempotency }> {
  const inserted = await q.db
    .insertInto('idempotency_keys')
    .values({ ...claim, response_status: null, response_body: null })
    .onConflict((oc) => oc.columns(['party_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { claimed: true };
  const row = await q.db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('party_id', '=', claim.party_id)
    .where('key', '=', claim.key)
    .executeTakeFirstOrThrow();
  const base = { fingerprint: row.fingerprint, created_at: row.created_at, expires_at: row.expires_at };
  return {
    claimed: false,
    stored:
      row.response_status === null || row.response_body === null
        ? { state: 'in_progress', ...base }
        : { state: 'completed', ...base, response: { status: Number(row.response_status), body: row.response_body } },
  };
}

/** Takes over a key whose record expired (decideIdempotency said proceed): the row is reset for this request. */
export async function reclaimIdempotencyKey(q: Queryable, claim: KeyClaim): Promise<void> {
  await q.db
    .updateTable('idempotency_keys')
    .set({ method: claim.method, path: claim.path, fingerprint: claim.fingerprint, response_status: null, response_body: null, created_at: claim.created_at, expires_at: claim.expires_at })
    .where('party_id', '=', claim.party_id)
    .where('key', '=', claim.key)
    .execute();
}

/** The first answer, stored as the exact bytes sent, in the same transaction as the work it answers. */
export async function completeIdempotencyKey(q: Queryable, partyId: string, key: string, status: number, body: string): Promise<void> {
  await q.db
    .updateTable('idempotency_keys')
    .set({ response_status: status, response_body: body })
    .where('party_id', '=', partyId)
    .where('key', '=', key)
    .execute();
}

/** Forgets keys past their expiry (kept ≥ 24 h); for a periodic sweep, not needed for correctness. */
export async function purgeExpiredIdempotencyKeys(q: Queryable, now: string): Promise<number> {
  const result = await q.db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
