/** The life of an access request: a buyer asks a supplier for its private products; the supplier decides once. */
import { conflict, invalidField } from '../problem.js';
import type { AccessRequestStatus } from '../store/schema.js';

export type AccessDecision = 'approve' | 'decline';

const OUTCOME: Record<AccessDecision, AccessRequestStatus> = { approve: 'approved', decline: 'declined' };

/** Only a pending request can be decided; deciding again is a conflict, not a silent no-op. */
export function decide(request: { status: AccessRequestStatus }, decision: AccessDecision): AccessRequestStatus {
  if (request.status !== 'pending') throw conflict(`This access request is already ${request.status}.`);
  return OUTCOME[decision];
}

/** One open request per buyer and supplier: asking again while one is pending is a conflict. */
export function assertNoPendingRequest(pending: unknown | undefined): void {
  if (pending !== undefined) throw conflict('You already have a pending access request to this supplier.');
}

/** What an approval grants: the products named, or by default every private product of the supplier. */
export function productsToGrant(requested: readonly string[] | undefined, supplierPrivateProductIds: readonly string[]): string[] {
  const ids = requested ?? supplierPrivateProductIds;
  if (ids.length === 0) throw invalidField('product_ids', 'you have no private products to grant');
  return [...ids];
}
