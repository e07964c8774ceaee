/** Sends an idempotent answer as stored: the exact bytes and status, plus `Idempotent-Replayed: true` on a replay. */
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { IdempotentAnswer } from '../services/idempotent.js';

/**
 * The stored bytes, not a re-serialisation: a replay is identical to the first answer. Only successes are
 * stored (refusals roll back and throw), so the typed answer is the route's success whichever path produced it.
 */
export function sendIdempotent<T, S extends ContentfulStatusCode>(c: Context, answer: IdempotentAnswer): TypedResponse<T, S, 'json'> {
  const response = c.body(answer.body, answer.status as S, {
    'Content-Type': 'application/json',
    ...(answer.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
  });
  return response as unknown as TypedResponse<T, S, 'json'>;
}
