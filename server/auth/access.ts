/**
 * Who may call a route, declared once in its `createRoute` config: `...allow.party('buyer')` adds the
 * OpenAPI `security` and `x-k100-callers` (shown on /docs) and a guard middleware that runs before
 * validation, so the wrong caller gets 401/403 rather than a lesson in our input rules. The guard also
 * puts the narrowed caller on the context (`c.var.session`, `c.var.reader`, `c.var.partner`).
 */
import { createMiddleware } from 'hono/factory';
import type { Viewer } from '../store/catalog.js';
import type { PartnerRef } from '../store/parties.js';
import type { PartyKind } from '../store/schema.js';
import type { AppEnv } from '../env.js';
import { requireCatalogReader, requireParty, requireSecretKey, type SessionCaller } from './caller.js';

export interface CatalogReader {
  partnerId: string;
  viewer: Viewer;
}

/** An OpenAPI security requirement list: any one entry suffices. */
type Security = Array<Record<string, string[]>>;
const security = (...schemes: Array<'sessionToken' | 'publishableKey' | 'secretKey'>): Security =>
  schemes.map((name) => ({ [name]: [] }));

export const allow = {
  /** A session of one of `kinds`. */
  party<K extends PartyKind>(...kinds: K[]) {
    return {
      security: security('sessionToken'),
      'x-k100-callers': kinds.map((k) => `${k} session`),
      middleware: createMiddleware<AppEnv & { Variables: { session: SessionCaller<K> } }>(async (c, next) => {
        c.set('session', requireParty(c, ...kinds));
        await next();
      }),
    };
  },

  /** Any session, the publishable key or the secret key: key holders see public products only. */
  catalogReader() {
    return {
      security: security('sessionToken', 'publishableKey', 'secretKey'),
      'x-k100-callers': ['any session', 'publishable key', 'secret key'],
      middleware: createMiddleware<AppEnv & { Variables: { reader: CatalogReader } }>(async (c, next) => {
        c.set('reader', requireCatalogReader(c));
        await next();
      }),
    };
  },

  /** The partner's own server. */
  secretKey() {
    return {
      security: security('secretKey'),
      'x-k100-callers': ['secret key'],
      middleware: createMiddleware<AppEnv & { Variables: { partner: PartnerRef } }>(async (c, next) => {
        c.set('partner', requireSecretKey(c).partner);
        await next();
      }),
    };
  },

  /** No credential needed (health, the API document). */
  anyone() {
    return { security: security(), 'x-k100-callers': ['anyone'] };
  },
};
