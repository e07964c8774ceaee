/**
 * Budgets, run after `npm run build`. Each file is gzipped on its own, as a server sends it, and counted
 * once however many entries import it; static imports are followed recursively, while lazily loaded
 * chunks (locale catalogs behind `import()`) are not part of the first load and not counted.
 * - Search and folders (issue 2's part of the story): product-search.js + product-folder.js and the
 *   chunks they import stay within 20 KB, however many other widgets share those chunks.
 * - k100-widgets.js, the one-script-tag bundle of every widget: measured, with ~10 % headroom.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { gzipSize, staticGraph, staticImports } from '../scripts/bundle-graph.js';

const DIST = resolve(import.meta.dirname, '../dist/widgets');
const CATALOG_BUDGET = 20 * 1024;
/**
 * k100-widgets.js measured 75,911 bytes gzip once the shipment tracker, the order overview and the
 * operator's warehouse console joined it (issue 5; 47,685 with the K100Pay checkout), plus ~10 %. Pages
 * that embed only buyer widgets load the per-widget entries instead and never fetch the console.
 */
const FULL_BUDGET = 83_500;

/** Gzip bytes of the given entries and every chunk they statically reach, each file counted once. */
function report(label: string, entries: string[]): number {
  const files = [...new Set(entries.flatMap((entry) => staticGraph(join(DIST, entry), DIST)))];
  const sizes = files.map((file) => ({ file: relative(DIST, file), bytes: gzipSize(file) }));
  const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
  const parts = sizes.map(({ file, bytes }) => `${file} ${bytes}`).join(', ');
  console.log(`${label}: ${total} bytes gzip (${(total / 1024).toFixed(1)} KB) = ${parts}`);
  return total;
}

function built(entry: string): string {
  const file = join(DIST, entry);
  assert.ok(existsSync(file), `${entry} is missing: build the widgets first (\`npm run build\` or \`npx vite build\`)`);
  return entry;
}

test('search and folders (core + product-search.js + product-folder.js) load at most 20 KB gzip', () => {
  // What a page with only the catalog part of the story loads: both entries and the chunks they import.
  const total = report('search + folders', [built('product-search.js'), built('product-folder.js')]);
  assert.ok(total <= CATALOG_BUDGET, `search + folders load ${total} bytes gzip, over the ${CATALOG_BUDGET}-byte (20 KB) budget`);
});

test(`k100-widgets.js, every widget in one file, loads at most ${FULL_BUDGET} bytes gzip`, () => {
  const total = report('k100-widgets.js', [built('k100-widgets.js')]);
  assert.ok(total <= FULL_BUDGET, `k100-widgets.js loads ${total} bytes gzip, over its ${FULL_BUDGET}-byte budget`);
});

test('per-widget entries load only what they need (reported, no budget of their own)', () => {
  for (const entry of ['product-search.js', 'product-folder.js', 'purchase-order.js', 'contract-drafter.js', 'contract-review.js', 'pay-checkout.js', 'shipment-tracker.js', 'order-status.js', 'warehouse-console.js', 'provider.js']) {
    report(entry, [built(entry)]);
  }
});

test('the import scanner follows static imports only', () => {
  const code = 'import{a as b}from"./chunks/core-1.js";import"./side.js";const z=()=>import("./chunks/zh-CN-2.js");export{c}from"./c.js";';
  assert.deepEqual(staticImports(code), ['./chunks/core-1.js', './side.js', './c.js']);
});
