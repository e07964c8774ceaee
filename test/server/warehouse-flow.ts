/**
 * Walks a paid order through the designated warehouse over HTTP: packing list, receipts, inspection,
 * measurements, consolidation, customs release, tracking and the ownership transfer. Each helper is one
 * step with sensible defaults, so tests (and other suites) change only what they are about.
 */
import type { Terms } from '../../server/schemas/terms.js';
import { SANDBOX } from '../../server/store/seed.js';
import { LED, LED_BULB, LED_PANEL, clauses, legalEntities, ok, terms, type Deal } from './deal-flow.js';
import { confirmedOrder, payOrder, type PayDeal } from './pay-flow.js';

export { LED_BULB, LED_PANEL };

/** A valid ISO 6346 container number (check digit 3). */
export const CONTAINER_NO = 'CSQU3054383';
export const SEAL_NO = 'SL-0099812';
export const DECLARATION_NO = 'CN-EXP-2026-00042';
export const BILL_OF_LADING_NO = 'MAEU-NGB-778812';

export interface Carton {
  barcode: string;
  product_id: string;
  quantity: number;
  gross_weight_kg?: number;
}

/**
 * The contract's goods, as the default deal agrees them (200 panels, 1000 bulbs): panels in 4 cartons of 50
 * (PNL-0001…4, 12.5 kg each), bulbs in 5 cartons of 200 (BLB-0001…5, 8 kg each).
 */
export function contractCartons(): Carton[] {
  return [
    ...[1, 2, 3, 4].map((n) => ({ barcode: `PNL-000${n}`, product_id: LED_PANEL.id, quantity: 50, gross_weight_kg: 12.5 })),
    ...[1, 2, 3, 4, 5].map((n) => ({ barcode: `BLB-000${n}`, product_id: LED_BULB.id, quantity: 200, gross_weight_kg: 8 })),
  ];
}

/** Cartons as scanned at the warehouse (no weights: those come with the measurements). */
export const scanned = (cartons: readonly Carton[]) => cartons.map(({ barcode, product_id, quantity }) => ({ barcode, product_id, quantity }));

/** A confirmed order of Acme with LED on other terms (LED accepts Acme's first offer as is). */
export async function confirmedOrderWith(d: Deal, over: Partial<Terms>): Promise<string> {
  const n = await ok(d.t.call('POST', '/v1/negotiations', { token: d.acme, body: { supplier_id: LED, terms: terms(over) } }), 201);
  await ok(d.t.call('POST', `/v1/negotiations/${n.id}/accept`, { token: d.led }));
  const po = await ok(d.t.call('POST', '/v1/purchase-orders', { token: d.acme, body: { negotiation_id: n.id } }), 201);
  const c = await ok(d.t.call('POST', '/v1/contracts', { token: d.led, body: { purchase_order_id: po.id, clauses: clauses(), legal_entities: legalEntities() } }), 201);
  await ok(d.t.call('POST', `/v1/contracts/${c.id}/send`, { token: d.led }));
  const confirmed = await ok(d.t.call('POST', `/v1/contracts/${c.id}/confirm`, { token: d.acme, body: { signer_name: 'Jane Buyer', accept: true } }));
  return confirmed.order_id as string;
}

/** A paid order (default deal: 40 % deposit, 10 % inspection, fcl to NLRTM), or on other terms. */
export async function paidOrder(d: PayDeal, over?: Partial<Terms>): Promise<string> {
  const orderId = over === undefined ? await confirmedOrder(d) : await confirmedOrderWith(d, over);
  await payOrder(d, orderId);
  return orderId;
}

const post = (d: Deal, orderId: string, path: string, body: unknown, token: string) => d.t.call('POST', `/v1/orders/${orderId}/${path}`, { token, body });

export const postPackingList = (d: Deal, orderId: string, cartons: readonly Carton[] = contractCartons(), token = d.led, note?: string) =>
  post(d, orderId, 'packing-list', note === undefined ? { cartons } : { cartons, note }, token);
export const postReceipt = (d: Deal, orderId: string, cartons: readonly Carton[] = contractCartons(), token = d.operator) => post(d, orderId, 'receipts', { cartons: scanned(cartons) }, token);
export const postReturn = (d: Deal, orderId: string, barcodes: string[], token = d.operator, reason = 'Not ordered') => post(d, orderId, 'returns', { barcodes, reason }, token);
export const postInspection = (d: Deal, orderId: string, body: Record<string, unknown>, token = d.operator) => post(d, orderId, 'inspections', body, token);
export const postMeasurements = (d: Deal, orderId: string, cartons: unknown[], token = d.operator) => post(d, orderId, 'measurements', { cartons }, token);
export const postConsolidation = (d: Deal, orderId: string, body: Record<string, unknown> = { mode: 'fcl', container_no: CONTAINER_NO, seal_no: SEAL_NO }, token = d.operator) =>
  post(d, orderId, 'consolidation', body, token);
export const postCustomsRelease = (d: Deal, orderId: string, declaration_no = DECLARATION_NO, token = d.operator) => post(d, orderId, 'customs-release', { declaration_no }, token);
export const postTracking = (d: Deal, orderId: string, body: Record<string, unknown>, token = d.operator) => post(d, orderId, 'tracking-events', body, token);
export const postOwnershipTransfer = (d: Deal, orderId: string, token = d.operator) => post(d, orderId, 'ownership-transfer', {}, token);

export const packingList = async (d: Deal, orderId: string, cartons: readonly Carton[] = contractCartons(), note?: string) => ok(postPackingList(d, orderId, cartons, d.led, note), 201);
export const receive = async (d: Deal, orderId: string, cartons: readonly Carton[] = contractCartons()) => ok(postReceipt(d, orderId, cartons), 201);

export const shipment = async (d: Deal, orderId: string, token = d.operator) => ok(d.t.call('GET', `/v1/orders/${orderId}/shipment`, { token }));
export const crossCheck = async (d: Deal, orderId: string, token = d.operator) => ok(d.t.call('GET', `/v1/orders/${orderId}/cross-check`, { token }));
export const getOrder = async (d: Deal, orderId: string, token = d.acme) => ok(d.t.call('GET', `/v1/orders/${orderId}`, { token }));

/** Samples the agreed share of the cartons on hand (the first ones), with `result`. */
export async function inspect(d: Deal, orderId: string, result: 'pass' | 'fail' = 'pass'): Promise<any> {
  const onHand = (await shipment(d, orderId)).cartons.filter((c: { returned: boolean }) => !c.returned).map((c: { barcode: string }) => c.barcode);
  return ok(postInspection(d, orderId, { sampled_barcodes: onHand, result, notes: result === 'pass' ? 'Colour and finish as sampled.' : 'Scratched housings.' }), 201);
}

/**
 * Measures every carton on hand: weights as the default packing list declares them (12.5 kg panels, 8 kg
 * bulbs, so no weight difference), or `weightOf` the barcode; 60 × 40 × 30 cm each.
 */
export async function measureAll(d: Deal, orderId: string, weightOf: (barcode: string) => number = (b) => (b.startsWith('PNL') ? 12.5 : 8)): Promise<any> {
  const onHand = (await shipment(d, orderId)).cartons.filter((c: { returned: boolean }) => !c.returned).map((c: { barcode: string }) => c.barcode);
  return ok(postMeasurements(d, orderId, onHand.map((barcode: string) => ({ barcode, weight_kg: weightOf(barcode), length_cm: 60, width_cm: 40, height_cm: 30 }))), 201);
}

export const consolidate = async (d: Deal, orderId: string, body?: Record<string, unknown>) => ok(postConsolidation(d, orderId, body), 201);
export const releaseCustoms = async (d: Deal, orderId: string) => ok(postCustomsRelease(d, orderId), 201);

/** One tracking event; `departed` gets the default B/L number unless `extra` says otherwise. */
export async function track(d: Deal, orderId: string, code: 'departed' | 'arrived' | 'ready_for_pickup' | 'picked_up', extra: Record<string, unknown> = {}): Promise<any> {
  const location = { departed: 'Port of Ningbo-Zhoushan, CN', arrived: 'Port of Rotterdam, NL', ready_for_pickup: 'APM Terminals Maasvlakte II, Rotterdam', picked_up: 'APM Terminals Maasvlakte II, Rotterdam' }[code];
  const body = { code, location, ...(code === 'departed' ? { bill_of_lading_no: BILL_OF_LADING_NO } : {}), ...extra };
  return ok(postTracking(d, orderId, body), 201);
}

/** Packing list, full receipt, inspection (if agreed), measurements, consolidation (fcl) and customs release. */
export async function walkToCustomsReleased(d: Deal, orderId: string, opts: { inspection?: boolean } = {}): Promise<void> {
  await packingList(d, orderId);
  await receive(d, orderId);
  if (opts.inspection !== false) await inspect(d, orderId);
  await measureAll(d, orderId);
  await consolidate(d, orderId);
  await releaseCustoms(d, orderId);
}

/** Every step up to and including `picked_up` on the default deal: what the ownership transfer waits for. */
export async function walkToPickedUp(d: Deal, orderId: string, opts: { inspection?: boolean } = {}): Promise<void> {
  await walkToCustomsReleased(d, orderId, opts);
  for (const code of ['departed', 'arrived', 'ready_for_pickup', 'picked_up'] as const) await track(d, orderId, code);
}

export const transferOwnership = async (d: Deal, orderId: string) => ok(postOwnershipTransfer(d, orderId));

/** A second warehouse with its own operator (same partner), to show operators see only their warehouse's orders. */
export async function otherWarehouseOperator(d: Deal): Promise<string> {
  const at = new Date().toISOString();
  await d.t.store.db.insertInto('warehouses').values({ id: 'wh_shanghai', name: 'Shanghai Warehouse', port: 'CNSHA', address: '88 Waigaoqiao Rd, Shanghai', created_at: at }).execute();
  await d.t.store.db
    .insertInto('parties')
    .values({ id: 'operator_shanghai_wh', partner_id: SANDBOX.partnerId, kind: 'operator', name: 'Shanghai Warehouse', location: 'Shanghai, CN', description: '', created_at: at })
    .execute();
  await d.t.store.db.insertInto('warehouse_operators').values({ party_id: 'operator_shanghai_wh', warehouse_id: 'wh_shanghai' }).execute();
  return d.t.session('operator_shanghai_wh');
}

/** Every row fulfilment writes, plus orders, timeline, ledger and the webhook outbox: to prove a refusal changed nothing. */
export async function warehouseSnapshot(d: Deal): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const tables = [
    'packing_lists', 'receipts', 'received_cartons', 'carton_returns', 'returned_cartons', 'inspections', 'measurements', 'measured_cartons',
    'consolidations', 'customs_releases', 'tracking_events', 'order_documents', 'orders', 'order_events', 'ledger_transfers', 'ledger_entries', 'webhook_events', 'disputes',
  ] as const;
  for (const table of tables) out[table] = (await d.t.store.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  return out;
}
