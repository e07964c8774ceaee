/**
 * Idempotency-Key on the money-moving steps beyond payment intents: the ownership transfer (releases escrow)
 * and the amendment confirmation (refunds from escrow). The key is optional there; when sent, the same key and
 * body replay the first answer byte for byte and move money once (also when the retries race), another body is
 * 422 with nothing changed, and without a key the state machine answers a retry as before.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, beforeEach, describe, test } from 'node:test';
import { SANDBOX } from '../../server/store/seed.js';
import { expectProblem } from './app-harness.js';
import { LED_PANEL } from './deal-flow.js';
import { ORDER_BALANCE, assertLedgerInvariants, ok, openPayDeal, paySnapshot, type PayDeal } from './pay-flow.js';
import { paidOrder, walkToPickedUp } from './warehouse-flow.js';

let d: PayDeal;
beforeEach(async () => {
  await d?.t.close();
  d = await openPayDeal();
});
after(() => d.t.close());

const withKey = (key: string | undefined): Record<string, string> => (key === undefined ? {} : { 'idempotency-key': key });
const transfer = (orderId: string, key?: string, body: unknown = {}, token = d.operator) =>
  d.t.call('POST', `/v1/orders/${orderId}/ownership-transfer`, { token, body, headers: withKey(key) });
const confirm = (orderId: string, aid: string, key?: string, body: unknown = { signer_name: 'Jane Buyer', accept: true }, token = d.acme) =>
  d.t.call('POST', `/v1/orders/${orderId}/amendments/${aid}/confirm`, { token, body, headers: withKey(key) });

/** LED panels 200 → 150 at 1 800: 90 000 cents back from escrow. */
const REFUND = 50 * 1800;
const propose = (orderId: string) =>
  ok(d.t.call('POST', `/v1/orders/${orderId}/amendments`, { token: d.led, body: { items: [{ product_id: LED_PANEL.id, quantity: 150 }], reason: 'Short delivery.' } }), 201);

/** Money and everything a step records, to prove a replay or a refusal changed nothing. */
async function snapshot(): Promise<Record<string, string[]>> {
  const out = await paySnapshot(d.t.store);
  for (const table of ['contract_amendments', 'contract_audit_log', 'webhook_events'] as const) {
    out[table] = (await d.t.store.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

async function transfersOf(orderId: string, kind: string): Promise<number> {
  const rows = await d.t.store.db.selectFrom('ledger_transfers').select('id').where('order_id', '=', orderId).where('kind', '=', kind).execute();
  return rows.length;
}

async function pickedUpOrder(): Promise<string> {
  const orderId = await paidOrder(d);
  await walkToPickedUp(d, orderId);
  return orderId;
}

describe('POST /v1/orders/:id/ownership-transfer with Idempotency-Key', () => {
  test('same key and body: the first answer byte for byte, `Idempotent-Replayed: true`, released once', async () => {
    const orderId = await pickedUpOrder();
    const key = randomUUID();
    const first = await transfer(orderId, key);
    const firstText = await first.text();
    assert.equal(first.status, 200, firstText);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.deepEqual(JSON.parse(firstText), { order_id: orderId, status: 'settled', released: ORDER_BALANCE, currency: 'USD' });
    const after = await snapshot();
    d.advance(60 * 60_000);
    // Whitespace does not make another request: the validated body is fingerprinted.
    const again = await d.t.call('POST', `/v1/orders/${orderId}/ownership-transfer`, { token: d.operator, body: ' { } ', headers: { 'idempotency-key': key } });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.match(again.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(await again.text(), firstText);
    assert.deepEqual(await snapshot(), after, 'a replay moves no money and records nothing');
    assert.equal(await transfersOf(orderId, 'balance_released'), 1);
    const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }));
    assert.equal(ledger.balances.escrow, 0);
    await assertLedgerInvariants(d.t.store, orderId);
  });

  test('the same key for another request (another order) → 422 idempotency_key_reused, nothing changed', async () => {
    const orderId = await pickedUpOrder();
    const other = await pickedUpOrder();
    const key = randomUUID();
    await ok(transfer(orderId, key));
    const before = await snapshot();
    await expectProblem(await transfer(other, key), 422, 'idempotency-key-reused');
    assert.deepEqual(await snapshot(), before);
    assert.equal(await transfersOf(other, 'balance_released'), 0);
    // The other order is still waiting for its transfer, which a fresh key (or none) performs.
    assert.equal((await ok(transfer(other, randomUUID()))).released, ORDER_BALANCE);
  });

  test('concurrent retries with one key: one release, every answer the same bytes', async () => {
    const orderId = await pickedUpOrder();
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 12 }, () => transfer(orderId, key)));
    const answers = await Promise.all(responses.map(async (r) => ({ status: r.status, text: await r.text() })));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]), answers.find((a) => a.status !== 200)?.text);
    assert.equal(new Set(answers.map((a) => a.text)).size, 1);
    assert.equal(responses.filter((r) => r.headers.get('idempotent-replayed') === null).length, 1);
    assert.equal(await transfersOf(orderId, 'balance_released'), 1);
    await assertLedgerInvariants(d.t.store, orderId);
  });

  test('without a key it still works, and a retry meets 409 order_closed (settled) as before; a bad key is 400', async () => {
    const orderId = await pickedUpOrder();
    const before = await snapshot();
    await expectProblem(await transfer(orderId, 'x'.repeat(256)), 400, 'idempotency-key-invalid');
    await expectProblem(await transfer(orderId, 'has a space'), 400, 'idempotency-key-invalid');
    assert.deepEqual(await snapshot(), before);
    const first = await transfer(orderId);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal((await first.json()).released, ORDER_BALANCE);
    await expectProblem(await transfer(orderId), 409, 'order-closed');
    assert.equal(await transfersOf(orderId, 'balance_released'), 1);
    assert.equal((await d.t.store.db.selectFrom('idempotency_keys').select('key').where('party_id', '=', SANDBOX.operator).execute()).length, 0, 'no key, nothing stored');
  });

  test('a refused request keeps no key: the same key succeeds once the step is allowed', async () => {
    const orderId = await paidOrder(d);
    const key = randomUUID();
    const before = await snapshot();
    await expectProblem(await transfer(orderId, key), 409, 'step-out-of-order');
    assert.deepEqual(await snapshot(), before);
    await walkToPickedUp(d, orderId);
    assert.equal((await ok(transfer(orderId, key))).released, ORDER_BALANCE);
  });
});

describe('POST /v1/orders/:id/amendments/:aid/confirm with Idempotency-Key', () => {
  test('same key and body: the first answer byte for byte, refunded once', async () => {
    const orderId = await paidOrder(d);
    const a = await propose(orderId);
    const key = randomUUID();
    const first = await confirm(orderId, a.id, key);
    const firstText = await first.text();
    assert.equal(first.status, 200, firstText);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(JSON.parse(firstText).status, 'confirmed');
    const after = await snapshot();
    d.advance(5 * 60_000);
    const again = await d.t.call('POST', `/v1/orders/${orderId}/amendments/${a.id}/confirm`, {
      token: d.acme,
      body: '{ "accept": true, "signer_name": "  Jane Buyer " }',
      headers: { 'idempotency-key': key },
    });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await again.text(), firstText);
    assert.deepEqual(await snapshot(), after, 'a replay refunds nothing and records nothing');
    assert.equal(await transfersOf(orderId, 'amendment_refunded'), 1);
    const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }));
    assert.deepEqual([ledger.balances.escrow, ledger.balances.refunded], [ORDER_BALANCE - REFUND, REFUND]);
    await assertLedgerInvariants(d.t.store, orderId);
  });

  test('the same key with another body → 422 idempotency_key_reused, nothing changed', async () => {
    const orderId = await paidOrder(d);
    const a = await propose(orderId);
    const key = randomUUID();
    await ok(confirm(orderId, a.id, key));
    const before = await snapshot();
    await expectProblem(await confirm(orderId, a.id, key, { signer_name: 'Someone Else', accept: true }), 422, 'idempotency-key-reused');
    assert.deepEqual(await snapshot(), before);
    assert.equal(await transfersOf(orderId, 'amendment_refunded'), 1);
  });

  test('concurrent retries with one key: one refund, every answer the same bytes', async () => {
    const orderId = await paidOrder(d);
    const a = await propose(orderId);
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 12 }, () => confirm(orderId, a.id, key)));
    const answers = await Promise.all(responses.map(async (r) => ({ status: r.status, text: await r.text() })));
    assert.deepEqual(new Set(answers.map((x) => x.status)), new Set([200]), answers.find((x) => x.status !== 200)?.text);
    assert.equal(new Set(answers.map((x) => x.text)).size, 1);
    assert.equal(responses.filter((r) => r.headers.get('idempotent-replayed') === null).length, 1);
    assert.equal(await transfersOf(orderId, 'amendment_refunded'), 1);
    await assertLedgerInvariants(d.t.store, orderId);
  });

  test('without a key it still works and a retry meets 409 amendment_not_pending; keys are per party', async () => {
    const orderId = await paidOrder(d);
    const a = await propose(orderId);
    const confirmed = await ok(confirm(orderId, a.id));
    assert.equal(confirmed.status, 'confirmed');
    await expectProblem(await confirm(orderId, a.id), 409, 'amendment-not-pending');
    assert.equal(await transfersOf(orderId, 'amendment_refunded'), 1);

    // The buyer's key is the buyer's: the operator's transfer under the same string is its own request.
    const other = await paidOrder(d);
    const b = await propose(other);
    const key = randomUUID();
    await ok(confirm(other, b.id, key));
    const picked = await pickedUpOrder();
    const released = await transfer(picked, key);
    assert.equal(released.headers.get('idempotent-replayed'), null);
    assert.equal((await ok(released)).released, ORDER_BALANCE);
  });
});
