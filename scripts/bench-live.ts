/**
 * Issue 5 hot path 1: live order updates. N SSE subscribers on one order (real sockets, server in its own
 * process), then timeline events appended by real warehouse steps over HTTP (one-carton goods receipts);
 * latency = when each subscriber's parser hands over the event − when the POST's response was read.
 * On Postgres also across instances: subscribers on A, writes on B, fanned out by LISTEN/NOTIFY.
 */
import { performance } from 'node:perf_hooks';
import { ok, LED_PANEL, type Deal } from '../test/server/deal-flow.js';
import { paidOrder } from '../test/server/warehouse-flow.js';
import type { PayDeal } from '../test/server/pay-flow.js';
import { Subscriber } from './bench-remote.js';
import { ms, summarize } from './bench-util.js';

export const LIVE_SUBSCRIBERS = [1, 10, 100] as const;
export const LIVE_EVENTS = Number(process.env.K100_BENCH_LIVE_EVENTS ?? 20);
const LIVE_WARMUP = 3;

export interface LiveSetup {
  label: string;
  /** Subscribers connect here. */
  read: Deal;
  readUrl: string;
  /** Receipts are POSTed here (the same server unless fanning out across instances). */
  write: Deal;
}

/** One row per subscriber count: POST time and delivery latency over every (event, subscriber) pair. */
export async function benchLive(setup: LiveSetup): Promise<string[][]> {
  const rows: string[][] = [];
  let barcode = 0;
  for (const n of LIVE_SUBSCRIBERS) {
    // paidOrder only reads d.t.call and the tokens; a PayDeal's clock is not used by it.
    const orderId = await paidOrder(setup.write as PayDeal);
    const subs = await Promise.all(Array.from({ length: n }, () => Subscriber.open(setup.readUrl, orderId, setup.read.acme)));
    try {
      const posts: number[] = [];
      const latencies: number[] = [];
      for (let i = 0; i < LIVE_WARMUP + LIVE_EVENTS; i++) {
        const cartons = [{ barcode: `LIVE-${String(++barcode).padStart(6, '0')}`, product_id: LED_PANEL.id, quantity: 1 }];
        const sent = performance.now();
        const receipt = await ok(setup.write.t.call('POST', `/v1/orders/${orderId}/receipts`, { token: setup.write.operator, body: { cartons } }), 201);
        const answered = performance.now();
        // Every subscriber must get this very receipt's event before the next POST: no overlap between samples.
        const got = await Promise.all(subs.map((s) => s.waitFor((e) => e.code === 'goods_received' && e.details.receipt_id === receipt.id)));
        if (i < LIVE_WARMUP) continue;
        posts.push(answered - sent);
        for (const e of got) latencies.push(e.at - answered);
      }
      const post = summarize(posts);
      const lat = summarize(latencies);
      const min = Math.min(...latencies);
      rows.push([`${setup.label}, ${n} subscriber${n === 1 ? '' : 's'}`, String(LIVE_EVENTS), String(lat.runs), ms(post.p50), ms(min), ms(lat.p50), ms(lat.p95), ms(lat.max)]);
    } finally {
      for (const s of subs) s.close();
    }
  }
  return rows;
}

export const LIVE_HEADER = ['setup', 'events', 'deliveries', 'POST p50 ms', 'min ms', 'p50 ms', 'p95 ms', 'max ms'];
