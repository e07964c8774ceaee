/**
 * CORS for the API. A preflight is answered for any origin some partner allows (the caller is not known
 * yet); the actual response carries `Access-Control-Allow-Origin` only when the caller's own partner
 * allows the origin (`authenticate()` has already refused the request otherwise). Unauthenticated answers
 * (401s) are readable by any partner origin, so a widget can tell an expired session from a network error.
 * Pages this server serves itself (the demo, wherever hosted) are same-origin and skip all of this.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.js';
import { setResponseHeader } from '../http/middleware.js';
import { forbidden } from '../problem.js';
import { listAllAllowedOrigins } from '../store/parties.js';
import { isSameOrigin, originAllowed } from './origins.js';

export interface CorsOptions {
  methods?: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  /** How long a browser may cache a preflight answer, in seconds. */
  maxAge?: number;
}

export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'];
export const CORS_EXPOSE_HEADERS = ['X-Request-Id', 'Location', 'Content-Disposition', 'Idempotent-Replayed', 'Retry-After', 'RateLimit-Policy', 'RateLimit'];

export const cors = (opts: CorsOptions = {}) => {
  const methods = (opts.methods ?? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).join(', ');
  const allowHeaders = (opts.allowHeaders ?? CORS_ALLOW_HEADERS).join(', ');
  const exposeHeaders = (opts.exposeHeaders ?? CORS_EXPOSE_HEADERS).join(', ');
  const maxAge = String(opts.maxAge ?? 600);

  return createMiddleware<AppEnv>(async function cors(c, next) {
    const origin = c.req.header('Origin');
    if (origin === undefined) return next(); // not a browser cross-origin call: nothing to decide
    c.header('Vary', 'Origin', { append: true });
    if (isSameOrigin(origin, c.req.url)) return next(); // our own pages (the demo) need no CORS
    const anyPartnerAllows = async () => originAllowed(await listAllAllowedOrigins(c.var.store), origin);

    if (c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method') !== undefined) {
      c.header('Vary', 'Access-Control-Request-Method, Access-Control-Request-Headers', { append: true });
      if (!(await anyPartnerAllows())) throw forbidden(`Origin ${origin} is not allowed.`, 'origin-not-allowed');
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', methods);
      c.header('Access-Control-Allow-Headers', allowHeaders);
      c.header('Access-Control-Max-Age', maxAge);
      return c.body(null, 204);
    }

    await next();

    const caller = c.var.caller;
    const allowed = caller.kind === 'none' ? await anyPartnerAllows() : originAllowed(caller.partner.allowedOrigins, origin);
    if (allowed) {
      setResponseHeader(c.res, 'Access-Control-Allow-Origin', origin);
      setResponseHeader(c.res, 'Access-Control-Expose-Headers', exposeHeaders);
    }
  });
};
