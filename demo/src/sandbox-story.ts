/**
 * The sandbox's fast-forward: plays every party of the story through the real public API, one call at a
 * time, so a developer watching the buyer's tracker sees each milestone arrive live. Nothing here is a
 * shortcut: the supplier, the operator and the buyer each act with their own session, and a refused step
 * stops the run with the server's own problem detail.
 */
import type { Order } from '../../server/schemas/orders.js';
import type { PaymentIntent } from '../../server/schemas/payments.js';
import type { Terms } from '../../server/schemas/terms.js';
import { api } from './http.js';
import { mintSession } from './sandbox.js';

export const PERSONAS = { buyer: 'buyer_acme', supplier: 'supplier_shenzhen_led', operator: 'operator_ningbo_wh' } as const;

export interface StoryLog {
  (line: string): void;
}

export interface StoryOptions {
  log: StoryLog;
  /** Pause between steps, so the tracker's live updates can be watched. */
  pauseMs?: number;
  /** Called once the order is paid: from then on the warehouse can see it. */
  onPaid?: () => void;
  signal?: AbortSignal;
}

interface Sessions {
  buyer: string;
  supplier: string;
  operator: string;
}

interface ProductRow {
  id: string;
  name: string;
  unit_price: number;
  currency: string;
}

interface CartonLine {
  barcode: string;
  product_id: string;
  quantity: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Stopped', 'AbortError'));
    });
  });

async function sessionsFor(buyerId: string): Promise<Sessions> {
  const [buyer, supplier, operator] = await Promise.all([buyerId, PERSONAS.supplier, PERSONAS.operator].map(async (id) => (await mintSession(id)).token));
  return { buyer: buyer!, supplier: supplier!, operator: operator! };
}

/** ISO 6346 check digit: letters map to 10..38 skipping multiples of 11, weighted by powers of two. */
function iso6346(owner: string, serial: string): string {
  const values = [...owner, ...serial].map((ch) => {
    if (/\d/.test(ch)) return Number(ch);
    let v = 10;
    for (let c = 65; c < ch.charCodeAt(0); c++) if (++v % 11 === 0) v++;
    return v;
  });
  const sum = values.reduce((acc, v, i) => acc + v * 2 ** i, 0);
  return `${owner}${serial}${(sum % 11) % 10}`;
}

const randomDigits = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b % 10).join('');

/** Cartons of at most `perCarton` pieces per line, barcoded like a supplier's export labels. */
function packCartons(terms: Terms, tag: string): CartonLine[] {
  const cartons: CartonLine[] = [];
  terms.items.forEach((item, line) => {
    const perCarton = Math.max(1, Math.ceil(item.quantity / 3));
    for (let left = item.quantity, n = 1; left > 0; left -= perCarton, n++) {
      cartons.push({ barcode: `CTN-${tag}-${line + 1}-${String(n).padStart(2, '0')}`, product_id: item.product_id, quantity: Math.min(perCarton, left) });
    }
  });
  return cartons;
}

/**
 * A new order of the buyer with the LED supplier, from offer to confirmed contract, in the API's own
 * steps: negotiation, the supplier's acceptance, the e-PO, the drafted and sent contract, the buyer's
 * confirmation. Returns the order id.
 */
export async function createOrder(buyerId: string, { log, signal }: StoryOptions): Promise<string> {
  const s = await sessionsFor(buyerId);
  const { data: products } = await api<{ data: ProductRow[] }>(s.buyer, 'GET', `/v1/products?supplier_id=${PERSONAS.supplier}&limit=20`);
  const picked = products.filter((p) => p.currency === 'USD').slice(0, 2);
  if (picked.length === 0) throw new Error('The LED supplier has no USD products to order.');
  const terms: Terms = {
    currency: 'USD',
    items: picked.map((p, i) => ({ product_id: p.id, quantity: i === 0 ? 60 : 240, unit_price: p.unit_price })),
    incoterm: 'FOB',
    delivery_date: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    deposit_percent: 30,
    inspection_percent: 10,
    shipping_mode: 'fcl',
    destination_port: 'NLRTM',
  };
  signal?.throwIfAborted();
  const negotiation = await api<{ id: string }>(s.buyer, 'POST', '/v1/negotiations', { supplier_id: PERSONAS.supplier, terms, message: 'Sandbox fast-forward order' });
  log(`Buyer opened negotiation ${negotiation.id}.`);
  await api(s.supplier, 'POST', `/v1/negotiations/${negotiation.id}/accept`);
  log('Supplier accepted the offer.');
  const po = await api<{ id: string }>(s.buyer, 'POST', '/v1/purchase-orders', { negotiation_id: negotiation.id });
  log(`Buyer issued purchase order ${po.id}.`);
  const full = await api<{ legal_entity_defaults: { seller: unknown; buyer: unknown } }>(s.supplier, 'GET', `/v1/purchase-orders/${po.id}`);
  const contract = await api<{ id: string }>(s.supplier, 'POST', '/v1/contracts', {
    purchase_order_id: po.id,
    clauses: [
      { title: 'Quality', body: 'Goods conform to the approved sample.' },
      { title: 'Packing', body: 'Export cartons, one barcode label per carton.' },
    ],
    legal_entities: full.legal_entity_defaults,
  });
  await api(s.supplier, 'POST', `/v1/contracts/${contract.id}/send`);
  log(`Supplier drafted and sent contract ${contract.id}.`);
  const confirmed = await api<{ order_id: string }>(s.buyer, 'POST', `/v1/contracts/${contract.id}/confirm`, { signer_name: 'Sandbox Buyer', accept: true });
  log(`Buyer confirmed the contract: order ${confirmed.order_id} is open.`);
  return confirmed.order_id;
}

export type Ending = 'settle' | 'short';

/**
 * Walks an order from wherever it stands to settlement: payment (exact, through the sandbox bank),
 * packing list, receipt, inspection, measurements, consolidation, customs, the voyage and the ownership
 * transfer. `short` receives one carton less and stops at the cross-check, so the discrepancy and its two
 * ways out can be tried in the console.
 */
export async function fastForward(orderId: string, buyerId: string, ending: Ending, { log, pauseMs = 900, signal, onPaid }: StoryOptions): Promise<Order> {
  const s = await sessionsFor(buyerId);
  const step = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    signal?.throwIfAborted();
    const result = await run();
    log(label);
    await sleep(pauseMs, signal);
    return result;
  };
  const order = () => api<Order>(s.buyer, 'GET', `/v1/orders/${orderId}`);
  let current = await order();
  const contract = await api<{ terms: Terms }>(s.buyer, 'GET', `/v1/contracts/${current.contract_id}`);
  const terms = contract.terms;
  const done = (code: string) => current.timeline.some((e) => e.code === code);

  if (current.payment_status === 'unpaid') {
    await step('Buyer paid the exact amount into escrow through the sandbox bank.', async () => {
      const intent = await api<PaymentIntent>(s.buyer, 'POST', `/v1/orders/${orderId}/payment-intents`, { gateway: 'bank_transfer', currency: current.currency }, {
        'idempotency-key': crypto.randomUUID(),
      });
      await api(s.buyer, 'POST', '/v1/sandbox/deposits', { reference: intent.reference, amount: intent.amount_due, currency: intent.currency });
    });
    current = await order();
  }
  if (current.payment_status !== 'escrow_funded') throw new Error(`The order's escrow is ${current.payment_status.replaceAll('_', ' ')}; fast-forward needs it funded.`);
  onPaid?.();

  const tag = randomDigits(4);
  const cartons = packCartons(terms, tag);
  const operator = (path: string, body: unknown) => api(s.operator, 'POST', `/v1/orders/${orderId}/${path}`, body);

  if (!done('goods_received')) {
    await step(`Supplier submitted a packing list of ${cartons.length} cartons.`, () => api(s.supplier, 'POST', `/v1/orders/${orderId}/packing-list`, { cartons }));
    const arriving = ending === 'short' ? cartons.slice(0, -1) : cartons;
    await step(`Warehouse scanned ${arriving.length} cartons and issued the goods receipt.`, () => operator('receipts', { cartons: arriving }));
  }
  if (ending === 'short') {
    const check = await api<{ status: string; differences: { kind: string }[] }>(s.operator, 'GET', `/v1/orders/${orderId}/cross-check`);
    log(`Cross-check: ${check.status} (${check.differences.map((d) => d.kind).join(', ') || 'no differences'}). Resolve it in the console: receive the missing carton, or have the supplier amend.`);
    return order();
  }
  const shipment = await api<{ cartons: { barcode: string; returned: boolean }[]; inspection: { result: string; stale: boolean } | null }>(
    s.operator,
    'GET',
    `/v1/orders/${orderId}/shipment`,
  );
  const onHand = shipment.cartons.filter((c) => !c.returned).map((c) => c.barcode);
  // Inspect when agreed and not yet passed, or when cartons arrived after the last inspection (it went stale).
  const inspection = shipment.inspection;
  if (terms.inspection_percent > 0 && (!inspection || inspection.result !== 'pass' || inspection.stale)) {
    const sample = onHand.slice(0, Math.max(1, Math.ceil((onHand.length * terms.inspection_percent) / 100)));
    await step(`Warehouse inspected ${sample.length} sampled carton(s): pass.`, () => operator('inspections', { sampled_barcodes: sample, result: 'pass', notes: 'Sampled per contract; labels and counts correct.' }));
  }
  if (!done('measured')) {
    const measured = onHand.map((barcode, i) => ({ barcode, weight_kg: 18.5 + (i % 4), length_cm: 60, width_cm: 40, height_cm: 45 }));
    await step('Warehouse weighed and measured every carton.', () => operator('measurements', { cartons: measured }));
  }
  if (!done('consolidated')) {
    const body =
      terms.shipping_mode === 'courier'
        ? { mode: 'courier', carrier: 'DHL Express', tracking_no: `JD01${randomDigits(14)}` }
        : { mode: terms.shipping_mode, container_no: iso6346('MSCU', randomDigits(6)), seal_no: `SL${randomDigits(7)}` };
    await step(`Goods consolidated (${terms.shipping_mode.toUpperCase()}).`, () => operator('consolidation', body));
  }
  if (!done('customs_released')) {
    await step('China customs released the export declaration.', () => operator('customs-release', { declaration_no: `3101${randomDigits(14)}` }));
  }
  const voyage: { code: string; location: string; bill_of_lading_no?: string }[] = [
    { code: 'departed', location: 'Ningbo-Zhoushan (CNNGB)', ...(terms.shipping_mode === 'courier' ? {} : { bill_of_lading_no: `NGBRTM${randomDigits(8)}` }) },
    { code: 'arrived', location: `Destination port ${terms.destination_port}` },
    { code: 'ready_for_pickup', location: terms.shipping_mode === 'lcl' ? `Designated warehouse, ${terms.destination_port}` : `Port of ${terms.destination_port}` },
    { code: 'picked_up', location: terms.shipping_mode === 'lcl' ? `Designated warehouse, ${terms.destination_port}` : `Port of ${terms.destination_port}` },
  ];
  for (const event of voyage) {
    if (!done(event.code)) await step(`Tracking: ${event.code.replaceAll('_', ' ')} at ${event.location}.`, () => operator('tracking-events', event));
  }
  await step('Warehouse recorded the ownership transfer: escrow released to the supplier, order settled.', () => operator('ownership-transfer', {}));
  return order();
}
