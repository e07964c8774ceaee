/** Private grants as transactions: check the domain rules against the database, then write. */
import { grantProductErrors, revokedAt } from '../domain/grants.js';
import { newId } from '../domain/ids.js';
import { notFound, validationFailed, type FieldError } from '../problem.js';
import type { Grant } from '../schemas/folders.js';
import type { Queryable, Store } from '../store/db.js';
import { getSupplierGrant, insertGrant, setGrantRevoked, type GrantRecord } from '../store/grants.js';
import { findPartyOfKind } from '../store/parties.js';
import { getProductOwnership } from '../store/products.js';
import { inTransaction } from '../store/transaction.js';

export const presentGrant = (g: GrantRecord): Grant => ({
  id: g.id,
  supplier_id: g.supplier_id,
  buyer_id: g.buyer_id,
  product_ids: g.product_ids,
  created_at: g.created_at,
  revoked_at: g.revoked_at,
});

export interface NewGrant {
  supplierId: string;
  buyerId: string;
  productIds: readonly string[];
  now: Date;
}

/**
 * Inside the caller's transaction: the buyer must be a buyer and every product the
 * supplier's own private product, else 422 with one error per bad field. Shared with access-request approval.
 */
export async function insertCheckedGrant(q: Queryable, input: NewGrant): Promise<GrantRecord> {
  const errors: FieldError[] = [];
  const buyer = await findPartyOfKind(q, input.buyerId, 'buyer');
  if (!buyer) errors.push({ path: 'buyer_id', message: 'is not a buyer' });
  errors.push(...grantProductErrors(input.supplierId, input.productIds, await getProductOwnership(q, input.productIds)));
  if (errors.length > 0) throw validationFailed(errors);
  const grant: GrantRecord = {
    id: newId('grant'),
    supplier_id: input.supplierId,
    buyer_id: input.buyerId,
    product_ids: [...input.productIds].sort(),
    created_at: input.now.toISOString(),
    revoked_at: null,
  };
  await insertGrant(q, grant);
  return grant;
}

export function createGrant(store: Store, input: NewGrant): Promise<GrantRecord> {
  return inTransaction(store, (q) => insertCheckedGrant(q, input));
}

/** Revokes the supplier's own grant (another supplier's is 404); revoking again changes nothing. */
export function revokeGrant(store: Store, supplierId: string, id: string, now = new Date()): Promise<GrantRecord> {
  return inTransaction(store, async (q) => {
    const grant = await getSupplierGrant(q, supplierId, id);
    if (!grant) throw notFound('grant');
    const revoked_at = revokedAt(grant, now);
    if (grant.revoked_at === null) await setGrantRevoked(q, id, revoked_at);
    return { ...grant, revoked_at };
  });
}
