/**
 * HTTP throughput and latency under load: autocannon in the bench process at 50 connections against
 * servers in child processes. Every measurement of a route is preceded by the same requests against the
 * bare Hono floor, and every round by one of the bare node:http floor, so a ratio compares two runs
 * seconds apart on the same noisy machine; rounds alternate direction and figures are medians over rounds.
 */
import autocannon from 'autocannon';
import { LED_BULB, LED_PANEL, ok, terms, type Deal } from '../test/server/deal-flow.js';
import { paidOrder } from '../test/server/warehouse-flow.js';
import type { PayDeal } from '../test/server/pay-flow.js';
import type { BenchServer } from './bench-remote.js';
import { median, summarize } from './bench-util.js';

export const CONNECTIONS = 50;
export const SECONDS = Number(process.env.K100_BENCH_SECONDS ?? 2);
export const ROUNDS = Number(process.env.K100_BENCH_ROUNDS ?? 3);
const WARMUP_SECONDS = 1;

export interface HttpCase {
  name: string;
  /** The floor for `app / bare Hono` (0.8 for /health, 0.5 for reads, 0.4 for writes). */
  target: number;
  /** Requests for one measurement; called before each, so a write can start from fresh state. */
  requests(): Promise<autocannon.Request[]>;
}

export interface Run {
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface CaseResult {
  name: string;
  target: number;
  app: Run[];
  hono: Run[];
  /** app / bare Hono of each round, the Hono run just before. */
  ratios: number[];
}

/**
 * One autocannon run. Latency percentiles come from every 2xx response's own duration (float ms):
 * autocannon's histogram rounds to whole milliseconds, too coarse for a 10 ms p99 target.
 */
function load(url: string, requests: autocannon.Request[], seconds: number): Promise<Run> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, requests }, (error, r) => {
      if (error) return reject(error);
      const latency = summarize(times);
      resolve({ reqPerSec: r.requests.average, p50: latency.p50, p99: latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) times.push(ms);
    });
  });
}

const bearer = (token: string, json = false) => ({ authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) });
const get = (path: string, token?: string): autocannon.Request => ({ method: 'GET', path, ...(token ? { headers: bearer(token) } : {}) });

/**
 * Offers must alternate between the parties, and 50 connections write at once: each request pair (LED
 * counters, Acme counters back) claims a negotiation whose latest offer is Acme's from a shared pool and
 * returns it after the second answer. Autocannon resets a connection's context at each pass over the
 * list, which is exactly one pair. A fresh pool per measurement keeps the negotiations short.
 */
async function offerRequests(d: Deal): Promise<autocannon.Request[]> {
  const idle = await Promise.all(
    Array.from({ length: CONNECTIONS + 10 }, async () => (await ok(d.t.call('POST', '/v1/negotiations', { token: d.acme, body: { supplier_id: LED_PANEL.supplier_id, terms: terms() } }), 201)).id as string),
  );
  const counter = (token: string, depositPercent: number): autocannon.Request => ({
    method: 'POST',
    body: JSON.stringify({ terms: terms({ deposit_percent: depositPercent }), message: 'Counter' }),
    headers: bearer(token, true),
    setupRequest: (req, context) => {
      const ctx = context as { negotiation?: string };
      ctx.negotiation ??= idle.pop();
      return { ...req, path: `/v1/negotiations/${ctx.negotiation}/offers` };
    },
  });
  const [led, acme] = [counter(d.led, 40), counter(d.acme, 30)];
  acme.onResponse = (_status, _body, context) => {
    const id = (context as { negotiation?: string }).negotiation;
    if (id) idle.push(id);
  };
  return [led, acme];
}

/** The routes on a seeded sandbox: what a buyer's widgets read and write. */
export async function sandboxCases(d: Deal): Promise<HttpCase[]> {
  const orderId = await paidOrder(d as PayDeal);
  // A folder with a few items, so the folder read serialises products rather than an empty list.
  for (const p of [LED_PANEL, LED_BULB]) await d.t.call('PUT', `/v1/folders/public/items/${p.id}`, { token: d.acme });
  const fixed = (name: string, target: number, request: autocannon.Request): HttpCase => ({ name, target, requests: async () => [request] });
  return [
    fixed('GET /health', 0.8, get('/health')),
    fixed('GET /v1/me', 0.5, get('/v1/me', d.acme)),
    fixed('GET /v1/folders/public', 0.5, get('/v1/folders/public', d.acme)),
    fixed('GET /v1/products/:id', 0.5, get(`/v1/products/${LED_PANEL.id}`, d.acme)),
    fixed('GET /v1/orders/:id', 0.5, get(`/v1/orders/${orderId}`, d.acme)),
    fixed('GET /v1/products?q=led&limit=20', 0.5, get('/v1/products?q=led&limit=20', d.acme)),
    fixed('PUT /v1/folders/public/items/:id (again)', 0.4, { method: 'PUT', path: `/v1/folders/public/items/${LED_PANEL.id}`, headers: bearer(d.acme) }),
    { name: 'POST /v1/negotiations/:id/offers', target: 0.4, requests: () => offerRequests(d) },
  ];
}

/** Every case against `app`, each run after the same requests against `hono`; `node` once per round. */
export async function benchHttp(servers: { app: BenchServer; hono: BenchServer; node: BenchServer }, cases: HttpCase[]): Promise<{ node: Run[]; results: CaseResult[] }> {
  const health = [get('/health')];
  // Warm-up: JIT, statement caches, connection pools; nothing recorded.
  await load(servers.node.url, health, WARMUP_SECONDS);
  for (const c of cases) {
    await load(servers.hono.url, await c.requests(), WARMUP_SECONDS);
    await load(servers.app.url, await c.requests(), WARMUP_SECONDS);
  }
  const node: Run[] = [];
  const results: CaseResult[] = cases.map((c) => ({ name: c.name, target: c.target, app: [], hono: [], ratios: [] }));
  for (let round = 0; round < ROUNDS; round++) {
    node.push(await load(servers.node.url, health, SECONDS));
    const order = cases.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order) {
      const c = cases[i]!;
      const r = results[i]!;
      const hono = await load(servers.hono.url, await c.requests(), SECONDS);
      const app = await load(servers.app.url, await c.requests(), SECONDS);
      r.hono.push(hono);
      r.app.push(app);
      r.ratios.push(app.reqPerSec / hono.reqPerSec);
    }
  }
  return { node, results };
}

/** Medians over rounds of one list of runs. */
export function medianRun(runs: readonly Run[]): Run {
  const of = (key: keyof Run) => median(runs.map((r) => r[key]));
  return { reqPerSec: of('reqPerSec'), p50: of('p50'), p99: of('p99'), non2xx: runs.reduce((n, r) => n + r.non2xx, 0), errors: runs.reduce((n, r) => n + r.errors, 0) };
}
