/** An app on a fresh test database, with small helpers to call it the way partners and widgets do. */
import assert from 'node:assert/strict';
import { sign } from 'hono/jwt';
import { createApp } from '../../server/app.js';
import type { AppConfig } from '../../server/config.js';
import type { Store } from '../../server/store/db.js';
import { SANDBOX, hashSecretKey } from '../../server/store/seed.js';
import { openTestStore } from './harness.js';

/** Known secret so tests can sign tokens themselves (expired, forged claims). */
export const TEST_SESSION_SECRET = 'test-session-secret-0123456789abcdef';
export const DEMO_ORIGIN = 'http://localhost:5173';

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    databaseUrl: 'sqlite::memory:',
    sandbox: false,
    sessionSecret: TEST_SESSION_SECRET,
    widgetsDir: 'test/server/fixtures/none',
    demoDir: 'test/server/fixtures/none',
    ...overrides,
  };
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: Store;
  /** JSON in, Response out; `token` becomes `Authorization: Bearer`. */
  call(method: string, path: string, opts?: CallOptions): Promise<Response>;
  /** A session token for a sandbox party, minted through `POST /v1/sessions` with `sk_test_demo`. */
  session(partyId: string, ttlSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

export async function openTestApp(opts: { seed?: boolean; config?: Partial<AppConfig>; store?: Store } = {}): Promise<TestApp> {
  const store = opts.store ?? (await openTestStore({ seed: opts.seed ?? true }));
  const app = createApp({ store, config: testConfig(opts.config) });
  const call = (method: string, path: string, o: CallOptions = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    return Promise.resolve(app.request(path, { method, headers, ...(body === undefined ? {} : { body }) }));
  };
  return {
    app,
    store,
    call,
    async session(partyId, ttlSeconds) {
      const res = await call('POST', '/v1/sessions', {
        token: SANDBOX.secretKey,
        body: ttlSeconds === undefined ? { party_id: partyId } : { party_id: partyId, ttl_seconds: ttlSeconds },
      });
      assert.equal(res.status, 201, await res.clone().text());
      return ((await res.json()) as { token: string }).token;
    },
    close: () => (opts.store ? Promise.resolve() : store.close()),
  };
}

/** Signs arbitrary claims with the test secret (or another key, for forgeries). */
export function signToken(claims: Record<string, unknown>, key = TEST_SESSION_SECRET): Promise<string> {
  return sign(claims, key, 'HS256');
}

/** A second partner with its own keys, origins and one buyer, to test tenancy and CORS across partners. */
export async function addPartner(
  store: Store,
  p: { id: string; publishableKey: string; secretKey: string; origins: string[]; buyerId: string },
): Promise<void> {
  const at = new Date().toISOString();
  await store.db
    .insertInto('partners')
    .values({
      id: p.id,
      name: `Partner ${p.id}`,
      publishable_key: p.publishableKey,
      secret_key_hash: hashSecretKey(p.secretKey),
      allowed_origins: JSON.stringify(p.origins),
      created_at: at,
    })
    .execute();
  await store.db
    .insertInto('parties')
    .values({ id: p.buyerId, partner_id: p.id, kind: 'buyer', name: `Buyer of ${p.id}`, location: '', description: '', created_at: at })
    .execute();
}

/** Asserts an RFC 9457 body and returns it for further checks. */
export async function expectProblem(
  res: Response,
  status: number,
  slug: string,
): Promise<{ type: string; title: string; status: number; detail?: string; instance: string; request_id: string; errors?: Array<{ path: string; message: string }> }> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text);
  assert.equal(body.type, `https://k100widgets.dev/problems/${slug}`);
  assert.equal(body.status, status);
  assert.equal(typeof body.title, 'string');
  assert.equal(typeof body.instance, 'string');
  assert.equal(body.request_id, res.headers.get('x-request-id'));
  return body;
}

/** Every row of the tables a request could touch (order-free), to prove a refused request changed nothing. */
export async function snapshot(store: Store): Promise<Record<string, unknown>> {
  const tables = ['partners', 'parties', 'products', 'folder_items', 'private_grants', 'private_grant_products', 'access_requests'] as const;
  const out: Record<string, unknown> = {};
  for (const t of tables) {
    const rows = await store.db.selectFrom(t).selectAll().execute();
    out[t] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
