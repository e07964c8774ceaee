/** Queries for orders and their append-only timeline (order_events). */
import type { Queryable } from './db.js';
import { afterKey, listScope, toPage, type DealListQuery, type DealSide, type Page } from './paging.js';
import type { OrderEventsTable, OrdersTable, PartyKind } from './schema.js';

export interface OrderRecord extends OrdersTable {
  buyer_name: string;
  supplier_name: string;
}

export interface OrderEventRecord extends OrderEventsTable {
  actor_kind: PartyKind | null;
  actor_name: string | null;
}

function selectWithNames(q: Queryable) {
  return q.db
    .selectFrom('orders as o')
    .innerJoin('parties as b', 'b.id', 'o.buyer_id')
    .innerJoin('parties as s', 's.id', 'o.supplier_id')
    .selectAll('o')
    .select(['b.name as buyer_name', 's.name as supplier_name']);
}

function selectEvents(q: Queryable) {
  return q.db
    .selectFrom('order_events as e')
    .leftJoin('parties as a', 'a.id', 'e.actor_id')
    .selectAll('e')
    .select(['a.kind as actor_kind', 'a.name as actor_name']);
}

/** An order only if `partyId` is its buyer or supplier. */
export async function getOrderFor(q: Queryable, partyId: string, id: string): Promise<OrderRecord | undefined> {
  return selectWithNames(q)
    .where('o.id', '=', id)
    .where((eb) => eb.or([eb('o.buyer_id', '=', partyId), eb('o.supplier_id', '=', partyId)]))
    .executeTakeFirst();
}

export async function insertOrder(q: Queryable, row: OrdersTable): Promise<void> {
  await q.db.insertInto('orders').values(row).execute();
}

/** Appends the next timeline event (seq = last + 1); the caller's transaction holds the order. */
export async function appendOrderEvent(q: Queryable, event: Omit<OrderEventsTable, 'seq'>): Promise<void> {
  const last = await q.db
    .selectFrom('order_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('order_id', '=', event.order_id)
    .executeTakeFirst();
  await q.db
    .insertInto('order_events')
    .values({ ...event, seq: Number(last?.seq ?? 0) + 1 })
    .execute();
}

export async function listOrderEvents(q: Queryable, orderId: string): Promise<OrderEventRecord[]> {
  return selectEvents(q).where('e.order_id', '=', orderId).orderBy('e.seq').execute();
}

/** The latest timeline event of each order given, for list pages. */
export async function latestOrderEvents(q: Queryable, orderIds: readonly string[]): Promise<Map<string, OrderEventRecord>> {
  if (orderIds.length === 0) return new Map();
  const rows = await selectEvents(q)
    .where('e.order_id', 'in', [...orderIds])
    .where('e.seq', '=', (eb) =>
      eb.selectFrom('order_events as e2').select((x) => x.fn.max('e2.seq').as('seq')).whereRef('e2.order_id', '=', 'e.order_id'),
    )
    .execute();
  return new Map(rows.map((r) => [r.order_id, r]));
}

/** The buyer's or the supplier's orders, newest first. */
export async function listOrders(q: Queryable, side: DealSide, query: DealListQuery): Promise<Page<OrderRecord>> {
  const limit = query.limit ?? 20;
  const scope = listScope('orders', side, query.status);
  const key = afterKey(query.cursor, scope);
  const rows = await selectWithNames(q)
    .$if('buyer_id' in side, (qb) => qb.where('o.buyer_id', '=', (side as { buyer_id: string }).buyer_id))
    .$if('supplier_id' in side, (qb) => qb.where('o.supplier_id', '=', (side as { supplier_id: string }).supplier_id))
    .$if(query.status !== undefined, (qb) => qb.where('o.status', '=', query.status!))
    .$if(key !== undefined, (qb) => qb.where((eb) => eb(eb.refTuple('o.created_at', 'o.id'), '<', eb.tuple(key![0], key![1]))))
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, scope);
}
