/** The Idempotency-Key rule for money-moving POSTs: what a repeated key means; storing the keys is the store's job. */
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { accepted, refusePay, type PayResult } from './pay-refusal.js';

/** Keys are kept at least 24 h (issue 4), long enough for any client's retry loop to give up first. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** Printable ASCII, 1–255: room for a UUID or a partner's own order-scoped key, nothing that breaks a log line. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export const isIdempotencyKey = (key: string): boolean => IDEMPOTENCY_KEY.test(key);

/**
 * What identifies "the same request": method, path, the calling party and the VALIDATED body (after the zod
 * schema, so key order, whitespace and stripped unknown fields do not make two equal requests differ), as
 * SHA-256 of its canonical JSON. The party is inside too, though keys are already stored per party: a key
 * lookup that ever forgot the party would then conflict instead of replaying someone else's answer.
 */
export function requestFingerprint(method: string, path: string, partyId: string, body: unknown): string {
  return sha256Hex(canonicalJson({ method: method.toUpperCase(), path, party_id: partyId, body: body ?? null }));
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** A stored key, per (party, key): `in_progress` from the first request's start, `completed` with its answer. */
export type StoredIdempotency =
  | { state: 'in_progress'; fingerprint: string; created_at: string; expires_at: string }
  | { state: 'completed'; fingerprint: string; created_at: string; expires_at: string; response: StoredResponse };

export type IdempotencyDecision = { decision: 'proceed' } | { decision: 'replay'; response: StoredResponse };

function instant(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not an ISO 8601 instant: ${iso}`);
  return ms;
}

/**
 * What to do with a request carrying a key: no live record → `proceed` (and store one); same body and
 * finished → `replay` the first answer byte for byte; same body still running → 409 `idempotency_in_progress`
 * (the client retries shortly); another body → 422 `idempotency_key_reused`, whatever the state, because
 * answering it would tell the client its second request happened when it did not. A record at or past its
 * `expires_at` counts as absent.
 */
export function decideIdempotency(
  stored: StoredIdempotency | undefined,
  fingerprint: string,
  now: string,
): PayResult<IdempotencyDecision, 'idempotency_key_reused' | 'idempotency_in_progress'> {
  if (!stored || instant(now, 'now') >= instant(stored.expires_at, 'expires_at')) return accepted({ decision: 'proceed' });
  if (stored.fingerprint !== fingerprint) {
    return refusePay('idempotency_key_reused', 'This Idempotency-Key was already used with a different request; use a new key.');
  }
  if (stored.state === 'in_progress') {
    return refusePay('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly.');
  }
  return accepted({ decision: 'replay', response: stored.response });
}

/** The record to insert when proceeding; kept IDEMPOTENCY_TTL_SECONDS from now. */
export function startIdempotency(fingerprint: string, now: string): StoredIdempotency {
  const at = instant(now, 'now');
  return {
    state: 'in_progress',
    fingerprint,
    created_at: new Date(at).toISOString(),
    expires_at: new Date(at + IDEMPOTENCY_TTL_SECONDS * 1000).toISOString(),
  };
}

/**
 * Which answers become the replay. Only successes: a refusal or error left nothing written (one transaction
 * per change), so the retry may run again and succeed once the state allows; pinning a 409 for 24 h would not.
 */
export const shouldStoreResponse = (status: number): boolean => status >= 200 && status < 300;

/** The completed record; the caller deletes the in-progress one instead when shouldStoreResponse is false. */
export function completeIdempotency(started: StoredIdempotency, response: StoredResponse): StoredIdempotency {
  return { state: 'completed', fingerprint: started.fingerprint, created_at: started.created_at, expires_at: started.expires_at, response };
}
