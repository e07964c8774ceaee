/** The OpenAPI 3.1 document at `/v1/openapi.json` and the human-readable reference at `/docs`, both from the mounted routes. */
import { Hono } from 'hono';
import { renderApiReference, type ApiDocument } from '../docs/render.js';
import { DOCS_CSS } from '../docs/style.js';
import type { AppEnv } from '../env.js';

/** The page loads only its own stylesheet: no script, no inline anything. */
const DOCS_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `document` is called lazily, once every route is mounted; the result is cached for the app's life. */
export function docsRoutes(document: () => ApiDocument) {
  let html: string | undefined;
  return new Hono<AppEnv>()
    .get('/v1/openapi.json', (c) => c.json(document()))
    .get('/docs', (c) => {
      html ??= renderApiReference(document(), { stylesheet: '/docs/docs.css', documentUrl: '/v1/openapi.json' });
      return c.html(html, 200, { 'Content-Security-Policy': DOCS_CSP, 'Cache-Control': 'no-cache' });
    })
    .get('/docs/docs.css', (c) =>
      c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
    );
}
