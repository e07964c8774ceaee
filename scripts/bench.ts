/**
 * `npm run bench`: one run, one table, every figure beside a floor measured in the same run, and
 * bench/results.json with all of it. Per database (SQLite; Postgres too when K100_TEST_PG_URL is set,
 * e.g. `bash scripts/with-postgres.sh npm run bench`): HTTP load on the routes against bare
 * node:http and bare Hono; search on a large catalog in process and at saturation over HTTP; live order
 * updates to up to 1 000 SSE subscribers; big-order reads. Then first paint (scripts/bench-paint.ts, when
 * present) and bytes. Servers run in child processes (bench-server.ts), killed however the run ends.
 * Reports only: nothing here fails on a timing.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Dialect } from '../server/store/db.js';
import { benchBytes } from './bench-bytes.js';
import { CONNECTIONS, ROUNDS, SECONDS, benchHttp, sandboxCases, type HttpCase } from './bench-http.js';
import { benchLive } from './bench-live.js';
import { remoteDeal, startServer, type BenchServer } from './bench-remote.js';
import { bytesSection, httpSection, liveSection, paintSection, searchSection, type PaintRow } from './bench-report.js';
import { scratchDatabase } from './bench-scratch.js';
import { PRODUCTS, benchSearch } from './bench-search.js';
import { SHIPMENT_HEADER, benchShipment } from './bench-shipment.js';
import { printSections, type Section } from './bench-util.js';

const started = performance.now();
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  commit: git('rev-parse HEAD'),
  dirty: git('status --porcelain --untracked-files=no') !== '',
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: +(totalmem() / 2 ** 30).toFixed(1), node: process.version, loadavgStart: loadavg() },
  settings: {
    connections: CONNECTIONS, secondsPerRun: SECONDS, rounds: ROUNDS, products: PRODUCTS,
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('K100_BENCH_'))),
  },
};
const sections: Section[] = [];
/** K100_BENCH_ONLY=http,search (any of http, live, shipment, search, paint, bytes): a shorter run while iterating. */
const ONLY = process.env.K100_BENCH_ONLY ? new Set(process.env.K100_BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const wanted = (...parts: string[]) => ONLY === null || parts.some((p) => ONLY.has(p));
const log = (line: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);

function git(args: string): string {
  try {
    return execSync(`git ${args}`, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** A server on a scratch database, closed and the database dropped afterwards, whatever `run` does. */
async function withApp<T>(dialect: Dialect, fresh: boolean, prepare: (url: string) => Promise<void>, run: (app: BenchServer, url: string) => Promise<T>): Promise<T> {
  const db = await scratchDatabase(dialect);
  const opened: BenchServer[] = [];
  try {
    await prepare(db.url);
    const app = await startServer({ app: db.url, fresh });
    opened.push(app);
    return await run(app, db.url);
  } finally {
    for (const s of opened) await s.close();
    await db.drop();
  }
}

async function benchDialect(dialect: Dialect, floors: { node: BenchServer; hono: BenchServer }): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (wanted('http', 'live', 'shipment')) await withApp(dialect, true, async () => {}, async (app, url) => {
    out.launch = app.launch;
    const d = await remoteDeal(app.url);
    if (wanted('http')) {
      log(`${dialect}: HTTP routes`);
      const http = await benchHttp({ app, ...floors }, await sandboxCases(d));
      out.http = http;
      sections.push(httpSection(`HTTP, ${dialect}: the real app on a fresh seeded sandbox vs bare servers`, http.node, http.results, app.launch));
    }
    if (wanted('live')) {
      log(`${dialect}: SSE subscribers`);
      const live = await benchLive(app, d);
      out.live = live;
      sections.push(liveSection(`Live order updates over SSE, ${dialect}`, 'one instance', live));
    }
    if (wanted('live') && dialect === 'postgres') {
      // A second instance on the same database: receipts POSTed there reach subscribers here by LISTEN/NOTIFY.
      const b = await startServer({ app: url, fresh: false });
      try {
        const across = await benchLive(app, d, await remoteDeal(b.url));
        out.liveAcrossInstances = across;
        sections.push(liveSection(`Live order updates over SSE, ${dialect}, across instances`, 'subscribe on A, POST to B', across));
      } finally {
        await b.close();
      }
    }
    if (wanted('shipment')) {
      log(`${dialect}: big orders`);
      const shipment = await benchShipment(d);
      out.shipment = { header: SHIPMENT_HEADER, ...shipment };
      sections.push({ title: `Big orders over HTTP, ${dialect} (one client, sequential)`, header: SHIPMENT_HEADER, rows: shipment.rows, notes: shipment.setup.map((s) => `setup, ${s}`) });
    }
  });
  if (!wanted('search')) return out;

  log(`${dialect}: search on ${PRODUCTS.toLocaleString('en')} products (seeding)`);
  let search!: Awaited<ReturnType<typeof benchSearch>>;
  await withApp(dialect, false, async (url) => void (search = await benchSearch(url)), async (app) => {
    out.search = search;
    sections.push(searchSection(`Search on ${PRODUCTS.toLocaleString('en')} products, ${dialect}`, search));
    const d = await remoteDeal(app.url);
    const path = '/v1/products?q=chair&limit=20';
    const probe = (await (await d.t.call('GET', path, { token: d.acme })).json()) as { data: unknown[] };
    const saturated: HttpCase = { name: `GET ${path}`, target: 0.5, requests: async () => [{ method: 'GET', path, headers: { authorization: `Bearer ${d.acme}` } }] };
    log(`${dialect}: search at saturation`);
    const http = await benchHttp({ app, ...floors }, [saturated]);
    out.searchHttp = { rows: probe.data.length, ...http };
    sections.push(httpSection(`Search at saturation over HTTP, ${dialect}, ${PRODUCTS.toLocaleString('en')} products (${probe.data.length} rows a page)`, null, http.results, app.launch));
  });
  return out;
}

/** scripts/bench-paint.ts belongs to the first-paint work; until it lands, the section says "not measured". */
async function firstPaint(): Promise<PaintRow[] | null> {
  if (!existsSync(new URL('./bench-paint.ts', import.meta.url))) return null;
  const specifier = './bench-paint.js';
  const mod = (await import(specifier)) as { benchFirstPaint(opts?: { rounds?: number; log?: (line: string) => void }): Promise<PaintRow[]> };
  const rounds = process.env.K100_BENCH_PAINT_ROUNDS;
  return mod.benchFirstPaint({ ...(rounds ? { rounds: Number(rounds) } : {}), log });
}

const floors = { node: await startServer('node-http'), hono: await startServer('hono') };
const dialects: Dialect[] = process.env.K100_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (wanted('http', 'live', 'shipment', 'search')) for (const dialect of dialects) results[dialect] = await benchDialect(dialect, floors);
await floors.node.close();
await floors.hono.close();

if (wanted('paint')) {
  log('first paint');
  // A browser that cannot start should cost this section, not the minutes of figures before it.
  const paint = await firstPaint().catch((error: unknown) => String(error));
  results.paint = paint;
  sections.push(typeof paint === 'string' ? paintSection(null, `failed: ${paint}`) : paintSection(paint));
}
if (wanted('bytes')) {
  log('bytes');
  const bytes = await benchBytes();
  results.bytes = bytes;
  sections.push(bytesSection(bytes));
}

(results.machine as Record<string, unknown>).loadavgEnd = loadavg();
results.seconds = +((performance.now() - started) / 1000).toFixed(1);
printSections(sections);
const machine = results.machine as { cpus: number; model: string; loadavgStart: number[]; loadavgEnd: number[] };
console.log(`\n${results.date}, ${String(results.commit).slice(0, 10)}${results.dirty ? ' (dirty)' : ''}; ${machine.cpus} × ${machine.model}, ${process.version}; ` +
  `load average ${machine.loadavgStart.map((n) => n.toFixed(2)).join(' ')} at start, ${machine.loadavgEnd.map((n) => n.toFixed(2)).join(' ')} at end; ${results.seconds} s`);
mkdirSync(new URL('../bench/', import.meta.url), { recursive: true });
writeFileSync(new URL('../bench/results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('figures: bench/results.json');
