/** The buyer's Public and Private Product Folders, read through the catalog's visibility rule. */
import { assertCollectable } from '../domain/folders.js';
import type { PrivateFolderItem, PublicFolderItem } from '../schemas/folders.js';
import { getProduct, getProductsByIds, type Viewer } from '../store/catalog.js';
import type { Store } from '../store/db.js';
import { addFolderItem, listPublicFolder, removeFolderItem } from '../store/folders.js';
import { listPrivateFolder } from '../store/grants.js';
import { inTransaction } from '../store/transaction.js';

const asViewer = (buyerId: string): Viewer => ({ kind: 'buyer', id: buyerId });

/** Collects a visible public product; `created` is false when it was already there (same `added_at`). */
export function collect(
  store: Store,
  buyerId: string,
  productId: string,
  now = new Date(),
): Promise<{ item: PublicFolderItem; created: boolean }> {
  return inTransaction(store, async (q) => {
    const product = await getProduct(q, asViewer(buyerId), productId);
    assertCollectable(product);
    const { added_at, created } = await addFolderItem(q, buyerId, productId, now.toISOString());
    return { item: { product_id: productId, added_at, product: product! }, created };
  });
}

/** Idempotent: removing what is not there is fine. */
export function uncollect(store: Store, buyerId: string, productId: string): Promise<void> {
  return inTransaction(store, (q) => removeFolderItem(q, buyerId, productId));
}

/** Collected products still visible and public to the buyer (a product made private later drops out). */
export async function publicFolder(store: Store, buyerId: string): Promise<PublicFolderItem[]> {
  return listPublicFolder(store, buyerId);
}

/** Private products under the buyer's active grants, one row per product. */
export async function privateFolder(store: Store, buyerId: string): Promise<PrivateFolderItem[]> {
  const rows = await listPrivateFolder(store, buyerId);
  const products = new Map((await getProductsByIds(store, asViewer(buyerId), rows.map((r) => r.product_id))).map((p) => [p.id, p]));
  return rows.flatMap((r) => {
    const product = products.get(r.product_id);
    return product ? [{ product_id: r.product_id, grant_id: r.grant_id, granted_at: r.granted_at, product }] : [];
  });
}
