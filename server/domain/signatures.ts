/** HMAC-SHA256 signing and verification of gateway notifications and partner webhooks (pure apart from node:crypto). */
import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Header (Stripe's scheme, so partners can reuse what they know):
 *
 *   K100-Signature: t=1767571200,v1=f5b0a1fcc876c2ea04a76c8650010bd448dd2560d3096e860f59d727b3cdbfb9
 *   (secret and body of this example: the known-answer test in test/server/domain-signatures.test.ts)
 *
 * `t` is the sender's Unix time in seconds; each `v1` is lowercase hex HMAC-SHA256(secret, `${t}.${rawBody}`)
 * over the exact bytes sent, never a re-serialised JSON. During a secret rotation the sender signs with the
 * old and the new secret (two `v1` values) and a receiver may hold both secrets; one match is enough. Other
 * keys (`v0`, future schemes) are ignored so the scheme can grow.
 *
 * A partner verifies by: split the header on ",", take `t` and every `v1`; compute the HMAC of
 * `${t}.` + raw body with their endpoint secret; compare in constant time; refuse if |now − t| > 300 s.
 *
 * What this does not do: replay detection. A captured request is valid for the whole tolerance window; the
 * receiver must also remember each event id (gateway event id, webhook event id) and process it once. That
 * needs storage, so it lives there; the timestamp only bounds how long the store must remember ids.
 */

/** The header both gateways (in the sandbox) and our partner webhooks carry the signature in. */
export const SIGNATURE_HEADER = 'K100-Signature';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** More `v1` values than any rotation needs is a malformed (or hostile) header, not extra work for us. */
const MAX_SIGNATURES = 8;
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const SECONDS = /^\d{1,12}$/;

export type SignatureFailure = 'missing_header' | 'malformed' | 'stale' | 'bad_signature';

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: SignatureFailure };

const list = (secrets: string | readonly string[]): readonly string[] => (typeof secrets === 'string' ? [secrets] : secrets);

function mac(secret: string, timestamp: number, rawBody: string | Uint8Array): Buffer {
  // An empty key still "works" in HMAC, which would make every deployment with a missing secret accept forgeries.
  if (!secret) throw new RangeError('a signing secret is required');
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest();
}

/** The header value for `rawBody` sent at `timestamp` (Unix seconds), one `v1` per secret. */
export function signPayload(secrets: string | readonly string[], rawBody: string | Uint8Array, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('timestamp must be Unix seconds');
  const all = list(secrets);
  if (all.length === 0) throw new RangeError('at least one secret is required');
  return [`t=${timestamp}`, ...all.map((secret) => `v1=${mac(secret, timestamp, rawBody).toString('hex')}`)].join(',');
}

function parseHeader(header: string): { timestamp: number; signatures: Buffer[] } | null {
  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== null || !SECONDS.test(value)) return null;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value) || signatures.length === MAX_SIGNATURES) return null;
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Checks a signature header against the raw body with any of `secrets`. The signature is checked before the
 * timestamp, so `stale` only ever describes an authentic message (a clock problem worth logging), while a
 * forgery is `bad_signature` whatever time it claims. Every comparison is timingSafeEqual on 32-byte buffers.
 */
export function verifySignature(input: {
  header: string | null | undefined;
  rawBody: string | Uint8Array;
  secrets: string | readonly string[];
  /** Receiver's Unix time in seconds. */
  now: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  const secrets = list(input.secrets);
  if (secrets.length === 0) throw new RangeError('at least one secret is required');
  // Date.now() passed by mistake would make every message "stale"; say so instead of failing mysteriously.
  if (!Number.isFinite(input.now) || input.now > 1e11) throw new RangeError('now must be Unix time in seconds');
  if (input.header === null || input.header === undefined || input.header.trim() === '') return { ok: false, reason: 'missing_header' };
  const parsed = parseHeader(input.header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const expected = secrets.map((secret) => mac(secret, parsed.timestamp, input.rawBody));
  const matched = expected.some((e) => parsed.signatures.some((s) => s.length === e.length && timingSafeEqual(s, e)));
  if (!matched) return { ok: false, reason: 'bad_signature' };
  const tolerance = input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  // Both ways: a timestamp from the future is as suspect as an old one (and would stretch the replay window).
  if (Math.abs(input.now - parsed.timestamp) > tolerance) return { ok: false, reason: 'stale' };
  return { ok: true, timestamp: parsed.timestamp };
}
