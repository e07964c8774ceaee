/**
 * Fulfilment races under real concurrency: receipts and inspections at the warehouse, amendment proposals
 * and answers. One winner where only one can win, every state a sequential run could leave, the timeline
 * numbered without gaps, and the ledger balanced.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LED_PANEL } from './deal-flow.js';
import { ORDER_DEPOSIT, ORDER_TOTAL, ok, openPayDeal, type PayDeal } from './pay-flow.js';
import { assertAllSucceeded, assertEscrowBalanced, assertOneWinner, forEachRound, prepare, race, raceRounds } from './race-harness.js';
import { contractCartons, packingList, paidOrder, postInspection, postReceipt, receive, shipment } from './warehouse-flow.js';

let d: PayDeal;
before(async () => {
  d = await openPayDeal();
});
after(() => d.t.close());

const ROUNDS = raceRounds({ postgres: 25, sqlite: 5 });

const panels = () => contractCartons().filter((c) => c.barcode.startsWith('PNL'));
const bulbs = () => contractCartons().filter((c) => c.barcode.startsWith('BLB'));

/** The order's timeline is numbered 1…n with no gap or repeat, whoever appended concurrently. */
async function assertTimelineNumbered(orderId: string): Promise<string[]> {
  const rows = await d.t.store.db.selectFrom('order_events').select(['seq', 'code']).where('order_id', '=', orderId).orderBy('seq').execute();
  assert.deepEqual(rows.map((r) => Number(r.seq)), rows.map((_, i) => i + 1));
  return rows.map((r) => r.code);
}

/** A paid order (default deal, 10 % inspection) whose packing list the supplier has sent. */
async function packedOrder(): Promise<string> {
  const orderId = await paidOrder(d);
  await packingList(d, orderId);
  return orderId;
}

describe('races at the warehouse', () => {
  test(`two receipts of every carton and one of the panels, at once: one receipt, each carton received once (${ROUNDS} rounds)`, async () => {
    const orders = await prepare(ROUNDS, packedOrder);
    await forEachRound('receipts', ROUNDS, async (round, rng) => {
      const orderId = orders[round]!;
      const answers = await race([() => postReceipt(d, orderId), () => postReceipt(d, orderId), () => postReceipt(d, orderId, panels())], rng);
      const winner = assertOneWinner(answers);
      for (const a of answers) if (a !== winner) assert.equal(a.body.code, 'barcode_already_received', a.text);
      assert.equal(winner.body.number, 1);
      const expected = (winner.index === 2 ? panels() : contractCartons()).map((c) => c.barcode).sort();
      const received = await d.t.store.db.selectFrom('received_cartons').select('barcode').where('order_id', '=', orderId).execute();
      assert.deepEqual(received.map((r) => r.barcode).sort(), expected);
      const docs = await ok(d.t.call('GET', `/v1/orders/${orderId}/documents`, { token: d.acme }));
      assert.equal(docs.data.filter((x: { kind: string }) => x.kind === 'goods_receipt').length, 1);
      const codes = await assertTimelineNumbered(orderId);
      assert.equal(codes.filter((c) => c === 'goods_received').length, 1, codes.join());
    });
  });

  test(`a receipt of the bulbs, an inspection of the panels and a second bulbs receipt, at once: both steps once, numbered in order (${ROUNDS} rounds)`, async () => {
    const orders = await prepare(ROUNDS, async () => {
      const orderId = await packedOrder();
      await receive(d, orderId, panels());
      return orderId;
    });
    await forEachRound('receipt-and-inspection', ROUNDS, async (round, rng) => {
      const orderId = orders[round]!;
      const inspection = () => postInspection(d, orderId, { sampled_barcodes: panels().map((c) => c.barcode), result: 'pass', notes: 'As sampled.' });
      const answers = await race([() => postReceipt(d, orderId, bulbs()), inspection, () => postReceipt(d, orderId, bulbs())], rng);
      // The inspection samples 4 cartons, enough for 10 % of the 4 or the 9 on hand: it always succeeds.
      assertAllSucceeded([answers[1]!]);
      const receipt = assertOneWinner([answers[0]!, answers[2]!]);
      assert.equal(receipt.body.number, 2);
      const view = await shipment(d, orderId);
      assert.equal(view.cartons.length, contractCartons().length);
      const codes = await assertTimelineNumbered(orderId);
      assert.deepEqual(
        codes.filter((c) => c === 'goods_received' || c === 'inspected').sort(),
        ['goods_received', 'goods_received', 'inspected'],
      );
    });
  });
});

/** LED panels 200 → 150 at 1 800: 90 000 cents back from escrow. */
const SHORT = { items: [{ product_id: LED_PANEL.id, quantity: 150 }], reason: 'Short delivery: 50 panels damaged.' };
const REFUND = 50 * 1800;
const propose = (orderId: string, body: unknown = SHORT) => d.t.call('POST', `/v1/orders/${orderId}/amendments`, { token: d.led, body });
const confirm = (orderId: string, aid: string, signer_name = 'Jane Buyer') =>
  d.t.call('POST', `/v1/orders/${orderId}/amendments/${aid}/confirm`, { token: d.acme, body: { signer_name, accept: true } });
const decline = (orderId: string, aid: string) => d.t.call('POST', `/v1/orders/${orderId}/amendments/${aid}/decline`, { token: d.acme, body: { comment: 'We want the panels.' } });

describe('races on amendments', () => {
  test(`two proposals at once: one pending amendment (${ROUNDS} rounds)`, async () => {
    const orders = await prepare(ROUNDS, () => paidOrder(d));
    await forEachRound('amendment-proposals', ROUNDS, async (round, rng) => {
      const orderId = orders[round]!;
      const other = { items: [{ product_id: LED_PANEL.id, quantity: 100 }], reason: 'Short delivery: 100 panels damaged.' };
      const winner = assertOneWinner(await race([() => propose(orderId), () => propose(orderId, other)], rng));
      const list = await ok(d.t.call('GET', `/v1/orders/${orderId}/amendments`, { token: d.acme }));
      assert.deepEqual(list.data.map((a: { id: string; status: string; number: number }) => [a.id, a.status, a.number]), [[winner.body.id, 'proposed', 1]]);
    });
  });

  test(`two confirmations and a decline of one amendment at once: one answer, the refund once (${ROUNDS} rounds)`, async () => {
    const fixtures = await prepare(ROUNDS, async () => {
      const orderId = await paidOrder(d);
      return { orderId, aid: (await ok(propose(orderId), 201)).id as string };
    });
    await forEachRound('amendment-answers', ROUNDS, async (round, rng) => {
      const { orderId, aid } = fixtures[round]!;
      const winner = assertOneWinner(await race([() => confirm(orderId, aid), () => confirm(orderId, aid, 'John Buyer'), () => decline(orderId, aid)], rng));
      const confirmed = winner.index !== 2;
      assert.equal(winner.body.status, confirmed ? 'confirmed' : 'declined');
      const balances = await assertEscrowBalanced(d, orderId);
      assert.equal(balances.escrow, ORDER_TOTAL - ORDER_DEPOSIT - (confirmed ? REFUND : 0));
      const kinds = (await d.t.store.db.selectFrom('ledger_transfers').select('kind').where('order_id', '=', orderId).execute()).map((r) => r.kind);
      assert.equal(kinds.filter((k) => k === 'amendment_refunded').length, confirmed ? 1 : 0, kinds.join());
      const verified = await ok(d.t.call('GET', `/v1/contracts/${winner.body.contract_id ?? (await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }))).contract_id}/verify`, { token: d.acme }));
      assert.equal(verified.valid, true, JSON.stringify(verified));
      await assertTimelineNumbered(orderId);
    });
  });
});
