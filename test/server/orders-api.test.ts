/** The whole story over HTTP, folder to order, and the order's shape, timeline and tenancy. */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { AGREEMENTS } from '../../server/domain/contract-evidence.js';
import { SANDBOX } from '../../server/store/seed.js';
import { expectProblem } from './app-harness.js';
import { LED, LED_BULB, LED_PANEL, clauses, confirmedContract, dealSnapshot, ok, openDeal, sentContract, terms, type Deal } from './deal-flow.js';

let d: Deal;
beforeEach(async () => {
  await d?.t.close();
  d = await openDeal();
});
after(() => d.t.close());

describe('folder to order', () => {
  test('collect, negotiate, counter, accept, issue the PO, draft, send, request changes, revise, send, confirm, open the order', async () => {
    const { t, acme, led } = d;
    // The buyer collects two products and builds the first offer from the folder.
    for (const p of [LED_PANEL, LED_BULB]) await ok(t.call('PUT', `/v1/folders/public/items/${p.id}`, { token: acme }), 201);
    const folder = await ok(t.call('GET', '/v1/folders/public', { token: acme }));
    const items = folder.data
      .map((i: { product: { id: string; unit_price: number } }) => ({ product_id: i.product.id, quantity: 500, unit_price: i.product.unit_price }))
      .sort((a: { product_id: string }, b: { product_id: string }) => a.product_id.localeCompare(b.product_id));
    const opened = await ok(t.call('POST', '/v1/negotiations', { token: acme, body: { supplier_id: LED, terms: terms({ items }), message: 'For our spring range' } }), 201);

    const cheaper = items.map((i: { unit_price: number }) => ({ ...i, unit_price: i.unit_price - 5 }));
    await ok(t.call('POST', `/v1/negotiations/${opened.id}/offers`, { token: led, body: { terms: terms({ items: cheaper, deposit_percent: 50 }) } }), 201);
    const countered = await ok(t.call('POST', `/v1/negotiations/${opened.id}/offers`, { token: acme, body: { terms: terms({ items: cheaper, deposit_percent: 30 }) } }), 201);
    assert.deepEqual(countered.latest_offer.differences.map((x: { path: string }) => x.path), ['deposit_percent']);
    const accepted = await ok(t.call('POST', `/v1/negotiations/${opened.id}/accept`, { token: led }));
    assert.equal(accepted.accepted_by, 'supplier');

    const po = await ok(t.call('POST', '/v1/purchase-orders', { token: acme, body: { negotiation_id: opened.id } }), 201);
    const inbox = await ok(t.call('GET', '/v1/purchase-orders?status=issued', { token: led }));
    assert.deepEqual(inbox.data.map((x: { id: string }) => x.id), [po.id]);

    const { seller, buyer } = po.legal_entity_defaults;
    const draft = await ok(t.call('POST', '/v1/contracts', { token: led, body: { purchase_order_id: po.id, clauses: clauses(), legal_entities: { seller, buyer } } }), 201);
    await ok(t.call('POST', `/v1/contracts/${draft.id}/send`, { token: led }));
    const review = await ok(t.call('GET', `/v1/contracts/${draft.id}`, { token: acme }));
    assert.deepEqual(review.differences.from_agreed_terms, []);
    await ok(t.call('POST', `/v1/contracts/${draft.id}/request-changes`, { token: acme, body: { comment: 'Please deliver by 8 March.' } }));
    const v2 = await ok(t.call('PATCH', `/v1/contracts/${draft.id}`, { token: led, body: { terms: { ...accepted.consensus, delivery_date: '2027-03-08' } } }));
    assert.equal(v2.version, 2);
    assert.deepEqual(v2.differences.from_agreed_terms.map((x: { path: string }) => x.path), ['delivery_date']);
    await ok(t.call('POST', `/v1/contracts/${draft.id}/send`, { token: led }));
    const confirmed = await ok(t.call('POST', `/v1/contracts/${draft.id}/confirm`, { token: acme, body: { signer_name: 'Jane Buyer', accept: true } }));
    assert.equal(confirmed.status, 'confirmed');

    const verified = await ok(t.call('GET', `/v1/contracts/${draft.id}/verify`, { token: acme }));
    assert.equal(verified.valid, true);
    assert.equal(verified.chain.length, 6);

    const order = await ok(t.call('GET', `/v1/orders/${confirmed.order_id}`, { token: acme }));
    assert.deepEqual(
      [order.status, order.payment_status, order.contract_id, order.purchase_order_id, order.negotiation_id],
      ['awaiting_payment', 'unpaid', draft.id, po.id, opened.id],
    );
    assert.deepEqual([order.currency, order.total, order.deposit_amount, order.balance_amount], [
      'USD', confirmed.terms.totals.subtotal, confirmed.terms.totals.deposit_amount, confirmed.terms.totals.balance_amount,
    ]);
    assert.equal(order.deposit_amount + order.balance_amount, order.total);
    assert.deepEqual(order.timeline.map((e: { code: string }) => e.code), ['contract_confirmed']);
    assert.deepEqual(order.timeline[0].actor, { id: SANDBOX.buyers.acme, kind: 'buyer', name: 'Acme Trading BV' });
    assert.deepEqual(order.timeline[0].details, { contract_id: draft.id, version: 2, digest: confirmed.digest, signer_name: 'Jane Buyer' });
    assert.equal(order.timeline[0].at, confirmed.confirmed_at);
  });
});

describe('orders', () => {
  test('record that both parties agreed to Expert Advisor (STS) fulfilment and K100Pay', async () => {
    const c = await confirmedContract(d);
    const order = await ok(d.t.call('GET', `/v1/orders/${c.order_id}`, { token: d.led }));
    const sentAt = c.versions.at(-1).sent_at;
    assert.deepEqual(order.agreements, {
      expert_advisor_sts_fulfilment: true,
      k100pay_payment_and_settlement: true,
      statement: AGREEMENTS.statement,
      contract_digest: c.digest,
      buyer: { party_id: SANDBOX.buyers.acme, signer_name: 'Jane Buyer', agreed_at: c.confirmed_at },
      supplier: { party_id: LED, agreed_at: sentAt },
    });
    assert.deepEqual([order.buyer, order.supplier].map((p: { id: string }) => p.id), [SANDBOX.buyers.acme, LED]);
  });

  test('lists show each party its own orders with the latest event; strangers 404, the operator nothing before payment', async () => {
    const c = await confirmedContract(d);
    for (const token of [d.acme, d.led]) {
      const list = await ok(d.t.call('GET', '/v1/orders', { token }));
      assert.deepEqual(list.data.map((o: { id: string }) => o.id), [c.order_id]);
      assert.equal(list.data[0].latest_event.code, 'contract_confirmed');
      assert.equal(list.data[0].timeline, undefined);
      assert.equal(list.next_cursor, null);
    }
    assert.deepEqual((await ok(d.t.call('GET', '/v1/orders?status=awaiting_payment', { token: d.acme }))).data.length, 1);
    assert.deepEqual((await ok(d.t.call('GET', '/v1/orders?status=settled', { token: d.acme }))).data, []);
    for (const token of [d.globex, d.textiles]) {
      await expectProblem(await d.t.call('GET', `/v1/orders/${c.order_id}`, { token }), 404, 'not-found');
      assert.deepEqual((await ok(d.t.call('GET', '/v1/orders', { token }))).data, []);
    }
    // The warehouse's operator sees an order only once it is paid (warehouse-api.test.ts covers after).
    await expectProblem(await d.t.call('GET', `/v1/orders/${c.order_id}`, { token: d.operator }), 404, 'not-found');
    assert.deepEqual((await ok(d.t.call('GET', '/v1/orders', { token: d.operator }))).data, []);
    await expectProblem(await d.t.call('GET', '/v1/orders/ord_nope', { token: d.acme }), 404, 'not-found');
  });

  test('no order without a confirmation: a refused confirm opens nothing', async () => {
    const c = await sentContract(d);
    const before = await dealSnapshot(d.t.store);
    await expectProblem(await d.t.call('POST', `/v1/contracts/${c.id}/confirm`, { token: d.globex, body: { signer_name: 'Mallory', accept: true } }), 404, 'not-found');
    await expectProblem(await d.t.call('POST', `/v1/contracts/${c.id}/confirm`, { token: d.led, body: { signer_name: 'Lee', accept: true } }), 403, 'wrong-party');
    assert.deepEqual(await dealSnapshot(d.t.store), before);
    assert.deepEqual((await ok(d.t.call('GET', '/v1/orders', { token: d.acme }))).data, []);
  });
});
