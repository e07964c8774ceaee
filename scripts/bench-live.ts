/**
 * Live order updates: N SSE subscribers on one order (real sockets, server in its own process), then
 * timeline events appended by real warehouse steps over HTTP (one-carton goods receipts); latency = when
 * each subscriber's parser hands over the event − when the POST's response was read. Memory per
 * connection = the server's RSS / heap growth (after a full GC) from before connecting to all subscribed.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ok, LED_PANEL, type Deal } from '../test/server/deal-flow.js';
import { paidOrder } from '../test/server/warehouse-flow.js';
import type { PayDeal } from '../test/server/pay-flow.js';
import { Subscriber, type BenchServer } from './bench-remote.js';
import { summarize, type Summary } from './bench-util.js';

const SUBSCRIBERS = (process.env.K100_BENCH_SUBSCRIBERS ?? '1,100,1000').split(',').map(Number);
const LIVE_EVENTS = Number(process.env.K100_BENCH_LIVE_EVENTS ?? 20);
const LIVE_WARMUP = 3;
/** Sockets each process keeps besides the subscribers' (database, IPC, stdio, the writer's pool). */
const SPARE_FDS = 200;

export interface LiveResult {
  subscribers: number;
  events: number;
  post: Summary;
  delivery: Summary;
  /** Server growth per subscriber, bytes. */
  rssPerConnection: number;
  heapPerConnection: number;
}

/** The per-process open-file limit this bench and its children run under (ulimit -n). */
function fdLimit(): number {
  const out = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim();
  return out === 'unlimited' ? Infinity : Number(out);
}

/**
 * One result per subscriber count; counts the fd limit cannot hold are left out and named in `skipped`.
 * Subscribers connect to `server` as `d`'s buyer; receipts are POSTed through `write` (another instance
 * on the same Postgres database measures the LISTEN/NOTIFY fan-out).
 */
export async function benchLive(server: BenchServer, d: Deal, write: Deal = d): Promise<{ results: LiveResult[]; skipped: string[] }> {
  const limit = fdLimit();
  const results: LiveResult[] = [];
  const skipped: string[] = [];
  let barcode = 0;
  for (const n of SUBSCRIBERS) {
    if (n + SPARE_FDS > limit) {
      skipped.push(`${n} subscribers: ulimit -n is ${limit} (raise it to ${n + SPARE_FDS})`);
      continue;
    }
    // paidOrder only reads d.t.call and the tokens; a PayDeal's clock is not used by it.
    const orderId = await paidOrder(write as PayDeal);
    const before = await server.memory();
    const subs: Subscriber[] = [];
    try {
      // In batches: a thousand connects at once would measure the accept backlog, not the stream.
      for (let i = 0; i < n; i += 100) {
        subs.push(...(await Promise.all(Array.from({ length: Math.min(100, n - i) }, () => Subscriber.open(server.url, orderId, d.acme)))));
      }
      const after = await server.memory();
      const posts: number[] = [];
      const latencies: number[] = [];
      for (let i = 0; i < LIVE_WARMUP + LIVE_EVENTS; i++) {
        const cartons = [{ barcode: `LIVE-${String(++barcode).padStart(6, '0')}`, product_id: LED_PANEL.id, quantity: 1 }];
        const sent = performance.now();
        const receipt = await ok(write.t.call('POST', `/v1/orders/${orderId}/receipts`, { token: write.operator, body: { cartons } }), 201);
        const answered = performance.now();
        // Every subscriber must get this very receipt's event before the next POST: no overlap between samples.
        const got = await Promise.all(subs.map((s) => s.waitFor((e) => e.code === 'goods_received' && e.details.receipt_id === receipt.id)));
        if (i < LIVE_WARMUP) continue;
        posts.push(answered - sent);
        for (const e of got) latencies.push(e.at - answered);
      }
      results.push({
        subscribers: n,
        events: LIVE_EVENTS,
        post: summarize(posts),
        delivery: summarize(latencies),
        rssPerConnection: (after.rss - before.rss) / n,
        heapPerConnection: (after.heapUsed - before.heapUsed) / n,
      });
    } finally {
      for (const s of subs) s.close();
    }
  }
  return { results, skipped };
}
