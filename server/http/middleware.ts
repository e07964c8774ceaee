/** Cross-cutting middleware factories: dependencies on the context, security headers, caching, body size. */
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { NO_CALLER } from '../auth/caller.js';
import type { AppEnv, AppVariables } from '../env.js';
import { payloadTooLarge } from '../problem.js';
import { MAX_BODY_BYTES } from './errors.js';

/** Puts the app's dependencies on every request's context, so routers are plain module constants. */
export const provide = (deps: Pick<AppVariables, 'store' | 'config' | 'sessions'>) =>
  createMiddleware<AppEnv>(async function provide(c, next) {
    c.set('store', deps.store);
    c.set('config', deps.config);
    c.set('sessions', deps.sessions);
    c.set('caller', NO_CALLER);
    await next();
  });

/**
 * Security headers for everything the server answers. `overwrite: false` lets a route that knows better
 * keep its own value: widget files set `Cross-Origin-Resource-Policy: cross-origin`, pages set their CSP.
 * The default CSP suits JSON: it loads nothing and may not be framed.
 */
export const securityHeaders = () =>
  secureHeaders({
    overwrite: false,
    removePoweredBy: true,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
  });

/** API answers are per caller and often secret: never cache them anywhere. */
export const noStore = () =>
  createMiddleware(async function noStore(c, next) {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

export const bodyLimit = (maxSize = MAX_BODY_BYTES) =>
  honoBodyLimit({
    maxSize,
    onError: () => {
      throw payloadTooLarge(maxSize);
    },
  });
