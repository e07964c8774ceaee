/** Which products terms may name (visible to the buyer, sold by the negotiation's supplier) and their snapshots. */
import type { FieldError } from '../problem.js';
import type { ProductSnapshot, TermsItem } from '../schemas/terms.js';

/** A catalog product as the buyer can see it: invisible and unknown products are simply absent. */
export interface OrderableProduct {
  id: string;
  supplier_id: string;
  name: string;
  unit_price: number;
  currency: string;
}

/**
 * Field errors for line items at `path` (`terms.items`): each product must be visible to the buyer and
 * belong to the negotiation's supplier. A product the buyer may not see reads exactly like a missing one,
 * so the answer reveals nothing about another supplier's private range. Items whose product is in `known`
 * (already agreed and snapshotted) are not re-checked: a later catalog change does not undo an agreement.
 */
export function termsProductErrors(
  items: readonly Pick<TermsItem, 'product_id'>[],
  supplierId: string,
  visible: readonly OrderableProduct[],
  path = 'terms.items',
  known: ReadonlySet<string> = new Set(),
): FieldError[] {
  const byId = new Map(visible.map((p) => [p.id, p]));
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    if (known.has(item.product_id)) return;
    const product = byId.get(item.product_id);
    if (!product) errors.push({ path: `${path}.${i}.product_id`, message: 'is not a product you can order' });
    else if (product.supplier_id !== supplierId) {
      errors.push({ path: `${path}.${i}.product_id`, message: 'is not sold by the supplier of this negotiation' });
    }
  });
  return errors;
}

/**
 * One snapshot per line item, in item order: the earlier snapshot when the product was already named
 * (names stay as agreed), otherwise taken now from the catalog. Call after termsProductErrors found none.
 */
export function snapshotProducts(
  items: readonly Pick<TermsItem, 'product_id'>[],
  visible: readonly OrderableProduct[],
  previous: readonly ProductSnapshot[] = [],
): ProductSnapshot[] {
  const earlier = new Map(previous.map((p) => [p.product_id, p]));
  const byId = new Map(visible.map((p) => [p.id, p]));
  return items.map(({ product_id }) => {
    const kept = earlier.get(product_id);
    if (kept) return { ...kept };
    const product = byId.get(product_id);
    if (!product) throw new Error(`snapshotProducts: ${product_id} was not checked`);
    return { product_id, name: product.name, list_unit_price: product.unit_price, list_currency: product.currency };
  });
}
