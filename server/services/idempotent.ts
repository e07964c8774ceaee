/**
 * The Idempotency-Key flow of money-moving POSTs (DESIGN: "same key and body replays the first answer; same key
 * with another body is refused"), one helper for every such route: it runs inside the caller's money
 * transaction, so the work and its stored answer commit together or not at all. The rule itself (what a
 * repeated key means) is domain/idempotency.ts; storing the keys is store/idempotency.ts.
 */
import { decideIdempotency, isIdempotencyKey, requestFingerprint, startIdempotency } from '../domain/idempotency.js';
import { unwrap } from '../domain/refusal.js';
import type { Queryable } from '../store/db.js';
import { claimIdempotencyKey, completeIdempotencyKey, reclaimIdempotencyKey } from '../store/idempotency.js';
import { payProblem } from './pay-problems.js';

/** An answer as first sent: replays return these exact bytes with the same status. */
export interface IdempotentAnswer {
  status: number;
  body: string;
  replayed: boolean;
}

/** What identifies one request under a key. `body` is the VALIDATED body (after the zod schema). */
export interface IdempotentRequest {
  partyId: string;
  /** A key checked by idempotencyKeyOf, or undefined when the route allows none and none was sent. */
  key: string | undefined;
  method: string;
  path: string;
  body: unknown;
  /** The request's instant (ISO 8601): when the key is kept from. */
  at: string;
}

/**
 * The `Idempotency-Key` header as sent, checked: an absent or empty header is "no key" (400
 * `idempotency_key_required` where the route demands one); anything but 1–255 printable ASCII is 400
 * `idempotency_key_invalid`.
 */
export function idempotencyKeyOf(header: string | undefined, opts: { required: boolean }): string | undefined {
  if (header === undefined || header === '') {
    if (!opts.required) return undefined;
    throw payProblem(400, 'idempotency_key_required', 'Send an `Idempotency-Key` header (e.g. a UUID per payment attempt) so a retry cannot create a second intent.');
  }
  if (!isIdempotencyKey(header)) throw payProblem(400, 'idempotency_key_invalid', 'An Idempotency-Key is 1–255 printable ASCII characters.');
  return header;
}

/**
 * Runs `work` under the request's key, in the caller's money transaction `q`. The key row is claimed first, so
 * a concurrent request with the same key waits for this one's commit and then replays its bytes (on Postgres
 * the money transaction's retry after the serialization failure); the answer is stored as the exact bytes sent,
 * in the same transaction as the work. A refusal thrown by `work` rolls the claim back with everything else:
 * no key is left behind, and the same key may succeed once the state allows. Without a key `work` simply runs.
 * Only successes are stored (shouldStoreResponse), which is why `work` answers a 2xx or throws.
 */
export async function respondIdempotently(
  q: Queryable,
  request: IdempotentRequest,
  work: () => Promise<{ status: number; body: unknown }>,
): Promise<IdempotentAnswer> {
  const { key } = request;
  if (key === undefined) {
    const answer = await work();
    return { status: answer.status, body: JSON.stringify(answer.body), replayed: false };
  }
  const method = request.method.toUpperCase();
  const fingerprint = requestFingerprint(method, request.path, request.partyId, request.body);
  const started = startIdempotency(fingerprint, request.at);
  const claim = { party_id: request.partyId, key, method, path: request.path, fingerprint, created_at: started.created_at, expires_at: started.expires_at };
  const claimed = await claimIdempotencyKey(q, claim);
  if (!claimed.claimed) {
    const decision = unwrap(decideIdempotency(claimed.stored, fingerprint, request.at));
    if (decision.decision === 'replay') return { status: decision.response.status, body: String(decision.response.body), replayed: true };
    await reclaimIdempotencyKey(q, claim);
  }
  const answer = await work();
  const body = JSON.stringify(answer.body);
  await completeIdempotencyKey(q, request.partyId, key, answer.status, body);
  return { status: answer.status, body, replayed: false };
}
