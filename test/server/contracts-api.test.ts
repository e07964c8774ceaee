/** E-contracts over HTTP: drafting from the PO, versions and differences, the state machine, tenancy, races, the document. */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { DOCUMENT_CSP } from '../../server/domain/contract-document.js';
import { expectProblem } from './app-harness.js';
import {
  LED_BULB,
  LED_PANEL,
  TEXTILES_PUBLIC,
  changesRequestedContract,
  clauses,
  confirmedContract,
  dealSnapshot,
  draftedContract,
  issuedPurchaseOrder,
  legalEntities,
  ok,
  openDeal,
  sentContract,
  terms,
  type Deal,
} from './deal-flow.js';

let d: Deal;
beforeEach(async () => {
  await d?.t.close();
  d = await openDeal();
});
after(() => d.t.close());

const get = (id: string, token = d.acme) => ok(d.t.call('GET', `/v1/contracts/${id}`, { token }));
const patch = (id: string, body: unknown, token = d.led) => d.t.call('PATCH', `/v1/contracts/${id}`, { token, body });
const post = (id: string, action: string, token: string, body?: unknown) =>
  d.t.call('POST', `/v1/contracts/${id}/${action}`, { token, ...(body === undefined ? {} : { body }) });
const confirm = (id: string, token = d.acme) => post(id, 'confirm', token, { signer_name: 'Jane Buyer', accept: true });

describe('drafting', () => {
  test('the supplier drafts version 1 from the PO consensus; terms in the body are refused, never taken', async () => {
    const po = await issuedPurchaseOrder(d);
    const body = { purchase_order_id: po.id, clauses: clauses(), legal_entities: legalEntities() };
    await expectProblem(await d.t.call('POST', '/v1/contracts', { token: d.led, body: { ...body, terms: terms({ deposit_percent: 0 }) } }), 422, 'validation');
    const res = await d.t.call('POST', '/v1/contracts', { token: d.led, body });
    const c = await ok(res, 201);
    assert.equal(res.headers.get('location'), `/v1/contracts/${c.id}`);
    assert.match(c.id, /^ctr_/);
    assert.deepEqual([c.status, c.version, c.purchase_order_id, c.negotiation_id], ['draft', 1, po.id, po.negotiation_id]);
    assert.deepEqual(c.terms, po.terms, 'prefilled from the consensus');
    assert.deepEqual(c.agreed_terms, po.terms);
    assert.deepEqual(c.products.map((p: { name: string }) => p.name), [LED_PANEL.name, LED_BULB.name]);
    assert.deepEqual(c.differences, { from_agreed_terms: [], from_previous_version: [] });
    assert.deepEqual(c.allowed_actions, ['revise', 'send']);
    assert.deepEqual((await get(c.id)).allowed_actions, []);
    assert.deepEqual([c.signer_name, c.confirmed_at, c.digest, c.order_id], [null, null, null, null]);
    assert.equal(c.versions.length, 1);
    assert.ok(c.versions[0].created_at);

    const drafted = await ok(d.t.call('GET', `/v1/purchase-orders/${po.id}`, { token: d.acme }));
    assert.deepEqual([drafted.status, drafted.contract_id], ['contract_drafted', c.id]);
  });

  test('one contract per PO (409), only by its supplier (buyer/operator 403, other supplier 404), bad input 422', async () => {
    const po = await issuedPurchaseOrder(d);
    const draft = (token: string, over: Record<string, unknown> = {}) =>
      d.t.call('POST', '/v1/contracts', { token, body: { purchase_order_id: po.id, clauses: clauses(), legal_entities: legalEntities(), ...over } });
    const before = await dealSnapshot(d.t.store);
    await expectProblem(await draft(d.acme), 403, 'forbidden');
    await expectProblem(await draft(d.operator), 403, 'forbidden');
    await expectProblem(await draft(d.textiles), 404, 'not-found');
    const bad = await expectProblem(await draft(d.led, { clauses: [{ title: ' ', body: '' }], legal_entities: { seller: legalEntities().seller } }), 422, 'validation');
    assert.deepEqual(bad.errors?.map((e) => e.path).sort(), ['clauses.0.body', 'clauses.0.title', 'legal_entities.buyer']);
    assert.deepEqual(await dealSnapshot(d.t.store), before);
    await ok(draft(d.led), 201);
    await expectProblem(await draft(d.led), 409, 'contract-exists');
  });
});

describe('review rounds', () => {
  test('request changes, revise into version 2 with differences, send again', async () => {
    const c = await changesRequestedContract(d);
    assert.equal(c.status, 'changes_requested');
    assert.deepEqual(c.change_requests.map((r: { version: number; comment: string }) => [r.version, r.comment]), [[1, 'Deliver one week earlier.']]);
    assert.deepEqual((await get(c.id, d.led)).allowed_actions, ['revise']);

    const edited = clauses();
    edited[1] = { title: 'Packing', body: 'Pallets, shrink-wrapped.' };
    const v2 = await ok(patch(c.id, { terms: terms({ deposit_percent: 40, delivery_date: '2027-03-08' }), clauses: edited }));
    assert.deepEqual([v2.status, v2.version, v2.versions.length], ['draft', 2, 2]);
    assert.deepEqual(v2.differences.from_agreed_terms.map((x: { path: string; before: unknown; after: unknown }) => [x.path, x.before, x.after]), [
      ['delivery_date', '2027-03-15', '2027-03-08'],
    ]);
    assert.deepEqual(v2.differences.from_previous_version.map((x: { path: string }) => x.path), ['delivery_date', 'clauses[1].body']);
    assert.ok(v2.versions[0].sent_at, 'version 1 stays as the buyer saw it');
    assert.equal(v2.versions[0].clauses[1].body, 'Export cartons, barcode on each carton.');

    const again = await ok(patch(c.id, { legal_entities: { ...legalEntities(), buyer: { ...legalEntities().buyer, registration_no: 'KvK 1' } } }));
    assert.equal(again.versions.length, 2, 'a second edit of the unsent version 2 keeps it version 2');
    const resent = await ok(post(c.id, 'send', d.led));
    assert.equal(resent.status, 'sent');
    const seen = await get(c.id);
    assert.deepEqual(seen.allowed_actions, ['request_changes', 'confirm']);
    assert.equal(seen.version, 2);
  });

  test('edited terms may add the supplier’s products, checked like an offer', async () => {
    const c = await draftedContract(d);
    const items = [...terms().items, { product_id: TEXTILES_PUBLIC.id, quantity: 1, unit_price: 1 }];
    const before = await dealSnapshot(d.t.store);
    const problem = await expectProblem(await patch(c.id, { terms: terms({ items }) }), 422, 'validation');
    assert.deepEqual(problem.errors?.map((e) => e.path), ['terms.items.2.product_id']);
    await expectProblem(await patch(c.id, {}), 422, 'validation');
    assert.deepEqual(await dealSnapshot(d.t.store), before);

    const fewer = await ok(patch(c.id, { terms: terms({ deposit_percent: 40, items: [terms().items[0]!] }) }));
    assert.deepEqual(fewer.products.map((p: { product_id: string }) => p.product_id), [LED_PANEL.id]);
    assert.deepEqual(fewer.differences.from_agreed_terms.map((x: { path: string; kind: string }) => [x.path, x.kind]), [[`items[${LED_BULB.id}]`, 'removed']]);
  });
});

describe('the state machine over HTTP', () => {
  type Attempt = [label: string, run: (id: string) => Promise<Response>, status: number, slug: string];
  const attempts = (expected: Record<string, [number, string]>): Attempt[] => {
    const runs: Record<string, (id: string) => Promise<Response>> = {
      'supplier PATCH': (id) => patch(id, { clauses: clauses() }),
      'supplier send': (id) => post(id, 'send', d.led),
      'supplier request-changes': (id) => post(id, 'request-changes', d.led, { comment: 'x' }),
      'supplier confirm': (id) => confirm(id, d.led),
      'buyer PATCH': (id) => patch(id, { clauses: clauses() }, d.acme),
      'buyer send': (id) => post(id, 'send', d.acme),
      'buyer request-changes': (id) => post(id, 'request-changes', d.acme, { comment: 'x' }),
      'buyer confirm': (id) => confirm(id),
    };
    return Object.entries(expected).map(([label, [status, slug]]) => [label, runs[label]!, status, slug]);
  };
  const states: Record<string, { make: (d: Deal) => Promise<{ id: string }>; refused: Record<string, [number, string]> }> = {
    draft: {
      make: draftedContract,
      refused: {
        'supplier request-changes': [403, 'wrong-party'], 'supplier confirm': [403, 'wrong-party'], 'buyer PATCH': [403, 'forbidden'],
        'buyer send': [403, 'wrong-party'], 'buyer request-changes': [409, 'not-sent'], 'buyer confirm': [409, 'not-sent'],
      },
    },
    sent: {
      make: sentContract,
      refused: { 'supplier PATCH': [409, 'not-editable'], 'supplier send': [409, 'not-draft'], 'supplier confirm': [403, 'wrong-party'], 'buyer send': [403, 'wrong-party'] },
    },
    changes_requested: {
      make: changesRequestedContract,
      refused: { 'supplier send': [409, 'not-draft'], 'buyer request-changes': [409, 'not-sent'], 'buyer confirm': [409, 'not-sent'] },
    },
    confirmed: {
      make: confirmedContract,
      refused: {
        'supplier PATCH': [409, 'contract-confirmed'], 'supplier send': [409, 'contract-confirmed'],
        'buyer request-changes': [409, 'contract-confirmed'], 'buyer confirm': [409, 'contract-confirmed'],
      },
    },
  };

  for (const [status, { make, refused }] of Object.entries(states)) {
    test(`${status}: every illegal transition is refused and changes nothing`, async () => {
      const c = await make(d);
      const before = await dealSnapshot(d.t.store);
      for (const [label, run, code, slug] of attempts(refused)) {
        const problem = await expectProblem(await run(c.id), code, slug);
        if (slug !== 'forbidden') assert.equal((problem as { code?: string }).code, slug.replaceAll('-', '_'), label);
      }
      assert.deepEqual(await dealSnapshot(d.t.store), before);
      assert.equal((await get(c.id)).status, status);
    });
  }

  test('confirmation needs a signer name and accept: true (422, field paths)', async () => {
    const c = await sentContract(d);
    const before = await dealSnapshot(d.t.store);
    for (const body of [{ signer_name: 'Jane', accept: false }, { signer_name: 'Jane', accept: 'true' }, { signer_name: 'Jane' }]) {
      const problem = await expectProblem(await post(c.id, 'confirm', d.acme, body), 422, 'validation');
      assert.deepEqual(problem.errors?.map((e) => e.path), ['accept']);
    }
    const unnamed = await expectProblem(await post(c.id, 'confirm', d.acme, { signer_name: '  ', accept: true }), 422, 'validation');
    assert.deepEqual(unnamed.errors?.map((e) => e.path), ['signer_name']);
    const blank = await expectProblem(await post(c.id, 'request-changes', d.acme, { comment: ' ' }), 422, 'validation');
    assert.deepEqual(blank.errors?.map((e) => e.path), ['comment']);
    assert.deepEqual(await dealSnapshot(d.t.store), before);
  });
});

describe('who may see a contract', () => {
  test('the other buyer and supplier get 404 everywhere, the operator 403; lists show only your own', async () => {
    const c = await sentContract(d);
    for (const token of [d.globex, d.textiles]) {
      for (const path of ['', '/verify', '/document']) await expectProblem(await d.t.call('GET', `/v1/contracts/${c.id}${path}`, { token }), 404, 'not-found');
      await expectProblem(await confirm(c.id, token), 404, 'not-found');
      assert.deepEqual((await ok(d.t.call('GET', '/v1/contracts', { token }))).data, []);
    }
    await expectProblem(await patch(c.id, { clauses: clauses() }, d.textiles), 404, 'not-found');
    for (const path of ['', '/verify', '/document']) await expectProblem(await d.t.call('GET', `/v1/contracts/${c.id}${path}`, { token: d.operator }), 403, 'forbidden');
    await expectProblem(await d.t.call('GET', '/v1/contracts', { token: d.operator }), 403, 'forbidden');

    const mine = await ok(d.t.call('GET', '/v1/contracts?status=sent', { token: d.acme }));
    assert.deepEqual(mine.data.map((x: { id: string }) => x.id), [c.id]);
    assert.equal(mine.data[0].versions, undefined, 'list items are summaries');
    assert.deepEqual(mine.data[0].allowed_actions, ['request_changes', 'confirm']);
    assert.deepEqual((await ok(d.t.call('GET', '/v1/contracts?status=draft', { token: d.led }))).data, []);
  });
});

describe('confirmation', () => {
  test('stores canonical JSON and its digest, freezes the PO and opens the order', async () => {
    const c = await confirmedContract(d);
    assert.equal(c.status, 'confirmed');
    assert.equal(c.signer_name, 'Jane Buyer');
    assert.match(c.digest, /^[0-9a-f]{64}$/);
    assert.match(c.order_id, /^ord_/);
    assert.deepEqual(c.allowed_actions, []);
    const row = await d.t.store.db.selectFrom('contracts').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    const { createHash } = await import('node:crypto');
    assert.equal(createHash('sha256').update(row.canonical_json!, 'utf8').digest('hex'), c.digest);
    const canonical = JSON.parse(row.canonical_json!);
    assert.deepEqual(canonical.products.map((p: { name: string }) => p.name), [LED_PANEL.name, LED_BULB.name]);
    assert.equal(canonical.agreements.k100pay_payment_and_settlement, true);
    assert.equal((await ok(d.t.call('GET', `/v1/purchase-orders/${c.purchase_order_id}`, { token: d.led }))).status, 'contract_confirmed');
  });

  test('two confirmations at once: one succeeds, one order exists', async () => {
    const c = await sentContract(d);
    const results = await Promise.all([confirm(c.id), confirm(c.id)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
    const orders = await d.t.store.db.selectFrom('orders').select('id').where('contract_id', '=', c.id).execute();
    assert.equal(orders.length, 1);
    const log = await d.t.store.db.selectFrom('contract_audit_log').select('event').where('contract_id', '=', c.id).orderBy('seq').execute();
    assert.deepEqual(log.map((e) => e.event), ['drafted', 'sent', 'confirmed']);
  });
});

describe('the contract document', () => {
  test('only once confirmed, as an attachment under a strict CSP, hostile text escaped', async () => {
    const po = await issuedPurchaseOrder(d);
    const hostile = [{ title: '<script>alert(1)</script>', body: '</style><img src=x onerror=alert(2)>' }];
    const c = await ok(d.t.call('POST', '/v1/contracts', { token: d.led, body: { purchase_order_id: po.id, clauses: hostile, legal_entities: legalEntities() } }), 201);
    await ok(post(c.id, 'send', d.led));
    const early = await expectProblem(await d.t.call('GET', `/v1/contracts/${c.id}/document`, { token: d.acme }), 409, 'not-confirmed');
    assert.equal((early as { code?: string }).code, 'not_confirmed');
    const done = await ok(confirm(c.id));

    for (const token of [d.acme, d.led]) {
      const res = await d.t.call('GET', `/v1/contracts/${c.id}/document`, { token });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(res.headers.get('content-disposition'), `attachment; filename="contract-${c.id}-v1.html"`);
      assert.equal(res.headers.get('content-security-policy'), DOCUMENT_CSP);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const html = await res.text();
      assert.doesNotMatch(html, /<script|<img/i);
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.equal(html.match(/<\/style>/g)?.length, 1);
      for (const text of [done.digest, 'Jane Buyer', LED_PANEL.name, 'Acme Trading B.V.', done.confirmed_at]) assert.ok(html.includes(text), text);
    }
  });
});
