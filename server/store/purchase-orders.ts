/** Queries for electronic purchase orders: the frozen consensus of an accepted negotiation. */
import type { Queryable } from './db.js';
import { afterKey, listScope, toPage, type DealListQuery, type DealSide, type Page } from './paging.js';
import type { PurchaseOrderStatus, PurchaseOrdersTable } from './schema.js';

export interface PurchaseOrderRecord extends PurchaseOrdersTable {
  buyer_name: string;
  supplier_name: string;
  /** Its contract, once the supplier drafted one. */
  contract_id: string | null;
}

function selectWithNames(q: Queryable) {
  return q.db
    .selectFrom('purchase_orders as po')
    .innerJoin('parties as b', 'b.id', 'po.buyer_id')
    .innerJoin('parties as s', 's.id', 'po.supplier_id')
    .leftJoin('contracts as c', 'c.purchase_order_id', 'po.id')
    .selectAll('po')
    .select(['b.name as buyer_name', 's.name as supplier_name', 'c.id as contract_id']);
}

/** A purchase order only if `partyId` is its buyer or supplier. */
export async function getPurchaseOrderFor(q: Queryable, partyId: string, id: string): Promise<PurchaseOrderRecord | undefined> {
  return selectWithNames(q)
    .where('po.id', '=', id)
    .where((eb) => eb.or([eb('po.buyer_id', '=', partyId), eb('po.supplier_id', '=', partyId)]))
    .executeTakeFirst();
}

/** Row lock on Postgres so two drafts of one PO's contract serialise (SQLite has one writer). */
export async function lockPurchaseOrder(q: Queryable, id: string): Promise<void> {
  await q.db
    .selectFrom('purchase_orders')
    .select('id')
    .where('id', '=', id)
    .$if(q.dialect === 'postgres', (qb) => qb.forUpdate())
    .execute();
}

export async function insertPurchaseOrder(q: Queryable, row: PurchaseOrdersTable): Promise<void> {
  await q.db.insertInto('purchase_orders').values(row).execute();
}

export async function setPurchaseOrderStatus(q: Queryable, id: string, status: PurchaseOrderStatus, at: string): Promise<void> {
  await q.db.updateTable('purchase_orders').set({ status, updated_at: at }).where('id', '=', id).execute();
}

/** The buyer's own purchase orders or the supplier's inbox, newest first. */
export async function listPurchaseOrders(q: Queryable, side: DealSide, query: DealListQuery): Promise<Page<PurchaseOrderRecord>> {
  const limit = query.limit ?? 20;
  const scope = listScope('purchase_orders', side, query.status);
  const key = afterKey(query.cursor, scope);
  const rows = await selectWithNames(q)
    .$if('buyer_id' in side, (qb) => qb.where('po.buyer_id', '=', (side as { buyer_id: string }).buyer_id))
    .$if('supplier_id' in side, (qb) => qb.where('po.supplier_id', '=', (side as { supplier_id: string }).supplier_id))
    .$if(query.status !== undefined, (qb) => qb.where('po.status', '=', query.status as PurchaseOrderStatus))
    .$if(key !== undefined, (qb) => qb.where((eb) => eb(eb.refTuple('po.created_at', 'po.id'), '<', eb.tuple(key![0], key![1]))))
    .orderBy('po.created_at', 'desc')
    .orderBy('po.id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, scope);
}
