/**
 * Minting and verifying session tokens (JWT HS256). Both the `POST /v1/sessions` route and the sandbox's
 * demo backend call `mint`, so a sandbox session is exactly what a partner's server would get.
 */
import { randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
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
  const signingKey = memoize(() =>
    config.sessionSecret !== undefined
      ? Promise.resolve(config.sessionSecret)
      : getOrCreateSetting(store, SIGNING_KEY_SETTING, () => randomBytes(32).toString('hex')),
  );

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
      const token = await sign({ ...claims }, await signingKey(), ALG);
      return { token, expires_at: new Date(claims.exp * 1000).toISOString(), party: found.party };
    },

    async verify(token) {
      let payload: Record<string, unknown>;
      try {
        // `exp` is checked below, after the signature: hono checks it first, which would call a forged
        // token with a past `exp` "expired" instead of invalid.
        payload = await verify(token, await signingKey(), { alg: ALG, exp: false });
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
