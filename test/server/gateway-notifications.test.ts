/** Gateway notifications: signatures over the raw body, tolerance, replays and duplicates, unmatched funds, and the sandbox bank. */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { signPayload } from '../../server/domain/signatures.js';
import { sandboxGatewaySecret } from '../../server/store/pay-rails.js';
import { expectProblem, openTestApp } from './app-harness.js';
import { MINUTE, confirmedOrder, createIntent, deposit, ledgerRows, notify, ok, openPayDeal, otherPartnerBuyer, paySnapshot, type PayDeal } from './pay-flow.js';

let d: PayDeal;
beforeEach(async () => {
  await d?.t.close();
  d = await openPayDeal();
});
after(() => d.t.close());

/** An order with an intent awaiting funds, and the exact notification a gateway would send for it. */
async function awaiting(gateway = 'bank_transfer', currency = 'USD') {
  const orderId = await confirmedOrder(d);
  const intent = await createIntent(d, orderId, { gateway, currency });
  const payload = { event_id: 'evt_bank_0001', reference: intent.reference, amount: intent.amount_due, currency, received_at: new Date(d.clock.now).toISOString() };
  return { orderId, intent, payload };
}

describe('signatures', () => {
  test('forged, stale, future, tampered, missing and malformed signatures are 401 and change nothing', async () => {
    const { payload } = await awaiting();
    const before = await paySnapshot(d.t.store);
    const now = Math.floor(d.clock.now / 1000);
    const cases: Array<[string, Promise<Response>]> = [
      ['signature-invalid', notify(d, 'bank_transfer', payload, { secret: 'not_the_bank_transfer_secret_at_all_000' })],
      ['signature-invalid', notify(d, 'bank_transfer', payload, { secret: sandboxGatewaySecret('swiftfx') })],
      ['signature-stale', notify(d, 'bank_transfer', payload, { t: now - 6 * 60 })],
      ['signature-stale', notify(d, 'bank_transfer', payload, { t: now + 6 * 60 })],
      ['signature-invalid', notify(d, 'bank_transfer', payload, { header: signPayload(sandboxGatewaySecret('bank_transfer'), JSON.stringify({ ...payload, amount: 1 }), now) })],
      ['signature-missing', notify(d, 'bank_transfer', payload, { header: null })],
      ['signature-malformed', notify(d, 'bank_transfer', payload, { header: 't=abc,v1=zz' })],
    ];
    for (const [slug, res] of cases) await expectProblem(await res, 401, slug);
    assert.deepEqual(await paySnapshot(d.t.store), before);
  });

  test('within the tolerance (t − 4 min) the notification is accepted; the body is verified as raw bytes, not re-serialised JSON', async () => {
    const { payload, intent } = await awaiting();
    // Odd spacing and key order: what counts is the exact bytes signed.
    const raw = `{ "reference": "${intent.reference}", "event_id": "evt_spaced", "currency": "USD", "amount": ${intent.amount_due}, "received_at": "${payload.received_at}" }`;
    const res = await notify(d, 'bank_transfer', raw, { t: Math.floor(d.clock.now / 1000) - 4 * 60 });
    assert.equal((await ok(res)).outcome, 'succeeded');
  });

  test('an unknown gateway is 404; an authentic but invalid body is 422 and records nothing', async () => {
    const { payload } = await awaiting();
    await expectProblem(await notify(d, 'paypal', payload), 404, 'not-found');
    const before = await paySnapshot(d.t.store);
    await expectProblem(await notify(d, 'bank_transfer', { ...payload, amount: -5 }), 422, 'validation');
    await expectProblem(await notify(d, 'bank_transfer', { ...payload, amount: 0 }), 422, 'validation');
    await expectProblem(await notify(d, 'bank_transfer', { ...payload, received_at: 'yesterday' }), 422, 'validation');
    await expectProblem(await notify(d, 'bank_transfer', '{"event_id":'), 400, 'malformed-json');
    assert.deepEqual(await paySnapshot(d.t.store), before);
  });
});

describe('each gateway event once', () => {
  test('a replayed notification (same event id, even re-signed later) answers duplicate and leaves the ledger as it was', async () => {
    const { payload, intent } = await awaiting();
    const first = await ok(notify(d, 'bank_transfer', payload));
    assert.deepEqual(first, { event_id: payload.event_id, duplicate: false, outcome: 'succeeded', payment_intent_id: intent.id });
    const ledger = await ledgerRows(d.t.store);
    const snapshot = await paySnapshot(d.t.store);
    // The identical request again, then re-signed a minute later, then with other contents under the same id.
    assert.deepEqual(await ok(notify(d, 'bank_transfer', payload)), { event_id: payload.event_id, duplicate: true, outcome: null, payment_intent_id: null });
    d.advance(MINUTE);
    assert.equal((await ok(notify(d, 'bank_transfer', payload))).duplicate, true);
    assert.equal((await ok(notify(d, 'bank_transfer', { ...payload, amount: 1 }))).duplicate, true);
    assert.deepEqual(await ledgerRows(d.t.store), ledger);
    assert.deepEqual(await paySnapshot(d.t.store), snapshot);
  });

  test('concurrent deliveries of one event settle it once', async () => {
    const { payload, orderId } = await awaiting();
    const acks = await Promise.all(Array.from({ length: 12 }, () => ok(notify(d, 'bank_transfer', payload))));
    assert.equal(acks.filter((a) => !a.duplicate).length, 1);
    const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }));
    assert.equal(ledger.transfers.filter((t: { kind: string }) => t.kind === 'funds_received').length, 1);
  });

  test('the same event id at two gateways is two events', async () => {
    const { payload } = await awaiting();
    await ok(notify(d, 'bank_transfer', payload));
    const other = await ok(notify(d, 'swiftfx', payload));
    // The reference is not swiftfx's intent: recorded as unmatched rather than booked against the order.
    assert.deepEqual([other.duplicate, other.outcome], [false, 'unmatched']);
  });
});

describe('unmatched funds', () => {
  test('an unknown or mistyped reference is recorded as unmatched, answered 200, and books nothing', async () => {
    const { payload } = await awaiting();
    const ledger = await ledgerRows(d.t.store);
    for (const [i, reference] of ['K100-0000-0000-0000-0', 'no reference at all', payload.reference.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'))].entries()) {
      const ack = await ok(notify(d, 'bank_transfer', { ...payload, event_id: `evt_unmatched_${i}`, reference }));
      assert.deepEqual([ack.outcome, ack.payment_intent_id], ['unmatched', null]);
    }
    assert.deepEqual(await ledgerRows(d.t.store), ledger);
    const rows = await d.t.store.db.selectFrom('gateway_events').selectAll().where('outcome', '=', 'unmatched').execute();
    assert.equal(rows.length, 3);
  });

  test('a reference typed loosely (lower case, spaces, O for 0) still matches', async () => {
    const { payload, intent } = await awaiting();
    const loose = intent.reference.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
    assert.equal((await ok(notify(d, 'bank_transfer', { ...payload, reference: loose }))).payment_intent_id, intent.id);
  });
});

describe('the sandbox bank', () => {
  test('signs like the gateway; an unknown, mistyped, or other partner’s reference and a zero amount are refused', async () => {
    const { intent } = await awaiting('swiftfx', 'EUR');
    const ack = await ok(d.t.call('POST', '/v1/sandbox/deposits', { token: d.led, body: { reference: intent.reference, amount: intent.amount_due, currency: 'EUR', id: 'evt_sbx_1' } }), 202);
    assert.deepEqual([ack.accepted, ack.gateway, ack.notification.outcome, ack.notification.event_id], [true, 'swiftfx', 'succeeded', 'evt_sbx_1']);
    const event = await d.t.store.db.selectFrom('gateway_events').selectAll().where('event_id', '=', 'evt_sbx_1').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(event.payload).reference, intent.reference);
    assert.equal((await deposit(d, intent.reference, intent.amount_due, 'EUR', 'evt_sbx_1')).duplicate, true);
    await expectProblem(await d.t.call('POST', '/v1/sandbox/deposits', { token: d.acme, body: { reference: 'K100-0000-0000-0000-0', amount: 5, currency: 'EUR' } }), 404, 'not-found');
    const stranger = await otherPartnerBuyer(d);
    await expectProblem(await d.t.call('POST', '/v1/sandbox/deposits', { token: stranger, body: { reference: intent.reference, amount: 5, currency: 'EUR' } }), 404, 'not-found');
    await expectProblem(await d.t.call('POST', '/v1/sandbox/deposits', { token: d.acme, body: { reference: 'nonsense', amount: 5, currency: 'EUR' } }), 422, 'reference-invalid');
    await expectProblem(await d.t.call('POST', '/v1/sandbox/deposits', { token: d.acme, body: { reference: intent.reference, amount: 0, currency: 'EUR' } }), 422, 'validation');
    await expectProblem(await d.t.call('POST', '/v1/sandbox/deposits', { body: { reference: intent.reference, amount: 5, currency: 'EUR' } }), 401, 'unauthorized');
  });

  test('is not mounted outside sandbox mode', async () => {
    const t = await openTestApp();
    try {
      const token = await t.session('buyer_acme');
      await expectProblem(await t.call('POST', '/v1/sandbox/deposits', { token, body: { reference: 'K100-0000-0000-0000-0', amount: 5, currency: 'EUR' } }), 404, 'not-found');
    } finally {
      await t.close();
    }
  });
});
