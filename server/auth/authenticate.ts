/**
 * Resolves `Authorization: Bearer …` into `c.var.caller`: a session token, a publishable key (`pk_…`) or a
 * secret key (`sk_…`), then binds browser calls to the caller's partner's allowed origins.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.js';
import { forbidden, unauthorized } from '../problem.js';
import { findPartnerByPublishableKey, findPartnerBySecretKeyHash } from '../store/parties.js';
import type { PartnerCaller } from './caller.js';
import { isSameOrigin, originAllowed } from './origins.js';

const BEARER = /^Bearer +([\x21-\x7e]{1,4096}) *$/i;

export const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

export const authenticate = () =>
  createMiddleware<AppEnv>(async function authenticate(c, next) {
    const header = c.req.header('Authorization');
    if (header === undefined) return next(); // caller stays `none`; guards answer 401 where it matters
    const credential = BEARER.exec(header)?.[1];
    if (!credential) throw unauthorized('Use `Authorization: Bearer <session token or key>`.');
    const origin = c.req.header('Origin');

    let caller: PartnerCaller;
    if (credential.startsWith('sk_')) {
      // A secret key inside a browser is already leaked; refuse before even checking it.
      if (origin !== undefined) {
        throw forbidden('Secret keys are for server-to-server calls only; never send one from a browser.', 'secret-key-in-browser');
      }
      caller = await secretKeyCaller(c.var.store, credential);
    } else if (credential.startsWith('pk_')) {
      const partner = await findPartnerByPublishableKey(c.var.store, credential);
      if (!partner) throw unauthorized('Unknown publishable key.');
      caller = { kind: 'publishable_key', partner };
    } else {
      caller = await c.var.sessions.verify(credential);
    }
    c.set('caller', caller);

    // CORS alone does not stop a request from running, so a token used from a page of another partner
    // (or any site) is refused here, before the handler, not just hidden from the page.
    if (origin !== undefined && !isSameOrigin(origin, c.req.url) && !originAllowed(caller.partner.allowedOrigins, origin)) {
      throw forbidden(`Origin ${origin} is not allowed for this partner.`, 'origin-not-allowed');
    }
    await next();
  });

async function secretKeyCaller(store: AppEnv['Variables']['store'], key: string): Promise<PartnerCaller> {
  const hash = sha256Hex(key);
  const partner = await findPartnerBySecretKeyHash(store, hash);
  // The lookup is by hash (a secret key is 32 random bytes, so its hash reveals nothing); the constant-time
  // compare guards against a database whose text comparison is looser than byte equality.
  if (!partner || !sameBytes(Buffer.from(hash, 'hex'), Buffer.from(partner.secretKeyHash, 'hex'))) {
    throw unauthorized('Unknown secret key.');
  }
  const { secretKeyHash: _omit, ...ref } = partner;
  return { kind: 'secret_key', partner: ref };
}

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);
