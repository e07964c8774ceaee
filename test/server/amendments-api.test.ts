/**
 * Contract amendments over HTTP on the real database: the supplier proposes lower quantities, the buyer confirms
 * (evidence in the contract's chain, refund from escrow, new totals) or declines; every refusal changes nothing.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { migrate } from '../../server/store/migrate.js';
import { migrations } from '../../server/store/migrations/index.js';
import { openTestApp } from './app-harness.js';
import { openScratchStore, testDialect } from './harness.js';
import { seedSandbox } from '../../server/store/seed.js';
import { releaseBalance } from '../../server/services/escrow.js';
import { SANDBOX } from '../../server/store/seed.js';
import { expectProblem } from './app-harness.js';
import { LED_BULB, LED_PANEL, TEXTILES_PUBLIC } from './deal-flow.js';
import {
  ORDER_BALANCE,
  ORDER_DEPOSIT,
  ORDER_TOTAL,
  assertLedgerInvariants,
  confirmedOrder,
  confirmedOrderWithDeposit,
  ledgerRows,
  ok,
  openPayDeal,
  payOrder,
  paySnapshot,
  type PayDeal,
} from './pay-flow.js';
import { consolidate, contractCartons, crossCheck, inspect, measureAll, packingList, receive, releaseCustoms, track, transferOwnership } from './warehouse-flow.js';

let d: PayDeal;
beforeEach(async () => {
  await d?.t.close();
  d = await openPayDeal();
});
after(() => d.t.close());

const REASON = 'Short delivery: 50 panels were damaged in the factory.';
/** LED panels 200 → 150 at 1 800: 90 000 cents less. */
const SHORT = { items: [{ product_id: LED_PANEL.id, quantity: 150 }], reason: REASON };
const REFUND = 50 * 1800;

const propose = (orderId: string, body: unknown = SHORT, token = d.led) => d.t.call('POST', `/v1/orders/${orderId}/amendments`, { token, body });
const confirm = (orderId: string, aid: string, token = d.acme, body: unknown = { signer_name: 'Jane Buyer', accept: true }) =>
  d.t.call('POST', `/v1/orders/${orderId}/amendments/${aid}/confirm`, { token, body });
const decline = (orderId: string, aid: string, token = d.acme, body: unknown = { comment: 'We want the missing panels.' }) =>
  d.t.call('POST', `/v1/orders/${orderId}/amendments/${aid}/decline`, { token, body });
const list = (orderId: string, token = d.acme) => ok(d.t.call('GET', `/v1/orders/${orderId}/amendments`, { token }));

async function paidOrder(): Promise<string> {
  const orderId = await confirmedOrder(d);
  await payOrder(d, orderId);
  return orderId;
}

/** Everything an amendment could touch, to prove a refusal touched none of it. */
async function snapshot(): Promise<Record<string, string[]>> {
  const out = await paySnapshot(d.t.store);
  for (const table of ['contract_amendments', 'contract_audit_log', 'contracts', 'webhook_events'] as const) {
    out[table] = (await d.t.store.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

describe('the amendment path: short delivery, supplier proposes, buyer confirms', () => {
  test('refund from escrow by exactly the value difference, new totals, evidence verified, shown in the contract document', async () => {
    const orderId = await paidOrder();
    const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
    const proposed = await ok(propose(orderId), 201);
    assert.equal(proposed.status, 'proposed');
    assert.equal(proposed.number, 1);
    assert.equal(proposed.contract_id, order.contract_id);
    assert.deepEqual(proposed.items, [
      { product_id: LED_PANEL.id, product_name: LED_PANEL.name, unit_price: 1800, from_quantity: 200, to_quantity: 150 },
      { product_id: LED_BULB.id, product_name: LED_BULB.name, unit_price: 65, from_quantity: 1000, to_quantity: 1000 },
    ]);
    assert.deepEqual([proposed.total_before, proposed.total_after, proposed.refund_amount, proposed.currency], [ORDER_TOTAL, ORDER_TOTAL - REFUND, REFUND, 'USD']);
    assert.deepEqual([proposed.confirmed_at, proposed.signer_name, proposed.digest], [null, null, null]);
    // Nothing moves on a proposal.
    assert.equal((await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }))).balances.escrow, ORDER_BALANCE);
    assert.deepEqual((await list(orderId, d.led)).data, [proposed]);

    const confirmed = await ok(confirm(orderId, proposed.id));
    assert.equal(confirmed.status, 'confirmed');
    assert.equal(confirmed.signer_name, 'Jane Buyer');
    assert.match(confirmed.digest, /^[0-9a-f]{64}$/);
    assert.ok(confirmed.confirmed_at);

    const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.led }));
    const refund = ledger.transfers.find((t: any) => t.kind === 'amendment_refunded');
    assert.deepEqual(refund.entries, [{ account: 'escrow', amount: -REFUND }, { account: 'refunds', amount: REFUND }]);
    assert.deepEqual(ledger.balances, { ...ledger.balances, escrow: ORDER_BALANCE - REFUND, refunded: REFUND, released: ORDER_DEPOSIT });
    await assertLedgerInvariants(d.t.store, orderId);

    const after = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
    assert.deepEqual([after.total, after.deposit_amount, after.balance_amount], [ORDER_TOTAL - REFUND, ORDER_DEPOSIT, ORDER_BALANCE - REFUND]);
    assert.deepEqual(after.timeline.map((e: any) => e.code).slice(-2), ['amendment_proposed', 'contract_amended']);
    assert.deepEqual(after.timeline.at(-1).details, {
      amendment_id: proposed.id, number: 1, digest: confirmed.digest, refund_amount: REFUND, total_before: ORDER_TOTAL, total_after: ORDER_TOTAL - REFUND, currency: 'USD',
    });

    const report = await ok(d.t.call('GET', `/v1/contracts/${order.contract_id}/verify`, { token: d.acme }));
    assert.equal(report.valid, true, JSON.stringify(report.failures));
    assert.deepEqual(report.amendments, [{ id: proposed.id, number: 1, valid: true, digest: confirmed.digest }]);
    assert.equal(report.chain.length, 5, 'drafted, sent, confirmed, amendment_proposed, amendment_confirmed');

    const res = await d.t.call('GET', `/v1/contracts/${order.contract_id}/document`, { token: d.acme });
    const html = await res.text();
    assert.equal(res.status, 200);
    assert.match(html, /<h2>Amendments<\/h2>/);
    assert.ok(html.includes(confirmed.digest));
    assert.ok(html.includes('$900.00'), 'the refund in dollars');

    const events = await d.t.store.db.selectFrom('webhook_events').selectAll().where('type', '=', 'contract.amended').execute();
    assert.ok(events.length >= 1);
    assert.equal(JSON.parse(events[0]!.data).refund_amount, REFUND);
  });

  test('a second amendment starts from the first: lower again, evidence chains, both verify', async () => {
    const orderId = await paidOrder();
    const first = await ok(propose(orderId), 201);
    await ok(confirm(orderId, first.id));
    await expectProblem(await propose(orderId), 422, 'validation'); // 150 panels is no longer lower than the contract
    const second = await ok(propose(orderId, { items: [{ product_id: LED_BULB.id, quantity: 0 }], reason: 'Bulbs discontinued.' }), 201);
    assert.deepEqual(second.items.map((i: any) => [i.from_quantity, i.to_quantity]), [[150, 150], [1000, 0]]);
    assert.equal(second.refund_amount, 65_000);
    await ok(confirm(orderId, second.id));
    const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
    assert.equal(order.total, ORDER_TOTAL - REFUND - 65_000);
    const report = await ok(d.t.call('GET', `/v1/contracts/${order.contract_id}/verify`, { token: d.led }));
    assert.equal(report.valid, true, JSON.stringify(report.failures));
    assert.deepEqual(report.amendments.map((a: any) => [a.number, a.valid]), [[1, true], [2, true]]);
    await expectProblem(await propose(orderId, { items: [{ product_id: LED_PANEL.id, quantity: 0 }], reason: 'All gone.' }), 422, 'validation');
  });

  test('tampering with a confirmed amendment is caught by verify; the database refuses to change it', async () => {
    const orderId = await paidOrder();
    const a = await ok(propose(orderId), 201);
    await ok(confirm(orderId, a.id));
    await assert.rejects(d.t.store.db.updateTable('contract_amendments').set({ reason: 'edited' }).where('id', '=', a.id).execute());
    await assert.rejects(d.t.store.db.deleteFrom('contract_amendments').where('id', '=', a.id).execute());
    const trigger = d.t.store.dialect === 'postgres' ? 'contract_amendments_final ON contract_amendments' : 'contract_amendments_final';
    await sql.raw(`DROP TRIGGER ${trigger}`).execute(d.t.store.db);
    await d.t.store.db.updateTable('contract_amendments').set({ refund_amount: 1, total_after: ORDER_TOTAL - 1 }).where('id', '=', a.id).execute();
    const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
    const report = await ok(d.t.call('GET', `/v1/contracts/${order.contract_id}/verify`, { token: d.acme }));
    assert.equal(report.valid, false);
    assert.deepEqual(report.failures.map((f: any) => [f.check, f.where, f.reason]), [['amendment', 'amendment 1', 'amendment_mismatch']]);
  });
});

describe('the cross-check after an amendment', () => {
  test('a short delivery is resolved by amending: the cross-check matches the amended quantities, settlement empties escrow', async () => {
    const orderId = await paidOrder();
    const short = contractCartons().filter((c) => c.barcode !== 'PNL-0004'); // 150 panels arrive, not 200
    await packingList(d, orderId);
    await receive(d, orderId, short);
    const before = await crossCheck(d, orderId);
    assert.equal(before.status, 'discrepancy');
    assert.ok(before.differences.some((x: any) => x.kind === 'short' && x.product_id === LED_PANEL.id));

    const a = await ok(propose(orderId), 201);
    await ok(confirm(orderId, a.id));
    // The contract now says 150; the packing list still says 200 until the supplier revises it.
    const amended = await crossCheck(d, orderId);
    assert.equal(amended.lines.find((l: any) => l.product_id === LED_PANEL.id).contract_quantity, 150);
    assert.equal(amended.status, 'discrepancy');
    await packingList(d, orderId, short);
    assert.deepEqual((await crossCheck(d, orderId)).status, 'match');

    await inspect(d, orderId);
    await measureAll(d, orderId);
    await consolidate(d, orderId);
    await releaseCustoms(d, orderId);
    for (const code of ['departed', 'arrived', 'ready_for_pickup', 'picked_up'] as const) await track(d, orderId, code);
    const settled = await transferOwnership(d, orderId);
    assert.equal(settled.released, ORDER_BALANCE - REFUND);
    const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }));
    assert.deepEqual([ledger.balances.escrow, ledger.balances.released, ledger.balances.refunded], [0, ORDER_TOTAL - REFUND, REFUND]);
    await assertLedgerInvariants(d.t.store, orderId);
    await expectProblem(await propose(orderId, { items: [{ product_id: LED_BULB.id, quantity: 1 }], reason: 'late' }), 409, 'order-closed');
  });
});

describe('declining and one proposal at a time', () => {
  test('decline: nothing moves; a pending proposal blocks another; after the answer a new one gets the next number', async () => {
    const orderId = await paidOrder();
    const a = await ok(propose(orderId), 201);
    const before = await snapshot();
    await expectProblem(await propose(orderId, { items: [{ product_id: LED_BULB.id, quantity: 900 }], reason: 'Also bulbs.' }), 409, 'amendment-pending');
    assert.deepEqual(await snapshot(), before);
    const declined = await ok(decline(orderId, a.id));
    assert.equal(declined.status, 'declined');
    assert.equal(declined.digest, null);
    await expectProblem(await confirm(orderId, a.id), 409, 'amendment-not-pending');
    await expectProblem(await decline(orderId, a.id), 409, 'amendment-not-pending');
    const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }));
    assert.equal(ledger.balances.escrow, ORDER_BALANCE);
    assert.ok(!ledger.transfers.some((t: any) => t.kind === 'amendment_refunded'));
    const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
    assert.equal(order.total, ORDER_TOTAL);
    assert.equal(order.timeline.at(-1).code, 'amendment_declined');
    const next = await ok(propose(orderId), 201);
    assert.equal(next.number, 2);
    assert.deepEqual((await list(orderId)).data.map((x: any) => [x.number, x.status]), [[2, 'proposed'], [1, 'declined']]);
    const report = await ok(d.t.call('GET', `/v1/contracts/${order.contract_id}/verify`, { token: d.acme }));
    assert.equal(report.valid, true);
    assert.deepEqual(report.amendments, []);
  });
});

describe('refusals change nothing', () => {
  test('quantities: above the contract, a product not on it, none lower, every line dropped, duplicates, bad bodies (422)', async () => {
    const orderId = await paidOrder();
    const before = await snapshot();
    const bad = async (body: unknown, path?: string) => {
      const problem = await expectProblem(await propose(orderId, body), 422, 'validation');
      if (path) assert.ok(problem.errors!.some((e) => e.path === path), JSON.stringify(problem.errors));
    };
    await bad({ items: [{ product_id: LED_PANEL.id, quantity: 201 }], reason: REASON }, 'items.0.quantity');
    await bad({ items: [{ product_id: TEXTILES_PUBLIC.id, quantity: 1 }], reason: REASON }, 'items.0.product_id');
    await bad({ items: [{ product_id: LED_PANEL.id, quantity: 200 }], reason: REASON }, 'items');
    await bad({ items: [{ product_id: LED_PANEL.id, quantity: 0 }, { product_id: LED_BULB.id, quantity: 0 }], reason: REASON }, 'items');
    await bad({ items: [{ product_id: LED_PANEL.id, quantity: 10 }, { product_id: LED_PANEL.id, quantity: 20 }], reason: REASON }, 'items.1.product_id');
    await bad({ items: [{ product_id: LED_PANEL.id, quantity: -1 }], reason: REASON });
    await bad({ items: [], reason: REASON });
    await bad({ items: [{ product_id: LED_PANEL.id, quantity: 150 }], reason: '  ' });
    await bad({ ...SHORT, extra: true });
    assert.deepEqual(await snapshot(), before);
  });

  test('a refund beyond what escrow holds is refused (the released deposit is never refunded)', async () => {
    const orderId = await confirmedOrderWithDeposit(d, 90);
    await payOrder(d, orderId);
    const before = await snapshot();
    // 90 % deposit: escrow holds 42 500; 50 panels are worth 90 000.
    const problem = await expectProblem(await propose(orderId), 422, 'refund-exceeds-escrow');
    assert.deepEqual([(problem as any).refund_amount, (problem as any).escrow], [REFUND, 42_500]);
    assert.deepEqual(await snapshot(), before);
    await ok(propose(orderId, { items: [{ product_id: LED_BULB.id, quantity: 400 }], reason: 'Fewer bulbs.' }), 201); // 39 000 fits
  });

  test('who: buyer cannot propose (403), supplier cannot confirm (403), other parties 404; operator reads once paid', async () => {
    const orderId = await paidOrder();
    const before = await snapshot();
    await expectProblem(await propose(orderId, SHORT, d.acme), 403, 'forbidden');
    await expectProblem(await propose(orderId, SHORT, d.textiles), 404, 'not-found');
    await expectProblem(await propose(orderId, SHORT, d.operator), 403, 'forbidden');
    assert.deepEqual(await snapshot(), before);
    const a = await ok(propose(orderId), 201);
    const proposed = await snapshot();
    await expectProblem(await confirm(orderId, a.id, d.led), 403, 'forbidden');
    await expectProblem(await confirm(orderId, a.id, d.globex), 404, 'not-found');
    await expectProblem(await decline(orderId, a.id, d.globex), 404, 'not-found');
    await expectProblem(await confirm(orderId, 'amd_nope'), 404, 'not-found');
    await expectProblem(await confirm(orderId, a.id, d.acme, { signer_name: 'Jane Buyer', accept: false }), 422, 'validation');
    await expectProblem(await decline(orderId, a.id, d.acme, { comment: '' }), 422, 'validation');
    assert.deepEqual(await snapshot(), proposed);
    await expectProblem(await d.t.call('GET', `/v1/orders/${orderId}/amendments`, { token: d.globex }), 404, 'not-found');
    await expectProblem(await d.t.call('GET', `/v1/orders/${orderId}/amendments`, { token: d.textiles }), 404, 'not-found');
    const warehouse = await d.t.store.db.selectFrom('orders').select('warehouse_id').where('id', '=', orderId).executeTakeFirst();
    if (warehouse?.warehouse_id) assert.equal((await list(orderId, d.operator)).data.length, 1);
  });

  test('before payment 409 not_paid; after the balance release 409 order_closed', async () => {
    const orderId = await confirmedOrder(d);
    await expectProblem(await propose(orderId), 409, 'not-paid');
    await payOrder(d, orderId);
    const a = await ok(propose(orderId), 201);
    await releaseBalance(d.t.store, orderId, { kind: 'operator', id: SANDBOX.operator });
    const before = await snapshot();
    await expectProblem(await confirm(orderId, a.id), 409, 'order-closed');
    await expectProblem(await decline(orderId, a.id), 409, 'order-closed');
    assert.deepEqual(await snapshot(), before);
  });
});

describe('migration 0006 on a database with money in it', () => {
  test('widening the audit events and transfer kinds keeps every row, the chain and the ledger rules', async () => {
    const store = await openScratchStore(testDialect);
    try {
      const all = migrations(store.dialect);
      const upTo0005 = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0006'));
      const { error } = await new Migrator({ db: store.db, provider: { getMigrations: async () => upTo0005 } }).migrateToLatest();
      assert.equal(error, undefined);
      await seedSandbox(store);
      const t = await openTestApp({ store, config: { sandbox: true } });
      const [acme, globex, led, textiles, operator] = (await Promise.all(
        [SANDBOX.buyers.acme, SANDBOX.buyers.globex, SANDBOX.suppliers.shenzhenLed, SANDBOX.suppliers.ningboTextiles, SANDBOX.operator].map((p) => t.session(p)),
      )) as [string, string, string, string, string];
      const deal = { t, acme, globex, led, textiles, operator };
      const orderId = await confirmedOrder(deal);
      await payOrder(deal, orderId);
      const ledger = await ledgerRows(store);
      const log = (await store.db.selectFrom('contract_audit_log').selectAll().execute()).map((r) => JSON.stringify(r)).sort();
      assert.ok(ledger.length > 0 && log.length > 0);

      await migrate(store);
      assert.deepEqual(await ledgerRows(store), ledger);
      assert.deepEqual((await store.db.selectFrom('contract_audit_log').selectAll().execute()).map((r) => JSON.stringify(r)).sort(), log);
      // The rebuilt tables keep their rules: append-only, and a transfer must balance.
      await assert.rejects(store.db.deleteFrom('contract_audit_log').execute());
      await assert.rejects(store.db.deleteFrom('ledger_entries').execute());
      await assert.rejects(store.db.updateTable('ledger_transfers').set({ kind: 'amendment_refunded' }).execute());

      const a = await ok(t.call('POST', `/v1/orders/${orderId}/amendments`, { token: led, body: SHORT }), 201);
      await ok(t.call('POST', `/v1/orders/${orderId}/amendments/${a.id}/confirm`, { token: acme, body: { signer_name: 'Jane Buyer', accept: true } }));
      const order = await ok(t.call('GET', `/v1/orders/${orderId}`, { token: acme }));
      const report = await ok(t.call('GET', `/v1/contracts/${order.contract_id}/verify`, { token: acme }));
      assert.equal(report.valid, true, JSON.stringify(report.failures));
      await assertLedgerInvariants(store);
    } finally {
      await store.close();
    }
  });
});
