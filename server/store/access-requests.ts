/** Queries for access requests: a buyer asking a supplier to see its private (OEM/ODM) products. */
import type { Queryable } from './db.js';
import type { AccessRequestStatus, AccessRequestsTable } from './schema.js';

export interface AccessRequestRecord extends AccessRequestsTable {
  buyer_name: string;
  supplier_name: string;
}

function selectWithNames(q: Queryable) {
  return q.db
    .selectFrom('access_requests as r')
    .innerJoin('parties as b', 'b.id', 'r.buyer_id')
    .innerJoin('parties as s', 's.id', 'r.supplier_id')
    .selectAll('r')
    .select(['b.name as buyer_name', 's.name as supplier_name']);
}

export async function insertAccessRequest(q: Queryable, row: AccessRequestsTable): Promise<void> {
  await q.db.insertInto('access_requests').values(row).execute();
}

/** A request only if `partyId` is its buyer or its supplier; anyone else gets nothing. */
export async function getAccessRequestFor(
  q: Queryable,
  partyId: string,
  id: string,
): Promise<AccessRequestRecord | undefined> {
  return selectWithNames(q)
    .where('r.id', '=', id)
    .where((eb) => eb.or([eb('r.buyer_id', '=', partyId), eb('r.supplier_id', '=', partyId)]))
    .executeTakeFirst();
}

export async function findPendingRequest(q: Queryable, buyerId: string, supplierId: string): Promise<{ id: string } | undefined> {
  return q.db
    .selectFrom('access_requests')
    .select('id')
    .where('buyer_id', '=', buyerId)
    .where('supplier_id', '=', supplierId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** The buyer's own requests or the supplier's inbox, newest first. */
export async function listAccessRequests(
  q: Queryable,
  side: { buyer_id: string } | { supplier_id: string },
  status?: AccessRequestStatus,
): Promise<AccessRequestRecord[]> {
  let query = selectWithNames(q);
  query = 'buyer_id' in side ? query.where('r.buyer_id', '=', side.buyer_id) : query.where('r.supplier_id', '=', side.supplier_id);
  if (status !== undefined) query = query.where('r.status', '=', status);
  return query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').execute();
}

/**
 * Moves a pending request to its outcome. The `status = 'pending'` condition makes a concurrent second
 * decision update nothing, which the caller reports as a conflict.
 */
export async function decideAccessRequest(
  q: Queryable,
  id: string,
  outcome: { status: AccessRequestStatus; decided_at: string; grant_id: string | null },
): Promise<boolean> {
  const result = await q.db
    .updateTable('access_requests')
    .set(outcome)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
