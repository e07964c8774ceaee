/** Disputes: only the buyer, only while escrow holds money and before release; an admin (the partner's secret key) resolves them through the ledger. */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { releaseBalance } from '../../server/services/escrow.js';
import { RefusedError } from '../../server/domain/refusal.js';
import { SANDBOX } from '../../server/store/seed.js';
import { expectProblem } from './app-harness.js';
import { ORDER_BALANCE, ORDER_DEPOSIT, ORDER_TOTAL, assertLedgerInvariants, confirmedOrder, ok, openPayDeal, otherPartnerBuyer, payOrder, paySnapshot, type PayDeal } from './pay-flow.js';

let d: PayDeal;
beforeEach(async () => {
  await d?.t.close();
  d = await openPayDeal();
});
after(() => d.t.close());

const OPERATOR = { kind: 'operator' as const, id: SANDBOX.operator };
const dispute = (orderId: string, token = d.acme, reason = 'Samples failed the colour check.') =>
  d.t.call('POST', `/v1/orders/${orderId}/disputes`, { token, body: { reason } });
const resolve = (orderId: string, disputeId: string, resolution: unknown, token: string = SANDBOX.secretKey) =>
  d.t.call('POST', `/v1/orders/${orderId}/disputes/${disputeId}/resolve`, { token, body: { resolution, note: 'Reviewed by K100Pay' } });
const balances = async (orderId: string) => (await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }))).balances;
const paymentStatus = async (orderId: string) => (await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }))).payment_status;

/** A paid order with an open dispute. */
async function disputed() {
  const orderId = await confirmedOrder(d);
  await payOrder(d, orderId);
  const opened = await ok(dispute(orderId), 201);
  return { orderId, disputeId: opened.id as string, opened };
}

describe('opening a dispute', () => {
  test('the buyer disputes a funded order: open, payment status disputed, on the timeline, listed for both parties', async () => {
    const { orderId, opened } = await disputed();
    assert.deepEqual([opened.status, opened.reason, opened.opened_by, opened.resolution], ['open', 'Samples failed the colour check.', SANDBOX.buyers.acme, null]);
    assert.equal(await paymentStatus(orderId), 'disputed');
    const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.led }));
    assert.equal(order.timeline.at(-1).code, 'dispute_opened');
    assert.deepEqual((await ok(d.t.call('GET', `/v1/orders/${orderId}/disputes`, { token: d.led }))).data, [opened]);
  });

  test('who may dispute: supplier 403, operator 403, other buyer 404; before payment 409; one at a time; bad input 422; nothing changes', async () => {
    const orderId = await confirmedOrder(d);
    await expectProblem(await dispute(orderId), 409, 'escrow-not-funded');
    await payOrder(d, orderId);
    const before = await paySnapshot(d.t.store);
    await expectProblem(await dispute(orderId, d.led), 403, 'forbidden');
    await expectProblem(await dispute(orderId, d.operator), 403, 'forbidden');
    await expectProblem(await dispute(orderId, d.globex), 404, 'not-found');
    await expectProblem(await dispute(orderId, d.acme, '   '), 422, 'validation');
    await expectProblem(await d.t.call('GET', `/v1/orders/${orderId}/disputes`, { token: d.globex }), 404, 'not-found');
    assert.deepEqual(await paySnapshot(d.t.store), before);
    await ok(dispute(orderId), 201);
    await expectProblem(await dispute(orderId), 409, 'dispute-open');
  });

  test('after the balance release: 409 escrow_released', async () => {
    const orderId = await confirmedOrder(d);
    await payOrder(d, orderId);
    await releaseBalance(d.t.store, orderId, OPERATOR);
    await expectProblem(await dispute(orderId), 409, 'escrow-released');
  });

  test('an open dispute blocks the balance release until resolved', async () => {
    const { orderId, disputeId } = await disputed();
    await assert.rejects(releaseBalance(d.t.store, orderId, OPERATOR), (e: unknown) => e instanceof RefusedError && e.refusal.code === 'dispute_open');
    await ok(resolve(orderId, disputeId, { kind: 'dismiss' }));
    assert.equal(await paymentStatus(orderId), 'escrow_funded');
    assert.equal((await releaseBalance(d.t.store, orderId, OPERATOR)).released, ORDER_BALANCE);
  });
});

describe('resolving a dispute (admin: the partner’s secret key)', () => {
  test('refund_part: that much back to the buyer, the rest held and released later; escrow ends at 0', async () => {
    const { orderId, disputeId } = await disputed();
    const resolved = await ok(resolve(orderId, disputeId, { kind: 'refund_part', amount: 50_000 }));
    assert.deepEqual(resolved.resolution, { kind: 'refund_part', amount: 50_000, currency: 'USD', note: 'Reviewed by K100Pay' });
    assert.equal(resolved.status, 'resolved');
    assert.deepEqual(await balances(orderId), { escrow: ORDER_BALANCE - 50_000, released: ORDER_DEPOSIT, refunded: 50_000, fees: 2500 });
    assert.equal(await paymentStatus(orderId), 'escrow_funded');
    await releaseBalance(d.t.store, orderId, OPERATOR);
    assert.deepEqual(await balances(orderId), { escrow: 0, released: ORDER_TOTAL - 50_000, refunded: 50_000, fees: 2500 });
    await assertLedgerInvariants(d.t.store);
  });

  test('refund_whole: escrow back to the buyer (the deposit is not clawed back); the order is refunded and final', async () => {
    const { orderId, disputeId } = await disputed();
    await ok(resolve(orderId, disputeId, { kind: 'refund_whole' }));
    assert.deepEqual(await balances(orderId), { escrow: 0, released: ORDER_DEPOSIT, refunded: ORDER_BALANCE, fees: 2500 });
    const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
    assert.deepEqual([order.status, order.payment_status], ['refunded', 'refunded']);
    await expectProblem(await dispute(orderId), 409, 'escrow-refunded');
    await assert.rejects(releaseBalance(d.t.store, orderId, OPERATOR), (e: unknown) => e instanceof RefusedError && e.refusal.code === 'escrow_refunded');
    await expectProblem(await d.t.call('POST', `/v1/orders/${orderId}/payment-intents`, { token: d.acme, body: { gateway: 'bank_transfer', currency: 'USD' }, headers: { 'idempotency-key': 'again' } }), 409, 'order-already-paid');
  });

  test('release: escrow to the supplier now, settled, no more disputes', async () => {
    const { orderId, disputeId } = await disputed();
    await ok(resolve(orderId, disputeId, { kind: 'release' }));
    assert.deepEqual(await balances(orderId), { escrow: 0, released: ORDER_TOTAL, refunded: 0, fees: 2500 });
    const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
    assert.equal(order.payment_status, 'released');
    assert.deepEqual(order.timeline.slice(-2).map((e: { code: string }) => e.code), ['dispute_resolved', 'settled']);
    await expectProblem(await dispute(orderId), 409, 'escrow-released');
  });

  test('refusals: too much, nothing, twice, unknown dispute, a session, another partner; nothing changes', async () => {
    const { orderId, disputeId } = await disputed();
    const before = await paySnapshot(d.t.store);
    const tooMuch = await expectProblem(await resolve(orderId, disputeId, { kind: 'refund_part', amount: ORDER_BALANCE + 1 }), 422, 'refund-exceeds-escrow');
    assert.equal(tooMuch.errors?.[0]?.path, 'amount');
    await expectProblem(await resolve(orderId, disputeId, { kind: 'refund_part', amount: 0 }), 422, 'refund-amount-invalid');
    await expectProblem(await resolve(orderId, disputeId, { kind: 'refund_part' }), 422, 'validation');
    await expectProblem(await resolve(orderId, disputeId, { kind: 'chargeback' }), 422, 'validation');
    await expectProblem(await resolve(orderId, 'dsp_unknown', { kind: 'dismiss' }), 404, 'not-found');
    await expectProblem(await resolve(orderId, disputeId, { kind: 'dismiss' }, d.acme), 403, 'forbidden');
    await expectProblem(await resolve('ord_unknown', disputeId, { kind: 'dismiss' }), 404, 'not-found');
    await otherPartnerBuyer(d); // creates partner_two with its own secret key
    await expectProblem(await resolve(orderId, disputeId, { kind: 'dismiss' }, 'sk_test_two'), 404, 'not-found');
    assert.deepEqual(await paySnapshot(d.t.store), before);
    await ok(resolve(orderId, disputeId, { kind: 'dismiss' }));
    await expectProblem(await resolve(orderId, disputeId, { kind: 'dismiss' }), 409, 'no-open-dispute');
  });
});
