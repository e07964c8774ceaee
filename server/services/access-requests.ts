/** Access requests as transactions: a buyer asks, the supplier approves (granting in the same transaction) or declines. */
import { assertNoPendingRequest, decide, productsToGrant, type AccessDecision } from '../domain/access-requests.js';
import { newId } from '../domain/ids.js';
import { conflict, notFound } from '../problem.js';
import type { AccessRequest } from '../schemas/folders.js';
import type { Store } from '../store/db.js';
import {
  decideAccessRequest,
  findPendingRequest,
  getAccessRequestFor,
  insertAccessRequest,
  type AccessRequestRecord,
} from '../store/access-requests.js';
import { findPartyOfKind, lockParty } from '../store/parties.js';
import { listPrivateProductIds } from '../store/products.js';
import { inTransaction } from '../store/transaction.js';
import { insertCheckedGrant } from './grants.js';

export const presentAccessRequest = (r: AccessRequestRecord): AccessRequest => ({
  id: r.id,
  buyer: { id: r.buyer_id, name: r.buyer_name },
  supplier: { id: r.supplier_id, name: r.supplier_name },
  message: r.message,
  status: r.status,
  grant_id: r.grant_id,
  created_at: r.created_at,
  decided_at: r.decided_at,
});

export function requestAccess(
  store: Store,
  input: { buyerId: string; supplierId: string; message: string; now?: Date },
): Promise<AccessRequestRecord> {
  return inTransaction(store, async (q) => {
    const supplier = await findPartyOfKind(q, input.supplierId, 'supplier');
    if (!supplier) throw notFound('supplier');
    await lockParty(q, input.buyerId); // two requests at once must not both pass the check below
    assertNoPendingRequest(await findPendingRequest(q, input.buyerId, input.supplierId));
    const id = newId('areq');
    await insertAccessRequest(q, {
      id,
      buyer_id: input.buyerId,
      supplier_id: input.supplierId,
      message: input.message,
      status: 'pending',
      grant_id: null,
      created_at: (input.now ?? new Date()).toISOString(),
      decided_at: null,
    });
    return (await getAccessRequestFor(q, input.buyerId, id))!;
  });
}

/**
 * The supplier of the request decides it. Approval grants the named private products (default: all of
 * them) in the same transaction, so a failed grant leaves the request pending.
 */
export function decideAccess(
  store: Store,
  input: { supplierId: string; id: string; decision: AccessDecision; productIds?: string[]; now?: Date },
): Promise<AccessRequestRecord> {
  const now = input.now ?? new Date();
  return inTransaction(store, async (q) => {
    const request = await getAccessRequestFor(q, input.supplierId, input.id);
    // The buyer of a request can see it but not decide it; to them the decision endpoint does not exist.
    if (!request || request.supplier_id !== input.supplierId) throw notFound('access request');
    const status = decide(request, input.decision);
    let grantId: string | null = null;
    if (status === 'approved') {
      const productIds = productsToGrant(input.productIds, await listPrivateProductIds(q, input.supplierId));
      const grant = await insertCheckedGrant(q, {
        supplierId: input.supplierId,
        buyerId: request.buyer_id,
        productIds,
        now,
      });
      grantId = grant.id;
    }
    const decided_at = now.toISOString();
    if (!(await decideAccessRequest(q, request.id, { status, decided_at, grant_id: grantId }))) {
      throw conflict('This access request was decided meanwhile.');
    }
    return { ...request, status, decided_at, grant_id: grantId };
  });
}
