/** Queries for the buyer's Public Product Folder (collect and list are hot paths: compiled once). */
import type { Queryable } from './db.js';
import type { PublicFolderItem } from '../schemas/folders.js';
import { preparedQuery } from './prepared.js';
import { productsWithSupplier, toProduct } from './visibility.js';

const insertItem = preparedQuery((db, buyerId: string, productId: string, addedAt: string) =>
  db
    .insertInto('folder_items')
    .values({ buyer_id: buyerId, product_id: productId, added_at: addedAt })
    .onConflict((oc) => oc.columns(['buyer_id', 'product_id']).doNothing())
    .returning('added_at'),
);

const itemAddedAt = preparedQuery((db, buyerId: string, productId: string) =>
  db.selectFrom('folder_items').select('added_at').where('buyer_id', '=', buyerId).where('product_id', '=', productId),
);

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
  // RETURNING yields the row only when it was inserted; a repeat collect reads the first `added_at`.
  const [inserted] = await insertItem(q, buyerId, productId, addedAt);
  if (inserted) return { added_at: inserted.added_at, created: true };
  const [existing] = await itemAddedAt(q, buyerId, productId);
  if (!existing) throw new Error(`folder item ${buyerId}/${productId} vanished inside its transaction`);
  return { added_at: existing.added_at, created: false };
}

export async function removeFolderItem(q: Queryable, buyerId: string, productId: string): Promise<void> {
  await q.db.deleteFrom('folder_items').where('buyer_id', '=', buyerId).where('product_id', '=', productId).execute();
}

/** The buyer's collected products that are still public, newest first, with when each was collected. */
const publicFolderOf = preparedQuery((db, buyerId: string) =>
  productsWithSupplier(db)
    .innerJoin('folder_items as f', 'f.product_id', 'p.id')
    .select('f.added_at')
    .where('f.buyer_id', '=', buyerId)
    .where('p.visibility', '=', 'public')
    .orderBy('f.added_at', 'desc')
    .orderBy('f.product_id'),
);

export async function listPublicFolder(store: Queryable, buyerId: string): Promise<PublicFolderItem[]> {
  const rows = await publicFolderOf(store, buyerId);
  return rows.map((row) => ({ product_id: row.id, added_at: row.added_at, product: toProduct(row) }));
}
