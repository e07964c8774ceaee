/**
 * The designated warehouse over HTTP on the real database: the order of steps, who may do each, the
 * cross-check and its ways out, returns, duplicates, refusals that change nothing, and the ownership transfer
 * that settles the order with escrow at exactly zero.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { SANDBOX } from '../../server/store/seed.js';
import { expectProblem } from './app-harness.js';
import { TEXTILES_PUBLIC } from './deal-flow.js';
import { ORDER_BALANCE, ORDER_TOTAL, assertLedgerInvariants, confirmedOrder, ok, openPayDeal, type PayDeal } from './pay-flow.js';
import {
  BILL_OF_LADING_NO,
  CONTAINER_NO,
  DECLARATION_NO,
  LED_BULB,
  LED_PANEL,
  SEAL_NO,
  consolidate,
  contractCartons,
  crossCheck,
  getOrder,
  inspect,
  measureAll,
  otherWarehouseOperator,
  packingList,
  paidOrder,
  postConsolidation,
  postCustomsRelease,
  postInspection,
  postMeasurements,
  postOwnershipTransfer,
  postPackingList,
  postReceipt,
  postReturn,
  postTracking,
  receive,
  releaseCustoms,
  shipment,
  track,
  transferOwnership,
  walkToCustomsReleased,
  walkToPickedUp,
  warehouseSnapshot,
} from './warehouse-flow.js';

let d: PayDeal;
beforeEach(async () => {
  await d?.t.close();
  d = await openPayDeal();
});
after(() => d.t.close());

const WAREHOUSE_PLACE = 'Ningbo Designated Warehouse, CNNGB';
const milestoneStates = (order: any) => Object.fromEntries(order.milestones.map((m: { code: string; state: string }) => [m.code, m.state]));
const webhookTypes = async (orderId: string) =>
  (await d.t.store.db.selectFrom('webhook_events').select(['type', 'data']).orderBy('created_at').orderBy('id').execute())
    .filter((e) => JSON.parse(e.data).order_id === orderId)
    .map((e) => ({ type: e.type, code: JSON.parse(e.data).code as string | undefined }));

describe('the whole way: paid → settled', () => {
  test('every step in order: statuses, timeline with places, milestones, next step, documents, webhooks; escrow ends at 0', async () => {
    const orderId = await paidOrder(d);
    let order = await getOrder(d, orderId);
    assert.deepEqual([order.status, order.shipping_mode, order.destination_port, order.next_step], ['paid', 'fcl', 'NLRTM', { code: 'packing_list', by: 'supplier' }]);
    assert.deepEqual(order.warehouse, { id: 'wh_ningbo', name: 'Ningbo Designated Warehouse', port: 'CNNGB', address: 'No. 1 Beilun Port Road, Ningbo, Zhejiang, CN' });
    assert.equal(order.current_milestone, 'deposit_released');

    const pl = await packingList(d, orderId);
    assert.deepEqual([pl.revision, pl.totals], [1, { cartons: 9, quantity: 1200, gross_weight_kg: 90 }]);
    assert.deepEqual((await getOrder(d, orderId)).next_step, { code: 'receipt', by: 'operator' });

    const receipt = await receive(d, orderId);
    assert.deepEqual([receipt.number, receipt.cartons.length], [1, 9]);
    assert.match(receipt.document_id, /^doc_/);
    order = await getOrder(d, orderId);
    assert.deepEqual([order.status, order.next_step], ['at_warehouse', { code: 'inspection', by: 'operator' }]);
    assert.equal(order.timeline.at(-1).code, 'goods_received');
    assert.equal(order.timeline.at(-1).place, WAREHOUSE_PLACE);
    assert.equal(order.timeline.at(-1).actor.id, SANDBOX.operator);

    const inspection = await inspect(d, orderId);
    assert.deepEqual([inspection.result, inspection.required_sample], ['pass', 1]);
    const measured = await measureAll(d, orderId);
    assert.deepEqual(measured.totals, { cartons: 9, weight_kg: 90, volume_cbm: 0.648 });
    assert.equal((await crossCheck(d, orderId, d.acme)).status, 'match');
    assert.deepEqual((await getOrder(d, orderId)).next_step, { code: 'consolidation', by: 'operator' });

    const consolidation = await consolidate(d, orderId);
    assert.deepEqual([consolidation.mode, consolidation.container_no, consolidation.seal_no, consolidation.carrier], ['fcl', CONTAINER_NO, SEAL_NO, null]);
    const customs = await releaseCustoms(d, orderId);
    assert.equal(customs.declaration_no, DECLARATION_NO);
    assert.equal(customs.document_ids.length, 2);
    assert.equal((await getOrder(d, orderId)).status, 'customs_released');

    const departed = await track(d, orderId, 'departed');
    assert.deepEqual([departed.bill_of_lading_no, departed.location], [BILL_OF_LADING_NO, 'Port of Ningbo-Zhoushan, CN']);
    assert.match(departed.document_id, /^doc_/);
    assert.equal((await getOrder(d, orderId)).status, 'in_transit');
    for (const code of ['arrived', 'ready_for_pickup', 'picked_up'] as const) {
      await track(d, orderId, code);
      assert.equal((await getOrder(d, orderId)).status, code);
    }
    order = await getOrder(d, orderId);
    assert.deepEqual(order.next_step, { code: 'ownership_transfer', by: 'operator' });
    assert.equal(order.timeline.at(-1).place, 'APM Terminals Maasvlakte II, Rotterdam');

    const ship = await shipment(d, orderId, d.acme);
    assert.deepEqual(ship.totals, { cartons: 9, quantity: 1200, weight_kg: 90, volume_cbm: 0.648 });
    assert.deepEqual(ship.pickup.where, 'at the destination port NLRTM');
    assert.equal(ship.bill_of_lading_no, BILL_OF_LADING_NO);
    assert.deepEqual(ship.customs, { declaration_no: DECLARATION_NO, at: customs.at });
    assert.deepEqual(ship.tracking.map((t: { code: string }) => t.code), ['departed', 'arrived', 'ready_for_pickup', 'picked_up']);
    assert.deepEqual(ship.cartons[0], { barcode: 'BLB-0001', product_id: LED_BULB.id, product_name: LED_BULB.name, quantity: 200, received_at: receipt.received_at, returned: false, weight_kg: 8, length_cm: 60, width_cm: 40, height_cm: 30 });

    const settled = await transferOwnership(d, orderId);
    assert.deepEqual(settled, { order_id: orderId, status: 'settled', released: ORDER_BALANCE, currency: 'USD' });
    order = await getOrder(d, orderId, d.led);
    assert.deepEqual([order.status, order.payment_status, order.next_step, order.current_milestone], ['settled', 'released', null, 'settled']);
    assert.deepEqual(order.timeline.map((e: { code: string }) => e.code), [
      'contract_confirmed', 'payment_received', 'deposit_released', 'packing_list_submitted', 'goods_received', 'inspected', 'measured', 'consolidated',
      'customs_released', 'departed', 'arrived', 'ready_for_pickup', 'picked_up', 'ownership_transferred', 'settled',
    ]);
    assert.deepEqual(order.timeline.map((e: { seq: number }) => e.seq), order.timeline.map((_: unknown, i: number) => i + 1));
    assert.ok(order.milestones.every((m: { state: string }) => m.state === 'done' || m.state === 'current'));
    assert.equal(order.milestones.find((m: { code: string }) => m.code === 'consolidated').place, WAREHOUSE_PLACE);

    const balances = await assertLedgerInvariants(d.t.store, orderId);
    assert.equal(balances.get(`${orderId}/USD`)!.escrow, 0);
    assert.equal(balances.get(`${orderId}/USD`)!.supplier_released, ORDER_TOTAL);

    const documents = await d.t.store.db.selectFrom('order_documents').select(['kind', 'number', 'data', 'file']).where('order_id', '=', orderId).orderBy('created_at').execute();
    assert.deepEqual(documents.map((x) => x.kind).sort(), ['bill_of_lading', 'commercial_invoice', 'customs_declaration', 'goods_receipt', 'packing_list']);
    assert.ok(documents.every((x) => x.file === null));
    const invoice = JSON.parse(documents.find((x) => x.kind === 'commercial_invoice')!.data);
    assert.equal(invoice.total, ORDER_TOTAL);
    assert.deepEqual([invoice.seller.name, invoice.incoterm, invoice.currency], ['Shenzhen Brightway LED Co., Ltd.', 'FOB', 'USD']);
    const declaration = JSON.parse(documents.find((x) => x.kind === 'customs_declaration')!.data);
    assert.deepEqual([declaration.packages, declaration.gross_weight_kg, declaration.volume_cbm, declaration.port_of_loading, declaration.container_no], [9, 90, 0.648, 'CNNGB', CONTAINER_NO]);
    const goodsReceipt = JSON.parse(documents.find((x) => x.kind === 'goods_receipt')!.data);
    assert.deepEqual([goodsReceipt.receipt_number, goodsReceipt.totals, goodsReceipt.warehouse.id, goodsReceipt.operator.id], [1, { cartons: 9, quantity: 1200 }, 'wh_ningbo', SANDBOX.operator]);

    const hooks = await webhookTypes(orderId);
    // The test clock stands still, so events share created_at: compare as a set.
    assert.deepEqual(
      hooks.filter((h) => h.type === 'shipment.milestone').map((h) => h.code).sort(),
      ['packing_list_submitted', 'goods_received', 'inspected', 'measured', 'consolidated', 'customs_released', 'departed', 'arrived', 'ready_for_pickup', 'picked_up', 'ownership_transferred'].sort(),
    );
    assert.ok(hooks.some((h) => h.type === 'order.settled'));
    assert.equal(hooks.filter((h) => h.type === 'escrow.released').length, 2, 'deposit on funding, balance on transfer');

    // Settled: nothing more, from anyone.
    const before = await warehouseSnapshot(d);
    await expectProblem(await postOwnershipTransfer(d, orderId), 409, 'order-closed');
    await expectProblem(await postReceipt(d, orderId, [{ barcode: 'LATE-0001', product_id: LED_PANEL.id, quantity: 1 }]), 409, 'order-closed');
    await expectProblem(await postPackingList(d, orderId), 409, 'order-closed');
    await expectProblem(await postTracking(d, orderId, { code: 'picked_up', location: 'Rotterdam' }), 409, 'order-closed');
    await expectProblem(await d.t.call('POST', `/v1/orders/${orderId}/disputes`, { token: d.acme, body: { reason: 'Too late' } }), 409, 'order-closed');
    assert.deepEqual(await warehouseSnapshot(d), before);
  });

  test('courier without inspection: inspected is skipped, departure needs no B/L, pickup is the courier’s delivery', async () => {
    const orderId = await paidOrder(d, { shipping_mode: 'courier', inspection_percent: 0 });
    await packingList(d, orderId);
    await receive(d, orderId);
    await expectProblem(await postInspection(d, orderId, { sampled_barcodes: ['PNL-0001'], result: 'pass' }), 409, 'inspection-not-agreed');
    await measureAll(d, orderId);
    await expectProblem(await postConsolidation(d, orderId), 409, 'mode-mismatch');
    await consolidate(d, orderId, { mode: 'courier', carrier: 'DHL Express', tracking_no: '1234567890' });
    await releaseCustoms(d, orderId);
    const departed = await ok(postTracking(d, orderId, { code: 'departed', location: 'Ningbo DHL hub' }), 201);
    assert.equal(departed.bill_of_lading_no, null);
    const ship = await shipment(d, orderId, d.acme);
    assert.equal(ship.pickup.where, 'delivered by DHL Express (1234567890)');
    const order = await getOrder(d, orderId);
    assert.equal(milestoneStates(order).inspected, 'skipped');
    assert.equal(order.current_milestone, 'departed');
  });
});

describe('the order of steps', () => {
  test('nothing before payment (the supplier hears not_paid, the operator cannot even see the order)', async () => {
    const orderId = await confirmedOrder(d);
    await expectProblem(await postPackingList(d, orderId), 409, 'not-paid');
    await expectProblem(await postReceipt(d, orderId), 404, 'not-found');
    assert.deepEqual((await getOrder(d, orderId)).next_step, { code: 'payment', by: 'buyer' });
  });

  test('no inspection, measurement or consolidation before a receipt; no customs before consolidation; tracking strictly in order; no transfer before pickup', async () => {
    const orderId = await paidOrder(d);
    await packingList(d, orderId);
    const before = await warehouseSnapshot(d);
    await expectProblem(await postInspection(d, orderId, { sampled_barcodes: ['PNL-0001'], result: 'pass' }), 409, 'step-out-of-order');
    await expectProblem(await postMeasurements(d, orderId, [{ barcode: 'PNL-0001', weight_kg: 1, length_cm: 1, width_cm: 1, height_cm: 1 }]), 409, 'step-out-of-order');
    const p = await expectProblem(await postConsolidation(d, orderId), 409, 'step-out-of-order');
    assert.match(p.detail!, /Receive goods first/);
    await expectProblem(await postCustomsRelease(d, orderId), 409, 'step-out-of-order');
    await expectProblem(await postTracking(d, orderId, { code: 'departed', location: 'Ningbo', bill_of_lading_no: BILL_OF_LADING_NO }), 409, 'step-out-of-order');
    await expectProblem(await postOwnershipTransfer(d, orderId), 409, 'step-out-of-order');
    assert.deepEqual(await warehouseSnapshot(d), before, 'refused steps change nothing');

    await receive(d, orderId);
    await expectProblem(await postConsolidation(d, orderId), 409, 'step-out-of-order'); // not measured
    await measureAll(d, orderId);
    await expectProblem(await postConsolidation(d, orderId), 409, 'step-out-of-order'); // inspection agreed, not done
    await inspect(d, orderId, 'fail');
    await expectProblem(await postConsolidation(d, orderId), 409, 'inspection-failed');
    await inspect(d, orderId, 'pass');
    await consolidate(d, orderId);
    await expectProblem(await postConsolidation(d, orderId), 409, 'step-out-of-order');
    await expectProblem(await postReceipt(d, orderId, [{ barcode: 'LATE-0001', product_id: LED_PANEL.id, quantity: 1 }]), 409, 'step-out-of-order');
    await expectProblem(await postReturn(d, orderId, ['PNL-0001']), 409, 'step-out-of-order');
    await releaseCustoms(d, orderId);
    await expectProblem(await postCustomsRelease(d, orderId), 409, 'step-out-of-order');
    await expectProblem(await postPackingList(d, orderId), 409, 'step-out-of-order');
    await expectProblem(await postTracking(d, orderId, { code: 'arrived', location: 'Rotterdam' }), 409, 'step-out-of-order');
    await track(d, orderId, 'departed');
    await expectProblem(await postTracking(d, orderId, { code: 'departed', location: 'Ningbo', bill_of_lading_no: BILL_OF_LADING_NO }), 409, 'step-out-of-order');
    await expectProblem(await postTracking(d, orderId, { code: 'picked_up', location: 'Rotterdam' }), 409, 'step-out-of-order');
    await expectProblem(await postOwnershipTransfer(d, orderId), 409, 'step-out-of-order');
  });

  test('input rules: B/L for sea freight, no future times, valid containers, exact measurements, unique barcodes, products of the contract', async () => {
    const orderId = await paidOrder(d);
    const wrong = [{ barcode: 'X-0001', product_id: TEXTILES_PUBLIC.id, quantity: 5 }];
    const bad = await expectProblem(await postPackingList(d, orderId, wrong), 422, 'validation');
    assert.equal(bad.errors![0]!.path, 'cartons.0.product_id');
    const dup = [...contractCartons(), contractCartons()[0]!];
    await expectProblem(await postPackingList(d, orderId, dup), 422, 'validation');
    await expectProblem(await postReceipt(d, orderId, dup), 422, 'validation');

    await walkToCustomsReleased(d, orderId);
    await expectProblem(await postTracking(d, orderId, { code: 'departed', location: 'Ningbo' }), 422, 'validation');
    const future = new Date(d.clock.now + 60 * 60_000).toISOString();
    await expectProblem(await postTracking(d, orderId, { code: 'departed', location: 'Ningbo', bill_of_lading_no: BILL_OF_LADING_NO, at: future }), 422, 'validation');
    await expectProblem(await postTracking(d, orderId, { code: 'arrived', location: 'Rotterdam', bill_of_lading_no: BILL_OF_LADING_NO }), 422, 'validation');
  });

  test('consolidation bodies: ISO 6346 check digit, seal required; measurements must cover the cartons on hand exactly', async () => {
    const orderId = await paidOrder(d);
    await packingList(d, orderId);
    await receive(d, orderId);
    const missing = await expectProblem(await postMeasurements(d, orderId, [{ barcode: 'PNL-0001', weight_kg: 12.5, length_cm: 60, width_cm: 40, height_cm: 30 }, { barcode: 'NOPE-0001', weight_kg: 1, length_cm: 1, width_cm: 1, height_cm: 1 }]), 422, 'validation');
    assert.deepEqual((missing as any).unknown_barcodes, ['NOPE-0001']);
    assert.equal((missing as any).missing_barcodes.length, 8);
    await expectProblem(await postMeasurements(d, orderId, [{ barcode: 'PNL-0001', weight_kg: 0.0001, length_cm: 60, width_cm: 40, height_cm: 30 }]), 422, 'validation');
    await inspect(d, orderId);
    await measureAll(d, orderId);
    await expectProblem(await postConsolidation(d, orderId, { mode: 'fcl', container_no: 'CSQU3054384', seal_no: SEAL_NO }), 422, 'validation');
    await expectProblem(await postConsolidation(d, orderId, { mode: 'fcl', container_no: CONTAINER_NO }), 422, 'validation');
    await expectProblem(await postConsolidation(d, orderId, { mode: 'fcl', container_no: CONTAINER_NO, seal_no: SEAL_NO, surprise: 1 }), 422, 'validation');
    await consolidate(d, orderId, { mode: 'fcl', container_no: 'csqu3054383', seal_no: SEAL_NO });
  });
});

describe('who may do each step', () => {
  test('the operator of the order’s warehouse works it; parties who see the order but are not the actor get 403; everyone else 404', async () => {
    const orderId = await paidOrder(d);
    const stranger = await otherWarehouseOperator(d);
    const before = await warehouseSnapshot(d);
    for (const token of [d.acme, d.led]) await expectProblem(await postReceipt(d, orderId, contractCartons(), token), 403, 'wrong-party');
    for (const token of [d.globex, d.textiles, stranger]) await expectProblem(await postReceipt(d, orderId, contractCartons(), token), 404, 'not-found');
    for (const token of [d.operator, d.acme]) await expectProblem(await postPackingList(d, orderId, contractCartons(), token), 403, 'wrong-party');
    for (const token of [d.globex, d.textiles, stranger]) await expectProblem(await postPackingList(d, orderId, contractCartons(), token), 404, 'not-found');
    await expectProblem(await postOwnershipTransfer(d, orderId, d.led), 403, 'wrong-party');
    await expectProblem(await postOwnershipTransfer(d, orderId, stranger), 404, 'not-found');
    assert.deepEqual(await warehouseSnapshot(d), before);

    // Reading: buyer, supplier and the warehouse's operator; not another warehouse's operator.
    for (const token of [d.acme, d.led, d.operator]) {
      await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token }));
      await ok(d.t.call('GET', `/v1/orders/${orderId}/shipment`, { token }));
      await ok(d.t.call('GET', `/v1/orders/${orderId}/cross-check`, { token }));
    }
    for (const token of [d.globex, d.textiles, stranger]) {
      await expectProblem(await d.t.call('GET', `/v1/orders/${orderId}`, { token }), 404, 'not-found');
      await expectProblem(await d.t.call('GET', `/v1/orders/${orderId}/shipment`, { token }), 404, 'not-found');
      await expectProblem(await d.t.call('GET', `/v1/orders/${orderId}/cross-check`, { token }), 404, 'not-found');
    }
    const list = await ok(d.t.call('GET', '/v1/orders', { token: d.operator }));
    assert.deepEqual(list.data.map((o: { id: string }) => o.id), [orderId]);
    assert.deepEqual(list.data[0].next_step, { code: 'packing_list', by: 'supplier' });
    assert.deepEqual((await ok(d.t.call('GET', '/v1/orders?status=paid', { token: d.operator }))).data.length, 1);
    assert.deepEqual((await ok(d.t.call('GET', '/v1/orders?status=settled', { token: d.operator }))).data, []);
    assert.deepEqual((await ok(d.t.call('GET', '/v1/orders', { token: stranger }))).data, []);
  });

  test('the packing list: revisions kept, the buyer reads the latest', async () => {
    const orderId = await paidOrder(d);
    await expectProblem(await d.t.call('GET', `/v1/orders/${orderId}/packing-list`, { token: d.acme }), 404, 'not-found');
    await packingList(d, orderId, contractCartons().slice(1));
    const second = await packingList(d, orderId, contractCartons(), 'Fourth panel carton added.');
    const latest = await ok(d.t.call('GET', `/v1/orders/${orderId}/packing-list`, { token: d.acme }));
    assert.deepEqual([latest.id, latest.revision, latest.note], [second.id, 2, 'Fourth panel carton added.']);
    assert.deepEqual(latest.revisions.map((r: { revision: number }) => r.revision), [1, 2]);
    assert.equal(latest.cartons[0].product_name, LED_PANEL.name);
    const docs = await d.t.store.db.selectFrom('order_documents').select(['kind', 'number']).where('order_id', '=', orderId).orderBy('number').execute();
    assert.deepEqual(docs, [{ kind: 'packing_list', number: 1 }, { kind: 'packing_list', number: 2 }]);
  });
});

describe('the cross-check and its ways out', () => {
  test('short: consolidation refused with the differences; the late cartons arrive (way out 1), measured again, it matches', async () => {
    const orderId = await paidOrder(d);
    await packingList(d, orderId);
    const [late, ...first] = contractCartons();
    await receive(d, orderId, first);
    await inspect(d, orderId);
    await measureAll(d, orderId);
    const check = await crossCheck(d, orderId, d.acme);
    assert.equal(check.status, 'discrepancy');
    assert.deepEqual(check.differences, [{ kind: 'short', product_id: LED_PANEL.id, product_name: LED_PANEL.name, expected: 200, packing_list: 200, received: 150 }]);
    assert.deepEqual((await getOrder(d, orderId)).next_step, { code: 'receipt', by: 'operator' });
    const refused = await expectProblem(await postConsolidation(d, orderId), 409, 'cross-check-failed');
    assert.deepEqual((refused as any).differences, check.differences);

    const second = await receive(d, orderId, [late!]);
    assert.equal(second.number, 2);
    assert.equal((await crossCheck(d, orderId)).status, 'match');
    // The late carton is not measured yet: the measurement is stale.
    const stale = await expectProblem(await postConsolidation(d, orderId), 409, 'step-out-of-order');
    assert.match(stale.detail!, /measure/);
    await measureAll(d, orderId);
    // It was never in the inspection's population either: inspect again before consolidation.
    await inspect(d, orderId);
    await consolidate(d, orderId);
  });

  test('cartons received after a passed inspection make it stale: consolidation refused (nothing changes) until a new inspection samples all cartons on hand', async () => {
    const orderId = await paidOrder(d); // 10 % inspection, 9 cartons agreed
    await packingList(d, orderId);
    const [late, ...first] = contractCartons();
    await receive(d, orderId, first);
    await ok(postInspection(d, orderId, { sampled_barcodes: ['BLB-0001'], result: 'pass' }), 201);
    await receive(d, orderId, [late!]);
    await measureAll(d, orderId);
    assert.equal((await crossCheck(d, orderId)).status, 'match');
    assert.equal((await shipment(d, orderId)).inspection.stale, true);
    let order = await getOrder(d, orderId);
    assert.deepEqual(order.next_step, { code: 'inspection', by: 'operator' });
    assert.equal(milestoneStates(order).inspected, 'done', 'the inspection happened; it only no longer covers every carton');

    const before = await warehouseSnapshot(d);
    const refused = await expectProblem(await postConsolidation(d, orderId), 409, 'step-out-of-order');
    assert.match(refused.detail!, /received after the latest inspection.*inspect again.*at least 1 of all 9 cartons on hand \(10 %\)/);
    assert.deepEqual(await warehouseSnapshot(d), before, 'the refusal changes nothing');

    // The new inspection's population is every carton on hand, the late one included.
    const again = await ok(postInspection(d, orderId, { sampled_barcodes: [late!.barcode], result: 'pass' }), 201);
    assert.equal(again.required_sample, 1);
    assert.equal((await shipment(d, orderId)).inspection.stale, false);
    order = await getOrder(d, orderId);
    assert.deepEqual(order.next_step, { code: 'consolidation', by: 'operator' });
    await consolidate(d, orderId);
  });

  test('excess and wrong product: returned to the supplier, then it matches; a return twice or of an unknown carton is 422', async () => {
    const orderId = await paidOrder(d);
    await packingList(d, orderId);
    const extra = [
      { barcode: 'PNL-0099', product_id: LED_PANEL.id, quantity: 50 },
      { barcode: 'TXT-0001', product_id: TEXTILES_PUBLIC.id, quantity: 20 },
    ];
    await receive(d, orderId, [...contractCartons(), ...extra]);
    const check = await crossCheck(d, orderId);
    assert.deepEqual(check.differences, [
      { kind: 'excess', product_id: LED_PANEL.id, product_name: LED_PANEL.name, expected: 200, packing_list: 200, received: 250 },
      // Another supplier's product: its id only, never its name (it could be that supplier's private product).
      { kind: 'unexpected_product', product_id: TEXTILES_PUBLIC.id, product_name: null, received: 20 },
    ]);
    assert.deepEqual((await getOrder(d, orderId)).next_step, { code: 'return', by: 'operator' });
    await expectProblem(await postReturn(d, orderId, ['NOPE-0001']), 422, 'validation');
    const returned = await ok(postReturn(d, orderId, ['PNL-0099', 'TXT-0001'], d.operator, 'Excess and wrong goods'), 201);
    assert.deepEqual(returned.barcodes, ['PNL-0099', 'TXT-0001']);
    await expectProblem(await postReturn(d, orderId, ['PNL-0099']), 422, 'validation');
    assert.equal((await crossCheck(d, orderId)).status, 'match');
    const ship = await shipment(d, orderId);
    assert.equal(ship.cartons.filter((c: { returned: boolean }) => c.returned).length, 2);
    assert.equal(ship.totals.cartons, 9);
    assert.equal((await getOrder(d, orderId)).timeline.at(-1).code, 'cartons_returned');
  });

  test('a barcode already received is refused (409 with the barcodes) and nothing of that receipt is stored', async () => {
    const orderId = await paidOrder(d);
    await receive(d, orderId, contractCartons().slice(0, 3));
    const before = await warehouseSnapshot(d);
    const refused = await expectProblem(await postReceipt(d, orderId, contractCartons().slice(2, 5)), 409, 'barcode-already-received');
    assert.deepEqual((refused as any).barcodes, ['PNL-0003']);
    assert.deepEqual(await warehouseSnapshot(d), before);
  });

  test('weight: a carton measured far from its declared weight blocks consolidation until measured right', async () => {
    const orderId = await paidOrder(d);
    await packingList(d, orderId);
    await receive(d, orderId);
    await inspect(d, orderId);
    await measureAll(d, orderId, (b) => (b === 'PNL-0002' ? 14 : b.startsWith('PNL') ? 12.5 : 8));
    assert.deepEqual((await crossCheck(d, orderId)).differences, [{ kind: 'weight_mismatch', barcode: 'PNL-0002', declared_kg: 12.5, measured_kg: 14 }]);
    await expectProblem(await postConsolidation(d, orderId), 409, 'cross-check-failed');
    await measureAll(d, orderId);
    await consolidate(d, orderId);
  });

  test('no ownership transfer while a difference stands (a packing list revised after consolidation)', async () => {
    const orderId = await paidOrder(d);
    await packingList(d, orderId);
    await receive(d, orderId);
    await inspect(d, orderId);
    await measureAll(d, orderId);
    await consolidate(d, orderId);
    await packingList(d, orderId, contractCartons().slice(1));
    await releaseCustoms(d, orderId);
    for (const code of ['departed', 'arrived', 'ready_for_pickup', 'picked_up'] as const) await track(d, orderId, code);
    const before = await warehouseSnapshot(d);
    const refused = await expectProblem(await postOwnershipTransfer(d, orderId), 409, 'cross-check-failed');
    assert.deepEqual((refused as any).differences, [{ kind: 'packing_list_mismatch', product_id: LED_PANEL.id, product_name: LED_PANEL.name, contract: 200, packing_list: 150 }]);
    assert.deepEqual(await warehouseSnapshot(d), before);
    assert.deepEqual((await getOrder(d, orderId)).next_step, { code: 'packing_list', by: 'supplier' });
  });
});

describe('ownership transfer and disputes', () => {
  test('an open dispute blocks the transfer; once dismissed, the transfer settles and disputes are closed', async () => {
    const orderId = await paidOrder(d);
    await walkToPickedUp(d, orderId);
    const opened = await ok(d.t.call('POST', `/v1/orders/${orderId}/disputes`, { token: d.acme, body: { reason: 'Colour differs from sample.' } }), 201);
    const before = await warehouseSnapshot(d);
    await expectProblem(await postOwnershipTransfer(d, orderId), 409, 'dispute-open');
    assert.deepEqual(await warehouseSnapshot(d), before);
    await ok(d.t.call('POST', `/v1/orders/${orderId}/disputes/${opened.id}/resolve`, { token: SANDBOX.secretKey, body: { resolution: { kind: 'dismiss' }, note: 'As sampled.' } }));
    assert.equal((await transferOwnership(d, orderId)).released, ORDER_BALANCE);
    const balances = await assertLedgerInvariants(d.t.store, orderId);
    assert.equal(balances.get(`${orderId}/USD`)!.escrow, 0);
    await expectProblem(await d.t.call('POST', `/v1/orders/${orderId}/disputes`, { token: d.acme, body: { reason: 'Again' } }), 409, 'order-closed');
  });

  test('at 0 % deposit the transfer releases the whole total', async () => {
    const orderId = await paidOrder(d, { deposit_percent: 0, inspection_percent: 0 });
    await walkToPickedUp(d, orderId, { inspection: false });
    const order = await getOrder(d, orderId);
    assert.equal(milestoneStates(order).deposit_released, 'skipped');
    const settled = await transferOwnership(d, orderId);
    assert.equal(settled.released, 425_000);
    assert.equal((await assertLedgerInvariants(d.t.store, orderId)).get(`${orderId}/USD`)!.escrow, 0);
  });
});
