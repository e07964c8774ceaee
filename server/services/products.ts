/** Suppliers publishing and editing their own catalog, each change one transaction. */
import { newId } from '../domain/ids.js';
import { notFound } from '../problem.js';
import type { CreateProduct, Product, UpdateProduct } from '../schemas/catalog.js';
import { getProduct } from '../store/catalog.js';
import type { Queryable, Store } from '../store/db.js';
import { insertProduct, updateOwnProduct } from '../store/products.js';
import { inTransaction } from '../store/transaction.js';

/** Read back through the catalog as the supplier sees it, so writes answer in exactly the search shape. */
async function readOwn(q: Queryable, supplierId: string, id: string): Promise<Product> {
  const product = await getProduct(q, { kind: 'supplier', id: supplierId }, id);
  if (!product) throw notFound('product');
  return product;
}

export function createProduct(store: Store, supplierId: string, input: CreateProduct, now = new Date()): Promise<Product> {
  return inTransaction(store, async (q) => {
    const id = newId('prod');
    const at = now.toISOString();
    await insertProduct(q, {
      ...input,
      id,
      supplier_id: supplierId,
      images: JSON.stringify(input.images),
      created_at: at,
      updated_at: at,
    });
    return readOwn(q, supplierId, id);
  });
}

/** Another supplier's product (or none) is 404 and nothing changes. */
export function updateProduct(
  store: Store,
  supplierId: string,
  id: string,
  changes: UpdateProduct,
  now = new Date(),
): Promise<Product> {
  return inTransaction(store, async (q) => {
    const { images, ...rest } = changes;
    const updated = await updateOwnProduct(q, supplierId, id, {
      ...rest,
      ...(images === undefined ? {} : { images: JSON.stringify(images) }),
      updated_at: now.toISOString(),
    });
    if (!updated) throw notFound('product');
    return readOwn(q, supplierId, id);
  });
}
