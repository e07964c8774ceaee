/** Queries for the buyer's Public Product Folder. */
import type { Queryable } from './db.js';

/**
 * Adds the product unless it is already there; either way returns the row as stored, so collecting twice
 * keeps the first `added_at`. Insert-or-ignore keeps concurrent collects from failing on the primary key.
 */
export async function addFolderItem(
  q: Queryable,
  buyerId: string,
  productId: string,
  addedAt: string,
): Promise<{ added_at: string; created: boolean }> {
  const inserted = await q.db
    .insertInto('folder_items')
    .values({ buyer_id: buyerId, product_id: productId, added_at: addedAt })
    .onConflict((oc) => oc.columns(['buyer_id', 'product_id']).doNothing())
    .executeTakeFirst();
  const created = Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
  const row = await q.db
    .selectFrom('folder_items')
    .select('added_at')
    .where('buyer_id', '=', buyerId)
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return { added_at: row.added_at, created };
}

export async function removeFolderItem(q: Queryable, buyerId: string, productId: string): Promise<void> {
  await q.db.deleteFrom('folder_items').where('buyer_id', '=', buyerId).where('product_id', '=', productId).execute();
}

/** The buyer's collected items, newest first. */
export async function listFolderItems(q: Queryable, buyerId: string): Promise<Array<{ product_id: string; added_at: string }>> {
  return q.db
    .selectFrom('folder_items')
    .select(['product_id', 'added_at'])
    .where('buyer_id', '=', buyerId)
    .orderBy('added_at', 'desc')
    .orderBy('product_id')
    .execute();
}
