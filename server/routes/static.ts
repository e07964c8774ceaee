/**
 * Delivery of built assets: the widget bundles under `/widgets/*` (public code any partner page may load
 * cross-origin) and the demo marketplace at `/` under a strict CSP. Not part of the API document.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.js';
import { problemResponse } from '../http/errors.js';
import { isFresh, readStaticFile, type StaticFile } from '../http/static-files.js';
import { notFound } from '../problem.js';

/** No inline script or style, no eval: the demo proves the widgets work under what partners may enforce. */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const WIDGET_MAX_AGE = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Content-hashed build output lives in `chunks/` or `assets/`: its name changes whenever its bytes do. */
const isHashedPath = (path: string) => /(^|\/)(chunks|assets)\//.test(path);

function send(c: Context<AppEnv>, file: StaticFile, headers: Record<string, string>): Response {
  const all = { ...headers, ETag: file.etag, 'Content-Type': file.contentType };
  if (isFresh(c.req.header('If-None-Match'), file.etag)) return c.body(null, 304, all);
  return c.body(file.body, 200, all);
}

export const staticRoutes = new Hono<AppEnv>()
  .get('/widgets/*', async (c) => {
    const relative = c.req.path.slice('/widgets/'.length);
    // Widget code is public and credential-free, so any page may load it; CORP lets COEP pages embed it too.
    const shared = { 'Cross-Origin-Resource-Policy': 'cross-origin', 'Access-Control-Allow-Origin': '*' };
    const file = await readStaticFile(c.var.config.widgetsDir, relative);
    if (!file) {
      for (const [k, v] of Object.entries(shared)) c.header(k, v);
      return problemResponse(c, notFound('widget file'));
    }
    return send(c, file, { ...shared, 'Cache-Control': isHashedPath(relative) ? IMMUTABLE : WIDGET_MAX_AGE });
  })
  .get('/assets/*', async (c) => {
    const file = await readStaticFile(c.var.config.demoDir, c.req.path);
    if (!file) return problemResponse(c, notFound('file'));
    return send(c, file, { 'Cache-Control': IMMUTABLE, 'Content-Security-Policy': DEMO_CSP });
  })
  .get('/', (c) => servePage(c, 'index.html'))
  .get('/:page{[A-Za-z0-9_.-]+}', (c) => {
    // `/supplier` is supplier.html, `/favicon.ico` is that file.
    const page = c.req.param('page');
    return servePage(c, page.includes('.') ? page : `${page}.html`);
  });

async function servePage(c: Context<AppEnv>, name: string): Promise<Response> {
  const file = await readStaticFile(c.var.config.demoDir, name);
  if (!file) return problemResponse(c, notFound('page'));
  // Pages are tiny and name hashed assets, so browsers revalidate them every time.
  return send(c, file, { 'Cache-Control': 'no-cache', 'Content-Security-Policy': DEMO_CSP });
}
