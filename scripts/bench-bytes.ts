/**
 * Bytes a page downloads per widget: every entry in dist/widgets with the chunks it statically imports,
 * each file gzipped and brotli-compressed on its own (as a server sends it) and counted once, beside a
 * trivial LitElement built with the widgets' own vite settings into a temp dir: Lit's own floor.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, loadConfigFromFile } from 'vite';
import { brotliSize, gzipSize, staticGraph } from './bundle-graph.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = join(ROOT, 'dist/widgets');
/** The nine widgets (k100-provider has no screen of its own), for the all-together budget. */
const WIDGETS = ['product-search', 'product-folder', 'purchase-order', 'contract-drafter', 'contract-review', 'pay-checkout', 'shipment-tracker', 'order-status', 'warehouse-console'];
/** The budgets, KB gzip. */
const BUDGET_KB: Record<string, number> = { 'product-search': 15, 'product-folder': 15, 'warehouse-console': 25, 'all nine widgets': 60 };
const budgetOf = (name: string) => BUDGET_KB[name] ?? (WIDGETS.includes(name) ? 20 : undefined);

export interface BytesRow {
  name: string;
  files: number;
  gzip: number;
  brotli: number;
  budgetKb: number | undefined;
}

function measure(name: string, entries: string[], root: string): BytesRow {
  const files = [...new Set(entries.flatMap((entry) => staticGraph(entry, root)))];
  const sum = (size: (file: string) => number) => files.reduce((n, file) => n + size(file), 0);
  return { name, files: files.length, gzip: sum(gzipSize), brotli: sum(brotliSize), budgetKb: budgetOf(name) };
}

const TRIVIAL = `import { LitElement, css, html } from 'lit';
class TrivialLit extends LitElement {
  static override styles = css\`:host { display: block; }\`;
  override render() {
    return html\`<p>Hello</p>\`;
  }
}
customElements.define('trivial-lit', TrivialLit);
`;

/**
 * vite.config.ts's widgets build (target, minifiers, template minifier, output options) with one
 * entry and no all-in-one bundle step, in a temp dir. The source sits under a `widgets/` folder so the
 * template minifier treats it as ours; `lit` resolves from the repo's node_modules.
 */
async function trivialLit(): Promise<BytesRow> {
  const dir = mkdtempSync(join(tmpdir(), 'k100-trivial-lit-'));
  try {
    mkdirSync(join(dir, 'widgets'));
    const entry = join(dir, 'widgets/trivial-lit.ts');
    writeFileSync(entry, TRIVIAL);
    const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, join(ROOT, 'vite.config.ts'), ROOT, 'silent');
    const widgets = loaded!.config;
    const plugins = (widgets.plugins ?? []).flat().filter((p) => p && typeof p === 'object' && 'name' in p && p.name !== 'k100:all-in-one-bundle');
    const out = join(dir, 'dist');
    // Spread, not mergeConfig: a merge would add our entry to the widgets' ten instead of replacing them.
    await build({
      ...widgets,
      configFile: false,
      root: ROOT,
      logLevel: 'silent',
      plugins,
      resolve: { alias: [{ find: /^lit$/, replacement: fileURLToPath(import.meta.resolve('lit')) }] },
      build: { ...widgets.build, outDir: out, emptyOutDir: true, lib: { entry: { 'trivial-lit': entry }, formats: ['es'] } },
    });
    const built = readdirSync(out).filter((f) => f.endsWith('.js'));
    return measure('trivial LitElement (floor)', built.map((f) => join(out, f)), out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Null when the widgets are not built: the section says so rather than failing a run of minutes at its end. */
export async function benchBytes(): Promise<BytesRow[] | null> {
  if (!existsSync(DIST)) return null;
  const entries = readdirSync(DIST).filter((f) => f.endsWith('.js')).sort();
  const rows = entries.map((f) => measure(f.replace(/\.js$/, ''), [join(DIST, f)], DIST));
  rows.push(measure('all nine widgets', WIDGETS.map((w) => join(DIST, `${w}.js`)), DIST));
  rows.push(await trivialLit());
  return rows;
}
