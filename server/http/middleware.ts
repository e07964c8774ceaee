/** Cross-cutting middleware factories: dependencies on the context, security headers, caching, body size. */
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { NO_CALLER } from '../auth/caller.js';
import type { AppEnv, AppVariables } from '../env.js';
import { payloadTooLarge, validationFailed, type FieldError } from '../problem.js';
import { MAX_BODY_BYTES } from './errors.js';

/** Puts the app's dependencies on every request's context, so routers are plain module constants. */
export const provide = (deps: Pick<AppVariables, 'store' | 'config' | 'sessions' | 'streamSlots'>) =>
  createMiddleware<AppEnv>(async function provide(c, next) {
    c.set('store', deps.store);
    c.set('config', deps.config);
    c.set('sessions', deps.sessions);
    c.set('streamSlots', deps.streamSlots);
    c.set('caller', NO_CALLER);
    await next();
  });

/** What every answer carries: OWASP's header set for REST APIs, which is also what a JSON body can use. */
const API_SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  // JSON loads nothing and may not be framed; a response opened as a page runs nothing.
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
];

/** Headers only a browsing context obeys, added to HTML answers (the demo, the reference, documents). */
const DOCUMENT_SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ...API_SECURITY_HEADERS,
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/**
 * Security headers for everything the server answers. A route that knows better keeps its own value:
 * widget files set `Cross-Origin-Resource-Policy: cross-origin`, pages set their CSP. Written by hand
 * rather than with `hono/secure-headers`: that sets the full browser set (14 headers) on every JSON answer,
 * where half of them mean nothing, and in a CPU profile of `GET /health` it was the largest cost of our
 * own after the socket write; precomputed lists, and the document-only headers on HTML only, halve it.
 */
export const securityHeaders = () =>
  createMiddleware(async function securityHeaders(c, next) {
    await next();
    const html = c.res.headers.get('Content-Type')?.startsWith('text/html');
    for (const [name, value] of html ? DOCUMENT_SECURITY_HEADERS : API_SECURITY_HEADERS) {
      setResponseHeader(c.res, name, value, { overwrite: false });
    }
  });

/** API answers are per caller and often secret: never cache them anywhere. */
export const noStore = () =>
  createMiddleware(async function noStore(c, next) {
    await next();
    setResponseHeader(c.res, 'Cache-Control', 'no-store', { overwrite: false });
  });

/**
 * Sets a header on the response a handler already produced. After `next()` this, not `c.header()`, is the
 * way: `c.header()` on a finalized response copies it into a new `Response`, which reads its body as a
 * stream; with @hono/node-server's light responses that turned a string body into a streamed one, and it
 * was the largest share of `/health`'s time in a CPU profile. The headers of a response are mutable.
 */
export function setResponseHeader(res: Response, name: string, value: string, opts: { overwrite?: boolean } = {}): void {
  if (opts.overwrite !== false || !res.headers.has(name)) res.headers.set(name, value);
}

/** @hono/node-server puts the Node request on `c.env.incoming`; `app.request()` has no such binding. */
const fromSocket = (c: Context) => (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined;

/**
 * Refuses bodies over `maxSize` with 413. Requests that cannot carry a body, and bodies whose declared
 * `Content-Length` is within the limit (Node's parser never reads past it), pass on a header check
 * alone. hono's `bodyLimit` reads `c.req.raw.body`, which turns @hono/node-server's light request into a
 * full `Request` with its own AbortController and stream: the largest cost of a body-less write in a CPU
 * profile. Only a chunked body of unknown size is counted as it streams in, by hono's middleware.
 */
export const bodyLimit = (maxSize = MAX_BODY_BYTES) => {
  const tooLarge = () => {
    throw payloadTooLarge(maxSize);
  };
  const streamed = honoBodyLimit({ maxSize, onError: tooLarge });
  return createMiddleware(async function bodyLimit(c, next) {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    if (c.req.header('Transfer-Encoding') === undefined) {
      const declared = c.req.header('Content-Length');
      if (declared !== undefined) return Number(declared) > maxSize ? tooLarge() : next();
      // Off the wire, a request with neither header has no body (RFC 9112 §6.3; Node's parser holds to
      // it). A `Request` made in process (`app.request`, tests) may have one without either header.
      if (fromSocket(c)) return next();
    }
    return streamed(c, next);
  });
};

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units: no `u` flag). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored as it was sent, or undefined when it can. */
function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL (U+0000) characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain unpaired UTF-16 surrogates';
  return undefined;
}

/** The dotted path and reason of every unstorable key or string in a parsed JSON value (iterative: bodies nest 10 000 deep). */
function unstorableFields(root: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length > 0 && errors.length < 20) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const why = unstorable(value);
      if (why) errors.push({ path, message: why });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        const why = unstorable(key);
        if (why) errors.push({ path: childPath, message: `key ${why}` });
        stack.push([child, childPath]);
      }
    }
  }
  return errors;
}

/**
 * Refuses, with 422, path segments, JSON bodies and query parameters carrying NUL or unpaired surrogates, before any
 * schema sees them. Postgres cannot store U+0000 in text (the insert failed, a 500) and pg writes a lone
 * surrogate as U+FFFD (the row would differ from what was accepted); SQLite stores both, so the same
 * request must be refused on both. A body with no `\u` escape cannot hold either (a raw NUL is not JSON;
 * raw bytes arrive decoded), so the common case costs one scan of the text, not a parse.
 */
export const refuseUnstorableText = () =>
  createMiddleware(async function refuseUnstorableText(c, next) {
    const errors: FieldError[] = [];
    // Path ids reach the same queries (`/v1/gateways/%00/...` was a 500 on Postgres); the router has
    // already percent-decoded `c.req.path`, so a NUL there is the character itself.
    const pathProblem = unstorable(c.req.path);
    if (pathProblem) throw validationFailed([{ path: 'path', message: pathProblem }], 'Invalid path parameters.');
    for (const [name, values] of Object.entries(c.req.queries())) {
      for (const value of values) {
        const why = unstorable(value) ?? unstorable(name);
        if (why) errors.push({ path: name, message: why });
      }
    }
    if (errors.length > 0) throw validationFailed(errors, 'Invalid query parameters.');
    if (JSON_MEDIA_TYPE.test(c.req.header('Content-Type') ?? '') && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const text = await c.req.text();
      if (text.includes('\\u') || LONE_SURROGATE.test(text)) {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          return next(); // Malformed JSON: the route's validator answers it with 400, as for any other.
        }
        const fields = unstorableFields(body);
        if (fields.length > 0) throw validationFailed(fields, 'Invalid request body.');
      }
    }
    return next();
  });
