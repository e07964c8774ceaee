/** Checks the products terms name against the catalog as the buyer sees it, and snapshots their names. */
import { snapshotProducts, termsProductErrors } from '../domain/product-snapshots.js';
import { validationFailed } from '../problem.js';
import type { ProductSnapshot, TermsItem } from '../schemas/terms.js';
import { getProductsByIds } from '../store/catalog.js';
import type { Queryable } from '../store/db.js';

export interface TermsProductsInput {
  buyerId: string;
  supplierId: string;
  items: readonly Pick<TermsItem, 'product_id'>[];
  /** Where the items sit in the request body, for field errors. */
  path: string;
  /** Snapshots already taken (the latest offer's, the current version's): their names are kept. */
  previous?: readonly ProductSnapshot[];
  /** Re-check only products not in `previous` (contract edits: what was agreed stays agreed). */
  checkNewOnly?: boolean;
}

/**
 * The snapshots for `items`, or a 422 naming each bad item. Visibility is the buyer's even when the
 * supplier makes the offer: a private product the buyer was never granted cannot enter the terms.
 */
export async function checkTermsProducts(q: Queryable, input: TermsProductsInput): Promise<ProductSnapshot[]> {
  const previous = input.previous ?? [];
  const known = new Set(input.checkNewOnly ? previous.map((p) => p.product_id) : []);
  const ids = input.items.map((i) => i.product_id).filter((id) => !known.has(id));
  const visible = await getProductsByIds(q, { kind: 'buyer', id: input.buyerId }, ids);
  const errors = termsProductErrors(input.items, input.supplierId, visible, input.path, known);
  if (errors.length > 0) throw validationFailed(errors, 'Some line items name products that cannot be ordered here.');
  return snapshotProducts(input.items, visible, previous);
}
