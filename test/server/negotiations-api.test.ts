/** Negotiations and purchase orders over HTTP: alternating offers, acceptance, the e-PO, tenancy, bad terms, races. */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { SANDBOX } from '../../server/store/seed.js';
import { expectProblem } from './app-harness.js';
import {
  LED,
  LED_BULB,
  LED_PANEL,
  LED_PRIVATE,
  TEXTILES_PUBLIC,
  acceptedNegotiation,
  dealSnapshot,
  issuedPurchaseOrder,
  ok,
  openDeal,
  openNegotiation,
  terms,
  type Deal,
} from './deal-flow.js';

let d: Deal;
beforeEach(async () => {
  await d?.t.close();
  d = await openDeal();
});
after(() => d.t.close());

const offer = (id: string, token: string, body: unknown) => d.t.call('POST', `/v1/negotiations/${id}/offers`, { token, body });
const act = (id: string, token: string, action: 'accept' | 'withdraw') => d.t.call('POST', `/v1/negotiations/${id}/${action}`, { token });

describe('opening and countering', () => {
  test('the buyer opens with priced terms and product names; totals sent by the client are ignored', async () => {
    const sent = { ...terms(), totals: { subtotal: 1, deposit_amount: 0, balance_amount: 1 } };
    sent.items = sent.items.map((i) => ({ ...i, line_total: 5 })) as typeof sent.items;
    const res = await d.t.call('POST', '/v1/negotiations', { token: d.acme, body: { supplier_id: LED, terms: sent, message: 'First offer' } });
    const n = await ok(res, 201);
    assert.equal(res.headers.get('location'), `/v1/negotiations/${n.id}`);
    assert.match(n.id, /^neg_/);
    assert.equal(n.status, 'open');
    assert.deepEqual([n.buyer.id, n.supplier.id], [SANDBOX.buyers.acme, LED]);
    assert.equal(n.offer_count, 1);
    assert.equal(n.next_to_act, 'supplier');
    assert.deepEqual(n.allowed_actions, ['withdraw']);
    const first = n.offers[0];
    assert.deepEqual([first.seq, first.by, first.message, first.differences], [1, 'buyer', 'First offer', []]);
    assert.deepEqual(first.terms.items.map((i: { line_total: number }) => i.line_total), [200 * 1800, 1000 * 65]);
    assert.deepEqual(first.terms.totals, { subtotal: 425_000, deposit_amount: 127_500, balance_amount: 297_500 });
    assert.deepEqual(first.products.map((p: { name: string }) => p.name), [LED_PANEL.name, LED_BULB.name]);
    assert.deepEqual(first.products[0], { product_id: LED_PANEL.id, name: LED_PANEL.name, list_unit_price: LED_PANEL.unit_price, list_currency: 'USD' });
    assert.deepEqual(n.latest_offer, first);
    assert.equal(n.consensus, null);
  });

  test('offers alternate, each with its differences; the wrong turn is 409 and changes nothing', async () => {
    const n = await openNegotiation(d);
    const mine = await ok(d.t.call('GET', `/v1/negotiations/${n.id}`, { token: d.led }));
    assert.deepEqual(mine.allowed_actions, ['offer', 'accept']);

    const before = await dealSnapshot(d.t.store);
    const own = await expectProblem(await offer(n.id, d.acme, { terms: terms() }), 409, 'not-your-turn');
    assert.equal((own as { code?: string }).code, 'not_your_turn');
    await expectProblem(await act(n.id, d.acme, 'accept'), 409, 'cannot-accept-own-offer');
    assert.deepEqual(await dealSnapshot(d.t.store), before);

    const countered = await ok(offer(n.id, d.led, { terms: terms({ deposit_percent: 40, items: [{ product_id: LED_PANEL.id, quantity: 200, unit_price: 1750 }] }), message: '  ' }), 201);
    const second = countered.offers[1];
    assert.deepEqual([second.seq, second.by, second.message], [2, 'supplier', null]);
    assert.deepEqual(second.differences.map((x: { path: string; kind: string }) => [x.path, x.kind]), [
      [`items[${LED_BULB.id}]`, 'removed'],
      [`items[${LED_PANEL.id}].unit_price`, 'changed'],
      ['deposit_percent', 'changed'],
    ]);
    assert.equal(countered.next_to_act, 'buyer');
    const buyerView = await ok(d.t.call('GET', `/v1/negotiations/${n.id}`, { token: d.acme }));
    assert.deepEqual(buyerView.allowed_actions, ['offer', 'accept', 'withdraw']);
    await expectProblem(await offer(n.id, d.led, { terms: terms() }), 409, 'not-your-turn');
  });

  test('accepting freezes the consensus; nothing moves an accepted negotiation', async () => {
    const n = await acceptedNegotiation(d);
    assert.equal(n.status, 'accepted');
    assert.deepEqual([n.accepted_offer_seq, n.accepted_by, n.next_to_act], [2, 'buyer', null]);
    assert.equal(n.consensus.deposit_percent, 40);
    assert.deepEqual(n.consensus, n.offers[1].terms);
    assert.ok(n.closed_at);
    assert.deepEqual(n.allowed_actions, ['issue_purchase_order']);
    const supplierView = await ok(d.t.call('GET', `/v1/negotiations/${n.id}`, { token: d.led }));
    assert.deepEqual(supplierView.allowed_actions, []);

    const before = await dealSnapshot(d.t.store);
    for (const attempt of [
      () => offer(n.id, d.led, { terms: terms() }),
      () => act(n.id, d.acme, 'accept'),
      () => act(n.id, d.led, 'accept'),
      () => act(n.id, d.acme, 'withdraw'),
    ]) {
      await expectProblem(await attempt(), 409, 'already-accepted');
    }
    assert.deepEqual(await dealSnapshot(d.t.store), before);
  });

  test('only the buyer withdraws (supplier 403 wrong_party); a withdrawn negotiation takes nothing more', async () => {
    const n = await openNegotiation(d);
    const refused = await expectProblem(await act(n.id, d.led, 'withdraw'), 403, 'wrong-party');
    assert.equal((refused as { code?: string }).code, 'wrong_party');
    const withdrawn = await ok(act(n.id, d.acme, 'withdraw'));
    assert.equal(withdrawn.status, 'withdrawn');
    assert.deepEqual(withdrawn.allowed_actions, []);
    await expectProblem(await offer(n.id, d.led, { terms: terms() }), 409, 'withdrawn');
    await expectProblem(await act(n.id, d.led, 'accept'), 409, 'withdrawn');
    await expectProblem(await d.t.call('POST', '/v1/purchase-orders', { token: d.acme, body: { negotiation_id: n.id } }), 409, 'not-accepted');
  });
});

describe('terms and products', () => {
  const fieldPaths = (problem: { errors?: Array<{ path: string }> }) => (problem.errors ?? []).map((e) => e.path).sort();

  test('bad terms are 422 with the path of each field, and write nothing', async () => {
    const before = await dealSnapshot(d.t.store);
    const bad = {
      ...terms(),
      currency: 'usd',
      items: [{ product_id: LED_PANEL.id, quantity: 0, unit_price: 1.5 }],
      incoterm: 'FOO',
      delivery_date: '2027-02-30',
      deposit_percent: 101,
      shipping_mode: 'ship',
      destination_port: 'NL-RTM',
    };
    const problem = await expectProblem(await d.t.call('POST', '/v1/negotiations', { token: d.acme, body: { supplier_id: LED, terms: bad } }), 422, 'validation');
    assert.deepEqual(fieldPaths(problem), [
      'terms.currency', 'terms.delivery_date', 'terms.deposit_percent', 'terms.destination_port', 'terms.incoterm',
      'terms.items.0.quantity', 'terms.items.0.unit_price', 'terms.shipping_mode',
    ]);
    const missing = await expectProblem(await d.t.call('POST', '/v1/negotiations', { token: d.acme, body: { supplier_id: LED } }), 422, 'validation');
    assert.deepEqual(fieldPaths(missing), ['terms']);
    assert.deepEqual(await dealSnapshot(d.t.store), before);
  });

  test('every line item must be a product the buyer can see, sold by that supplier', async () => {
    const before = await dealSnapshot(d.t.store);
    const items = [
      { product_id: LED_PANEL.id, quantity: 10, unit_price: 100 },
      { product_id: 'prod_does_not_exist', quantity: 10, unit_price: 100 },
      { product_id: TEXTILES_PUBLIC.id, quantity: 10, unit_price: 100 },
      { product_id: LED_PRIVATE.id, quantity: 10, unit_price: 100 },
    ];
    const problem = await expectProblem(
      await d.t.call('POST', '/v1/negotiations', { token: d.acme, body: { supplier_id: LED, terms: terms({ items }) } }),
      422,
      'validation',
    );
    assert.deepEqual(problem.errors, [
      { path: 'terms.items.1.product_id', message: 'is not a product you can order' },
      { path: 'terms.items.2.product_id', message: 'is not sold by the supplier of this negotiation' },
      { path: 'terms.items.3.product_id', message: 'is not a product you can order' },
    ]);
    await expectProblem(await d.t.call('POST', '/v1/negotiations', { token: d.acme, body: { supplier_id: 'supplier_nope', terms: terms() } }), 404, 'not-found');
    await expectProblem(await d.t.call('POST', '/v1/negotiations', { token: d.acme, body: { supplier_id: SANDBOX.buyers.globex, terms: terms() } }), 404, 'not-found');
    assert.deepEqual(await dealSnapshot(d.t.store), before);
  });

  test('a private product only with a grant, for the buyer and for the supplier countering', async () => {
    const privateTerms = terms({ items: [{ product_id: LED_PRIVATE.id, quantity: 2000, unit_price: 240 }] });
    const n = await openNegotiation(d);
    await expectProblem(await offer(n.id, d.led, { terms: privateTerms }), 422, 'validation');

    const grant = await ok(d.t.call('POST', '/v1/private-grants', { token: d.led, body: { buyer_id: SANDBOX.buyers.acme, product_ids: [LED_PRIVATE.id] } }), 201);
    const countered = await ok(offer(n.id, d.led, { terms: privateTerms }), 201);
    assert.equal(countered.latest_offer.products[0].name, LED_PRIVATE.name);
    const other = await ok(d.t.call('POST', '/v1/negotiations', { token: d.acme, body: { supplier_id: LED, terms: privateTerms } }), 201);
    await expectProblem(await d.t.call('POST', '/v1/negotiations', { token: d.globex, body: { supplier_id: LED, terms: privateTerms } }), 422, 'validation');

    await ok(d.t.call('DELETE', `/v1/private-grants/${grant.id}`, { token: d.led }));
    const revoked = await expectProblem(await offer(other.id, d.led, { terms: privateTerms }), 422, 'validation');
    assert.deepEqual(revoked.errors?.map((e) => e.path), ['terms.items.0.product_id']);
  });
});

describe('who may see and do what', () => {
  test('the other buyer and the other supplier get 404; the operator 403; lists show only your own', async () => {
    const n = await openNegotiation(d);
    for (const token of [d.globex, d.textiles]) {
      await expectProblem(await d.t.call('GET', `/v1/negotiations/${n.id}`, { token }), 404, 'not-found');
      await expectProblem(await offer(n.id, token, { terms: terms() }), 404, 'not-found');
      await expectProblem(await act(n.id, token, 'accept'), 404, 'not-found');
      assert.deepEqual((await ok(d.t.call('GET', '/v1/negotiations', { token }))).data, []);
    }
    await expectProblem(await d.t.call('GET', `/v1/negotiations/${n.id}`, { token: d.operator }), 403, 'forbidden');
    await expectProblem(await d.t.call('GET', '/v1/negotiations', { token: d.operator }), 403, 'forbidden');
    await expectProblem(await d.t.call('POST', '/v1/negotiations', { token: d.led, body: { supplier_id: LED, terms: terms() } }), 403, 'forbidden');
    await expectProblem(await d.t.call('GET', '/v1/negotiations'), 401, 'unauthorized');

    const inbox = await ok(d.t.call('GET', '/v1/negotiations', { token: d.led }));
    assert.deepEqual(inbox.data.map((x: { id: string }) => x.id), [n.id]);
    assert.equal(inbox.data[0].offers, undefined, 'list items carry the latest offer only');
    assert.equal(inbox.data[0].latest_offer.seq, 1);
    assert.deepEqual(inbox.data[0].allowed_actions, ['offer', 'accept']);
  });

  test('lists filter by status and page by cursor, newest first', async () => {
    const first = await openNegotiation(d);
    const second = await openNegotiation(d);
    await ok(act(first.id, d.acme, 'withdraw'));
    const open = await ok(d.t.call('GET', '/v1/negotiations?status=open', { token: d.acme }));
    assert.deepEqual(open.data.map((x: { id: string }) => x.id), [second.id]);
    const page1 = await ok(d.t.call('GET', '/v1/negotiations?limit=1', { token: d.acme }));
    assert.equal(page1.data.length, 1);
    assert.ok(page1.next_cursor);
    const page2 = await ok(d.t.call('GET', `/v1/negotiations?limit=1&cursor=${page1.next_cursor}`, { token: d.acme }));
    assert.deepEqual([...page1.data, ...page2.data].map((x: { id: string }) => x.id).sort(), [first.id, second.id].sort());
    assert.equal(page2.next_cursor, null);
    await expectProblem(await d.t.call('GET', `/v1/negotiations?status=open&cursor=${page1.next_cursor}`, { token: d.acme }), 400, 'invalid-cursor');
    await expectProblem(await d.t.call('GET', '/v1/negotiations?status=closed', { token: d.acme }), 422, 'validation');
  });
});

describe('concurrency', () => {
  test('two counter-offers at once: one wins, the other is 409', async () => {
    const n = await openNegotiation(d);
    const results = await Promise.all([offer(n.id, d.led, { terms: terms({ deposit_percent: 20 }) }), offer(n.id, d.led, { terms: terms({ deposit_percent: 50 }) })]);
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409]);
    const rows = await d.t.store.db.selectFrom('offers').select('seq').where('negotiation_id', '=', n.id).execute();
    assert.equal(rows.length, 2);
  });

  test('accept and counter at once: exactly one happens', async () => {
    const n = await openNegotiation(d);
    const [accepted, countered] = await Promise.all([act(n.id, d.led, 'accept'), offer(n.id, d.led, { terms: terms({ deposit_percent: 20 }) })]);
    const won = [accepted.status === 200, countered.status === 201];
    assert.equal(won.filter(Boolean).length, 1, `${accepted.status} ${countered.status}`);
    assert.ok([accepted.status, countered.status].includes(409));
    const after = await ok(d.t.call('GET', `/v1/negotiations/${n.id}`, { token: d.acme }));
    assert.equal(after.status === 'accepted', accepted.status === 200);
    assert.equal(after.offer_count, countered.status === 201 ? 2 : 1);
  });
});

describe('purchase orders', () => {
  test('the buyer issues one e-PO from the consensus; the supplier finds it in its inbox', async () => {
    const res = d.t.call('POST', '/v1/purchase-orders', { token: d.acme, body: { negotiation_id: (await acceptedNegotiation(d)).id } });
    const po = await ok(res, 201);
    assert.match(po.id, /^po_/);
    assert.equal(po.status, 'issued');
    assert.equal(po.terms.deposit_percent, 40);
    assert.deepEqual(po.terms.totals, { subtotal: 425_000, deposit_amount: 170_000, balance_amount: 255_000 });
    assert.deepEqual(po.products.map((p: { name: string }) => p.name), [LED_PANEL.name, LED_BULB.name]);
    assert.equal(po.contract_id, null);
    assert.deepEqual(po.allowed_actions, []);
    assert.equal(po.legal_entity_defaults.seller.name, 'Shenzhen Brightway LED Co., Ltd.');
    assert.equal(po.legal_entity_defaults.buyer.country, 'NL');

    const inbox = await ok(d.t.call('GET', '/v1/purchase-orders?status=issued', { token: d.led }));
    assert.deepEqual(inbox.data.map((x: { id: string }) => x.id), [po.id]);
    assert.deepEqual(inbox.data[0].allowed_actions, ['draft_contract']);
    assert.deepEqual((await ok(d.t.call('GET', '/v1/purchase-orders?status=contract_drafted', { token: d.led }))).data, []);
    assert.deepEqual((await ok(d.t.call('GET', `/v1/purchase-orders/${po.id}`, { token: d.acme }))).terms, po.terms);
    const negotiation = await ok(d.t.call('GET', `/v1/negotiations/${po.negotiation_id}`, { token: d.acme }));
    assert.equal(negotiation.purchase_order_id, po.id);
    assert.deepEqual(negotiation.allowed_actions, []);
  });

  test('refused: before acceptance 409, twice 409, the supplier 403, strangers 404, the operator 403', async () => {
    const open = await openNegotiation(d);
    const issue = (token: string, negotiation_id: string) => d.t.call('POST', '/v1/purchase-orders', { token, body: { negotiation_id } });
    await expectProblem(await issue(d.acme, open.id), 409, 'not-accepted');
    const po = await issuedPurchaseOrder(d);
    const before = await dealSnapshot(d.t.store);
    await expectProblem(await issue(d.acme, po.negotiation_id), 409, 'already-issued');
    await expectProblem(await issue(d.led, po.negotiation_id), 403, 'forbidden');
    await expectProblem(await issue(d.globex, po.negotiation_id), 404, 'not-found');
    await expectProblem(await issue(d.operator, po.negotiation_id), 403, 'forbidden');
    for (const token of [d.globex, d.textiles]) {
      await expectProblem(await d.t.call('GET', `/v1/purchase-orders/${po.id}`, { token }), 404, 'not-found');
      assert.deepEqual((await ok(d.t.call('GET', '/v1/purchase-orders', { token }))).data, []);
    }
    await expectProblem(await d.t.call('GET', `/v1/purchase-orders/${po.id}`, { token: d.operator }), 403, 'forbidden');
    assert.deepEqual(await dealSnapshot(d.t.store), before);
  });

  test('issuing twice at once makes one purchase order', async () => {
    const n = await acceptedNegotiation(d);
    const results = await Promise.all([1, 2].map(() => d.t.call('POST', '/v1/purchase-orders', { token: d.acme, body: { negotiation_id: n.id } })));
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409]);
    const rows = await d.t.store.db.selectFrom('purchase_orders').select('id').where('negotiation_id', '=', n.id).execute();
    assert.equal(rows.length, 1);
  });
});

describe('sandbox legal entities', () => {
  test('GET /v1/me shows the legal entity a party signs as (null for the operator)', async () => {
    assert.equal((await ok(d.t.call('GET', '/v1/me', { token: d.acme }))).legal_entity.name, 'Acme Trading B.V.');
    assert.equal((await ok(d.t.call('GET', '/v1/me', { token: d.textiles }))).legal_entity.country, 'CN');
    assert.equal((await ok(d.t.call('GET', '/v1/me', { token: d.operator }))).legal_entity, null);
  });
});
