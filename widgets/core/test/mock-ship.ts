/**
 * The order-tracking part of the fake K100 API for widget browser tests: the buyer's order list, an order
 * with milestones, its shipment and documents, document downloads, and the order's Server-Sent Events
 * stream, into which tests push timeline events and whose connections they drop; and the order's contract
 * amendments (list, the buyer's confirm and decline). Shapes follow the issue 5 contract
 * (`widgets/core/ship/types.ts`).
 */
import { HttpResponse, http } from 'msw';
import type { Amendment, LiveEvent, Milestone, MilestoneCode, Order, OrderDocument, OrderSummary, Shipment, TimelineEvent } from '../ship/types.js';
import { sampleOrder } from './mock-pay.js';

type Problem = (status: number, type: string, title: string, extra?: object) => Response;

const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();
const OPERATOR = { id: 'operator_ningbo_wh', kind: 'operator' as const, name: 'Ningbo Designated Warehouse' };
const BUYER = { id: 'buyer_acme', kind: 'buyer' as const, name: 'Acme Imports' };
const WAREHOUSE = { id: 'wh_ningbo', name: 'Ningbo Designated Warehouse', port: 'CNNGB', address: 'No. 1 Beilun Port Road, Ningbo, Zhejiang, CN' };
const AT_WAREHOUSE = `${WAREHOUSE.name}, ${WAREHOUSE.port}`;

export const MILESTONE_CODES: MilestoneCode[] = [
  'contract_confirmed',
  'payment_received',
  'deposit_released',
  'goods_received',
  'inspected',
  'measured',
  'consolidated',
  'customs_released',
  'departed',
  'arrived',
  'ready_for_pickup',
  'picked_up',
  'ownership_transferred',
  'settled',
];

/** The tracked order: paid, received, measured and consolidated (FCL); inspection skipped (0 %). */
export function trackedOrder(fields: Partial<Order> = {}): Order {
  const done: [MilestoneCode, number, typeof OPERATOR | typeof BUYER | null, string | null][] = [
    ['contract_confirmed', 0, BUYER, null],
    ['payment_received', 2, null, null],
    ['deposit_released', 2, null, null],
    ['goods_received', 30, OPERATOR, AT_WAREHOUSE],
    ['measured', 31, OPERATOR, AT_WAREHOUSE],
    ['consolidated', 32, OPERATOR, AT_WAREHOUSE],
  ];
  const timeline: TimelineEvent[] = done.map(([code, h, actor, place], i) => ({ seq: i + 1, code, at: at(h), actor, place, details: {} }));
  const milestones: Milestone[] = MILESTONE_CODES.map((code) => {
    const event = timeline.find((e) => e.code === code);
    const state = code === 'inspected' ? 'skipped' : code === 'consolidated' ? 'current' : event ? 'done' : 'upcoming';
    return { code, state, at: event?.at ?? null, place: event?.place ?? null, actor: event?.actor ?? null };
  });
  return {
    ...sampleOrder({ id: 'ord_track', payment_status: 'escrow_funded' }),
    status: 'consolidated',
    shipping_mode: 'fcl',
    destination_port: 'NLRTM',
    next_step: { code: 'customs_release', by: 'operator' },
    warehouse: WAREHOUSE,
    timeline,
    milestones,
    current_milestone: 'consolidated',
    ...fields,
  } as Order;
}

export function sampleShipment(fields: Partial<Shipment> = {}): Shipment {
  const carton = (barcode: string, product_name: string, quantity: number, returned = false) => ({
    barcode,
    product_id: `p_${barcode}`,
    product_name,
    quantity,
    received_at: at(30),
    returned,
    weight_kg: returned ? null : 12.5,
    length_cm: returned ? null : 60,
    width_cm: returned ? null : 40,
    height_cm: returned ? null : 35.5,
  });
  return {
    order_id: 'ord_track',
    shipping_mode: 'fcl',
    destination_port: 'NLRTM',
    warehouse: WAREHOUSE,
    cartons: [carton('CTN-0001', 'LED Strip 5 m', 200), carton('CTN-0002', 'LED Panel 60×60', 50), carton('CTN-0003', 'LED Strip 5 m', 10, true)],
    totals: { cartons: 2, quantity: 250, weight_kg: 25, volume_cbm: 0.17 },
    inspection: null,
    consolidation: { order_id: 'ord_track', mode: 'fcl', container_no: 'MSCU1234565', seal_no: 'SL-778812', carrier: null, tracking_no: null, at: at(32) },
    customs: null,
    bill_of_lading_no: null,
    tracking: [],
    pickup: { mode: 'fcl', where: 'at the destination port NLRTM', instructions: 'Bring the bill of lading to the terminal office.' },
    ...fields,
  };
}

export function sampleDocuments(): OrderDocument[] {
  return [
    { id: 'ctr_1', kind: 'contract', title: 'Contract', number: 1, content_type: 'text/html', filename: 'contract-ctr_1.html', created_at: at(0), url: '/v1/contracts/ctr_1/document' },
    { id: 'doc_gr1', kind: 'goods_receipt', title: 'Goods receipt 1', number: 1, content_type: 'text/html', filename: 'goods-receipt-1.html', created_at: at(30), url: '/v1/documents/doc_gr1' },
    { id: 'doc_pl2', kind: 'packing_list', title: 'Packing list 2', number: 2, content_type: 'text/html', filename: 'packing-list-2.html', created_at: at(29), url: '/v1/documents/doc_pl2' },
  ];
}

/** A proposed amendment of the tracked order: 40 strips short (2.50 each), the panels unchanged. */
export function sampleAmendment(fields: Partial<Amendment> = {}): Amendment {
  const items = fields.items ?? [
    { product_id: 'p_strip', product_name: 'LED Strip 5 m', unit_price: 250, from_quantity: 240, to_quantity: 200 },
    { product_id: 'p_panel', product_name: 'LED Panel 60×60', unit_price: 1850, from_quantity: 50, to_quantity: 50 },
  ];
  const sum = (key: 'from_quantity' | 'to_quantity') => items.reduce((total, i) => total + i[key] * i.unit_price, 0);
  const total_before = sum('from_quantity');
  const total_after = sum('to_quantity');
  return {
    id: 'amd_1',
    order_id: 'ord_track',
    contract_id: 'ctr_1',
    number: 1,
    status: 'proposed',
    reason: 'Only 200 strips passed our final check; we cannot ship the other 40.',
    items,
    currency: 'USD',
    total_before,
    total_after,
    refund_amount: total_before - total_after,
    created_at: at(33),
    confirmed_at: null,
    signer_name: null,
    digest: null,
    ...fields,
  };
}

/** The digest the fake server gives a confirmed amendment. */
export const AMENDMENT_DIGEST = '9f2c4a7be01d3358c6a1f0e4b2d97c85a3e6f1b04d2c9e8a7b6f5d4c3b2a1908';

/** An order of the buyer's list; pass what the test cares about. */
export function orderSummary(fields: Partial<OrderSummary> & { id: string }): OrderSummary {
  const { agreements: _a, timeline: _t, warehouse: _w, milestones: _m, current_milestone: _c, ...summary } = trackedOrder();
  return { ...summary, ...fields } as OrderSummary;
}

const SUMMARIES = (): OrderSummary[] => [
  orderSummary({ id: 'ord_5', status: 'awaiting_payment', payment_status: 'unpaid', total: 50000, created_at: at(50), next_step: { code: 'payment', by: 'buyer' } }),
  orderSummary({ id: 'ord_4', status: 'in_transit', total: 990000, created_at: at(40), supplier: { id: 'sup_tex', name: 'Ningbo Textiles' }, next_step: { code: 'arrived', by: 'operator' } }),
  orderSummary({ id: 'ord_3', status: 'settled', payment_status: 'released', total: 140500, created_at: at(30), next_step: null }),
  orderSummary({ id: 'ord_2', status: 'at_warehouse', total: 730000, currency: 'EUR', created_at: at(20), next_step: { code: 'measurement', by: 'operator' } }),
  orderSummary({ id: 'ord_1', status: 'refunded', payment_status: 'refunded', total: 20000, created_at: at(10), next_step: null }),
];

interface OpenStream {
  orderId: string;
  controller: ReadableStreamDefaultController<Uint8Array>;
}

const encoder = new TextEncoder();
const frame = (event: LiveEvent) => encoder.encode(`id: ${event.seq}\nevent: timeline\ndata: ${JSON.stringify(event)}\n\n`);

/** What the fake server holds of orders in transit; `reset()` before each test. */
export const shipDb = {
  orders: [] as Order[],
  summaries: [] as OrderSummary[],
  shipments: new Map<string, Shipment>(),
  documents: new Map<string, OrderDocument[]>(),
  /** Each order's amendments, newest first. */
  amendments: new Map<string, Amendment[]>(),
  /** Bodies of amendment confirm and decline requests, in order. */
  answers: [] as { path: string; body: unknown }[],
  /** The `Idempotency-Key` of each of those requests, in the same order (null when none was sent). */
  answerKeys: [] as (string | null)[],
  /** Answers kept by `Idempotency-Key` (as the server does, successes only): a repeat is replayed. */
  keys: new Map<string, { request: string; status: number; body: string }>(),

  /** The `retry:` the event stream announces (ms). */
  retry: 50,
  streams: [] as OpenStream[],
  /** Every connection to an event stream, with the `Last-Event-ID` it sent. */
  connections: [] as { orderId: string; lastEventId: string | null }[],

  reset() {
    this.drop();
    this.orders = [trackedOrder()];
    this.summaries = SUMMARIES();
    this.shipments = new Map([['ord_track', sampleShipment()]]);
    this.documents = new Map([['ord_track', sampleDocuments()]]);
    this.amendments = new Map([['ord_track', []]]);
    this.answers = [];
    this.answerKeys = [];
    this.keys = new Map();
    this.retry = 50;
    this.connections = [];
  },

  order(id: string) {
    return this.orders.find((o) => o.id === id);
  },

  liveEvent(order: Order, entry: TimelineEvent): LiveEvent {
    return { order_id: order.id, ...entry, status: order.status, payment_status: order.payment_status };
  },

  /** A timeline event happens: the order's milestones move on and every open stream hears it. */
  push(orderId: string, code: string, fields: { place?: string; status?: string } = {}): TimelineEvent {
    const order = this.order(orderId)!;
    const seq = Math.max(0, ...order.timeline.map((e) => e.seq)) + 1;
    const entry: TimelineEvent = { seq, code, at: at(40 + seq), actor: OPERATOR, place: fields.place ?? null, details: {} };
    order.timeline.push(entry);
    if (fields.status) order.status = fields.status;
    const milestone = order.milestones.find((m) => m.code === code);
    if (milestone) {
      for (const m of order.milestones) if (m.state === 'current') m.state = 'done';
      Object.assign(milestone, { state: 'current', at: entry.at, place: entry.place, actor: entry.actor });
      order.current_milestone = milestone.code as MilestoneCode;
    }
    for (const stream of this.streams) if (stream.orderId === orderId) stream.controller.enqueue(frame(this.liveEvent(order, entry)));
    return entry;
  },

  /** Drops every open event stream (as a network failure: the reader errors). */
  drop() {
    for (const { controller } of this.streams) {
      try {
        controller.error(new Error('connection dropped'));
      } catch {
        // Already closed by the client.
      }
    }
    this.streams = [];
  },
};
shipDb.reset();

/** Pages a list with an offset cursor, like the server's opaque one. */
function page<T>(items: T[], params: URLSearchParams) {
  const limit = Number(params.get('limit') ?? 20);
  const offset = Number(params.get('cursor') ?? 0);
  const end = offset + limit;
  return HttpResponse.json({ data: items.slice(offset, end), next_cursor: end < items.length ? String(end) : null });
}

export function createShipHandlers(problem: Problem) {
  const notFound = () => problem(404, 'not-found', 'Not found');
  const invalid = (path: string, message: string) => problem(422, 'validation', 'Invalid request', { errors: [{ path, message }] });

  /** The buyer's answer to a proposed amendment: checks as the server does, then records and streams it. */
  const answer = (verb: 'confirm' | 'decline') =>
    http.post(`*/v1/orders/:id/amendments/:aid/${verb}`, async ({ request, params }) => {
      const orderId = String(params['id']);
      const order = shipDb.order(orderId);
      const amendment = shipDb.amendments.get(orderId)?.find((a) => a.id === params['aid']);
      if (!order || !amendment) return notFound();
      if (!request.headers.get('authorization')?.startsWith('Bearer tok_buyer')) return problem(403, 'forbidden', 'Only the buyer answers');
      const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
      const path = new URL(request.url).pathname;
      const key = request.headers.get('idempotency-key');
      shipDb.answers.push({ path, body });
      shipDb.answerKeys.push(key);
      const fingerprint = `${path} ${JSON.stringify(body)}`;
      const seen = key === null ? undefined : shipDb.keys.get(key);
      if (seen) {
        if (seen.request !== fingerprint) {
          return problem(422, 'idempotency-key-reused', 'Unprocessable', { code: 'idempotency_key_reused', detail: 'This Idempotency-Key was already used with a different request; use a new key.' });
        }
        return new HttpResponse(seen.body, { status: seen.status, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } });
      }
      if (verb === 'confirm') {
        const signer = typeof body['signer_name'] === 'string' ? body['signer_name'].trim() : '';
        if (!signer) return invalid('signer_name', 'must not be empty');
        if (body['accept'] !== true) return invalid('accept', 'must be true: confirming is an explicit acceptance');
      } else if (typeof body['comment'] !== 'string' || !body['comment'].trim()) return invalid('comment', 'must not be empty');
      if (amendment.status !== 'proposed') {
        return problem(409, 'amendment-not-pending', 'Conflict', { code: 'amendment_not_pending', detail: `Amendment ${amendment.number} is already ${amendment.status}.` });
      }
      if (verb === 'confirm') {
        Object.assign(amendment, { status: 'confirmed', confirmed_at: at(34), signer_name: String(body['signer_name']).trim(), digest: AMENDMENT_DIGEST });
        Object.assign(order, { total: amendment.total_after });
        shipDb.push(orderId, 'contract_amended');
      } else {
        amendment.status = 'declined';
        shipDb.push(orderId, 'amendment_declined');
      }
      const answer = JSON.stringify(amendment);
      if (key !== null) shipDb.keys.set(key, { request: fingerprint, status: 200, body: answer });
      return new HttpResponse(answer, { status: 200, headers: { 'content-type': 'application/json' } });
    });

  return [
    http.get('*/v1/orders/:id/amendments', ({ params }) => {
      const orderId = String(params['id']);
      if (!shipDb.order(orderId)) return notFound();
      return HttpResponse.json({ data: shipDb.amendments.get(orderId) ?? [] });
    }),
    answer('confirm'),
    answer('decline'),
    http.get('*/v1/orders', ({ request }) => {
      const params = new URL(request.url).searchParams;
      const status = params.get('status');
      const list = shipDb.summaries.filter((o) => !status || o.status === status).sort((a, b) => b.created_at.localeCompare(a.created_at));
      return page(list, params);
    }),
    // Orders other than the tracked ones fall through to the K100Pay mock.
    http.get('*/v1/orders/:id', ({ params }) => {
      const order = shipDb.order(String(params['id']));
      return order ? HttpResponse.json(order) : undefined;
    }),
    http.get('*/v1/orders/:id/shipment', ({ params }) => {
      const shipment = shipDb.shipments.get(String(params['id']));
      return shipment ? HttpResponse.json(shipment) : notFound();
    }),
    http.get('*/v1/orders/:id/documents', ({ params }) => {
      const documents = shipDb.documents.get(String(params['id']));
      return documents ? HttpResponse.json({ data: documents }) : notFound();
    }),
    http.get('*/v1/documents/:id', ({ params }) => {
      const doc = [...shipDb.documents.values()].flat().find((d) => d.id === params['id']);
      if (!doc) return notFound();
      return new HttpResponse(`<!doctype html><title>${doc.kind}</title>`, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-disposition': `attachment; filename="${doc.filename}"`,
          'x-content-type-options': 'nosniff',
        },
      });
    }),
    http.get('*/v1/orders/:id/events', ({ request, params }) => {
      const orderId = String(params['id']);
      const order = shipDb.order(orderId);
      if (!order) return notFound();
      const lastEventId = request.headers.get('last-event-id');
      shipDb.connections.push({ orderId, lastEventId });
      let open: OpenStream;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          open = { orderId, controller };
          controller.enqueue(encoder.encode(`retry: ${shipDb.retry}\n\n`));
          // Resume: every event after Last-Event-ID first, in order; none = after the current last one.
          if (lastEventId !== null) {
            for (const entry of order.timeline) if (entry.seq > Number(lastEventId)) controller.enqueue(frame(shipDb.liveEvent(order, entry)));
          }
          shipDb.streams.push(open);
        },
        cancel() {
          shipDb.streams = shipDb.streams.filter((s) => s !== open);
        },
      });
      return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } });
    }),
  ];
}
