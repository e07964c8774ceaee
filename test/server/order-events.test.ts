/**
 * `GET /v1/orders/:id/events` over a real socket: live delivery by signal, resume, heartbeats, who may
 * listen, the end at session expiry, and (Postgres) fan-out across two instances through LISTEN/NOTIFY.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../../server/app.js';
import { openStore, type Store } from '../../server/store/db.js';
import { appendOrderEvent } from '../../server/store/orders.js';
import { SANDBOX } from '../../server/store/seed.js';
import { inTransaction } from '../../server/store/transaction.js';
import { expectProblem, openTestApp, signToken, testConfig, type TestApp } from './app-harness.js';
import { LED, confirmedContract, ok, type Deal } from './deal-flow.js';
import { testDialect } from './harness.js';
import { payOrder } from './pay-flow.js';
import { SseStream, serveOnPort, type Served } from './sse-client.js';

/** Heartbeats out of the way: whatever arrives within a test came by signal, not by the heartbeat re-read. */
const FAR = 60_000;

interface Live extends Deal {
  url: string;
  served: Served;
}

async function openLive(t: TestApp): Promise<Live> {
  const [acme, globex, led, textiles, operator] = await Promise.all([
    t.session(SANDBOX.buyers.acme),
    t.session(SANDBOX.buyers.globex),
    t.session(LED),
    t.session(SANDBOX.suppliers.ningboTextiles),
    t.session(SANDBOX.operator),
  ]);
  const served = await serveOnPort(t.app.fetch);
  return { t, acme, globex, led, textiles, operator, served, url: served.url };
}

const eventsUrl = (l: { url: string }, orderId: string) => `${l.url}/v1/orders/${orderId}/events`;

async function listen(l: { url: string }, orderId: string, token: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const { response, stream } = await SseStream.open(eventsUrl(l, orderId), { authorization: `Bearer ${token}`, ...headers });
  assert.equal(response.status, 200, stream ? '' : await response.text());
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  // The first thing on every stream; once read, the stream is subscribed and its cursor fixed.
  assert.deepEqual(await stream!.next(), { kind: 'retry', retry: 3000 });
  return stream!;
}

/** A timeline event no flow produces, appended the way every flow does (so it is signalled). */
async function mark(store: Store, orderId: string): Promise<void> {
  await inTransaction(store, (q) => appendOrderEvent(q, { order_id: orderId, code: 'test_marker', at: new Date().toISOString(), actor_id: null, details: '{"marker":true}' }));
}

const lastSeq = async (store: Store, orderId: string) =>
  Number((await store.db.selectFrom('order_events').select((eb) => eb.fn.max('seq').as('seq')).where('order_id', '=', orderId).executeTakeFirst())?.seq ?? 0);

const timelineOf = (store: Store, orderId: string) => store.db.selectFrom('order_events').select(['seq', 'code']).where('order_id', '=', orderId).orderBy('seq').execute();

async function until(check: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('GET /v1/orders/:id/events', () => {
  let l: Live;
  let orderId: string;
  const open: SseStream[] = [];
  const track = (s: SseStream) => (open.push(s), s);

  before(async () => {
    l = await openLive(await openTestApp({ config: { sandbox: true, sseHeartbeatMs: FAR } }));
  });
  after(async () => {
    await l.served.close();
    await l.t.close();
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });

  test('the buyer and the supplier receive new timeline events live, in order, with the order state when sent', async () => {
    orderId = (await confirmedContract(l)).order_id;
    const buyer = track(await listen(l, orderId, l.acme));
    const supplier = track(await listen(l, orderId, l.led));
    // The warehouse sees an order only once it is paid.
    await expectProblem(await fetch(eventsUrl(l, orderId), { headers: { authorization: `Bearer ${l.operator}` } }), 404, 'not-found');
    await payOrder(l, orderId);

    const written = (await timelineOf(l.t.store, orderId)).filter((e) => e.seq > 1);
    assert.ok(written.length >= 1, 'paying appends timeline events');
    const order = await ok(l.t.call('GET', `/v1/orders/${orderId}`, { token: l.acme }));
    for (const stream of [buyer, supplier]) {
      const got = await stream.timeline(written.length);
      assert.deepEqual(got.map((e) => [e.seq, e.code]), written.map((e) => [e.seq, e.code]));
      for (const e of got) {
        assert.deepEqual(Object.keys(e).sort(), ['actor', 'at', 'code', 'details', 'order_id', 'payment_status', 'place', 'seq', 'status']);
        assert.equal(e.order_id, orderId);
        // Read when sent, i.e. after the paying transaction committed.
        assert.equal(e.status, order.status);
        assert.equal(e.payment_status, order.payment_status);
      }
      const received = got.find((e) => e.code === 'payment_received');
      assert.ok(received, 'payment_received is streamed');
      assert.deepEqual(received.details, order.timeline.find((x: { code: string }) => x.code === 'payment_received').details);
    }
  });

  test('an operator of the order’s warehouse may listen once the order is paid', async () => {
    const s = track(await listen(l, orderId, l.operator, { 'last-event-id': '0' }));
    const last = await lastSeq(l.t.store, orderId);
    assert.deepEqual((await s.timeline(last)).map((e) => e.seq), Array.from({ length: last }, (_, i) => i + 1));
  });

  test('Last-Event-ID resumes with exactly the missed events, in order, then live ones', async () => {
    const last = await lastSeq(l.t.store, orderId);
    assert.ok(last >= 2);
    const from1 = track(await listen(l, orderId, l.acme, { 'last-event-id': '1' }));
    assert.deepEqual((await from1.timeline(last - 1)).map((e) => e.seq), Array.from({ length: last - 1 }, (_, i) => i + 2));
    const from0 = track(await listen(l, orderId, l.led, { 'Last-Event-ID': '0' }));
    const all = await from0.timeline(last);
    assert.deepEqual(all.map((e) => e.seq), Array.from({ length: last }, (_, i) => i + 1));
    assert.equal(all[0]!.code, 'contract_confirmed');
    assert.equal(all[0]!.actor.id, SANDBOX.buyers.acme);
    assert.equal(all[0]!.actor.kind, 'buyer');
    assert.equal(typeof all[0]!.actor.name, 'string');

    // The next thing either stream sends is the new event: nothing was repeated or left over.
    await mark(l.t.store, orderId);
    for (const s of [from1, from0]) assert.deepEqual((await s.timeline(1)).map((e) => [e.seq, e.code]), [[last + 1, 'test_marker']]);
  });

  test('many streams at different cursors each get every event once, in order, through bursts of writes', async () => {
    const last = await lastSeq(l.t.store, orderId);
    // Streams sharing a cursor share reads; a stream a little behind must still get what it missed.
    const streams = await Promise.all(
      Array.from({ length: 24 }, (_, i) => listen(l, orderId, i % 2 ? l.acme : l.led, { 'last-event-id': String(i % 3 === 0 ? last - 1 : last) })),
    );
    streams.forEach(track);
    // Back to back, while the streams are still sending the previous ones (appends to one order are serial: flows hold its row).
    for (let n = 0; n < 6; n++) await mark(l.t.store, orderId);
    const end = last + 6;
    for (const [i, stream] of streams.entries()) {
      const from = i % 3 === 0 ? last - 1 : last;
      const got = await stream.timeline(end - from);
      assert.deepEqual(got.map((e) => e.seq), Array.from({ length: end - from }, (_, k) => from + 1 + k), `stream ${i}`);
    }
    // And then nothing more: no event was sent twice.
    await mark(l.t.store, orderId);
    for (const stream of streams) assert.deepEqual((await stream.timeline(1)).map((e) => e.seq), [end + 1]);
  });

  test('without Last-Event-ID the stream starts after the current last event', async () => {
    const last = await lastSeq(l.t.store, orderId);
    const s = track(await listen(l, orderId, l.acme));
    await mark(l.t.store, orderId);
    await mark(l.t.store, orderId);
    assert.deepEqual((await s.timeline(2)).map((e) => e.seq), [last + 1, last + 2]);
  });

  test('heartbeats arrive, and their re-read delivers an event whose signal never came', async () => {
    // A second app on the same database, beating every 100 ms.
    const fast = createApp({ store: l.t.store, config: testConfig({ sandbox: true, sseHeartbeatMs: 100 }) });
    const served = await serveOnPort(fast.fetch);
    try {
      const s = track(await listen({ url: served.url }, orderId, l.acme));
      assert.deepEqual(await s.next(2_000), { kind: 'comment', comment: 'heartbeat' });
      assert.deepEqual(await s.next(2_000), { kind: 'comment', comment: 'heartbeat' });
      // Written behind appendOrderEvent's back: no signal, only the heartbeat re-read can find it.
      const seq = (await lastSeq(l.t.store, orderId)) + 1;
      await l.t.store.db.insertInto('order_events').values({ order_id: orderId, seq, code: 'test_unsignalled', at: new Date().toISOString(), actor_id: null, details: '{}' }).execute();
      assert.deepEqual((await s.timeline(1, 2_000)).map((e) => [e.seq, e.code]), [[seq, 'test_unsignalled']]);
    } finally {
      for (const s of open.splice(0)) s.close();
      await served.close();
    }
  });

  test('a client that leaves leaves no subscription behind', async () => {
    const count = () => l.t.store.signals.subscriptions();
    // The streams of the tests before, closed by the client, are gone on the server too.
    await until(() => count() === 0, 'earlier streams to unsubscribe');
    const a = track(await listen(l, orderId, l.acme));
    const b = track(await listen(l, orderId, l.led));
    assert.equal(count(), 2);
    a.close();
    await until(() => count() === 1, 'the first subscription to go');
    b.close();
    await until(() => count() === 0, 'the second subscription to go');
  });

  test('only the parties of the order may listen; refusals are JSON problems, not streams', async () => {
    const url = eventsUrl(l, orderId);
    const get = (headers: Record<string, string> = {}, u = url) => fetch(u, { headers: { accept: 'text/event-stream', ...headers } });
    await expectProblem(await get({ authorization: `Bearer ${l.globex}` }), 404, 'not-found');
    await expectProblem(await get({ authorization: `Bearer ${l.textiles}` }), 404, 'not-found');
    await expectProblem(await get({ authorization: `Bearer ${l.acme}` }, eventsUrl(l, 'ord_nope')), 404, 'not-found');
    await expectProblem(await get(), 401, 'unauthorized');
    // EventSource cannot send headers, so clients are tempted to put the token in the URL: never accepted.
    for (const name of ['token', 'access_token', 'authorization']) await expectProblem(await get({}, `${url}?${name}=${encodeURIComponent(l.acme)}`), 401, 'unauthorized');
    await expectProblem(await get({ authorization: `Bearer ${SANDBOX.publishableKey}` }), 403, 'forbidden');
    await expectProblem(await get({ authorization: `Bearer ${l.acme}`, 'last-event-id': 'seven' }), 422, 'validation');
  });

  test('the stream ends when the session token expires', async () => {
    const iat = Math.floor(Date.now() / 1000);
    const claims = { sub: SANDBOX.buyers.acme, ptn: SANDBOX.partnerId, knd: 'buyer', iat, exp: iat + 2, jti: `sess_${randomUUID()}` };
    const token = await signToken(claims);
    const s = track(await listen(l, orderId, token));
    const opened = Date.now();
    assert.deepEqual(await s.next(4_000), { kind: 'end' });
    const lasted = Date.now() - opened;
    assert.ok(lasted >= 500 && lasted < 3_500, `ended after ${lasted} ms`);
    await expectProblem(await fetch(eventsUrl(l, orderId), { headers: { authorization: `Bearer ${token}` } }), 401, 'session-expired');
  });
});

describe('fan-out across instances (Postgres LISTEN/NOTIFY)', { skip: testDialect !== 'postgres' && 'Postgres only' }, () => {
  let a: Live;
  let storeB: Store;
  let b: TestApp;

  before(async () => {
    a = await openLive(await openTestApp({ config: { sandbox: true, sseHeartbeatMs: FAR } }));
    // Instance B: its own pool and listener on the same database, as a second server process would have.
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(a.t.store.db);
    const url = new URL(process.env.K100_TEST_PG_URL!);
    url.pathname = `/${rows[0]!.name}`;
    storeB = openStore(url.toString());
    b = await openTestApp({ store: storeB, config: { sandbox: true, sseHeartbeatMs: FAR } });
  });
  after(async () => {
    await a.served.close();
    await storeB.close();
    await a.t.close();
  });

  test('a stream on instance A receives events written through instance B', async () => {
    const orderId = (await confirmedContract(a)).order_id;
    const s = await listen(a, orderId, a.acme);
    try {
      // Paid through B's API; A's only way to hear of it in time is the NOTIFY (heartbeats are a minute away).
      await payOrder({ ...a, t: b }, orderId);
      const written = (await timelineOf(storeB, orderId)).filter((e) => e.seq > 1);
      assert.deepEqual((await s.timeline(written.length)).map((e) => [e.seq, e.code]), written.map((e) => [e.seq, e.code]));
      await mark(storeB, orderId);
      assert.deepEqual((await s.timeline(1)).map((e) => e.code), ['test_marker']);
    } finally {
      s.close();
    }
  });

  test('the LISTEN connection comes back after it is dropped, and the stream catches up', async () => {
    const orderId = (await confirmedContract(a)).order_id;
    const s = await listen(a, orderId, a.acme);
    try {
      const listeners = async () =>
        (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and query = 'LISTEN k100_order_events'`.execute(storeB.db)).rows.map((r) => r.pid);
      const [before] = await listeners();
      assert.ok(before, 'instance A listens');
      await sql`select pg_terminate_backend(${before})`.execute(storeB.db);
      const deadline = Date.now() + 5_000;
      for (;;) {
        const now = await listeners();
        if (now.length === 1 && now[0] !== before) break;
        if (Date.now() > deadline) throw new Error('instance A did not LISTEN again');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await mark(storeB, orderId);
      assert.deepEqual((await s.timeline(1)).map((e) => e.code), ['test_marker']);
    } finally {
      s.close();
    }
  });
});
