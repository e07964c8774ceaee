/**
 * The delivery worker against a real HTTP receiver on 127.0.0.1: signatures checked with the README's own
 * snippet, retries with backoff, timeouts, dead letters, stable ids, concurrent workers, disabled endpoints.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, before, beforeEach, describe, test } from 'node:test';
import { SANDBOX } from '../../server/store/seed.js';
import { inTransaction } from '../../server/store/transaction.js';
import { enqueueEvent, type WebhookEventType } from '../../server/webhooks/outbox.js';
import { MAX_ATTEMPTS, RETRY_DELAYS_SECONDS } from '../../server/webhooks/retry.js';
import { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from '../../server/webhooks/worker.js';
import { openTestApp, type TestApp } from './app-harness.js';
import { confirmedContract, ok, openDeal } from './deal-flow.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

type Verify = (rawBody: string, header: string, secret: string, now?: number) => boolean;

/** The README's verification snippet, run as written: if the docs are wrong, these tests fail. */
async function readmeVerifier(): Promise<Verify> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /```js\n(import \{ createHmac[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'README has the verification snippet');
  const dir = mkdtempSync(join(tmpdir(), 'k100-readme-'));
  const file = join(dir, 'verify.mjs');
  writeFileSync(file, `${block}\nexport { verifyK100Signature };\n`);
  try {
    return ((await import(pathToFileURL(file).href)) as { verifyK100Signature: Verify }).verifyK100Signature;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let verify: Verify;
let t: TestApp;
let receiver: Receiver;
let endpoint: { id: string; secret: string };
let now: number;
const workers: WebhookWorker[] = [];

/** A manual worker on the test clock; jitter pinned to zero so due times are exact. */
function worker(overrides: Partial<WebhookWorkerOptions> = {}): WebhookWorker {
  const w = startWebhookWorker({ store: t.store, poll: false, clock: () => new Date(now), random: () => 0.5, allowPrivateNetworks: true, ...overrides });
  workers.push(w);
  return w;
}

const emit = (type: WebhookEventType = 'payment.succeeded', data: unknown = { order_id: 'ord_1', amount: 1250, currency: 'USD' }) =>
  inTransaction(t.store, (q) => enqueueEvent(q, { partner_id: SANDBOX.partnerId, type, data, created_at: new Date(now).toISOString() }));

const deliveries = () => t.store.db.selectFrom('webhook_deliveries').selectAll().orderBy('created_at').orderBy('id').execute();
const delivery = async () => {
  const [only, ...rest] = await deliveries();
  assert.equal(rest.length, 0);
  return only!;
};

before(async () => {
  verify = await readmeVerifier();
});

beforeEach(async () => {
  t = await openTestApp({ config: { sandbox: true } });
  receiver = await startReceiver();
  endpoint = await ok(t.call('POST', '/v1/webhook-endpoints', { token: SANDBOX.secretKey, body: { url: receiver.url } }), 201);
  now = Date.now() + 1_000;
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await receiver.close();
  await t.close();
});

describe('delivery', () => {
  test('POSTs the signed envelope once; the README snippet verifies it', async () => {
    const id = await emit();
    assert.equal(await worker().runOnce(), 1);
    assert.equal(receiver.hits.length, 1);
    const [hit] = receiver.hits;
    assert.equal(hit!.headers['content-type'], 'application/json');
    assert.equal(hit!.headers['user-agent'], 'K100-Webhooks/1');
    assert.equal(hit!.headers['k100-event-id'], id);
    assert.equal(hit!.headers['k100-event-type'], 'payment.succeeded');
    assert.equal(hit!.headers['k100-delivery-attempt'], '1');
    const signature = String(hit!.headers['k100-signature']);
    assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(Number(/t=(\d+)/.exec(signature)![1]), Math.floor(now / 1000));

    assert.equal(verify(hit!.rawBody, signature, endpoint.secret), true);
    assert.equal(verify(hit!.rawBody.replace('1250', '1251'), signature, endpoint.secret), false, 'a tampered body fails');
    assert.equal(verify(hit!.rawBody, signature, 'whsec_someone_else'), false, 'another secret fails');
    assert.equal(verify(hit!.rawBody, signature, endpoint.secret, now + 301_000), false, 'older than 5 minutes fails');

    const body = JSON.parse(hit!.rawBody);
    assert.deepEqual(Object.keys(body), ['id', 'type', 'created_at', 'data']);
    assert.deepEqual([body.id, body.type, body.data], [id, 'payment.succeeded', { order_id: 'ord_1', amount: 1250, currency: 'USD' }]);

    const row = await delivery();
    assert.deepEqual([row.attempts, row.last_status_code, row.last_error, row.dead_at], [1, 200, null, null]);
    assert.equal(row.delivered_at, new Date(now).toISOString());
    assert.equal(await worker().runOnce(), 0, 'a delivered event is not sent again');
    const page = await ok(t.call('GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`, { token: SANDBOX.secretKey }));
    assert.deepEqual(
      page.data.map((d: Record<string, unknown>) => [d.event_id, d.status, d.attempts, d.last_status_code, d.next_attempt_at]),
      [[id, 'delivered', 1, 200, null]],
    );
  });

  test('a confirmed contract reaches the partner as contract.confirmed', async () => {
    await t.close();
    const d = await openDeal();
    t = d.t;
    endpoint = await ok(t.call('POST', '/v1/webhook-endpoints', { token: SANDBOX.secretKey, body: { url: 'https://hooks.example/k100' } }), 201);
    const contract = await confirmedContract(d);
    now = Date.now() + 1_000;
    // The deal app is not in sandbox mode: point its endpoint at the receiver directly, as a test may.
    await t.store.db.updateTable('webhook_endpoints').set({ url: receiver.url }).where('id', '=', endpoint.id).execute();
    assert.equal(await worker().runOnce(), 1);
    const [hit] = receiver.hits;
    assert.equal(verify(hit!.rawBody, String(hit!.headers['k100-signature']), endpoint.secret), true);
    const body = JSON.parse(hit!.rawBody);
    assert.deepEqual([body.type, body.data.contract_id, body.data.order_id], ['contract.confirmed', contract.id, contract.order_id]);
  });

  test('500s are retried with backoff under the same event id and body, then delivered', async () => {
    receiver.answer(() => 500);
    const id = await emit();
    const w = worker();
    assert.equal(await w.runOnce(), 1);
    let row = await delivery();
    assert.deepEqual([row.attempts, row.last_status_code, row.last_error, row.delivered_at], [1, 500, 'HTTP 500', null]);
    assert.equal(row.next_attempt_at, new Date(now + 30_000).toISOString());

    now += 29_000;
    assert.equal(await w.runOnce(), 0, 'not due before the backoff ends');
    now += 1_000;
    assert.equal(await w.runOnce(), 1);
    row = await delivery();
    assert.equal(row.next_attempt_at, new Date(now + 120_000).toISOString());

    receiver.answer(() => 204);
    now += 120_000;
    assert.equal(await w.runOnce(), 1);
    row = await delivery();
    assert.deepEqual([row.attempts, row.last_status_code, row.last_error], [3, 204, null]);
    assert.equal(row.delivered_at, new Date(now).toISOString());

    assert.deepEqual(receiver.eventIds(), [id, id, id]);
    assert.deepEqual(receiver.hits.map((h) => h.headers['k100-delivery-attempt']), ['1', '2', '3']);
    assert.equal(new Set(receiver.hits.map((h) => h.rawBody)).size, 1, 'byte-identical bodies');
    assert.equal(new Set(receiver.hits.map((h) => h.headers['k100-signature'])).size, 3, 'each retry is signed afresh');
  });

  test('a receiver that never answers times out and is retried', async () => {
    receiver.answer(() => 'hang');
    await emit();
    const started = Date.now();
    assert.equal(await worker({ timeoutMs: 200 }).runOnce(), 1);
    assert.ok(Date.now() - started < 5_000);
    const row = await delivery();
    assert.deepEqual([row.attempts, row.last_status_code, row.last_error, row.delivered_at], [1, null, 'timed out after 200 ms', null]);
    assert.equal(row.next_attempt_at, new Date(now + 30_000).toISOString());
  });

  test('dead after the last attempt; nothing more is sent', async () => {
    receiver.answer(() => 503);
    const id = await emit();
    const w = worker();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      assert.equal(await w.runOnce(), 1, `attempt ${attempt}`);
      const wait = RETRY_DELAYS_SECONDS[attempt - 1];
      now += (wait ?? 3_600) * 1000;
    }
    const row = await delivery();
    assert.deepEqual([row.attempts, row.last_status_code, row.delivered_at], [MAX_ATTEMPTS, 503, null]);
    assert.ok(row.dead_at);
    now += 7 * 24 * 3_600_000;
    assert.equal(await w.runOnce(), 0);
    assert.equal(receiver.hits.length, MAX_ATTEMPTS);
    assert.deepEqual(new Set(receiver.eventIds()), new Set([id]));
    const total = RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0);
    assert.ok(total > 20 * 3600 && total < 26 * 3600, 'retries span about a day');
  });

  test('redirects are failures, never followed', async () => {
    receiver.answer((hit) => (hit.path.endsWith('/elsewhere') ? 200 : { status: 302, headers: { location: `${receiver.url}/elsewhere` } }));
    await emit();
    await worker().runOnce();
    assert.deepEqual(receiver.hits.map((h) => h.path), ['/k100/webhooks']);
    assert.equal((await delivery()).last_error, 'HTTP 302 (redirects are not followed)');
  });

  test('outside the sandbox the worker refuses private addresses at delivery time', async () => {
    await emit();
    assert.equal(await worker({ allowPrivateNetworks: false }).runOnce(), 1);
    assert.equal(receiver.hits.length, 0);
    assert.match((await delivery()).last_error ?? '', /^refused: 127\.0\.0\.1 is a private address/);
    // A host name is resolved first: one that points inside is refused just the same.
    const lookup = async () => [{ address: '10.0.0.7' }];
    await t.store.db.updateTable('webhook_endpoints').set({ url: 'https://partner.example/hook' }).execute();
    now += 30_000;
    assert.equal(await worker({ allowPrivateNetworks: false, lookup }).runOnce(), 1);
    assert.equal((await delivery()).last_error, 'refused: partner.example resolves to private address 10.0.0.7');
  });

  test('events get unique ids; two workers at once deliver each exactly once', async () => {
    receiver.answer(() => 200);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await emit('payment.failed', { n: i }));
    assert.equal(new Set(ids).size, 40);
    const [a, b] = [worker({ batchSize: 7 }), worker({ batchSize: 7 })];
    let rounds = 0;
    while ((await Promise.all([a.runOnce(), b.runOnce()])).some((n) => n > 0)) rounds++;
    assert.ok(rounds >= 3);
    assert.equal(receiver.hits.length, 40);
    assert.deepEqual([...receiver.eventIds()].sort(), [...ids].sort());
    const rows = await deliveries();
    assert.ok(rows.every((r) => r.attempts === 1 && r.delivered_at !== null));
  });

  test('a disabled endpoint gets nothing new, not even retries already due', async () => {
    receiver.answer(() => 500);
    await emit();
    const w = worker();
    await w.runOnce();
    // Disabled behind the API's back, as a concurrent PATCH could leave it: the worker checks on every claim.
    await t.store.db.updateTable('webhook_endpoints').set({ status: 'disabled' }).execute();
    now += 3_600_000;
    assert.equal(await w.runOnce(), 0);
    await t.store.db.updateTable('webhook_endpoints').set({ status: 'enabled' }).execute();
    await ok(t.call('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { token: SANDBOX.secretKey, body: { status: 'disabled' } }));
    await emit();
    now += 3_600_000;
    assert.equal(await w.runOnce(), 0);
    assert.equal(receiver.hits.length, 1);
    assert.equal((await delivery()).last_error, 'endpoint disabled');
  });

  test('a deleted endpoint gets nothing new', async () => {
    receiver.answer(() => 500);
    await emit();
    const w = worker();
    await w.runOnce();
    await ok(t.call('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { token: SANDBOX.secretKey }));
    await emit();
    now += 3_600_000;
    assert.equal(await w.runOnce(), 0);
    assert.equal(receiver.hits.length, 1);
    assert.deepEqual(await deliveries(), []);
  });

  test('secrets sealed with K100_WEBHOOK_KEY sign with that key, and cannot be used without it', async () => {
    const key = 'a-webhook-key-of-at-least-32-characters!';
    await t.close();
    t = await openTestApp({ config: { sandbox: true, webhookKey: key } });
    endpoint = await ok(t.call('POST', '/v1/webhook-endpoints', { token: SANDBOX.secretKey, body: { url: receiver.url } }), 201);
    now = Date.now() + 1_000;
    await emit();
    assert.equal(await worker().runOnce(), 1, 'without the key: attempted, refused before sending');
    assert.equal(receiver.hits.length, 0);
    assert.match((await delivery()).last_error ?? '', /K100_WEBHOOK_KEY/);
    now += 30_000;
    assert.equal(await worker({ webhookKey: key }).runOnce(), 1);
    assert.equal(verify(receiver.hits[0]!.rawBody, String(receiver.hits[0]!.headers['k100-signature']), endpoint.secret), true);
  });

  test('polling delivers on its own; stop() abandons a hanging attempt at once, to be retried after its lease', async () => {
    const polling = worker({ poll: true, intervalMs: 20, clock: () => new Date() });
    await emit();
    for (let i = 0; i < 1000 && receiver.hits.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(receiver.hits.length, 1);
    // The receiver sees the request before the worker records the answer; stopping in between would
    // abandon that attempt too. Wait for the record, so only the hanging attempt below is abandoned.
    for (let i = 0; i < 1000 && !(await deliveries()).some((d) => d.delivered_at !== null); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await polling.stop();

    receiver.answer(() => 'hang');
    now = Date.now() + 1_000;
    await emit();
    const w = worker();
    const run = w.runOnce();
    for (let i = 0; i < 1000 && receiver.hits.length === 1; i++) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await w.stop();
    await run;
    assert.ok(Date.now() - started < 2_000);
    const pending = (await deliveries()).find((d) => d.delivered_at === null)!;
    // Counted as an attempt, but not recorded as failed: it comes due again when the 60 s lease ends.
    assert.deepEqual([pending.attempts, pending.last_error, pending.next_attempt_at], [1, null, new Date(now + 60_000).toISOString()]);
    assert.equal(await w.runOnce(), 0, 'a stopped worker claims nothing');
  });
});

