/** Product writes (suppliers editing their own catalog) and the raw lookups grant rules need. Search lives in `catalog.ts`. */
import type { Queryable } from './db.js';
import type { ProductsTable } from './schema.js';

export type ProductRow = ProductsTable;

export async function insertProduct(q: Queryable, row: ProductRow): Promise<void> {
  await q.db.insertInto('products').values(row).execute();
}

/** Updates a product only if `supplierId` owns it; false when there was nothing of theirs to update. */
export async function updateOwnProduct(
  q: Queryable,
  supplierId: string,
  id: string,
  changes: Partial<Omit<ProductRow, 'id' | 'supplier_id' | 'created_at'>>,
): Promise<boolean> {
  const result = await q.db
    .updateTable('products')
    .set(changes)
    .where('id', '=', id)
    .where('supplier_id', '=', supplierId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Ownership and visibility of the given products, whoever owns them (callers check ownership). */
export async function getProductOwnership(
  q: Queryable,
  ids: readonly string[],
): Promise<Array<Pick<ProductRow, 'id' | 'supplier_id' | 'visibility'>>> {
  if (ids.length === 0) return [];
  return q.db.selectFrom('products').select(['id', 'supplier_id', 'visibility']).where('id', 'in', [...ids]).execute();
}

export async function listPrivateProductIds(q: Queryable, supplierId: string): Promise<string[]> {
  const rows = await q.db
    .selectFrom('products')
    .select('id')
    .where('supplier_id', '=', supplierId)
    .where('visibility', '=', 'private')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
