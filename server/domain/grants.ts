/** Rules for private grants: a supplier opens some of its own private products to one buyer. */
import type { FieldError } from '../problem.js';
import type { Visibility } from '../store/schema.js';

export interface GrantableProduct {
  id: string;
  supplier_id: string;
  visibility: Visibility;
}

/**
 * Field errors for `product_ids` (at `path`): each must be a private product of `supplierId`. Another
 * supplier's product reads the same as a missing one, so the answer reveals nothing about it.
 */
export function grantProductErrors(
  supplierId: string,
  productIds: readonly string[],
  found: readonly GrantableProduct[],
  path = 'product_ids',
): FieldError[] {
  const byId = new Map(found.map((p) => [p.id, p]));
  const errors: FieldError[] = [];
  productIds.forEach((id, i) => {
    const product = byId.get(id);
    if (!product || product.supplier_id !== supplierId) {
      errors.push({ path: `${path}.${i}`, message: 'is not one of your products' });
    } else if (product.visibility !== 'private') {
      errors.push({ path: `${path}.${i}`, message: 'is a public product; grants are for private products' });
    }
  });
  return errors;
}

/** Revoking is idempotent: an already revoked grant keeps its first `revoked_at`. */
export function revokedAt(grant: { revoked_at: string | null }, now: Date): string {
  return grant.revoked_at ?? now.toISOString();
}
