/**
 * The designated warehouse in the fake K100 API for widget browser tests: a small in-memory order worked
 * through the operator's endpoints, with the server's step order, refusals and cross-check, so the console
 * can be walked from receipt to settlement. Unknown order ids fall through to the other mocks.
 */
import { HttpResponse, http } from 'msw';
import type {
  CrossCheck, Difference, Order, OrderSummary, PackingList, Shipment, ShipmentCarton, ShippingMode, TrackingCode,
} from '../warehouse/types.js';

type Problem = (status: number, type: string, title: string, extra?: object) => Response;

export const OPERATOR_TOKEN = 'tok_operator_ningbo';
const NOW = '2026-11-27T10:00:00.000Z';
const TRACKING: TrackingCode[] = ['departed', 'arrived', 'ready_for_pickup', 'picked_up'];
const WAREHOUSE = { id: 'wh_ningbo', name: 'Ningbo Designated Warehouse', port: 'CNNGB', address: 'No. 1 Beilun Port Road, Ningbo, Zhejiang, CN' };

export interface ContractLine {
  product_id: string;
  product_name: string;
  quantity: number;
}

/** One order at the warehouse and everything recorded on it. */
export interface WarehouseOrder {
  id: string;
  mode: ShippingMode;
  inspectionPercent: number;
  paymentStatus: string;
  settled: boolean;
  balance: number;
  contract: ContractLine[];
  packingList: PackingList | null;
  cartons: ShipmentCarton[];
  receipts: number;
  /** The latest inspection (the shipment adds whether it is `stale`). */
  inspection: Omit<NonNullable<Shipment['inspection']>, 'stale'> | null;
  /** Barcodes received after the latest inspection: never in its sampled population (stale while one is on hand). */
  receivedAfterInspection: string[];
  /** The cartons on hand were all measured, and none arrived since. */
  measured: boolean;
  consolidation: Shipment['consolidation'];
  customs: Shipment['customs'];
  billOfLading: string | null;
  tracking: Shipment['tracking'];
  documents: string[];
}

export const LED_CONTRACT: ContractLine[] = [
  { product_id: 'p_strip', product_name: 'LED Strip 5 m', quantity: 100 },
  { product_id: 'p_panel', product_name: 'LED Panel 60×60', quantity: 20 },
];

/** The packing list of `LED_CONTRACT`: CTN-0001 and CTN-0002 of 50 strips, CTN-0003 of 20 panels. */
export function packingList(orderId: string, cartons: { barcode: string; product_id: string; quantity: number; gross_weight_kg?: number }[] = [
  { barcode: 'CTN-0001', product_id: 'p_strip', quantity: 50, gross_weight_kg: 12 },
  { barcode: 'CTN-0002', product_id: 'p_strip', quantity: 50, gross_weight_kg: 12 },
  { barcode: 'CTN-0003', product_id: 'p_panel', quantity: 20, gross_weight_kg: 30 },
], revision = 1): PackingList {
  const cartons_ = cartons.map((c) => ({ ...c, product_name: LED_CONTRACT.find((l) => l.product_id === c.product_id)?.product_name ?? null, gross_weight_kg: c.gross_weight_kg ?? null }));
  return {
    id: `pl_${orderId}_${revision}`,
    order_id: orderId,
    revision,
    cartons: cartons_,
    totals: { cartons: cartons.length, quantity: cartons.reduce((n, c) => n + c.quantity, 0), gross_weight_kg: null },
    note: null,
    created_at: NOW,
    revisions: [{ revision, created_at: NOW }],
  };
}

export function warehouseOrder(fields: Partial<WarehouseOrder> & { id: string }): WarehouseOrder {
  return {
    mode: 'fcl',
    inspectionPercent: 10,
    paymentStatus: 'escrow_funded',
    settled: false,
    balance: 98350,
    contract: LED_CONTRACT,
    packingList: packingList(fields.id),
    cartons: [],
    receipts: 0,
    inspection: null,
    receivedAfterInspection: [],
    measured: false,
    consolidation: null,
    customs: null,
    billOfLading: null,
    tracking: [],
    documents: [],
    ...fields,
  };
}

const onHand = (o: WarehouseOrder) => o.cartons.filter((c) => !c.returned);
/** As the server: a carton on hand received after the latest inspection makes it stale. */
const inspectionStale = (o: WarehouseOrder) => !!o.inspection && onHand(o).some((c) => o.receivedAfterInspection.includes(c.barcode));
const nameOf = (o: WarehouseOrder, id: string) => o.contract.find((l) => l.product_id === id)?.product_name ?? null;

export function crossCheck(o: WarehouseOrder): CrossCheck {
  const sum = (cartons: { product_id: string; quantity: number }[], id: string) =>
    cartons.filter((c) => c.product_id === id).reduce((n, c) => n + c.quantity, 0);
  const differences: Difference[] = [];
  if (!o.packingList) differences.push({ kind: 'packing_list_missing' });
  const lines = o.contract.map((l) => {
    const listed = o.packingList ? sum(o.packingList.cartons, l.product_id) : null;
    const received = sum(onHand(o), l.product_id);
    if (listed !== null && listed !== l.quantity) {
      differences.push({ kind: 'packing_list_mismatch', product_id: l.product_id, product_name: l.product_name, contract: l.quantity, packing_list: listed });
    }
    if (received !== l.quantity) {
      differences.push({ kind: received < l.quantity ? 'short' : 'excess', product_id: l.product_id, product_name: l.product_name, expected: l.quantity, packing_list: listed, received });
    }
    return { product_id: l.product_id, product_name: l.product_name, contract_quantity: l.quantity, packing_list_quantity: listed, received_quantity: received };
  });
  for (const id of new Set(onHand(o).map((c) => c.product_id))) {
    if (!o.contract.some((l) => l.product_id === id)) {
      differences.push({ kind: 'unexpected_product', product_id: id, product_name: null, received: sum(onHand(o), id) });
    }
  }
  return { status: differences.length ? 'discrepancy' : 'match', packing_list_revision: o.packingList?.revision ?? null, lines, differences };
}

function nextStep(o: WarehouseOrder): Order['next_step'] {
  if (o.settled) return null;
  const operator = (code: string) => ({ code, by: 'operator' as const });
  const match = crossCheck(o).status === 'match';
  if (!o.consolidation) {
    if (!o.packingList) return { code: 'packing_list', by: 'supplier' };
    if (!onHand(o).length) return operator('receipt');
    if (o.inspectionPercent > 0 && (o.inspection?.result !== 'pass' || inspectionStale(o))) return operator('inspection');
    if (!o.measured) return operator('measurement');
    if (!match) return operator('receipt');
    return operator('consolidation');
  }
  if (!o.customs) return operator('customs_release');
  const tracking = TRACKING.find((code) => !o.tracking.some((e) => e.code === code));
  if (tracking) return operator(tracking);
  return match ? operator('ownership_transfer') : { code: 'packing_list', by: 'supplier' };
}

function status(o: WarehouseOrder): string {
  if (o.settled) return 'settled';
  const last = o.tracking.at(-1)?.code;
  if (last) return last === 'departed' ? 'in_transit' : last;
  if (o.customs) return 'customs_released';
  if (o.consolidation) return 'consolidated';
  return o.receipts ? 'at_warehouse' : 'paid';
}

function summary(o: WarehouseOrder): OrderSummary {
  const event = { seq: 2, code: 'payment_received', at: NOW, actor: null, place: null, details: {} };
  return {
    id: o.id,
    status: status(o),
    payment_status: o.settled ? 'released' : o.paymentStatus,
    contract_id: `ctr_${o.id}`,
    purchase_order_id: `po_${o.id}`,
    negotiation_id: `neg_${o.id}`,
    buyer: { id: 'buyer_acme', name: 'Acme Imports' },
    supplier: { id: 'sup_led', name: 'Shenzhen LED Co.' },
    currency: 'USD',
    total: 140500,
    deposit_amount: 140500 - o.balance,
    balance_amount: o.balance,
    latest_event: event,
    created_at: NOW,
    updated_at: NOW,
    next_step: nextStep(o),
    shipping_mode: o.mode,
    destination_port: 'NLRTM',
    inspection_percent: o.inspectionPercent,
  };
}

function order(o: WarehouseOrder): Order {
  const base = summary(o);
  return {
    ...base,
    shipping_mode: o.mode,
    destination_port: 'NLRTM',
    agreements: {
      expert_advisor_sts_fulfilment: true,
      k100pay_payment_and_settlement: true,
      statement: 'Both parties agree.',
      contract_digest: 'a3f1',
      buyer: { party_id: 'buyer_acme', signer_name: 'Ada Buyer', agreed_at: NOW },
      supplier: { party_id: 'sup_led', agreed_at: NOW },
    },
    timeline: [base.latest_event],
    warehouse: WAREHOUSE,
    milestones: [{ code: 'inspected', state: o.inspectionPercent ? (o.inspection ? 'done' : 'upcoming') : 'skipped', at: null, place: null, actor: null }],
    current_milestone: null,
    inspection_percent: o.inspectionPercent,
  };
}

function shipment(o: WarehouseOrder): Shipment {
  const cartons = onHand(o);
  const measured = cartons.length > 0 && cartons.every((c) => c.weight_kg !== null);
  const round3 = (n: number) => Math.round(n * 1000) / 1000;
  return {
    order_id: o.id,
    shipping_mode: o.mode,
    destination_port: 'NLRTM',
    warehouse: WAREHOUSE,
    cartons: o.cartons,
    totals: {
      cartons: cartons.length,
      quantity: cartons.reduce((n, c) => n + c.quantity, 0),
      weight_kg: measured ? round3(cartons.reduce((n, c) => n + c.weight_kg!, 0)) : null,
      volume_cbm: measured ? round3(cartons.reduce((n, c) => n + (c.length_cm! * c.width_cm! * c.height_cm!) / 1e6, 0)) : null,
    },
    inspection: o.inspection && { ...o.inspection, stale: inspectionStale(o) },
    consolidation: o.consolidation,
    customs: o.customs,
    bill_of_lading_no: o.billOfLading,
    tracking: o.tracking,
    pickup: { mode: o.mode, where: 'at the destination port NLRTM', instructions: '' },
  };
}

/** What the fake warehouse holds; `reset()` before each test. */
export const warehouseDb = {
  orders: [] as WarehouseOrder[],
  /** Every step POSTed: its path tail, body and `Idempotency-Key` (null when none was sent). */
  posts: [] as { step: string; body: unknown; key: string | null }[],
  /** Answers kept by `Idempotency-Key` (as the server does, successes only): a repeat is replayed. */
  keys: new Map<string, { request: string; status: number; body: string }>(),
  /** How many of the next step answers are lost on the way back, after the work is done (a network failure). */
  loseAnswers: 0,
  reset() {
    this.orders = [
      warehouseOrder({ id: 'ord_wh1' }),
      warehouseOrder({ id: 'ord_wh2', mode: 'courier', inspectionPercent: 0, packingList: null }),
    ];
    this.posts = [];
    this.keys = new Map();
    this.loseAnswers = 0;
  },
  order(id: string) {
    return this.orders.find((o) => o.id === id);
  },
  /** Records cartons as received straight away (a test's starting point). */
  receive(id: string, cartons: { barcode: string; product_id: string; quantity: number }[]) {
    const o = this.order(id)!;
    for (const c of cartons) {
      o.cartons.push({ ...c, product_name: nameOf(o, c.product_id), received_at: NOW, returned: false, weight_kg: null, length_cm: null, width_cm: null, height_cm: null });
      if (o.inspection) o.receivedAfterInspection.push(c.barcode);
    }
    o.receipts++;
    o.measured = false;
  },
};
warehouseDb.reset();

export function createWarehouseHandlers(problem: Problem) {
  const refuse = (code: string, detail: string, extra: object = {}) =>
    problem(409, code.replace(/_/g, '-'), detail, { code, detail, ...extra });
  const invalid = (errors: { path: string; message: string }[], detail = 'The request is not valid.') =>
    problem(422, 'validation', 'Invalid request', { detail, errors });
  const known = (params: Record<string, unknown>) => warehouseDb.order(String(params['id']));

  /**
   * A POST step on a known order: escrow must be held and the order open. With an `Idempotency-Key` the same
   * request is replayed byte for byte (`Idempotent-Replayed: true`) and another one under the key is 422.
   */
  const step = (name: string, run: (o: WarehouseOrder, body: any) => Response) =>
    http.post(`*/v1/orders/:id/${name}`, async ({ request, params }) => {
      const o = known(params);
      if (!o) return undefined;
      const body = name === 'documents' ? await request.arrayBuffer() : await request.json().catch(() => ({}));
      const key = request.headers.get('idempotency-key');
      warehouseDb.posts.push({ step: name, body, key });
      const fingerprint = `${name} ${o.id} ${JSON.stringify(body)}`;
      const seen = key === null ? undefined : warehouseDb.keys.get(key);
      if (seen) {
        if (seen.request !== fingerprint) {
          return problem(422, 'idempotency-key-reused', 'Unprocessable', { code: 'idempotency_key_reused', detail: 'This Idempotency-Key was already used with a different request; use a new key.' });
        }
        return new HttpResponse(seen.body, { status: seen.status, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } });
      }
      if (o.settled) return refuse('order_closed', 'The order is settled.');
      if (!['escrow_funded', 'disputed'].includes(o.paymentStatus)) return refuse('not_paid', 'The order is not paid.');
      const answer = run(o, body);
      if (key !== null && answer.ok) warehouseDb.keys.set(key, { request: fingerprint, status: answer.status, body: await answer.clone().text() });
      if (warehouseDb.loseAnswers > 0) {
        warehouseDb.loseAnswers--;
        return HttpResponse.error();
      }
      return answer;
    });
  const notConsolidated = (o: WarehouseOrder) =>
    o.consolidation ? refuse('step_out_of_order', 'The cartons are already consolidated.') : undefined;

  return [
    http.get('*/v1/orders', ({ request }) => {
      if (request.headers.get('authorization') !== `Bearer ${OPERATOR_TOKEN}`) return undefined;
      return HttpResponse.json({ data: warehouseDb.orders.map(summary), next_cursor: null });
    }),
    http.get('*/v1/orders/:id', ({ params }) => {
      const o = known(params);
      return o ? HttpResponse.json(order(o)) : undefined;
    }),
    http.get('*/v1/orders/:id/shipment', ({ params }) => {
      const o = known(params);
      return o ? HttpResponse.json(shipment(o)) : undefined;
    }),
    http.get('*/v1/orders/:id/cross-check', ({ params }) => {
      const o = known(params);
      return o ? HttpResponse.json(crossCheck(o)) : undefined;
    }),
    http.get('*/v1/orders/:id/packing-list', ({ params }) => {
      const o = known(params);
      if (!o) return undefined;
      return o.packingList ? HttpResponse.json(o.packingList) : problem(404, 'not-found', 'No packing list yet');
    }),
    step('receipts', (o, body: { cartons: { barcode: string; product_id: string; quantity: number }[] }) => {
      const refused = notConsolidated(o);
      if (refused) return refused;
      const seen = new Set<string>();
      const errors = body.cartons.flatMap((c, i) => {
        const repeat = seen.has(c.barcode);
        seen.add(c.barcode);
        return repeat ? [{ path: `cartons.${i}.barcode`, message: `repeats barcode ${c.barcode}` }] : [];
      });
      if (errors.length) return invalid(errors);
      const received = body.cartons.filter((c) => o.cartons.some((r) => r.barcode === c.barcode)).map((c) => c.barcode);
      if (received.length) {
        return refuse('barcode_already_received', `Already received: ${received.join(', ')}.`, { barcodes: received });
      }
      warehouseDb.receive(o.id, body.cartons);
      return HttpResponse.json(
        { id: `rcpt_${o.receipts}`, order_id: o.id, number: o.receipts, cartons: body.cartons, received_at: NOW, document_id: `doc_r${o.receipts}` },
        { status: 201 },
      );
    }),
    step('returns', (o, body: { barcodes: string[]; reason: string }) => {
      const refused = notConsolidated(o);
      if (refused) return refused;
      const unknown = body.barcodes.filter((b) => !onHand(o).some((c) => c.barcode === b));
      if (unknown.length) return invalid([{ path: 'barcodes', message: `not on hand: ${unknown.join(', ')}` }]);
      for (const c of o.cartons) if (body.barcodes.includes(c.barcode)) c.returned = true;
      return HttpResponse.json({ id: 'ret_1', barcodes: body.barcodes, reason: body.reason, at: NOW }, { status: 201 });
    }),
    step('inspections', (o, body: { sampled_barcodes: string[]; result: 'pass' | 'fail'; notes?: string }) => {
      const refused = notConsolidated(o);
      if (refused) return refused;
      if (!o.inspectionPercent) return refuse('inspection_not_agreed', 'The contract agrees no inspection.');
      if (!onHand(o).length) return refuse('step_out_of_order', 'Receive cartons first.');
      const required = Math.max(1, Math.ceil((onHand(o).length * o.inspectionPercent) / 100));
      if (body.sampled_barcodes.length < required) {
        return invalid([{ path: 'sampled_barcodes', message: `must sample at least ${required} cartons` }]);
      }
      o.inspection = { result: body.result, required_sample: required, sampled: body.sampled_barcodes.length, notes: body.notes ?? null, at: NOW };
      o.receivedAfterInspection = [];
      return HttpResponse.json({ id: 'insp_1', required_sample: required, ...body }, { status: 201 });
    }),
    step('measurements', (o, body: { cartons: { barcode: string; weight_kg: number; length_cm: number; width_cm: number; height_cm: number }[] }) => {
      const refused = notConsolidated(o);
      if (refused) return refused;
      const missing = onHand(o).filter((c) => !body.cartons.some((m) => m.barcode === c.barcode)).map((c) => c.barcode);
      if (missing.length) return invalid([], `Measure every carton on hand: missing ${missing.join(', ')}.`);
      for (const m of body.cartons) Object.assign(o.cartons.find((c) => c.barcode === m.barcode)!, m);
      o.measured = true;
      const s = shipment(o);
      return HttpResponse.json(
        { id: 'meas_1', cartons: body.cartons, totals: { cartons: s.totals.cartons, weight_kg: s.totals.weight_kg, volume_cbm: s.totals.volume_cbm } },
        { status: 201 },
      );
    }),
    step('consolidation', (o, body: { mode: ShippingMode; container_no?: string; seal_no?: string; carrier?: string; tracking_no?: string }) => {
      const refused = notConsolidated(o);
      if (refused) return refused;
      if (!o.measured) return refuse('step_out_of_order', 'Measure every carton on hand first.');
      if (o.inspectionPercent && o.inspection?.result !== 'pass') return refuse('inspection_failed', 'The latest inspection did not pass.');
      if (o.inspectionPercent && inspectionStale(o)) {
        return refuse('step_out_of_order', 'Cartons were received after the latest inspection and were never in its sample: inspect again, sampling all cartons on hand.');
      }
      if (crossCheck(o).status !== 'match') return refuse('cross_check_failed', 'The cross-check does not match.', { differences: crossCheck(o).differences });
      if (body.mode !== o.mode) return refuse('mode_mismatch', `The contract ships by ${o.mode}.`);
      o.consolidation = { order_id: o.id, mode: o.mode, container_no: body.container_no ?? null, seal_no: body.seal_no ?? null, carrier: body.carrier ?? null, tracking_no: body.tracking_no ?? null, at: NOW };
      return HttpResponse.json(o.consolidation, { status: 201 });
    }),
    step('customs-release', (o, body: { declaration_no: string }) => {
      if (!o.consolidation) return refuse('step_out_of_order', 'Consolidate the cartons first.');
      if (o.customs) return refuse('step_out_of_order', 'Customs already released the goods.');
      o.customs = { declaration_no: body.declaration_no, at: NOW };
      return HttpResponse.json({ ...o.customs, document_ids: ['doc_ci', 'doc_cd'] }, { status: 201 });
    }),
    step('tracking-events', (o, body: { code: TrackingCode; at?: string; location: string; bill_of_lading_no?: string }) => {
      if (!o.customs) return refuse('step_out_of_order', 'Customs must release the goods first.');
      const due = TRACKING.find((code) => !o.tracking.some((e) => e.code === code));
      if (body.code !== due) return refuse('step_out_of_order', `The next tracking event is ${due ?? 'none'}.`);
      if (due === 'departed' && o.mode !== 'courier' && !body.bill_of_lading_no) {
        return invalid([{ path: 'bill_of_lading_no', message: 'is required for sea freight' }]);
      }
      o.tracking.push({ code: body.code, at: body.at ?? NOW, location: body.location });
      if (body.bill_of_lading_no) o.billOfLading = body.bill_of_lading_no;
      return HttpResponse.json({ order_id: o.id, ...body, at: body.at ?? NOW }, { status: 201 });
    }),
    step('ownership-transfer', (o) => {
      if (!o.tracking.some((e) => e.code === 'picked_up')) return refuse('step_out_of_order', 'The goods must be picked up first.');
      const check = crossCheck(o);
      if (check.status !== 'match') return refuse('cross_check_failed', 'The cross-check does not match.', { differences: check.differences });
      o.settled = true;
      return HttpResponse.json({ order_id: o.id, status: 'settled', released: o.balance, currency: 'USD' });
    }),
    step('documents', (o, body: ArrayBuffer) => {
      if (!o.consolidation) return refuse('step_out_of_order', 'Consolidate the cartons first.');
      o.documents.push(`doc_bl${o.documents.length + 1}`);
      return HttpResponse.json(
        { id: o.documents.at(-1), kind: 'bill_of_lading', title: 'Bill of lading', number: o.documents.length, content_type: 'application/pdf', filename: 'bl.pdf', created_at: NOW, url: '/v1/documents/x', size: body.byteLength },
        { status: 201 },
      );
    }),
  ];
}
