/** Issue 5's sections of `npm run bench` on one database: live update latency, then big-order reads and receipts. */
import { performance } from 'node:perf_hooks';
import type { Dialect } from '../server/store/db.js';
import { LIVE_EVENTS, LIVE_HEADER, benchLive } from './bench-live.js';
import { remoteDeal, startServer, type BenchServer } from './bench-remote.js';
import { READ_RUNS, RECEIPT_RUNS, SHIPMENT_HEADER, benchShipment } from './bench-shipment.js';
import { printTable } from './bench-util.js';

export async function benchIssue5(dialect: Dialect): Promise<void> {
  const started = performance.now();
  const servers: BenchServer[] = [];
  try {
    const a = await startServer(dialect);
    servers.push(a);
    const dealA = await remoteDeal(a.url);

    console.log(`\n${dialect}: live order updates over SSE (server in its own process, @hono/node-server on a real port); ` +
      `${LIVE_EVENTS} one-carton receipts POSTed per row after 3 warm-up ones, each awaited by every subscriber before the next`);
    const live = await benchLive({ label: 'one instance', read: dealA, readUrl: a.url, write: dealA });
    if (dialect === 'postgres') {
      const b = await startServer({ attach: a.databaseUrl! });
      servers.unshift(b);
      live.push(...(await benchLive({ label: 'subscribe on A, POST to B', read: dealA, readUrl: a.url, write: await remoteDeal(b.url) })));
    }
    printTable([LIVE_HEADER, ...live]);
    console.log('latency = subscriber parsed the event − POST response read (same clock, bench process); negative: arrived before the response');

    console.log(`\n${dialect}: big orders over HTTP (packing list + one receipt + measurements, cross-check "match"); ` +
      `${READ_RUNS} GETs after 5 warm-up ones; receipt: ${RECEIPT_RUNS} runs after 2 warm-up ones, each on a fresh paid order`);
    const shipment = await benchShipment(dealA);
    printTable([SHIPMENT_HEADER, ...shipment.rows]);
    for (const line of shipment.setup) console.log(`setup, ${line}`);
  } finally {
    // Instance B first: A's close drops the scratch database.
    for (const s of servers) await s.close();
  }
  console.log(`${dialect}: issue 5 sections took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
