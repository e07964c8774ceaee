/** Session token rules: lifetimes and the claims a token carries. Pure, so minting and tests agree. */
import type { PartyKind } from '../store/schema.js';

export const DEFAULT_SESSION_TTL_SECONDS = 15 * 60;
export const MAX_SESSION_TTL_SECONDS = 60 * 60;

/** JWT claims: `sub` party, `ptn` partner, `knd` party kind; `iat`/`exp` in epoch seconds; `jti` unique id. */
export interface SessionClaims {
  sub: string;
  ptn: string;
  knd: PartyKind;
  iat: number;
  exp: number;
  jti: string;
}

export function sessionClaims(input: {
  partyId: string;
  partnerId: string;
  kind: PartyKind;
  ttlSeconds: number;
  now: Date;
  jti: string;
}): SessionClaims {
  if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds < 1 || input.ttlSeconds > MAX_SESSION_TTL_SECONDS) {
    throw new RangeError(`session ttl must be 1..${MAX_SESSION_TTL_SECONDS} seconds`);
  }
  const iat = Math.floor(input.now.getTime() / 1000);
  return { sub: input.partyId, ptn: input.partnerId, knd: input.kind, iat, exp: iat + input.ttlSeconds, jti: input.jti };
}

const KINDS: readonly string[] = ['buyer', 'supplier', 'operator'];

/** Narrows a verified JWT payload to our claims; anything else is not one of our session tokens. */
export function parseSessionClaims(payload: Record<string, unknown>): SessionClaims | undefined {
  const { sub, ptn, knd, iat, exp, jti } = payload;
  if (typeof sub !== 'string' || typeof ptn !== 'string' || typeof jti !== 'string') return undefined;
  if (typeof knd !== 'string' || !KINDS.includes(knd)) return undefined;
  if (typeof iat !== 'number' || typeof exp !== 'number' || !(exp > iat)) return undefined;
  return { sub, ptn, knd: knd as PartyKind, iat, exp, jti };
}
