/**
 * Review findings on the warehouse issue, each a defect a party would hit: races that must end with one
 * success and one clean refusal (on Postgres they really run concurrently), and step rules that would leave
 * an order stuck.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { SANDBOX } from '../../server/store/seed.js';
import { expectProblem } from './app-harness.js';
import { LED_PANEL, ok } from './deal-flow.js';
import { assertLedgerInvariants, openPayDeal, type PayDeal } from './pay-flow.js';
import {
  consolidate,
  contractCartons,
  crossCheck,
  inspect,
  measureAll,
  packingList,
  paidOrder,
  postOwnershipTransfer,
  postReceipt,
  receive,
  walkToPickedUp,
  warehouseSnapshot,
} from './warehouse-flow.js';

let d: PayDeal;
beforeEach(async () => {
  await d?.t.close();
  d = await openPayDeal();
});
after(() => d.t.close());

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const upload = (orderId: string) =>
  Promise.resolve(
    d.t.app.request(`/v1/orders/${orderId}/documents?kind=bill_of_lading`, {
      method: 'POST',
      headers: { authorization: `Bearer ${d.operator}`, 'content-type': 'application/pdf' },
      body: PDF,
    }),
  );
const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

describe('races end with one success and a clean refusal', () => {
  test('two receipts of the same barcode at once: one 201, one 409 barcode_already_received', async () => {
    const orderId = await paidOrder(d);
    const carton = contractCartons().slice(0, 1);
    const results = await Promise.all([postReceipt(d, orderId, carton), postReceipt(d, orderId, carton)]);
    assert.deepEqual(statuses(results), [201, 409]);
    await expectProblem(results.find((r) => r.status === 409)!, 409, 'barcode-already-received');
    const receipts = await d.t.store.db.selectFrom('receipts').selectAll().where('order_id', '=', orderId).execute();
    assert.equal(receipts.length, 1);
  });

  test('two ownership transfers at once: one settles, the other is refused order_closed; escrow exactly 0', async () => {
    const orderId = await paidOrder(d);
    await walkToPickedUp(d, orderId);
    const results = await Promise.all([postOwnershipTransfer(d, orderId), postOwnershipTransfer(d, orderId)]);
    assert.deepEqual(statuses(results), [200, 409]);
    await expectProblem(results.find((r) => r.status === 409)!, 409, 'order-closed');
    const balances = await assertLedgerInvariants(d.t.store, orderId);
    assert.equal(balances.get(`${orderId}/USD`)!.escrow, 0);
    const settled = await d.t.store.db.selectFrom('order_events').select('code').where('order_id', '=', orderId).where('code', '=', 'settled').execute();
    assert.equal(settled.length, 1);
  });

  test('amendment confirmation racing a whole dispute refund: one wins, the other is refused; the ledger holds', async () => {
    const orderId = await paidOrder(d);
    const short = contractCartons().filter((c) => c.barcode !== 'PNL-0004');
    await packingList(d, orderId);
    await receive(d, orderId, short);
    const amendment = await ok(
      d.t.call('POST', `/v1/orders/${orderId}/amendments`, { token: d.led, body: { items: [{ product_id: LED_PANEL.id, quantity: 150 }], reason: 'Short by 50.' } }),
      201,
    );
    const dispute = await ok(d.t.call('POST', `/v1/orders/${orderId}/disputes`, { token: d.acme, body: { reason: 'Short delivery.' } }), 201);
    const [confirm, resolve] = await Promise.all([
      d.t.call('POST', `/v1/orders/${orderId}/amendments/${amendment.id}/confirm`, { token: d.acme, body: { signer_name: 'Jane Buyer', accept: true } }),
      d.t.call('POST', `/v1/orders/${orderId}/disputes/${dispute.id}/resolve`, { token: SANDBOX.secretKey, body: { resolution: { kind: 'refund_whole' } } }),
    ]);
    assert.equal(resolve.status, 200, await resolve.clone().text());
    // Whichever ran second: the refund empties escrow after the amendment's refund, or the amendment finds the order closed.
    if (confirm.status !== 200) await expectProblem(confirm, 409, 'order-closed');
    const balances = await assertLedgerInvariants(d.t.store, orderId);
    assert.equal(balances.get(`${orderId}/USD`)!.escrow, 0);
  });

  test('two bill of lading uploads at once: both stored, numbered 1 and 2 (never a 500)', async () => {
    const orderId = await paidOrder(d);
    await packingList(d, orderId);
    await receive(d, orderId);
    await inspect(d, orderId);
    await measureAll(d, orderId);
    await consolidate(d, orderId);
    const results = await Promise.all([upload(orderId), upload(orderId), upload(orderId)]);
    assert.deepEqual(statuses(results), [201, 201, 201], await Promise.all(results.map((r) => r.clone().text())).then((t) => t.join('\n')));
    const numbers = (await Promise.all(results.map((r) => r.json()))).map((x: { number: number }) => x.number).sort();
    assert.deepEqual(numbers, [1, 2, 3]);
  });
});

describe('amendments after consolidation', () => {
  test('refused (409 step_out_of_order): the goods are packed as the contract said and can no longer be returned', async () => {
    const orderId = await paidOrder(d);
    await packingList(d, orderId);
    await receive(d, orderId);
    await inspect(d, orderId);
    await measureAll(d, orderId);
    await consolidate(d, orderId);
    const before = await warehouseSnapshot(d);
    await expectProblem(
      await d.t.call('POST', `/v1/orders/${orderId}/amendments`, { token: d.led, body: { items: [{ product_id: LED_PANEL.id, quantity: 150 }], reason: 'Fewer.' } }),
      409,
      'step-out-of-order',
    );
    assert.deepEqual(await warehouseSnapshot(d), before);
    assert.equal((await crossCheck(d, orderId)).status, 'match');
  });

  test('a proposal made before consolidation cannot be confirmed after it (it would leave an excess nobody can return)', async () => {
    const orderId = await paidOrder(d);
    await packingList(d, orderId);
    await receive(d, orderId);
    const amendment = await ok(
      d.t.call('POST', `/v1/orders/${orderId}/amendments`, { token: d.led, body: { items: [{ product_id: LED_PANEL.id, quantity: 150 }], reason: 'Fewer.' } }),
      201,
    );
    await inspect(d, orderId);
    await measureAll(d, orderId);
    await consolidate(d, orderId);
    const before = await warehouseSnapshot(d);
    await expectProblem(
      await d.t.call('POST', `/v1/orders/${orderId}/amendments/${amendment.id}/confirm`, { token: d.acme, body: { signer_name: 'Jane Buyer', accept: true } }),
      409,
      'step-out-of-order',
    );
    assert.deepEqual(await warehouseSnapshot(d), before);
    // Declining stays possible, so the proposal does not block a later one.
    await ok(d.t.call('POST', `/v1/orders/${orderId}/amendments/${amendment.id}/decline`, { token: d.acme, body: { comment: 'Already packed.' } }));
  });
});

describe('bill of lading uploads', () => {
  test('the filename must carry the extension of the checked type: a PDF is never saved as page.html (422, nothing stored)', async () => {
    const orderId = await paidOrder(d);
    await packingList(d, orderId);
    await receive(d, orderId);
    await inspect(d, orderId);
    await measureAll(d, orderId);
    await consolidate(d, orderId);
    const before = await warehouseSnapshot(d);
    // Starts with %PDF- (the magic bytes pass) and is HTML after it: opened from disk as .html, the script would run.
    const polyglot = new TextEncoder().encode('%PDF-1.7\n<html><script>alert(document.cookie)</script></html>');
    for (const filename of ['page.html', 'bl.pdf.svg', 'bl.png', 'bl']) {
      const res = await Promise.resolve(
        d.t.app.request(`/v1/orders/${orderId}/documents?kind=bill_of_lading&filename=${encodeURIComponent(filename)}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${d.operator}`, 'content-type': 'application/pdf' },
          body: polyglot,
        }),
      );
      const problem = await expectProblem(res, 422, 'validation');
      assert.equal(problem.errors![0]!.path, 'filename', filename);
    }
    assert.deepEqual(await warehouseSnapshot(d), before);
    for (const [filename, type] of [['MAEU BL.PDF', 'application/pdf'], ['scan.jpeg', 'image/jpeg'], ['scan.JPG', 'image/jpeg']] as const) {
      const bytes = type === 'application/pdf' ? PDF : Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
      const res = await Promise.resolve(
        d.t.app.request(`/v1/orders/${orderId}/documents?kind=bill_of_lading&filename=${encodeURIComponent(filename)}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${d.operator}`, 'content-type': type },
          body: bytes,
        }),
      );
      assert.equal((await ok(res, 201)).filename, filename);
    }
  });
});

describe('tracking times', () => {
  test('an event cannot be dated before the one it follows (arrived before departed): 422 on `at`, nothing stored', async () => {
    const orderId = await paidOrder(d);
    await packingList(d, orderId);
    await receive(d, orderId);
    await inspect(d, orderId);
    await measureAll(d, orderId);
    await consolidate(d, orderId);
    await ok(d.t.call('POST', `/v1/orders/${orderId}/customs-release`, { token: d.operator, body: { declaration_no: 'CN-EXP-2026-00042' } }), 201);
    const departed = await ok(
      d.t.call('POST', `/v1/orders/${orderId}/tracking-events`, { token: d.operator, body: { code: 'departed', location: 'Ningbo', bill_of_lading_no: 'MAEU-1234' } }),
      201,
    );
    const before = await warehouseSnapshot(d);
    const earlier = new Date(Date.parse(departed.at) - 60_000).toISOString();
    const problem = await expectProblem(
      await d.t.call('POST', `/v1/orders/${orderId}/tracking-events`, { token: d.operator, body: { code: 'arrived', location: 'Rotterdam', at: earlier } }),
      422,
      'validation',
    );
    assert.equal(problem.errors![0]!.path, 'at');
    assert.deepEqual(await warehouseSnapshot(d), before);
    await ok(d.t.call('POST', `/v1/orders/${orderId}/tracking-events`, { token: d.operator, body: { code: 'arrived', location: 'Rotterdam', at: departed.at } }), 201);
  });
});
