/**
 * Widget first paint: how long after navigation start each widget has painted its seeded data, against
 * a blank page and a trivial LitElement in the same run, at 1x and 4x CPU throttle in headless Chromium.
 *
 * The real server runs in a child process (fresh seeded SQLite sandbox) on 127.0.0.1; partner pages come
 * from another origin (`localhost`) and load one widget entry script from the server's /widgets/, exactly
 * as a partner embeds it. Every sample is a fresh incognito context with the cache disabled.
 *
 * "Painted" means: the first animation frame whose rendering includes the data (the widget's data selector
 * matches inside its shadow root before that frame's style, layout and paint), timed when that frame's
 * rendering work is done (see `paintProbe`). The blank page's "data" is its `<main>`, so its figure is
 * the floor of the method (navigation, first frame, the same timing) and "over blank" is what the widget
 * costs.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'puppeteer-core';
import { build } from 'vite';
import { launchChromium } from '../test/e2e/browser.js';
import { startK100Server } from '../test/e2e/servers.js';
import { printSections } from './bench-util.js';
import { seedPaintData, type PaintData } from './bench-paint-data.js';

export interface PaintResult {
  target: string;
  throttle: 1 | 4;
  medianMs: number;
  samples: number;
}

interface Target {
  name: string;
  /** Script URL the page loads (a module), if any. */
  script?: string;
  /** Body markup. */
  body: string;
  /** What must be painted: `selector` inside `host`'s shadow root (no host: `selector` in the document). */
  host?: string;
  selector: string;
}

const THROTTLES = [1, 4] as const;
const SAMPLE_TIMEOUT_MS = 20_000;

export function targets(api: string, site: string, d: PaintData): Target[] {
  const widget = (name: string, entry: string, attrs: string, selector: string): Target => ({
    name: `k100-${name}`,
    script: `${api}/widgets/${entry}.js`,
    body: `<k100-${name} ${attrs}></k100-${name}>`,
    host: `k100-${name}`,
    selector,
  });
  return [
    { name: 'blank', body: '<main></main>', selector: 'main' },
    { name: 'trivial-lit', script: `${site}/trivial/trivial-lit.js`, body: '<k100-trivial></k100-trivial>', host: 'k100-trivial', selector: 'p' },
    widget('product-search', 'product-search', `session="${d.buyer}"`, '[part~="card"]'),
    widget('product-folder', 'product-folder', `session="${d.buyer}"`, '[part~="item"]'),
    widget('purchase-order', 'purchase-order', `session="${d.buyer}" negotiation-id="${d.negotiationId}"`, '[part~="offer"]'),
    widget('contract-drafter', 'contract-drafter', `session="${d.supplier}" contract-id="${d.draftContractId}"`, '[part~="clauses"]'),
    // The contract's clauses: its evidence digest follows one request later by design (verification
    // exists only for a confirmed contract, which the widget learns from the contract itself).
    widget('contract-review', 'contract-review', `session="${d.buyer}" contract-id="${d.confirmedContractId}"`, '[part~="clauses"]'),
    widget('pay-checkout', 'pay-checkout', `session="${d.buyer}" order-id="${d.orderId}"`, '[part~="funded"]'),
    widget('shipment-tracker', 'shipment-tracker', `session="${d.buyer}" order-id="${d.orderId}"`, '[part~="timeline"]'),
    widget('order-status', 'order-status', `session="${d.buyer}"`, '[part~="order"]'),
    widget('warehouse-console', 'warehouse-console', `session="${d.operator}" order-id="${d.orderId}"`, '[part~="order-header"]'),
  ];
}

/** `target` with the baseline server's script, talking to the main server's API and data. */
function asBaseline(target: Target, api: string, baseline: string): Target {
  return {
    ...target,
    name: `${target.name}@baseline`,
    script: target.script!.replace(api, baseline),
    body: target.body.replace(/^<([a-z0-9-]+) /, `<$1 api-base="${api}" `),
  };
}

/** One trivial LitElement, built minified like our entries so it pays for Lit as they do. */
export async function buildTrivialLit(outDir: string): Promise<void> {
  const id = '\0k100-trivial';
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    plugins: [{
      name: 'k100:trivial-lit',
      enforce: 'pre',
      // Lib mode hands the entry over as a path below the root.
      resolveId: (source) => (source.endsWith('k100-trivial') ? id : null),
      load: (source) =>
        source === id
          ? `import { LitElement, html } from 'lit';
             customElements.define('k100-trivial', class extends LitElement { render() { return html\`<p>Hello</p>\`; } });`
          : null,
    }],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2021',
      minify: true,
      lib: { entry: 'k100-trivial', formats: ['es'], fileName: () => 'trivial-lit.js' },
    },
  });
}

/** The partner site: one page per target at /<name>, and the trivial element's script. */
export async function startSite(trivialDir: string): Promise<{ url: string; setTargets(t: Target[]): void; stop(): Promise<void> }> {
  let pages = new Map<string, Target>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/trivial/')) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(trivialDir, 'trivial-lit.js')));
      return;
    }
    const target = pages.get(path.slice(1));
    if (!target) return void res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    const script = target.script ? `<script type="module" src="${target.script}"></script>` : '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${target.name}</title>${script}</head><body>${target.body}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    setTargets: (t) => void (pages = new Map(t.map((target) => [target.name, target]))),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Installed before any page script: `__k100Painted` resolves with the time the data was first painted.
 * A widget's shadow root is watched with a MutationObserver (no polling work in the page while it loads);
 * once the selector matches, the next animation frame is the one that renders it, and a message posted
 * from its rAF callback runs once that frame's rendering work is done. The blank page's `main` is there
 * from the start, so it takes the first frame. Source text, not a function: tsx decorates functions with
 * helpers the page does not have.
 */
export const paintProbe = (host: string | undefined, selector: string) => `(() => {
  window.__k100Painted = new Promise((resolve) => {
    const painted = () => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    });
    const host = ${JSON.stringify(host ?? null)}, selector = ${JSON.stringify(selector)};
    if (!host) return void document.addEventListener('DOMContentLoaded', painted);
    customElements.whenDefined(host).then(() => {
      const root = document.querySelector(host).shadowRoot;
      if (root.querySelector(selector)) return painted();
      const observer = new MutationObserver(() => {
        if (!root.querySelector(selector)) return;
        observer.disconnect();
        painted();
      });
      observer.observe(root, { childList: true, subtree: true });
    });
  });
})();`;

async function sample(browser: Browser, url: string, target: Target, throttle: number): Promise<number> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.evaluateOnNewDocument(paintProbe(target.host, target.selector));
    await page.goto(`${url}/${target.name}`, { waitUntil: 'domcontentloaded' });
    const painted = page.evaluate(() => (window as unknown as { __k100Painted: Promise<number> }).__k100Painted);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(async () => {
        // What the widget shows instead (an error or empty state, say), for the message.
        const parts = await page
          .evaluate(`[...(document.querySelector(${JSON.stringify(target.host ?? 'body')})?.shadowRoot?.querySelectorAll('[part]') ?? [])].map((e) => e.getAttribute('part')).join(' ')`)
          .catch(() => '?');
        reject(new Error(`${target.name} did not paint ${target.selector} in ${SAMPLE_TIMEOUT_MS} ms; parts shown: ${parts}`));
      }, SAMPLE_TIMEOUT_MS);
    });
    try {
      return await Promise.race([painted, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Runs every target at 1x and 4x CPU throttle in alternating rounds; returns one row per target and throttle. */
export async function benchFirstPaint(opts: {
  rounds?: number;
  log?: (line: string) => void;
  /**
   * Another build's dist/widgets: adds `<widget>@baseline` rows, its scripts served by a second server
   * and its API calls sent (with `api-base`) to the first, so two builds compare in one run.
   */
  baselineDir?: string;
} = {}): Promise<PaintResult[]> {
  const rounds = opts.rounds ?? 5;
  const log = opts.log ?? (() => {});
  if (!existsSync('dist/widgets/product-search.js')) {
    log('bench-paint: building the widgets first');
    const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('bench-paint: npm run build failed');
  }
  const trivialDir = mkdtempSync(join(tmpdir(), 'k100-trivial-'));
  await buildTrivialLit(trivialDir);
  const [k100, site, browser, baseline] = await Promise.all([
    startK100Server(),
    startSite(trivialDir),
    launchChromium(),
    opts.baselineDir ? startK100Server({ K100_WIDGETS_DIR: opts.baselineDir }) : undefined,
  ]);
  try {
    const all = targets(k100.url, site.url, await seedPaintData(k100.url));
    if (baseline) all.push(...all.filter((t) => t.script?.startsWith(k100.url)).map((t) => asBaseline(t, k100.url, baseline.url)));
    site.setTargets(all);
    const times = new Map<string, number[]>(all.flatMap((t) => THROTTLES.map((x) => [`${t.name}@${x}`, []] as [string, number[]])));
    // One warm-up sample per target: the server's first requests compile routes and open statements.
    for (const target of all) await sample(browser, site.url, target, 1);
    for (let round = 0; round < rounds; round++) {
      // Alternate the order of targets and throttles, so drift on a shared machine spreads over all of them.
      const order = round % 2 ? [...all].reverse() : all;
      for (const throttle of round % 2 ? [...THROTTLES].reverse() : THROTTLES) {
        for (const target of order) times.get(`${target.name}@${throttle}`)!.push(await sample(browser, site.url, target, throttle));
      }
      log(`bench-paint: round ${round + 1}/${rounds} done`);
    }
    return all.flatMap((t) =>
      THROTTLES.map((throttle) => {
        const xs = times.get(`${t.name}@${throttle}`)!;
        return { target: t.name, throttle, medianMs: median(xs), samples: xs.length };
      }),
    );
  } finally {
    await Promise.allSettled([browser.close(), site.stop(), k100.stop(), baseline?.stop()]);
    rmSync(trivialDir, { recursive: true, force: true });
  }
}

const signed = (ms: number) => `${ms < 0 ? '' : '+'}${ms.toFixed(0)}`;

/** The table: medians and medians over blank, per throttle. */
export function printPaintTable(results: PaintResult[]): void {
  const at = (target: string, throttle: number) => results.find((r) => r.target === target && r.throttle === throttle)?.medianMs ?? NaN;
  const names = [...new Set(results.map((r) => r.target))];
  const header = ['first paint of data', '1x ms', '1x over blank', '4x ms', '4x over blank', 'samples'];
  const rows: string[][] = [];
  for (const name of names) {
    rows.push([
      name,
      ...THROTTLES.flatMap((x) => [at(name, x).toFixed(0), name === 'blank' ? '' : signed(at(name, x) - at('blank', x))]),
      String(results.find((r) => r.target === name)?.samples ?? 0),
    ]);
  }
  printSections([{ title: 'First paint in headless Chromium (medians)', header, rows }]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = Number(process.env.K100_BENCH_PAINT_ROUNDS ?? 5);
  const baselineDir = process.env.K100_BENCH_PAINT_BASELINE;
  printPaintTable(await benchFirstPaint({ rounds, log: (line) => console.error(line), ...(baselineDir ? { baselineDir } : {}) }));
}
