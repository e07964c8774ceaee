/** Webhook endpoints over HTTP (secret shown once, secret key only, tenancy, URL rules) and the outbox's atomicity. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { SANDBOX } from '../../server/store/seed.js';
import { inTransaction } from '../../server/store/transaction.js';
import { enqueueEvent, type WebhookEventType } from '../../server/webhooks/outbox.js';
import { addPartner, expectProblem, openTestApp, type TestApp } from './app-harness.js';
import { confirmedContract, ok, openDeal, sentContract, type Deal } from './deal-flow.js';

const SK: string = SANDBOX.secretKey;
const OTHER = { id: 'partner_other', publishableKey: 'pk_test_other', secretKey: 'sk_test_other', origins: ['https://other.example'], buyerId: 'buyer_other' };
const HOOK = 'https://hooks.marketplace.example/k100';

const create = (t: TestApp, body: unknown, token = SK) => t.call('POST', '/v1/webhook-endpoints', { token, body });

async function rows(t: TestApp) {
  const events = await t.store.db.selectFrom('webhook_events').selectAll().orderBy('partner_id').execute();
  const deliveries = await t.store.db.selectFrom('webhook_deliveries').selectAll().execute();
  return { events, deliveries };
}

describe('registering endpoints', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp();
    await addPartner(t.store, OTHER);
  });
  after(() => t.close());

  test('201 with the secret, once: never listed, never read back, stored so we can sign', async () => {
    const res = await create(t, { url: HOOK, description: 'Order sync', events: ['contract.confirmed', 'payment.succeeded', 'contract.confirmed'] });
    const created = await ok(res, 201);
    assert.match(created.id, /^we_[a-z2-7]{26}$/);
    assert.match(created.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.equal(res.headers.get('location'), `/v1/webhook-endpoints/${created.id}`);
    assert.deepEqual(
      { url: created.url, description: created.description, events: created.events, status: created.status },
      { url: HOOK, description: 'Order sync', events: ['contract.confirmed', 'payment.succeeded'], status: 'enabled' },
    );

    const listed = await ok(t.call('GET', '/v1/webhook-endpoints', { token: SK }));
    const one = await ok(t.call('GET', `/v1/webhook-endpoints/${created.id}`, { token: SK }));
    for (const body of [listed, one]) {
      assert.ok(!JSON.stringify(body).includes(created.secret));
      assert.ok(!JSON.stringify(body).includes('whsec_'));
    }
    assert.ok(listed.data.some((e: { id: string }) => e.id === created.id));
    assert.equal('secret' in one, false);
    // Without K100_WEBHOOK_KEY the secret is kept as is (it cannot be hashed: every delivery is signed with it).
    const row = await t.store.db.selectFrom('webhook_endpoints').select('secret').where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.equal(row.secret, created.secret);
  });

  test('events default to every type', async () => {
    const created = await ok(create(t, { url: `${HOOK}/all` }), 201);
    assert.deepEqual(created.events, ['*']);
    assert.equal(created.description, null);
  });

  test('with K100_WEBHOOK_KEY the stored secret is sealed, not the secret itself', async () => {
    const sealed = await openTestApp({ config: { webhookKey: 'k'.repeat(40) } });
    try {
      const created = await ok(create(sealed, { url: HOOK }), 201);
      const row = await sealed.store.db.selectFrom('webhook_endpoints').select('secret').where('id', '=', created.id).executeTakeFirstOrThrow();
      assert.match(row.secret, /^v1\.[0-9a-f]{8}\./);
      assert.ok(!row.secret.includes(created.secret.slice('whsec_'.length)));
    } finally {
      await sealed.close();
    }
  });

  test('secret key only: no credential 401, a session or the publishable key 403', async () => {
    await expectProblem(await t.call('POST', '/v1/webhook-endpoints', { body: { url: HOOK } }), 401, 'unauthorized');
    const buyer = await t.session(SANDBOX.buyers.acme);
    for (const token of [buyer, SANDBOX.publishableKey]) {
      await expectProblem(await create(t, { url: HOOK }, token), 403, 'forbidden');
      await expectProblem(await t.call('GET', '/v1/webhook-endpoints', { token }), 403, 'forbidden');
    }
  });

  test('another partner’s endpoint is not found, whatever the operation', async () => {
    const theirs = await ok(create(t, { url: HOOK }, OTHER.secretKey), 201);
    const listed = await ok(t.call('GET', '/v1/webhook-endpoints', { token: SK }));
    assert.ok(!listed.data.some((e: { id: string }) => e.id === theirs.id));
    const base = `/v1/webhook-endpoints/${theirs.id}`;
    for (const [method, path, body] of [
      ['GET', base, undefined],
      ['PATCH', base, { status: 'disabled' }],
      ['DELETE', base, undefined],
      ['GET', `${base}/deliveries`, undefined],
      ['POST', `${base}/test`, undefined],
    ] as const) {
      await expectProblem(await t.call(method, path, { token: SK, ...(body ? { body } : {}) }), 404, 'not-found');
    }
    const still = await ok(t.call('GET', base, { token: OTHER.secretKey }));
    assert.equal(still.status, 'enabled');
  });

  test('bad input is 422 with the field at fault', async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ url: 'not a url' }, 'url', /absolute URL/],
      [{ url: 'ftp://files.example/x' }, 'url', /https/],
      [{ url: 'http://hooks.example/x' }, 'url', /https/],
      [{ url: 'https://user:pw@hooks.example/x' }, 'url', /credentials/],
      [{ url: `https://h.example/${'x'.repeat(2100)}` }, 'url', /./],
      [{ url: HOOK, events: ['order.shipped'] }, 'events.0', /./],
      [{ url: HOOK, events: [] }, 'events', /./],
      [{ url: HOOK, events: ['*', 'payment.failed'] }, 'events', /every type/],
      [{ url: HOOK, description: 'd'.repeat(501) }, 'description', /./],
      [{}, 'url', /./],
    ];
    for (const [body, path, message] of cases) {
      const problem = await expectProblem(await create(t, body), 422, 'validation');
      const error = problem.errors?.find((e) => e.path === path);
      assert.ok(error, `${JSON.stringify(body).slice(0, 80)} → ${JSON.stringify(problem.errors)}`);
      assert.match(error.message, message);
    }
  });

  test('outside the sandbox, private, loopback and link-local addresses and local names are refused', async () => {
    const refused = [
      'https://127.0.0.1/hook',
      'https://2130706433/hook', // 127.0.0.1 written as a number
      'https://10.1.2.3/hook',
      'https://172.16.0.1/hook',
      'https://192.168.1.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/hook',
      'https://0.0.0.0/hook',
      'https://[::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[fd12:3456::1]/hook',
      'https://[fe80::1]/hook',
      'https://localhost/hook',
      'https://api.localhost/hook',
      'https://intranet/hook',
      'http://localhost:3000/hook',
    ];
    for (const url of refused) {
      const problem = await expectProblem(await create(t, { url }), 422, 'validation');
      assert.equal(problem.errors?.[0]?.path, 'url', url);
    }
    await ok(create(t, { url: 'https://93.184.215.14/hook' }), 201);
  });

  test('the sandbox also takes plain http to this machine, and nothing else over http', async () => {
    const sandbox = await openTestApp({ config: { sandbox: true } });
    try {
      for (const url of ['http://localhost:4242/hook', 'http://127.0.0.1:4242/hook', 'https://10.0.0.8/hook']) await ok(create(sandbox, { url }), 201);
      const problem = await expectProblem(await create(sandbox, { url: 'http://hooks.example/x' }), 422, 'validation');
      assert.match(problem.errors?.[0]?.message ?? '', /localhost/);
    } finally {
      await sandbox.close();
    }
  });

  test('change, disable and delete; a deleted endpoint is gone', async () => {
    const created = await ok(create(t, { url: HOOK }), 201);
    const path = `/v1/webhook-endpoints/${created.id}`;
    const changed = await ok(t.call('PATCH', path, { token: SK, body: { events: ['payment.failed'], description: 'Failures', status: 'disabled' } }));
    assert.deepEqual([changed.events, changed.description, changed.status], [['payment.failed'], 'Failures', 'disabled']);
    await expectProblem(await t.call('PATCH', path, { token: SK, body: {} }), 422, 'validation');
    await expectProblem(await t.call('POST', `${path}/test`, { token: SK }), 409, 'conflict');
    assert.deepEqual(await ok(t.call('DELETE', path, { token: SK })), { id: created.id, deleted: true });
    await expectProblem(await t.call('GET', path, { token: SK }), 404, 'not-found');
    await expectProblem(await t.call('DELETE', path, { token: SK }), 404, 'not-found');
  });

  test('the test event goes to that endpoint alone, through the outbox', async () => {
    const target = await ok(create(t, { url: `${HOOK}/target`, events: ['payment.failed'] }), 201);
    const before = await rows(t);
    const res = await t.call('POST', `/v1/webhook-endpoints/${target.id}/test`, { token: SK });
    const event = await ok(res, 202);
    assert.match(event.id, /^evt_/);
    assert.equal(event.type, 'webhook_endpoint.test');
    assert.equal(event.data.endpoint_id, target.id);
    const after = await rows(t);
    assert.equal(after.events.length, before.events.length + 1);
    const added = after.deliveries.filter((d) => !before.deliveries.some((b) => b.id === d.id));
    assert.deepEqual(added.map((d) => [d.event_id, d.endpoint_id]), [[event.id, target.id]]);
    const page = await ok(t.call('GET', `/v1/webhook-endpoints/${target.id}/deliveries`, { token: SK }));
    assert.deepEqual(page.data.map((d: { event_id: string; status: string }) => [d.event_id, d.status]), [[event.id, 'pending']]);
  });

  test('a partner has at most 16 endpoints', async () => {
    const fresh = await openTestApp();
    try {
      for (let i = 0; i < 16; i++) await ok(create(fresh, { url: `${HOOK}/${i}` }), 201);
      await expectProblem(await create(fresh, { url: `${HOOK}/17` }), 409, 'conflict');
    } finally {
      await fresh.close();
    }
  });
});

describe('the outbox', () => {
  let d: Deal;
  beforeEach(async () => {
    await d?.t.close();
    d = await openDeal();
  });
  after(() => d.t.close());

  test('a confirmation writes one contract.confirmed event for the partner, delivered to subscribed endpoints only', async () => {
    const all = await ok(create(d.t, { url: `${HOOK}/all` }), 201);
    const contracts = await ok(create(d.t, { url: `${HOOK}/contracts`, events: ['contract.confirmed'] }), 201);
    await ok(create(d.t, { url: `${HOOK}/payments`, events: ['payment.succeeded'] }), 201);
    const off = await ok(create(d.t, { url: `${HOOK}/off` }), 201);
    await ok(d.t.call('PATCH', `/v1/webhook-endpoints/${off.id}`, { token: SK, body: { status: 'disabled' } }));

    const contract = await confirmedContract(d);
    const { events, deliveries } = await rows(d.t);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.deepEqual([event!.partner_id, event!.type, event!.created_at], [SANDBOX.partnerId, 'contract.confirmed', contract.confirmed_at]);
    const data = JSON.parse(event!.data);
    assert.deepEqual(
      [data.contract_id, data.order_id, data.buyer_id, data.supplier_id, data.digest, data.currency],
      [contract.id, contract.order_id, SANDBOX.buyers.acme, SANDBOX.suppliers.shenzhenLed, contract.digest, 'USD'],
    );
    assert.equal(data.deposit_amount + data.balance_amount, data.total);
    assert.deepEqual(deliveries.map((x) => x.endpoint_id).sort(), [all.id, contracts.id].sort());
    assert.ok(deliveries.every((x) => x.event_id === event!.id && x.attempts === 0 && x.next_attempt_at === event!.created_at));
  });

  test('buyer and supplier of two partners: one event for each partner', async () => {
    await addPartner(d.t.store, OTHER);
    const session = await ok(d.t.call('POST', '/v1/sessions', { token: OTHER.secretKey, body: { party_id: OTHER.buyerId } }), 201);
    const theirs = await ok(create(d.t, { url: HOOK }, OTHER.secretKey), 201);
    const ours = await ok(create(d.t, { url: HOOK }), 201);
    const contract = await confirmedContract({ ...d, acme: session.token });
    const { events, deliveries } = await rows(d.t);
    assert.deepEqual(events.map((e) => [e.partner_id, e.type]), [
      [SANDBOX.partnerId, 'contract.confirmed'],
      [OTHER.id, 'contract.confirmed'],
    ]);
    assert.notEqual(events[0]!.id, events[1]!.id);
    assert.ok(events.every((e) => JSON.parse(e.data).contract_id === contract.id));
    const byEndpoint = Object.fromEntries(deliveries.map((x) => [x.endpoint_id, x.event_id]));
    assert.deepEqual(byEndpoint, { [ours.id]: events[0]!.id, [theirs.id]: events[1]!.id });
  });

  test('a refused confirmation writes no event', async () => {
    await ok(create(d.t, { url: HOOK }), 201);
    const contract = await sentContract(d);
    const confirm = (token: string, body: unknown) => d.t.call('POST', `/v1/contracts/${contract.id}/confirm`, { token, body });
    await expectProblem(await confirm(d.acme, { signer_name: 'Jane Buyer', accept: false }), 422, 'validation');
    await expectProblem(await confirm(d.globex, { signer_name: 'Not Mine', accept: true }), 404, 'not-found');
    await expectProblem(await confirm(d.led, { signer_name: 'Supplier', accept: true }), 403, 'wrong-party');
    assert.deepEqual(await rows(d.t), { events: [], deliveries: [] });
    await ok(confirm(d.acme, { signer_name: 'Jane Buyer', accept: true }));
    await expectProblem(await confirm(d.acme, { signer_name: 'Jane Buyer', accept: true }), 409, 'contract-confirmed');
    const { events, deliveries } = await rows(d.t);
    assert.deepEqual([events.length, deliveries.length], [1, 1]);
  });

  test('an event exists iff its transaction commits', async () => {
    await ok(create(d.t, { url: HOOK }), 201);
    const event = { partner_id: SANDBOX.partnerId, type: 'payment.succeeded' as const, data: { order_id: 'ord_x', amount: 100 } };
    await assert.rejects(
      inTransaction(d.t.store, async (q) => {
        await enqueueEvent(q, event);
        throw new Error('the business change failed after the event was written');
      }),
      /business change failed/,
    );
    assert.deepEqual(await rows(d.t), { events: [], deliveries: [] });
    const id = await inTransaction(d.t.store, (q) => enqueueEvent(q, event));
    const { events, deliveries } = await rows(d.t);
    assert.deepEqual([events.map((e) => e.id), deliveries.map((x) => x.event_id)], [[id], [id]]);
  });

  test('unknown types and non-JSON data are refused, and nothing is written', async () => {
    await assert.rejects(
      inTransaction(d.t.store, (q) => enqueueEvent(q, { partner_id: SANDBOX.partnerId, type: 'order.shipped' as WebhookEventType, data: {} })),
      RangeError,
    );
    await assert.rejects(
      inTransaction(d.t.store, (q) => enqueueEvent(q, { partner_id: SANDBOX.partnerId, type: 'payment.failed', data: undefined })),
      TypeError,
    );
    assert.deepEqual(await rows(d.t), { events: [], deliveries: [] });
  });

  test('disabled and deleted endpoints get no new deliveries', async () => {
    const kept = await ok(create(d.t, { url: `${HOOK}/kept` }), 201);
    const disabled = await ok(create(d.t, { url: `${HOOK}/disabled` }), 201);
    const deleted = await ok(create(d.t, { url: `${HOOK}/deleted` }), 201);
    const first = await inTransaction(d.t.store, (q) => enqueueEvent(q, { partner_id: SANDBOX.partnerId, type: 'payment.failed', data: { n: 1 } }));
    await ok(d.t.call('PATCH', `/v1/webhook-endpoints/${disabled.id}`, { token: SK, body: { status: 'disabled' } }));
    await ok(d.t.call('DELETE', `/v1/webhook-endpoints/${deleted.id}`, { token: SK }));
    const second = await inTransaction(d.t.store, (q) => enqueueEvent(q, { partner_id: SANDBOX.partnerId, type: 'payment.failed', data: { n: 2 } }));

    const { deliveries } = await rows(d.t);
    const view = deliveries.map((x) => `${x.event_id === first ? 'first' : 'second'} ${x.endpoint_id} ${x.dead_at ? 'dead' : 'pending'}`).sort();
    // The deleted endpoint's row went with it; the disabled one's pending delivery was given up.
    assert.deepEqual(view, [`first ${disabled.id} dead`, `first ${kept.id} pending`, `second ${kept.id} pending`].sort());
    assert.equal(deliveries.find((x) => x.endpoint_id === disabled.id)?.last_error, 'endpoint disabled');
    assert.ok(second);
  });
});
