/** One delivery attempt: sign the body with the endpoint's secret, POST it with a timeout, judge the answer. */
import { SIGNATURE_HEADER, signPayload } from '../domain/signatures.js';

export const USER_AGENT = 'K100-Webhooks/1';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type AttemptResult = { ok: true; status: number } | { ok: false; status: number | null; error: string | null };

/** Thrown when the worker is stopping: the attempt is abandoned, not failed, and its lease lets it be retried. */
export class AttemptAbandoned extends Error {
  override readonly name = 'AttemptAbandoned';
}

export interface Attempt {
  url: string;
  secret: string;
  body: string;
  eventId: string;
  eventType: string;
  /** 1 for the first try; sent so a receiver's logs can tell retries apart. */
  attempt: number;
  /** Becomes the signature's `t`: a retry hours later carries a fresh timestamp inside the receiver's tolerance. */
  now: Date;
  timeoutMs: number;
  fetch: FetchLike;
  /** Aborted when the worker stops. */
  stopping: AbortSignal;
}

export async function attemptDelivery(a: Attempt): Promise<AttemptResult> {
  const timestamp = Math.floor(a.now.getTime() / 1000);
  const timeout = AbortSignal.timeout(a.timeoutMs);
  let response: Response;
  try {
    response = await a.fetch(a.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': USER_AGENT,
        [SIGNATURE_HEADER]: signPayload(a.secret, a.body, timestamp),
        'K100-Event-Id': a.eventId,
        'K100-Event-Type': a.eventType,
        'K100-Delivery-Attempt': String(a.attempt),
      },
      body: a.body,
      // A redirect is a failure, never followed: it could point anywhere, our own network included.
      redirect: 'manual',
      signal: AbortSignal.any([timeout, a.stopping]),
    });
  } catch (error) {
    if (a.stopping.aborted) throw new AttemptAbandoned('worker stopping');
    if (timeout.aborted) return { ok: false, status: null, error: `timed out after ${a.timeoutMs} ms` };
    return { ok: false, status: null, error: describe(error) };
  }
  // The body is not ours to read; cancelling frees the connection.
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
  const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
  return { ok: false, status: response.status, error: `HTTP ${response.status}${redirect}` };
}

/** fetch wraps network errors as "fetch failed"; the cause's code (ECONNREFUSED…) is what helps a partner. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return (detail ? `${message}: ${detail}` : message).slice(0, 500);
}
