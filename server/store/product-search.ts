/**
 * `GET /v1/products` as SQL: ranked full-text search (SQLite FTS5 bm25, Postgres ts_rank) or newest
 * first, filtered by the viewer's visibility and the query's filters, paged by an opaque keyset cursor.
 */
import { expressionBuilder, sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Product, ProductSearchQuery } from '../schemas/catalog.js';
import type { Queryable } from './db.js';
import { cursorScope, decodeCursor, encodeCursor } from './cursor.js';
import { parseTextQuery, toFts5Match, toTsQuery, type TextQuery } from './text-query.js';
import { PRODUCT_COLUMNS, toProduct, visibleTo, type ProductRow, type ProductScope, type Viewer } from './visibility.js';

/** The parsed `GET /v1/products` query; `limit` defaults to 20 as in the API schema. */
export type ProductSearch = Omit<ProductSearchQuery, 'limit'> & { limit?: number };

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * FTS5 bm25 column weights, in column order (name, description, category, supplier_name): a word in
 * the name counts most, the category next, the supplier's name (so "shenzhen" finds its range), then
 * the description. Postgres weighs the same way with tsvector labels A/B/C/D.
 */
const BM25 = sql.raw('bm25(products_fts, 10.0, 1.0, 4.0, 2.0)');

/**
 * SQLite ranks in two steps when it can: the best candidates straight from the FTS index (no table
 * lookups), then visibility and filters on those alone. That is exact whenever the page fills with
 * rows strictly better than the worst candidate; otherwise the query runs again over all matches.
 * It halves the cost of common words, where most time went to looking up every match. Only without
 * filters: a category, supplier or price filter usually empties the pool, and the retry doubles the
 * cost. 256 measured best on 100 000 products; a bigger pool costs more than the retries it saves.
 */
const CANDIDATES = 256;

type Row = ProductRow & { score?: number; cand_n?: number | null; cand_worst?: number | null };

/**
 * Ranked when `q` has words (best first, then id), otherwise newest first (created_at desc, id desc).
 * A `q` with no usable words (only punctuation or emoji) matches nothing. Price filters compare the
 * stored minor units, so callers pair them with `currency` (1000 is $10.00 but also ¥1000). Throws InvalidCursorError.
 */
export async function searchProducts(
  store: Queryable,
  viewer: Viewer,
  query: ProductSearch,
  /** For tests and the bench: a tiny pool forces both paths on small data; 0 skips the candidate pass. */
  tuning: { candidates?: number } = {},
): Promise<Page<Product>> {
  const limit = query.limit ?? 20;
  const q = query.q?.trim() ?? '';
  const text = q === '' ? undefined : parseTextQuery(q);
  if (q !== '' && !text) return { data: [], next_cursor: null };

  const eb = expressionBuilder<ProductScope, 'p'>();
  const filters = {
    category: query.category ?? null,
    supplier_id: query.supplier_id ?? null,
    min_price: query.min_price ?? null,
    max_price: query.max_price ?? null,
    currency: query.currency ?? null,
  };
  const conditions: Expression<SqlBool>[] = [visibleTo(viewer)];
  if (filters.category !== null) conditions.push(eb('p.category', '=', filters.category));
  if (filters.supplier_id !== null) conditions.push(eb('p.supplier_id', '=', filters.supplier_id));
  if (filters.min_price !== null) conditions.push(eb('p.unit_price', '>=', filters.min_price));
  if (filters.max_price !== null) conditions.push(eb('p.unit_price', '<=', filters.max_price));
  if (filters.currency !== null) conditions.push(eb('p.currency', '=', filters.currency));
  const scope = cursorScope({ list: 'products', text: text ?? null, ...filters });
  const filtered = Object.values(filters).some((v) => v !== null);
  const candidates = tuning.candidates ?? (filtered ? 0 : Math.max(CANDIDATES, 4 * (limit + 1)));
  const base = { store, conditions, limit };

  let rows: Row[];
  if (!text) {
    const after = query.cursor ? decodeCursor(query.cursor, scope, ['string', 'string'] as const) : undefined;
    rows = await newestFirst(base, after);
  } else {
    const after = query.cursor ? decodeCursor(query.cursor, scope, ['number', 'string'] as const) : undefined;
    if (store.dialect === 'postgres') {
      rows = await ranked(base, postgresSource(text), after);
    } else {
      rows = candidates > 0 ? await ranked(base, sqliteSource(text, after?.[0], candidates), after) : [];
      if (!exact(rows, limit, candidates)) rows = await ranked(base, sqliteSource(text, after?.[0]), after);
    }
  }

  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  let next_cursor: string | null = null;
  if (more && last) next_cursor = encodeCursor(scope, text ? [last.score as number, last.id] : [last.created_at, last.id]);
  return { data: shown.map(toProduct), next_cursor };
}

interface Base {
  store: Queryable;
  conditions: Expression<SqlBool>[];
  limit: number;
}

/** Where ranked rows come from and how they score (lower is better in both dialects). */
interface Source {
  from: RawBuilder<unknown>;
  /** Conditions tying the FROM items together. */
  join: Expression<SqlBool>[];
  score: RawBuilder<number>;
  /** Extra select items, each with its leading comma. */
  columns: RawBuilder<unknown>;
}

function sqliteSource(text: TextQuery, afterScore: number | undefined, candidates?: number): Source {
  // Rows at the cursor's score stay in here: the exact (score, id) cut happens after the join.
  const bound = afterScore === undefined ? sql`` : sql`AND ${BM25} >= ${afterScore}`;
  const matches = sql`SELECT rowid AS rid, ${BM25} AS score FROM products_fts WHERE products_fts MATCH ${toFts5Match(text)} ${bound}`;
  const f =
    candidates === undefined
      ? sql`(${matches})`
      : sql`(SELECT rid, score, count(*) OVER () AS cand_n, max(score) OVER () AS cand_worst
             FROM (${matches} ORDER BY score LIMIT ${candidates}))`;
  return {
    // CROSS JOIN fixes SQLite's join order: index matches outside, products looked up by rowid.
    // Left to itself the planner may scan products by visibility and probe the matches instead.
    from: sql`${f} AS f CROSS JOIN products AS p`,
    join: [sql<SqlBool>`p.rowid = f.rid`],
    score: sql<number>`f.score`,
    columns: candidates === undefined ? sql`` : sql`, f.cand_n, f.cand_worst`,
  };
}

function postgresSource(text: TextQuery): Source {
  // The tsquery is built once, in FROM, so the match, the rank and the cursor all share it; float8 so
  // the score survives the JSON round trip through the cursor exactly.
  return {
    from: sql`products AS p JOIN to_tsquery('simple', ${toTsQuery(text)}) AS tq ON p.search @@ tq`,
    join: [],
    score: sql<number>`(-ts_rank(p.search, tq))::float8`,
    columns: sql``,
  };
}

/** The candidate pass is exact if it saw every match, or the page ends strictly above the worst candidate. */
function exact(rows: Row[], limit: number, candidates: number): boolean {
  const first = rows[0];
  if (!first) return false;
  if (Number(first.cand_n) < candidates) return true;
  const last = rows[rows.length - 1] as Row;
  return rows.length > limit && (last.score as number) < Number(first.cand_worst);
}

async function ranked({ store, conditions, limit }: Base, source: Source, after?: readonly [number, string]): Promise<Row[]> {
  const where = [...source.join, ...conditions];
  if (after) where.push(sql<SqlBool>`(${source.score}, p.id) > (${after[0]}, ${after[1]})`);
  return page(store, sql`
    SELECT ${columns()}, ${source.score} AS score ${source.columns}
    FROM ${source.from}
    WHERE ${and(where)}
    ORDER BY score, p.id
    LIMIT ${limit + 1}`, sql`page.score, page.id`);
}

async function newestFirst({ store, conditions, limit }: Base, after?: readonly [string, string]): Promise<Row[]> {
  const where = [...conditions];
  if (after) where.push(sql<SqlBool>`(p.created_at, p.id) < (${after[0]}, ${after[1]})`);
  return page(store, sql`
    SELECT ${columns()}
    FROM products AS p
    WHERE ${and(where)}
    ORDER BY p.created_at DESC, p.id DESC
    LIMIT ${limit + 1}`, sql`page.created_at DESC, page.id DESC`);
}

/** Joins suppliers to the page only, not to every match: the CTE's LIMIT applies first. */
async function page(store: Queryable, inner: RawBuilder<unknown>, order: RawBuilder<unknown>): Promise<Row[]> {
  const result = await sql<Row>`
    WITH page AS (${inner})
    SELECT page.*, s.name AS supplier_name, s.location AS supplier_location
    FROM page JOIN parties AS s ON s.id = page.supplier_id
    ORDER BY ${order}`.execute(store.db);
  return result.rows;
}

function columns(): RawBuilder<unknown> {
  return sql.join(PRODUCT_COLUMNS.map((c) => sql.ref(c)));
}

function and(conditions: Expression<SqlBool>[]): RawBuilder<unknown> {
  return sql.join(conditions.map((c) => sql`(${c})`), sql` AND `);
}
