/** The sandbox's "let the quote expire now" control: the expired outcome without waiting out a quote. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectProblem } from './app-harness.js';
import { assertLedgerInvariants, confirmedOrder, createIntent, deposit, ok, openPayDeal, type PayDeal } from './pay-flow.js';

let d: PayDeal;
before(async () => {
  d = await openPayDeal();
});
after(() => d.t.close());

test('the buyer lets a quote expire; it reads expired, exact funds after it are refunded, a new intent is allowed', async () => {
  const orderId = await confirmedOrder(d);
  const intent = await createIntent(d, orderId);
  const path = `/v1/sandbox/payment-intents/${intent.id}/expire`;

  // Only the order's buyer; another party sees no such intent, a supplier may not.
  await expectProblem(await d.t.call('POST', path, { token: d.globex }), 404, 'not-found');
  await expectProblem(await d.t.call('POST', path, { token: d.led }), 403, 'forbidden');

  const expired = await ok(d.t.call('POST', path, { token: d.acme }));
  assert.equal(expired.status, 'expired');
  assert.ok(Date.parse(expired.expires_at) <= d.clock.now);
  await expectProblem(await d.t.call('POST', path, { token: d.acme }), 409, 'conflict');

  // Exactly the amount due, but after the quote ran out: refunded minus the refund cost, order unpaid.
  await deposit(d, intent.reference, intent.amount_due, intent.currency);
  const [after] = (await ok(d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.acme }))).data;
  assert.equal(after.status, 'expired');
  assert.equal(after.refund.amount + after.refund.cost, intent.amount_due);
  const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
  assert.equal(order.payment_status, 'unpaid');
  await assertLedgerInvariants(d.t.store, orderId);

  const fresh = await createIntent(d, orderId);
  assert.equal(fresh.status, 'awaiting_funds');
});
