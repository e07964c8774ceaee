/**
 * Search on a large generated catalog, in process: `searchProducts` timed directly (the handler's work
 * without HTTP), on a database the bench then hands to a server child for search at saturation over HTTP.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openStore } from '../server/store/db.js';
import { migrate } from '../server/store/migrate.js';
import { seedSandbox } from '../server/store/seed.js';
import { seedBenchCatalog, type BenchCatalog } from '../server/store/bench-catalog.js';
import { searchProducts, type ProductSearch, type Viewer } from '../server/store/catalog.js';
import { summarize, type Summary } from './bench-util.js';

export const PRODUCTS = Number(process.env.K100_BENCH_PRODUCTS ?? 100_000);
const RUNS = Number(process.env.K100_BENCH_RUNS ?? 200);
const WARMUP = 20;

interface Case {
  name: string;
  viewer: Viewer;
  query: ProductSearch;
  /** Shown for honesty, outside the target: ranked search costs time per matching product. */
  worstCase?: true;
}

function cases(catalog: BenchCatalog, secondPageCursor: string): Case[] {
  const anonymous: Viewer = { kind: 'anonymous' };
  const buyer: Viewer = { kind: 'buyer', id: catalog.buyerId };
  const supplier: Viewer = { kind: 'supplier', id: catalog.supplierIds[0] as string };
  return [
    { name: 'one word "chair"', viewer: anonymous, query: { q: 'chair' } },
    { name: 'two words "office chair"', viewer: anonymous, query: { q: 'office chair' } },
    { name: 'prefix "wat"', viewer: anonymous, query: { q: 'wat' } },
    { name: 'two words + prefix "led pan"', viewer: anonymous, query: { q: 'led pan' } },
    { name: 'rare term "montessori"', viewer: anonymous, query: { q: 'montessori' } },
    { name: 'q + category', viewer: anonymous, query: { q: 'stainless', category: 'kitchenware' } },
    { name: 'q + price range', viewer: anonymous, query: { q: 'cable', min_price: 100, max_price: 500 } },
    { name: 'browse, no q', viewer: anonymous, query: {} },
    { name: 'browse category', viewer: anonymous, query: { category: 'toys' } },
    { name: 'browse price range', viewer: anonymous, query: { min_price: 20_000, max_price: 20_500 } },
    { name: 'second page via cursor', viewer: anonymous, query: { q: 'chair', cursor: secondPageCursor } },
    { name: 'buyer with grants "oem"', viewer: buyer, query: { q: 'oem' } },
    { name: 'buyer with grants "chair"', viewer: buyer, query: { q: 'chair' } },
    { name: 'buyer browse, no q', viewer: buyer, query: {} },
    { name: 'supplier own catalog "oem"', viewer: supplier, query: { q: 'oem' } },
    { name: 'supplier browse, no q', viewer: supplier, query: {} },
    { name: 'limit 100 "waterproof"', viewer: anonymous, query: { q: 'waterproof', limit: 100 } },
    { name: 'common word "custom" (~1 in 6) *', viewer: anonymous, query: { q: 'custom' }, worstCase: true },
  ];
}

export interface SearchResult {
  name: string;
  worstCase: boolean;
  rows: number;
  timing: Summary;
}

export interface SearchBench {
  seed: { migrateMs: number; seedMs: number; suppliers: number };
  results: SearchResult[];
}

/** Migrates and seeds `url` (sandbox + PRODUCTS generated products), then times every case in process. */
export async function benchSearch(url: string): Promise<SearchBench> {
  const store = openStore(url);
  try {
    let t = performance.now();
    await migrate(store);
    const migrateMs = performance.now() - t;
    t = performance.now();
    // The sandbox too: the HTTP half of this section signs in as its buyer on the same database.
    await seedSandbox(store);
    const catalog = await seedBenchCatalog(store, PRODUCTS);
    if (store.dialect === 'postgres') await sql`ANALYZE`.execute(store.db);
    const seedMs = performance.now() - t;

    const first = await searchProducts(store, { kind: 'anonymous' }, { q: 'chair' });
    const results: SearchResult[] = [];
    for (const c of cases(catalog, first.next_cursor ?? '')) {
      for (let i = 0; i < WARMUP; i++) await searchProducts(store, c.viewer, c.query);
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        const page = await searchProducts(store, c.viewer, c.query);
        times.push(performance.now() - start);
        rows = page.data.length;
      }
      results.push({ name: c.name, worstCase: c.worstCase === true, rows, timing: summarize(times) });
    }
    return { seed: { migrateMs, seedMs, suppliers: catalog.supplierIds.length }, results };
  } finally {
    await store.close();
  }
}
