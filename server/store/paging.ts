/** Keyset paging for the deal lists (negotiations, purchase orders, contracts, orders): newest first by (created_at, id). */
import { cursorScope, decodeCursor, encodeCursor } from './cursor.js';
import type { Page } from './catalog.js';

export type { Page };

/** One side of a deal: a buyer's own list or a supplier's inbox. */
export type DealSide = { buyer_id: string } | { supplier_id: string };

export interface DealListQuery {
  status?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** What a list's cursor is bound to: replaying it against another list, side or status is refused. */
export const listScope = (list: string, side: DealSide, status: string | undefined) => cursorScope({ list, side, status: status ?? null });

/** The (created_at, id) the next page starts below, or undefined for the first page. */
export function afterKey(cursor: string | undefined, scope: string): readonly [string, string] | undefined {
  return cursor ? decodeCursor(cursor, scope, ['string', 'string'] as const) : undefined;
}

/** Rows were fetched with `limit + 1`: the extra one only says there is another page. */
export function toPage<T extends { created_at: string; id: string }>(rows: T[], limit: number, scope: string): Page<T> {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data.at(-1);
  return { data, next_cursor: more && last ? encodeCursor(scope, [last.created_at, last.id]) : null };
}
