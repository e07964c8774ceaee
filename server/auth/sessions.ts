/**
 * Minting and verifying session tokens (JWT HS256). Both the `POST /v1/sessions` route and the sandbox's
 * demo backend call `mint`, so a sandbox session is exactly what a partner's server would get.
 *
 * fast-jwt rather than `hono/jwt`: every authenticated request verifies a token, and hono's WebCrypto
 * path imported the key and hopped to the thread pool for each HMAC (≈10 % of a cached read's CPU in a
 * profile, plus the latency of the hop). fast-jwt signs and verifies synchronously with node:crypto.
 */
import { randomBytes } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import type { AppConfig } from '../config.js';
import { newId } from '../domain/ids.js';
import { parseSessionClaims, sessionClaims } from '../domain/sessions.js';
import { notFound, sessionExpired, unauthorized } from '../problem.js';
import type { Store } from '../store/db.js';
import { findPartyOfPartner, type PartyRef } from '../store/parties.js';
import { getOrCreateSetting } from '../store/settings.js';
import type { SessionCaller } from './caller.js';

export const SIGNING_KEY_SETTING = 'session_signing_key';
const ALG = 'HS256';

export interface MintedSession {
  token: string;
  expires_at: string;
  party: PartyRef;
}

export interface SessionService {
  /** A token for `partyId`, which must belong to `partnerId` (else 404, never a hint it exists elsewhere). */
  mint(partnerId: string, partyId: string, ttlSeconds: number): Promise<MintedSession>;
  /** The caller behind a token; 401 `session-expired` for an expired one, 401 for anything else wrong. */
  verify(token: string): Promise<SessionCaller>;
}

export function createSessionService(store: Store, config: Pick<AppConfig, 'sessionSecret'>): SessionService {
  const jwt = memoize(async () => {
    const key =
      config.sessionSecret ?? (await getOrCreateSetting(store, SIGNING_KEY_SETTING, () => randomBytes(32).toString('hex')));
    return {
      sign: createSigner({ key, algorithm: ALG }), // keeps our `iat`; sets none of `exp`, `nbf` itself
      // `exp` is checked by us, after the signature: a forged token with a past `exp` is invalid, not "expired".
      verify: createVerifier({ key, algorithms: [ALG], ignoreExpiration: true, ignoreNotBefore: true }),
    };
  });

  return {
    async mint(partnerId, partyId, ttlSeconds) {
      const found = await findPartyOfPartner(store, partnerId, partyId);
      if (!found) throw notFound('party');
      const claims = sessionClaims({
        partyId,
        partnerId,
        kind: found.party.kind,
        ttlSeconds,
        now: new Date(),
        jti: newId('sess'),
      });
      const token = (await jwt()).sign({ ...claims });
      return { token, expires_at: new Date(claims.exp * 1000).toISOString(), party: found.party };
    },

    async verify(token) {
      const { verify } = await jwt();
      let payload: Record<string, unknown>;
      try {
        payload = verify(token) as Record<string, unknown>;
      } catch {
        throw unauthorized('The session token is invalid.');
      }
      const claims = parseSessionClaims(payload);
      if (!claims) throw unauthorized('The session token is invalid.');
      if (claims.exp * 1000 <= Date.now()) throw sessionExpired();
      // A token outlives nothing: the party must still exist and still belong to the partner that minted it.
      const found = await findPartyOfPartner(store, claims.ptn, claims.sub);
      if (!found || found.party.kind !== claims.knd) throw unauthorized('The session no longer matches a party.');
      return {
        kind: 'session',
        partner: found.partner,
        party: found.party,
        sessionId: claims.jti,
        expiresAt: new Date(claims.exp * 1000),
      };
    },
  };
}

/** Caches a successful promise; a failed one (database down at boot) is retried on the next call. */
function memoize<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}
