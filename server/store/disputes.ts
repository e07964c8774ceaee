/** Queries for disputes of an order's escrow. */
import type { Queryable } from './db.js';
import { preparedQuery } from './prepared.js';
import type { DisputesTable } from './schema.js';

export async function insertDispute(q: Queryable, row: DisputesTable): Promise<void> {
  await q.db.insertInto('disputes').values(row).execute();
}

export async function disputesOfOrder(q: Queryable, orderId: string): Promise<DisputesTable[]> {
  return q.db.selectFrom('disputes').selectAll().where('order_id', '=', orderId).orderBy('created_at', 'desc').orderBy('id').execute();
}

const openDisputeRow = preparedQuery((db, orderId: string) => db.selectFrom('disputes').selectAll().where('order_id', '=', orderId).where('status', '=', 'open'));

/** Every order view asks this: compiled once. */
export async function openDisputeOf(q: Queryable, orderId: string): Promise<DisputesTable | undefined> {
  return (await openDisputeRow(q, orderId))[0];
}

export async function disputeOfOrder(q: Queryable, orderId: string, id: string): Promise<DisputesTable | undefined> {
  return q.db.selectFrom('disputes').selectAll().where('order_id', '=', orderId).where('id', '=', id).executeTakeFirst();
}

export async function closeDispute(q: Queryable, id: string, resolution: string, at: string): Promise<void> {
  await q.db.updateTable('disputes').set({ status: 'resolved', resolution, resolved_at: at }).where('id', '=', id).execute();
}
