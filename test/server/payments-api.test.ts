/** K100Pay over HTTP: gateways, intents and idempotency, the sandbox bank, each outcome of the exact-amount rule, and who may pay. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, beforeEach, describe, test } from 'node:test';
import { GATEWAYS } from '../../server/domain/gateways.js';
import { parseReference } from '../../server/domain/quote.js';
import { expectProblem } from './app-harness.js';
import {
  MINUTE,
  ORDER_BALANCE,
  ORDER_DEPOSIT,
  ORDER_TOTAL,
  assertLedgerInvariants,
  confirmedOrder,
  createIntent,
  deposit,
  ok,
  openPayDeal,
  paySnapshot,
  postIntent,
  type PayDeal,
} from './pay-flow.js';

let d: PayDeal;
beforeEach(async () => {
  await d?.t.close();
  d = await openPayDeal();
});
after(() => d.t.close());

describe('GET /v1/gateways', () => {
  test('lists every sandbox gateway with its fee rule in words, to any session', async () => {
    for (const token of [d.acme, d.led, d.operator]) {
      const list = await ok(d.t.call('GET', '/v1/gateways', { token }));
      assert.deepEqual(list.data.map((g: { id: string }) => g.id), GATEWAYS.map((g) => g.id));
    }
    const [bank, globalpay] = (await ok(d.t.call('GET', '/v1/gateways', { token: d.acme }))).data;
    assert.equal(bank.converts, false);
    assert.match(bank.fee_summary, /^flat 25\.00 USD/);
    assert.match(globalpay.fee_summary, /^1\.2 % of the converted amount, min 15\.00 CNY/);
    assert.equal(globalpay.quote_ttl_seconds, 900);
    // Secrets never leave the server.
    assert.doesNotMatch(JSON.stringify(list(bank, globalpay)), /secret/i);
    await expectProblem(await d.t.call('GET', '/v1/gateways'), 401, 'unauthorized');
  });
});

const list = (...xs: unknown[]) => xs;

describe('the whole path', () => {
  test('confirmed contract → intent → exact sandbox deposit → succeeded, deposit released, ledger balanced, timeline', async () => {
    const orderId = await confirmedOrder(d);
    const intent = await createIntent(d, orderId);
    assert.equal(intent.status, 'awaiting_funds');
    assert.equal(intent.currency, 'USD');
    assert.deepEqual(
      [intent.breakdown.contract_total, intent.breakdown.converted_amount, intent.breakdown.fee, intent.breakdown.rate, intent.amount_due],
      [ORDER_TOTAL, ORDER_TOTAL, 2500, '1', ORDER_TOTAL + 2500],
    );
    assert.equal(intent.breakdown.fee_rule, 'flat 25.00 USD');
    assert.ok(parseReference(intent.reference).ok);
    assert.equal(intent.instructions.reference, intent.reference);
    assert.equal(intent.instructions.swift_bic, 'SBXCHKHH');
    assert.equal(Date.parse(intent.expires_at) - d.clock.now, 3 * 24 * 3600 * 1000);

    const ack = await deposit(d, intent.reference, intent.amount_due, 'USD');
    assert.deepEqual(ack, { event_id: ack.event_id, duplicate: false, outcome: 'succeeded', payment_intent_id: intent.id });

    const [paid] = (await ok(d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.led }))).data;
    assert.equal(paid.status, 'succeeded');
    assert.deepEqual(paid.received, { amount: intent.amount_due, currency: 'USD', at: paid.received.at });
    assert.equal(paid.refund, null);

    const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
    assert.equal(order.payment_status, 'escrow_funded');
    assert.deepEqual(order.timeline.map((e: { code: string }) => e.code), ['contract_confirmed', 'payment_received', 'deposit_released']);
    assert.equal(order.timeline[2].details.amount, ORDER_DEPOSIT);

    const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.led }));
    assert.deepEqual(ledger.balances, { escrow: ORDER_BALANCE, released: ORDER_DEPOSIT, refunded: 0, fees: 2500 });
    assert.deepEqual(ledger.transfers.map((t: { kind: string }) => t.kind), ['funds_received', 'fee_collected', 'escrow_funded', 'deposit_released']);
    for (const t of ledger.transfers) assert.equal(t.entries.reduce((s: number, e: { amount: number }) => s + e.amount, 0), 0);
    await assertLedgerInvariants(d.t.store);

    // The partner hears of it through the outbox, written in the same transaction.
    const events = await d.t.store.db.selectFrom('webhook_events').selectAll().where('type', 'in', ['payment.succeeded', 'escrow.released']).orderBy('type').execute();
    assert.deepEqual(events.map((e) => [e.partner_id, e.type]), [['partner_demo', 'escrow.released'], ['partner_demo', 'payment.succeeded']]);
    assert.deepEqual(JSON.parse(events[0]!.data), { order_id: orderId, buyer_id: 'buyer_acme', supplier_id: 'supplier_shenzhen_led', kind: 'deposit', amount: ORDER_DEPOSIT, currency: 'USD', deposit_percent: 40 });
    assert.equal(JSON.parse(events[1]!.data).payment_intent_id, intent.id);
  });

  test('an FX payment: CNY through GlobalPay, fee in CNY, escrow in USD through the fx account', async () => {
    const orderId = await confirmedOrder(d);
    const intent = await createIntent(d, orderId, { gateway: 'globalpay_fx', currency: 'CNY' });
    // mid 7.1, spread 80 bps → 7.1568; 4250.00 USD × 7.1568 = 30416.40 CNY; fee 1.2 % = 365.00 CNY (ceil).
    assert.deepEqual([intent.breakdown.mid_rate, intent.breakdown.spread_bps, intent.breakdown.rate], ['7.1', 80, '7.1568']);
    assert.deepEqual([intent.breakdown.converted_amount, intent.breakdown.fee, intent.amount_due], [3_041_640, 36_500, 3_078_140]);
    assert.equal(intent.breakdown.fee_rule, '1.2 %, min 15.00 CNY, max 800.00 CNY');
    assert.equal((await deposit(d, intent.reference, intent.amount_due, 'CNY')).outcome, 'succeeded');
    const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }));
    assert.deepEqual(ledger.balances, { escrow: ORDER_BALANCE, released: ORDER_DEPOSIT, refunded: 0, fees: 0 });
    assert.deepEqual(ledger.balances_by_currency.CNY, { escrow: 0, released: 0, refunded: 0, fees: 36_500 });
    assert.deepEqual(ledger.transfers.map((t: { kind: string; currency: string }) => `${t.kind}:${t.currency}`), [
      'funds_received:CNY', 'fee_collected:CNY', 'fx_converted:CNY', 'escrow_funded:USD', 'deposit_released:USD',
    ]);
    await assertLedgerInvariants(d.t.store);
  });
});

describe('the exact-amount rule', () => {
  for (const [name, delta] of [['short', -1], ['excess', +5000]] as const) {
    test(`a ${name} deposit fails, is refunded minus the refund cost, and a new intent may follow`, async () => {
      const orderId = await confirmedOrder(d);
      const intent = await createIntent(d, orderId);
      const received = intent.amount_due + delta;
      assert.equal((await deposit(d, intent.reference, received, 'USD')).outcome, 'failed');
      const [failed] = (await ok(d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.acme }))).data;
      assert.equal(failed.status, 'failed');
      assert.equal(failed.failure_code, 'amount_mismatch');
      // bank_transfer refunds cost a flat 35.00 USD, borne by the buyer.
      assert.deepEqual([failed.refund.amount, failed.refund.cost, failed.refund.currency], [received - 3500, 3500, 'USD']);
      assert.equal(failed.refund.amount + failed.refund.cost, failed.received.amount);

      const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
      assert.equal(order.payment_status, 'unpaid');
      assert.equal(order.timeline.at(-1).code, 'payment_failed');
      assert.equal(order.timeline.at(-1).details.refund, received - 3500);
      const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }));
      assert.deepEqual(ledger.balances, { escrow: 0, released: 0, refunded: received - 3500, fees: 3500 });
      assert.deepEqual(ledger.transfers.map((t: { kind: string }) => t.kind), ['funds_received', 'mismatch_refunded']);

      const failedEvent = await d.t.store.db.selectFrom('webhook_events').selectAll().where('type', '=', 'payment.failed').executeTakeFirstOrThrow();
      assert.deepEqual([JSON.parse(failedEvent.data).reason, JSON.parse(failedEvent.data).refund], ['amount_mismatch', received - 3500]);

      const next = await createIntent(d, orderId);
      assert.notEqual(next.reference, intent.reference);
      assert.equal((await deposit(d, next.reference, next.amount_due, 'USD')).outcome, 'succeeded');
      await assertLedgerInvariants(d.t.store);
    });
  }

  test('the wrong currency fails as currency_mismatch', async () => {
    const orderId = await confirmedOrder(d);
    const intent = await createIntent(d, orderId);
    assert.equal((await deposit(d, intent.reference, intent.amount_due, 'EUR')).outcome, 'failed');
    const [failed] = (await ok(d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.acme }))).data;
    assert.deepEqual([failed.failure_code, failed.refund.currency, failed.refund.cost], ['currency_mismatch', 'EUR', 3000]);
  });

  test('an expired intent reads expired, refunds late funds, and lets the buyer start again', async () => {
    const orderId = await confirmedOrder(d);
    const intent = await createIntent(d, orderId, { gateway: 'globalpay_fx', currency: 'USD' });
    assert.equal(Date.parse(intent.expires_at) - d.clock.now, 15 * MINUTE);
    d.advance(15 * MINUTE + 1000);
    const [lapsed] = (await ok(d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.acme }))).data;
    assert.deepEqual([lapsed.status, lapsed.failure_code, lapsed.received], ['expired', 'expired', null]);

    assert.equal((await deposit(d, intent.reference, intent.amount_due, 'USD')).outcome, 'expired');
    const [late] = (await ok(d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.acme }))).data;
    assert.equal(late.status, 'expired');
    assert.equal(late.refund.amount + late.refund.cost, intent.amount_due);
    assert.equal((await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }))).payment_status, 'unpaid');
    const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }));
    assert.deepEqual(ledger.transfers.map((t: { kind: string }) => t.kind), ['funds_received', 'expired_refunded']);
    await createIntent(d, orderId);
  });

  test('a lapsed intent replaced by a new one refunds whatever arrives for it later', async () => {
    const orderId = await confirmedOrder(d);
    const first = await createIntent(d, orderId, { gateway: 'swiftfx', currency: 'EUR' });
    d.advance(31 * MINUTE);
    const second = await createIntent(d, orderId);
    assert.equal((await deposit(d, first.reference, first.amount_due, 'EUR')).outcome, 'expired');
    assert.equal((await deposit(d, second.reference, second.amount_due, 'USD')).outcome, 'succeeded');
    const intents = (await ok(d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.acme }))).data;
    assert.deepEqual(intents.map((i: { status: string }) => i.status), ['succeeded', 'expired']);
    await assertLedgerInvariants(d.t.store);
  });

  test('funds for an intent that already succeeded are refunded as unexpected and change nothing else', async () => {
    const orderId = await confirmedOrder(d);
    const intent = await createIntent(d, orderId);
    await deposit(d, intent.reference, intent.amount_due, 'USD');
    assert.equal((await deposit(d, intent.reference, 10_000, 'USD')).outcome, 'refunded');
    const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }));
    assert.deepEqual(ledger.balances, { escrow: ORDER_BALANCE, released: ORDER_DEPOSIT, refunded: 10_000 - 3500, fees: 2500 + 3500 });
    const [still] = (await ok(d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.acme }))).data;
    assert.equal(still.status, 'succeeded');
    await assertLedgerInvariants(d.t.store);
  });
});

describe('creating intents: refusals', () => {
  test('an order already funded is 409 order_already_paid; an intent still awaiting funds is 409 with its id', async () => {
    const orderId = await confirmedOrder(d);
    const intent = await createIntent(d, orderId);
    const pending = await expectProblem(await postIntent(d, orderId), 409, 'intent-awaiting-funds');
    assert.equal((pending as { intent_id?: string }).intent_id, intent.id);
    await deposit(d, intent.reference, intent.amount_due, 'USD');
    await expectProblem(await postIntent(d, orderId), 409, 'order-already-paid');
  });

  test('an unsupported currency, an unknown gateway and bad bodies are 422 and change nothing', async () => {
    const orderId = await confirmedOrder(d);
    const before = await paySnapshot(d.t.store);
    const bank = await expectProblem(await postIntent(d, orderId, { gateway: 'bank_transfer', currency: 'CNY' }), 422, 'currency-not-supported');
    assert.equal(bank.errors?.[0]?.path, 'currency');
    await expectProblem(await postIntent(d, orderId, { gateway: 'globalpay_fx', currency: 'JPY' }), 422, 'currency-not-supported');
    const unknown = await expectProblem(await postIntent(d, orderId, { gateway: 'paypal', currency: 'USD' }), 422, 'validation');
    assert.equal(unknown.errors?.[0]?.path, 'gateway');
    await expectProblem(await postIntent(d, orderId, { gateway: 'bank_transfer', currency: 'usd' }), 422, 'validation');
    await expectProblem(await postIntent(d, orderId, { gateway: 'bank_transfer' }), 422, 'validation');
    await expectProblem(await postIntent(d, orderId, '{"gateway":'), 400, 'malformed-json');
    assert.deepEqual(await paySnapshot(d.t.store), before);
  });

  test('who may pay: the order’s buyer only (other buyer 404, supplier 403, operator 403, no session 401)', async () => {
    const orderId = await confirmedOrder(d);
    const before = await paySnapshot(d.t.store);
    await expectProblem(await postIntent(d, orderId, undefined, randomUUID(), d.globex), 404, 'not-found');
    await expectProblem(await postIntent(d, orderId, undefined, randomUUID(), d.led), 403, 'forbidden');
    await expectProblem(await postIntent(d, orderId, undefined, randomUUID(), d.operator), 403, 'forbidden');
    await expectProblem(await d.t.call('POST', `/v1/orders/${orderId}/payment-intents`, { body: { gateway: 'bank_transfer', currency: 'USD' }, headers: { 'idempotency-key': 'k' } }), 401, 'unauthorized');
    await expectProblem(await postIntent(d, 'ord_nope'), 404, 'not-found');
    assert.deepEqual(await paySnapshot(d.t.store), before);
    // Reading intents: both parties; anyone else 404.
    await ok(d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.led }));
    await expectProblem(await d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.globex }), 404, 'not-found');
    await expectProblem(await d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.operator }), 404, 'not-found');
  });
});

describe('Idempotency-Key', () => {
  test('missing → 400 idempotency_key_required; same key and body → the first answer byte for byte; another body → 422', async () => {
    const orderId = await confirmedOrder(d);
    await expectProblem(await postIntent(d, orderId, undefined, null), 400, 'idempotency-key-required');
    await expectProblem(await postIntent(d, orderId, undefined, 'x'.repeat(256)), 400, 'idempotency-key-invalid');
    const key = randomUUID();
    const first = await postIntent(d, orderId, { gateway: 'bank_transfer', currency: 'USD' }, key);
    const firstText = await first.text();
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    d.advance(60 * MINUTE);
    // Key order and whitespace do not make another request: the validated body is fingerprinted.
    const again = await d.t.call('POST', `/v1/orders/${orderId}/payment-intents`, {
      token: d.acme,
      body: '{ "currency": "USD",  "gateway": "bank_transfer" }',
      headers: { 'idempotency-key': key },
    });
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await again.text(), firstText);
    await expectProblem(await postIntent(d, orderId, { gateway: 'swiftfx', currency: 'USD' }, key), 422, 'idempotency-key-reused');
    // Keys are per party: the same key from another buyer is that buyer's own (and finds no order of theirs).
    await expectProblem(await postIntent(d, orderId, undefined, key, d.globex), 404, 'not-found');
    // Kept at least 24 h.
    const row = await d.t.store.db.selectFrom('idempotency_keys').selectAll().executeTakeFirstOrThrow();
    assert.ok(Date.parse(row.expires_at) - Date.parse(row.created_at) >= 24 * 3600 * 1000);
  });

  test('50 concurrent POSTs with one key create one intent and get identical answers', async () => {
    const orderId = await confirmedOrder(d);
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 50 }, () => postIntent(d, orderId, { gateway: 'bank_transfer', currency: 'USD' }, key)));
    const answers = await Promise.all(responses.map(async (r) => ({ status: r.status, text: await r.text() })));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]), answers.find((a) => a.status !== 201)?.text);
    assert.equal(new Set(answers.map((a) => a.text)).size, 1);
    assert.equal(responses.filter((r) => r.headers.get('idempotent-replayed') === null).length, 1);
    const rows = await d.t.store.db.selectFrom('payment_intents').select('id').where('order_id', '=', orderId).execute();
    assert.equal(rows.length, 1);
  });

  test('a refused request stores no key, so the same key succeeds once the state allows', async () => {
    const orderId = await confirmedOrder(d);
    const first = await createIntent(d, orderId);
    const key = randomUUID();
    await expectProblem(await postIntent(d, orderId, undefined, key), 409, 'intent-awaiting-funds');
    d.advance(3 * 24 * 3600 * 1000 + 1000);
    assert.equal((await postIntent(d, orderId, undefined, key)).status, 201);
    assert.notEqual(first.id, undefined);
  });
});
