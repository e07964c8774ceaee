/** Rules of the buyer's Public Product Folder. */
import { invalidField, notFound } from '../problem.js';
import type { Visibility } from '../store/schema.js';

/**
 * What a buyer may collect into the Public Product Folder: a product it can see (else 404, so private
 * products stay invisible) that is public (a granted private product already lives in the Private folder).
 */
export function assertCollectable(product: { visibility: Visibility } | undefined): void {
  if (!product) throw notFound('product');
  if (product.visibility === 'private') {
    throw invalidField('product_id', 'private products live in your Private Product Folder');
  }
}
