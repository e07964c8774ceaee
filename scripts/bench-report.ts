/** Turns each section's figures into rows of the bench's one table (figures stay numbers in results.json). */
import type { BytesRow } from './bench-bytes.js';
import { CONNECTIONS, ROUNDS, SECONDS, medianRun, type CaseResult, type Run } from './bench-http.js';
import type { LiveResult } from './bench-live.js';
import type { SearchBench } from './bench-search.js';
import { median, ms, type Section } from './bench-util.js';

export interface PaintRow {
  target: string;
  throttle: 1 | 4;
  medianMs: number;
  samples: number;
}

const P99_TARGET_MS = 10;
/** Fewer streams than this move the server's memory less than a GC's noise does. */
const MEMORY_MIN_SUBSCRIBERS = 100;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const reqs = (n: number) => Math.round(n).toLocaleString('en');

export function httpSection(title: string, node: Run[] | null, results: CaseResult[], launch: string): Section {
  const rows: string[][] = [];
  if (node) {
    const n = medianRun(node);
    rows.push(['floor: bare node:http, GET', reqs(n.reqPerSec), '', '', '', ms(n.p50), ms(n.p99), '', '', String(n.non2xx + n.errors)]);
  }
  for (const r of results) {
    const app = medianRun(r.app);
    const hono = medianRun(r.hono);
    const ratio = median(r.ratios);
    const p99 = app.p99 <= P99_TARGET_MS ? '' : ' !';
    rows.push([
      r.name, reqs(app.reqPerSec), reqs(hono.reqPerSec), `${ratio.toFixed(2)}${ratio >= r.target ? '' : ' !'}`, `≥ ${r.target.toFixed(1)}`,
      ms(app.p50), `${ms(app.p99)}${p99}`, ms(hono.p50), ms(hono.p99), String(app.non2xx + app.errors),
    ]);
  }
  return {
    title,
    header: ['request', 'req/s', 'bare Hono req/s', 'ratio', 'target', 'p50 ms', 'p99 ms', 'Hono p50', 'Hono p99', 'non-2xx/err'],
    rows,
    notes: [
      `autocannon, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s; medians over rounds; ratio = median of (app / the bare Hono run just before, same requests)`,
      `! = below the issue's target (ratio), or p99 over ${P99_TARGET_MS} ms; server: ${launch}`,
    ],
  };
}

export function searchSection(title: string, bench: SearchBench): Section {
  return {
    title,
    header: ['query (searchProducts, in process)', 'p50 ms', 'p99 ms', 'rows'],
    rows: bench.results.map((r) => [r.name, `${ms(r.timing.p50)}${r.timing.p50 <= 2 || r.worstCase ? '' : ' !'}`, `${ms(r.timing.p99)}${r.timing.p99 <= 100 ? '' : ' !'}`, String(r.rows)]),
    notes: [
      `seed ${(bench.seed.seedMs / 1000).toFixed(1)} s over ${bench.seed.suppliers} suppliers; target p50 ≤ 2 ms, p99 ≤ 100 ms (! = missed)`,
      '* worst case, outside the target: ranking scores every match, so cost grows with the match count',
    ],
  };
}

export function liveSection(title: string, label: string, live: { results: LiveResult[]; skipped: string[] }): Section {
  return {
    title,
    header: ['setup', 'events', 'deliveries', 'POST p50 ms', 'delivery p50 ms', 'p99 ms', 'max ms', 'RSS KB/conn', 'heap KB/conn'],
    rows: live.results.map((r) => [
      `${label}, ${r.subscribers} subscriber${r.subscribers === 1 ? '' : 's'}`, String(r.events), String(r.delivery.runs), ms(r.post.p50),
      ms(r.delivery.p50), ms(r.delivery.p99), ms(r.delivery.max),
      ...(r.subscribers >= MEMORY_MIN_SUBSCRIBERS ? [kb(r.rssPerConnection), kb(r.heapPerConnection)] : ['', '']),
    ]),
    notes: [
      'delivery = subscriber parsed the event − POST response read (same clock, bench process, which a CPU profile at 1 000 subscribers showed mostly idle: the tail is the server\'s)',
      `memory = server process growth after a full GC, from before connecting to every stream open, ÷ subscribers (from ${MEMORY_MIN_SUBSCRIBERS} up: below, GC noise outweighs the streams)`,
      ...live.skipped.map((s) => `skipped: ${s}`),
    ],
  };
}

/** `rows` null: not measured, for the reason given. */
export function paintSection(rows: PaintRow[] | null, reason = 'scripts/bench-paint.ts is not on this branch'): Section {
  const header = ['widget (first paint)', '1x ms', '4x ms', 'over blank 1x', 'over blank 4x', 'over trivial Lit 1x', 'over trivial Lit 4x', 'target over blank'];
  const title = 'First paint, headless Chromium (scripts/bench-paint.ts)';
  if (!rows) return { title, header, rows: [['not measured', '', '', '', '', '', '', '']], notes: [reason] };
  const at = (target: string, throttle: 1 | 4) => rows.find((r) => r.target === target && r.throttle === throttle)?.medianMs;
  const diff = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '' : ms(a - b, 0));
  const targets = [...new Set(rows.map((r) => r.target))];
  return {
    title,
    header,
    rows: targets.map((t) => {
      const [one, four] = [at(t, 1), at(t, 4)];
      const over = [one === undefined ? undefined : one - (at('blank', 1) ?? NaN), four === undefined ? undefined : four - (at('blank', 4) ?? NaN)];
      const missed = (over[0] ?? 0) > 100 || (over[1] ?? 0) > 250;
      return [
        t, one === undefined ? '' : ms(one, 0), four === undefined ? '' : ms(four, 0), diff(one, at('blank', 1)), diff(four, at('blank', 4)),
        diff(one, at('trivial-lit', 1)), diff(four, at('trivial-lit', 4)), t.startsWith('k100-') ? `≤ 100 / 250${missed ? ' !' : ''}` : '',
      ];
    }),
    notes: [`medians of ${rows[0]?.samples ?? 0} samples per target and throttle; ! = over the issue's target`],
  };
}

export function bytesSection(rows: BytesRow[] | null): Section {
  const title = 'Bytes: dist/widgets entries with every chunk they statically import, each file compressed on its own and counted once';
  const header = ['entry', 'files', 'gzip KB', 'brotli KB', 'gzip over trivial Lit KB', 'budget gzip KB'];
  if (!rows) return { title, header, rows: [['not measured', '', '', '', '', '']], notes: ['dist/widgets is missing: `npm run build` first'] };
  const floor = rows.find((r) => r.name.startsWith('trivial'));
  return {
    title,
    header,
    rows: rows.map((r) => [
      r.name, String(r.files), kb(r.gzip), kb(r.brotli), floor && r !== floor ? kb(r.gzip - floor.gzip) : '',
      r.budgetKb === undefined ? '' : `${r.budgetKb}${r.gzip <= r.budgetKb * 1024 ? '' : ' !'}`,
    ]),
    notes: ['trivial LitElement: one element with css and html, built with vite.config.ts\'s widget settings to a temp dir; ! = over budget'],
  };
}
