/**
 * Issue 5 hot path 2: reading a big order. An order of n cartons walked through a real packing list, one
 * receipt and the measurements (cross-check `match`), then GET /cross-check and /shipment timed over HTTP;
 * and the goods receipt POST of 1000 cartons in one request, each run on a fresh paid order.
 */
import { performance } from 'node:perf_hooks';
import { LED_BULB, LED_PANEL, ok, type Deal } from '../test/server/deal-flow.js';
import { confirmedOrderWith, type Carton } from '../test/server/warehouse-flow.js';
import { payOrder } from '../test/server/pay-flow.js';
import { ms, summarize } from './bench-util.js';

export const CARTON_COUNTS = [100, 1000, 5000] as const;
export const READ_RUNS = Number(process.env.K100_BENCH_READ_RUNS ?? 50);
const READ_WARMUP = 5;
export const RECEIPT_CARTONS = 1000;
export const RECEIPT_RUNS = Number(process.env.K100_BENCH_RECEIPT_RUNS ?? 10);
const RECEIPT_WARMUP = 2;

/** n cartons of one piece each: the first half LED panels (12.5 kg), the rest bulbs (8 kg). */
function cartonsOf(n: number, prefix: string): Carton[] {
  const panels = Math.ceil(n / 2);
  return Array.from({ length: n }, (_, i) => ({
    barcode: `${prefix}-${String(i + 1).padStart(5, '0')}`,
    product_id: i < panels ? LED_PANEL.id : LED_BULB.id,
    quantity: 1,
    gross_weight_kg: i < panels ? 12.5 : 8,
  }));
}

/** A paid order whose contract agrees exactly the pieces of `cartonsOf(n)`; no inspection agreed. */
async function paidOrderFor(d: Deal, n: number): Promise<string> {
  const panels = Math.ceil(n / 2);
  const orderId = await confirmedOrderWith(d, {
    items: [
      { product_id: LED_PANEL.id, quantity: panels, unit_price: 1800 },
      { product_id: LED_BULB.id, quantity: n - panels, unit_price: 65 },
    ],
    inspection_percent: 0,
  });
  await payOrder(d, orderId);
  return orderId;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

/** GETs `path` (body read and parsed) `READ_WARMUP + READ_RUNS` times; the timings of the measured runs and the body size. */
async function timeGet(d: Deal, path: string): Promise<{ times: number[]; bytes: number; body: any }> {
  const times: number[] = [];
  let bytes = 0;
  let body: any;
  for (let i = 0; i < READ_WARMUP + READ_RUNS; i++) {
    const start = performance.now();
    const res = await d.t.call('GET', path, { token: d.acme });
    const text = await res.text();
    // Stopped once the body is read: parsing it is the client's cost, not the server's.
    const elapsed = performance.now() - start;
    body = JSON.parse(text);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text}`);
    bytes = Buffer.byteLength(text);
    if (i >= READ_WARMUP) times.push(elapsed);
  }
  return { times, bytes, body };
}

export interface ShipmentResult {
  rows: string[][];
  /** One line per order: how long building it through the API took (one sample each, for context). */
  setup: string[];
}

export async function benchShipment(d: Deal): Promise<ShipmentResult> {
  const rows: string[][] = [];
  const setup: string[] = [];
  for (const n of CARTON_COUNTS) {
    const orderId = await paidOrderFor(d, n);
    const cartons = cartonsOf(n, `SHP${n}`);
    const packing = await timed(() => ok(d.t.call('POST', `/v1/orders/${orderId}/packing-list`, { token: d.led, body: { cartons } }), 201));
    const scanned = cartons.map(({ barcode, product_id, quantity }) => ({ barcode, product_id, quantity }));
    const receipt = await timed(() => ok(d.t.call('POST', `/v1/orders/${orderId}/receipts`, { token: d.operator, body: { cartons: scanned } }), 201));
    const measured = cartons.map((c) => ({ barcode: c.barcode, weight_kg: c.gross_weight_kg!, length_cm: 60, width_cm: 40, height_cm: 30 }));
    const measurement = await timed(() => ok(d.t.call('POST', `/v1/orders/${orderId}/measurements`, { token: d.operator, body: { cartons: measured } }), 201));
    setup.push(`${n} cartons: packing list POST ${ms(packing.ms, 0)} ms, receipt POST ${ms(receipt.ms, 0)} ms, measurements POST ${ms(measurement.ms, 0)} ms (one each)`);

    const check = await timeGet(d, `/v1/orders/${orderId}/cross-check`);
    if (check.body.status !== 'match') throw new Error(`cross-check of ${n} cartons: ${JSON.stringify(check.body.differences).slice(0, 500)}`);
    const ship = await timeGet(d, `/v1/orders/${orderId}/shipment`);
    if (ship.body.cartons.length !== n) throw new Error(`shipment lists ${ship.body.cartons.length} of ${n} cartons`);
    for (const [name, r] of [['GET cross-check', check], ['GET shipment', ship]] as const) {
      const s = summarize(r.times);
      rows.push([`${name}, ${n} cartons`, String(s.runs), ms(s.p50), ms(s.p95), ms(s.max), (r.bytes / 1024).toFixed(1)]);
    }
  }

  // The receipt of a full container load, scanned in one go: each run a fresh paid order, nothing received yet.
  const times: number[] = [];
  for (let i = 0; i < RECEIPT_WARMUP + RECEIPT_RUNS; i++) {
    const orderId = await paidOrderFor(d, RECEIPT_CARTONS);
    const body = { cartons: cartonsOf(RECEIPT_CARTONS, `RCP${i}`).map(({ barcode, product_id, quantity }) => ({ barcode, product_id, quantity })) };
    const r = await timed(() => ok(d.t.call('POST', `/v1/orders/${orderId}/receipts`, { token: d.operator, body }), 201));
    if (r.value.cartons.length !== RECEIPT_CARTONS) throw new Error('receipt did not take every carton');
    if (i >= RECEIPT_WARMUP) times.push(r.ms);
  }
  const s = summarize(times);
  rows.push([`POST receipts, ${RECEIPT_CARTONS} cartons`, String(s.runs), ms(s.p50), ms(s.p95), ms(s.max), '']);
  return { rows, setup };
}

export const SHIPMENT_HEADER = ['request', 'runs', 'p50 ms', 'p95 ms', 'max ms', 'KB'];
