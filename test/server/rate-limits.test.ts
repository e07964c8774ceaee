/**
 * Abuse limits, over real HTTP where the client's address matters (each test binds its own loopback
 * address, 127.0.0.x, so the server reads a different socket peer) and in process where the key is the
 * caller: 429 problem+json with Retry-After and RateLimit headers, keyed right, shared by two instances
 * on one database, and a refusal writes nothing but its counter.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../../server/app.js';
import { loadLimits, loadTrustProxy, type AppConfig, type RateLimits } from '../../server/config.js';
import type { Store } from '../../server/store/db.js';
import { hitWindow, pruneWindows, readWindow } from '../../server/store/rate-limit-windows.js';
import { SANDBOX } from '../../server/store/seed.js';
import { apiDocument, operationsOf } from './api-operations.js';
import { DEMO_ORIGIN, addPartner, expectProblem, openTestApp, testConfig, type TestApp } from './app-harness.js';
import { LED, type Deal } from './deal-flow.js';
import { openSecondStore, openTestStore, testDialect } from './harness.js';
import { confirmedOrder, postIntent } from './pay-flow.js';
import { SseStream, serveOnPort, type Served } from './sse-client.js';

const OFF: RateLimits = {
  failedSecretKeys: undefined,
  sessionMints: undefined,
  paymentIntents: undefined,
  sandboxDeposits: undefined,
  gatewayNotifications: undefined,
  perIp: undefined,
  perToken: undefined,
  streamsPerSession: undefined,
  streamsPerPartner: undefined,
};

const limited = (over: Partial<RateLimits>, config: Partial<AppConfig> = {}): Partial<AppConfig> => ({ limits: { ...OFF, ...over }, ...config });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One HTTP request from the loopback address `from`: the server sees that as the socket's peer. */
function fromAddress(url: string, from: string, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const target = new URL(path, url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method,
        localAddress: from,
        agent: false,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
          ...opts.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The answer as a fetch Response, so `expectProblem` checks it like every other problem. */
const asResponse = (a: Answer) =>
  new Response(a.text, { status: a.status, headers: Object.entries(a.headers).map(([k, v]): [string, string] => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]) });

/** Asserts a 429 of `limit` with Retry-After in 1..window and the draft-7 headers naming `count` per `window`. */
async function expectLimited(res: Response, limit: string, count: number, window: number): Promise<void> {
  const retryAfter = res.headers.get('retry-after');
  const policy = res.headers.get('ratelimit-policy');
  const state = res.headers.get('ratelimit');
  const body = (await expectProblem(res, 429, 'rate-limited')) as Record<string, unknown>;
  assert.equal(body.code, 'rate_limited');
  assert.equal(body.limit, limit);
  const seconds = Number(retryAfter);
  // Each test's window started moments ago, with its first counted request.
  assert.ok(Number.isInteger(seconds) && seconds > window / 2 && seconds <= window, `Retry-After ${retryAfter} of a ${window} s window`);
  assert.equal(body.retry_after, seconds);
  assert.equal(policy, `${count};w=${window}`);
  assert.equal(state, `limit=${count}, remaining=0, reset=${seconds}`);
}

/** Every row of every table but the limit counters: what a refused request must leave as it was. */
async function everythingElse(store: Store): Promise<Record<string, string[]>> {
  const tables =
    store.dialect === 'postgres'
      ? await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`.execute(store.db)
      : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(store.db);
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    if (name === 'rate_limit_windows') continue;
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(store.db);
    out[name] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

const open: Array<{ close(): Promise<void> | void }> = [];
after(async () => {
  for (const thing of open.reverse()) await thing.close();
});

async function served(config: Partial<AppConfig>): Promise<{ t: TestApp; served: Served }> {
  const t = await openTestApp({ config });
  const s = await serveOnPort(t.app.fetch);
  open.push(t, s);
  return { t, served: s };
}

async function dealOn(t: TestApp): Promise<Deal> {
  const [acme, globex, led, textiles, operator] = await Promise.all(
    [SANDBOX.buyers.acme, SANDBOX.buyers.globex, LED, SANDBOX.suppliers.ningboTextiles, SANDBOX.operator].map((p) => t.session(p)),
  );
  return { t, acme: acme!, globex: globex!, led: led!, textiles: textiles!, operator: operator! };
}

/** A client coming back after its 429 until the server has seen another stream's disconnect. */
async function reopen(listen: () => ReturnType<typeof SseStream.open>): ReturnType<typeof SseStream.open> {
  let again = await listen();
  for (let tries = 0; again.response.status === 429 && tries < 100; tries++) {
    await again.response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    again = await listen();
  }
  return again;
}

/** Stream slots held in the database, once every closed stream's release has landed (or what is left). */
async function slotsHeld(store: Store): Promise<number> {
  const held = async () =>
    Number((await store.db.selectFrom('rate_limit_windows').select((eb) => eb.fn.sum<number>('count').as('n')).where('key', 'like', 'sse:%').executeTakeFirst())?.n ?? 0);
  for (let tries = 0; (await held()) > 0 && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
  return held();
}

describe(`abuse limits (${testDialect})`, () => {
  test('the 21st unknown secret key from one address is 429; valid keys elsewhere, and many at once, still mint', async () => {
    const { t, served: s } = await served(limited({ failedSecretKeys: { count: 20, seconds: 600 } }));
    const mint = (from: string, key: string) => fromAddress(s.url, from, 'POST', '/v1/sessions', { token: key, body: { party_id: SANDBOX.buyers.acme } });
    for (let i = 1; i <= 20; i++) {
      const res = await mint('127.0.0.2', `sk_test_guess_${i}`);
      assert.equal(res.status, 401, res.text);
      assert.match(String(res.headers.ratelimit), new RegExp(`^limit=20, remaining=${20 - i}, reset=\\d+$`));
    }
    const before = await everythingElse(t.store);
    await expectLimited(asResponse(await mint('127.0.0.2', 'sk_test_guess_21')), 'failed_secret_keys', 20, 600);
    // The address is refused before any key is looked up, the right one included.
    await expectLimited(asResponse(await mint('127.0.0.2', SANDBOX.secretKey)), 'failed_secret_keys', 20, 600);
    assert.deepEqual(await everythingElse(t.store), before);

    // Another address is not blocked by those failures, and successes never count: 30 mints at once pass.
    const minted = await Promise.all(Array.from({ length: 30 }, () => mint('127.0.0.3', SANDBOX.secretKey)));
    assert.deepEqual(minted.map((r) => r.status), Array(30).fill(201));
    assert.equal((await mint('127.0.0.3', 'sk_test_guess_1')).status, 401);
  });

  test('session mints are limited per secret key, not per partner server address', async () => {
    const { t } = await served({});
    const app = createApp({ store: t.store, config: testConfig(limited({ sessionMints: { count: 3, seconds: 60 } })) });
    await addPartner(t.store, { id: 'partner_other', publishableKey: 'pk_test_other', secretKey: 'sk_test_other', origins: [], buyerId: 'buyer_other' });
    const mint = (key: string, party: string) =>
      app.request('/v1/sessions', { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ party_id: party }) });
    for (let i = 1; i <= 3; i++) {
      const res = await mint(SANDBOX.secretKey, SANDBOX.buyers.acme);
      assert.equal(res.status, 201);
      assert.equal(res.headers.get('ratelimit-policy'), '3;w=60');
      assert.match(res.headers.get('ratelimit') ?? '', new RegExp(`^limit=3, remaining=${3 - i}, reset=\\d+$`));
    }
    await expectLimited(await mint(SANDBOX.secretKey, SANDBOX.buyers.globex), 'session_mints', 3, 60);
    assert.equal((await mint('sk_test_other', 'buyer_other')).status, 201);
  });

  test('payment intents per buyer: the refused one writes nothing, another buyer is not refused', async () => {
    const t = await openTestApp({ config: limited({ paymentIntents: { count: 2, seconds: 60 } }) });
    open.push(t);
    const d = await dealOn(t);
    const orderId = await confirmedOrder(d);
    assert.equal((await postIntent(d, orderId)).status, 201);
    assert.equal((await postIntent(d, orderId)).status, 409); // an intent awaits funds; still an attempt
    const before = await everythingElse(t.store);
    await expectLimited(await postIntent(d, orderId), 'payment_intents', 2, 60);
    assert.deepEqual(await everythingElse(t.store), before);
    // Globex has its own budget (and Acme's order is not found for it).
    assert.equal((await postIntent(d, orderId, undefined, 'key-globex', d.globex)).status, 404);
  });

  test('sandbox deposits: the refused one does not fund the intent', async () => {
    const t = await openTestApp({ config: limited({ sandboxDeposits: { count: 2, seconds: 60 } }, { sandbox: true }) });
    open.push(t);
    const d = await dealOn(t);
    const orderId = await confirmedOrder(d);
    const intent = (await (await postIntent(d, orderId)).json()) as { reference: string; amount_due: number; currency: string };
    const deposit = (reference: string, amount: number) =>
      t.call('POST', '/v1/sandbox/deposits', { token: d.acme, body: { reference, amount, currency: intent.currency } });
    assert.equal((await deposit(intent.reference, 1)).status, 202); // too little: refunded
    assert.equal((await deposit(intent.reference, 1)).status, 202);
    const before = await everythingElse(t.store);
    await expectLimited(await deposit(intent.reference, intent.amount_due), 'sandbox_deposits', 2, 60);
    assert.deepEqual(await everythingElse(t.store), before);
  });

  test('gateway notifications per address', async () => {
    const { t, served: s } = await served(limited({ gatewayNotifications: { count: 2, seconds: 60 } }));
    const notify = (from: string) => fromAddress(s.url, from, 'POST', '/v1/gateways/bank_transfer/notifications', { body: { event_id: 'gwe_1' } });
    assert.equal((await notify('127.0.0.4')).status, 401); // unsigned: counted all the same
    assert.equal((await notify('127.0.0.4')).status, 401);
    const before = await everythingElse(t.store);
    await expectLimited(asResponse(await notify('127.0.0.4')), 'gateway_notifications', 2, 60);
    assert.deepEqual(await everythingElse(t.store), before);
    assert.equal((await notify('127.0.0.5')).status, 401);
  });

  test('the 6th live stream of a session is 429 until one of the five disconnects', async () => {
    const { t, served: s } = await served(limited({ streamsPerSession: 5 }));
    const d = await dealOn(t);
    const orderId = await confirmedOrder(d);
    const url = `${s.url}/v1/orders/${orderId}/events`;
    const listen = (token: string) => SseStream.open(url, { authorization: `Bearer ${token}` });
    const streams: SseStream[] = [];
    open.push({ close: () => streams.forEach((x) => x.close()) });
    for (let i = 0; i < 5; i++) {
      const { response, stream } = await listen(d.acme);
      assert.equal(response.status, 200);
      streams.push(stream!);
    }
    const refused = await listen(d.acme);
    assert.equal(refused.response.headers.get('retry-after'), '3');
    assert.equal(refused.response.headers.get('ratelimit'), 'limit=5, remaining=0, reset=3');
    const body = (await expectProblem(refused.response, 429, 'rate-limited')) as Record<string, unknown>;
    assert.equal(body.limit, 'streams_per_session');
    // The supplier's session has its own five.
    const led = await listen(d.led);
    assert.equal(led.response.status, 200);
    streams.push(led.stream!);

    streams.shift()!.close();
    // The server frees the slot when it sees the disconnect; a client retries after Retry-After.
    const again = await reopen(() => listen(d.acme));
    assert.equal(again.response.status, 200);
    streams.push(again.stream!);
    const sixth = await listen(d.acme);
    assert.equal(sixth.response.status, 429);
    await sixth.response.body?.cancel();

    // Every slot comes back once its client has gone.
    streams.splice(0).forEach((x) => x.close());
    assert.equal(await slotsHeld(t.store), 0);
  });

  test('live streams per partner: every session of the partner shares the cap', async () => {
    const { t, served: s } = await served(limited({ streamsPerSession: 5, streamsPerPartner: 2 }));
    const d = await dealOn(t);
    const orderId = await confirmedOrder(d);
    const listen = (token: string) => SseStream.open(`${s.url}/v1/orders/${orderId}/events`, { authorization: `Bearer ${token}` });
    const first = await listen(d.acme);
    const second = await listen(d.led);
    open.push({ close: () => [first, second].forEach((x) => x.stream?.close()) });
    assert.deepEqual([first.response.status, second.response.status], [200, 200]);
    const refused = await listen(d.acme);
    const body = (await expectProblem(refused.response, 429, 'rate-limited')) as Record<string, unknown>;
    assert.equal(body.limit, 'streams_per_partner');
    first.stream!.close();
    const again = await reopen(() => listen(d.acme));
    assert.equal(again.response.status, 200);
    again.stream!.close();
    second.stream!.close();
    assert.equal(await slotsHeld(t.store), 0);
  });

  test('general limits per credential and per address: a widget on the partner page can read the 429', async () => {
    const t = await openTestApp({ config: limited({ perToken: { count: 2, seconds: 60 }, perIp: { count: 4, seconds: 60 } }) });
    open.push(t);
    const browse = (token: string) => t.call('GET', '/v1/products', { token, headers: { origin: DEMO_ORIGIN } });
    assert.equal((await browse(SANDBOX.publishableKey)).status, 200);
    assert.equal((await browse(SANDBOX.publishableKey)).status, 200);
    const refused = await browse(SANDBOX.publishableKey);
    assert.equal(refused.headers.get('access-control-allow-origin'), DEMO_ORIGIN);
    assert.match(refused.headers.get('access-control-expose-headers') ?? '', /Retry-After.*RateLimit-Policy.*RateLimit/);
    await expectLimited(refused, 'per_token', 2, 60);
    // A session is another credential with its own budget, but every in-process call shares one address:
    // three browses and this mint are its four.
    const acme = await t.session(SANDBOX.buyers.acme);
    await expectLimited(await browse(acme), 'per_ip', 4, 60);
  });

  test('two instances on one database share a window', async () => {
    const storeA = await openTestStore({ seed: true });
    const storeB = openSecondStore(storeA);
    open.push(storeA, storeB);
    const config = testConfig(limited({ sessionMints: { count: 3, seconds: 60 }, failedSecretKeys: { count: 2, seconds: 600 } }));
    const [a, b] = [createApp({ store: storeA, config }), createApp({ store: storeB, config })];
    const mint = (app: typeof a, key: string = SANDBOX.secretKey) =>
      app.request('/v1/sessions', { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ party_id: SANDBOX.buyers.acme }) });
    assert.equal((await mint(a)).status, 201);
    assert.equal((await mint(b)).status, 201);
    assert.equal((await mint(a)).status, 201);
    await expectLimited(await mint(b), 'session_mints', 3, 60);
    await expectLimited(await mint(a), 'session_mints', 3, 60);
    // Failures too: one on each instance uses up the shared two.
    assert.equal((await mint(a, 'sk_test_wrong')).status, 401);
    assert.equal((await mint(b, 'sk_test_wrong')).status, 401);
    await expectLimited(await mint(a, 'sk_test_wrong'), 'failed_secret_keys', 2, 600);
  });

  test('the client address is the socket peer; X-Forwarded-For counts only behind a trusted proxy', async () => {
    const fail = (url: string, forwarded: string) =>
      fromAddress(url, '127.0.0.6', 'POST', '/v1/sessions', { token: 'sk_test_wrong', body: { party_id: 'x' }, headers: { 'x-forwarded-for': forwarded } });
    const direct = await served(limited({ failedSecretKeys: { count: 1, seconds: 600 } }));
    assert.equal((await fail(direct.served.url, '198.51.100.1')).status, 401);
    // A header anyone can write does not make a new client.
    assert.equal((await fail(direct.served.url, '198.51.100.2')).status, 429);

    const proxied = await served(limited({ failedSecretKeys: { count: 1, seconds: 600 } }, { trustProxy: ['127.0.0.0/8', '10.0.0.0/8'] }));
    assert.equal((await fail(proxied.served.url, '203.0.113.9, 198.51.100.7, 10.1.2.3')).status, 401);
    // The right-most untrusted hop is the client; what it claimed to its left is ignored.
    assert.equal((await fail(proxied.served.url, '192.0.2.1, 198.51.100.7')).status, 429);
    assert.equal((await fail(proxied.served.url, '198.51.100.8')).status, 401);
  });
});

describe('rate limit windows and their configuration', () => {
  test('a window counts atomically, starts again when it ends, and ended ones are pruned', async () => {
    const store = await openTestStore();
    open.push(store);
    const now = Date.now();
    const hits = await Promise.all(Array.from({ length: 25 }, () => hitWindow(store, 'k', 1_000, now)));
    assert.deepEqual(hits.map((h) => h.count).sort((x, y) => x - y), Array.from({ length: 25 }, (_, i) => i + 1));
    assert.deepEqual(await hitWindow(store, 'k', 1_000, now + 1_000), { count: 1, resetAt: now + 2_000 });
    await hitWindow(store, 'other', 60_000, now);
    assert.equal(await pruneWindows(store, now + 2_000), 1);
    assert.equal(await readWindow(store, 'k', now + 2_000), undefined);
    assert.equal((await readWindow(store, 'other', now + 2_000))?.count, 1);
  });

  test('the API document lists the 429 on every operation a limit can refuse', async () => {
    const t = await openTestApp({ config: { sandbox: true } });
    open.push(t);
    const limitable = operationsOf(await apiDocument(t)).filter((op) => /^\/(v1|sandbox)\//.test(op.template));
    assert.ok(limitable.length > 50);
    assert.deepEqual(limitable.filter((op) => !op.statuses.includes('429')).map((op) => `${op.method} ${op.template}`), []);
  });

  test('K100_LIMIT_* read <count>/<seconds> or off, and refuse anything else', () => {
    const limits = loadLimits({ K100_LIMIT_SESSION_MINTS: '50/10', K100_LIMIT_PER_IP: 'off', K100_LIMIT_STREAMS_PER_SESSION: '2' })!;
    assert.deepEqual(limits.sessionMints, { count: 50, seconds: 10 });
    assert.equal(limits.perIp, undefined);
    assert.equal(limits.streamsPerSession, 2);
    assert.deepEqual(limits.failedSecretKeys, { count: 20, seconds: 600 });
    assert.equal(loadLimits({ K100_LIMITS: 'off' }), undefined);
    for (const bad of ['300', '0/60', '5/0', '5/100000', 'lots']) {
      assert.throws(() => loadLimits({ K100_LIMIT_PAYMENT_INTENTS: bad }), /K100_LIMIT_PAYMENT_INTENTS/);
    }
    assert.deepEqual(loadTrustProxy('10.0.0.0/8, ::1'), ['10.0.0.0/8', '::1']);
    assert.throws(() => loadTrustProxy('proxy.internal'), /K100_TRUST_PROXY/);
  });
});
