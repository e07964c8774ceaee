/** Queries for orders and their append-only timeline (order_events). */
import { signalOrderEvent } from '../live/order-signals.js';
import { cursorScope } from './cursor.js';
import type { Kysely } from 'kysely';
import type { Queryable } from './db.js';
import { afterKey, toPage, type DealListQuery, type DealSide, type Page } from './paging.js';
import { preparedQuery } from './prepared.js';
import type { Database, OrderEventsTable, OrdersTable, PartyKind } from './schema.js';

export interface OrderRecord extends OrdersTable {
  buyer_name: string;
  supplier_name: string;
}

export interface OrderEventRecord extends OrderEventsTable {
  actor_kind: PartyKind | null;
  actor_name: string | null;
}

function selectWithNames(db: Kysely<Database>) {
  return db
    .selectFrom('orders as o')
    .innerJoin('parties as b', 'b.id', 'o.buyer_id')
    .innerJoin('parties as s', 's.id', 'o.supplier_id')
    .selectAll('o')
    .select(['b.name as buyer_name', 's.name as supplier_name']);
}

function selectEvents(db: Kysely<Database>) {
  return db
    .selectFrom('order_events as e')
    .leftJoin('parties as a', 'a.id', 'e.actor_id')
    .selectAll('e')
    .select(['a.kind as actor_kind', 'a.name as actor_name']);
}

/**
 * The order if `party` may read it: its buyer, its supplier, or an operator of its designated warehouse once
 * the order is paid (payment_status no longer `unpaid`). Anyone else gets undefined, which routes answer 404.
 */
export async function getOrderForParty(q: Queryable, party: { id: string; kind: PartyKind }, orderId: string): Promise<OrderRecord | undefined> {
  const [order] = await (party.kind === 'buyer' ? orderOfBuyer : party.kind === 'supplier' ? orderOfSupplier : orderOfOperator)(q, orderId, party.id);
  return order;
}

/** Every order read (the tracker, its live stream, each warehouse step) starts here: compiled once per reader kind. */
const orderOfBuyer = preparedQuery((db, orderId: string, buyerId: string) =>
  selectWithNames(db).where('o.id', '=', orderId).where('o.buyer_id', '=', buyerId),
);
const orderOfSupplier = preparedQuery((db, orderId: string, supplierId: string) =>
  selectWithNames(db).where('o.id', '=', orderId).where('o.supplier_id', '=', supplierId),
);
const orderOfOperator = preparedQuery((db, orderId: string, operatorId: string) =>
  selectWithNames(db)
    .where('o.id', '=', orderId)
    .where('o.payment_status', '<>', 'unpaid')
    .where('o.warehouse_id', 'in', (eb) => eb.selectFrom('warehouse_operators').select('warehouse_id').where('party_id', '=', operatorId)),
);

/** An order only if `partyId` is its buyer or supplier. */
export async function getOrderFor(q: Queryable, partyId: string, id: string): Promise<OrderRecord | undefined> {
  return selectWithNames(q.db)
    .where('o.id', '=', id)
    .where((eb) => eb.or([eb('o.buyer_id', '=', partyId), eb('o.supplier_id', '=', partyId)]))
    .executeTakeFirst();
}

export async function insertOrder(q: Queryable, row: OrdersTable): Promise<void> {
  await q.db.insertInto('orders').values(row).execute();
}

/**
 * Appends the next timeline event (seq = last + 1); the caller's transaction holds the order. Live streams
 * of the order are signalled (Postgres: on commit, to every instance).
 */
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
  await signalOrderEvent(q, event.order_id);
}

const eventsOf = preparedQuery((db, orderId: string) => selectEvents(db).where('e.order_id', '=', orderId).orderBy('e.seq'));

export async function listOrderEvents(q: Queryable, orderId: string): Promise<OrderEventRecord[]> {
  return eventsOf(q, orderId);
}

/** The latest timeline event of each order given, for list pages. */
export async function latestOrderEvents(q: Queryable, orderIds: readonly string[]): Promise<Map<string, OrderEventRecord>> {
  if (orderIds.length === 0) return new Map();
  const rows = await selectEvents(q.db)
    .where('e.order_id', 'in', [...orderIds])
    .where('e.seq', '=', (eb) =>
      eb.selectFrom('order_events as e2').select((x) => x.fn.max('e2.seq').as('seq')).whereRef('e2.order_id', '=', 'e.order_id'),
    )
    .execute();
  return new Map(rows.map((r) => [r.order_id, r]));
}

/** Whose orders: a buyer's, a supplier's, or a warehouse's (its operators see paid orders only). */
export type OrderSide = DealSide | { warehouse_id: string };

/** The buyer's, the supplier's or the warehouse's orders, newest first. */
export async function listOrders(q: Queryable, side: OrderSide, query: DealListQuery): Promise<Page<OrderRecord>> {
  const limit = query.limit ?? 20;
  const scope = cursorScope({ list: 'orders', side, status: query.status ?? null });
  const key = afterKey(query.cursor, scope);
  const rows = await selectWithNames(q.db)
    .$if('buyer_id' in side, (qb) => qb.where('o.buyer_id', '=', (side as { buyer_id: string }).buyer_id))
    .$if('supplier_id' in side, (qb) => qb.where('o.supplier_id', '=', (side as { supplier_id: string }).supplier_id))
    .$if('warehouse_id' in side, (qb) =>
      qb.where('o.warehouse_id', '=', (side as { warehouse_id: string }).warehouse_id).where('o.payment_status', '<>', 'unpaid'),
    )
    .$if(query.status !== undefined, (qb) => qb.where('o.status', '=', query.status!))
    .$if(key !== undefined, (qb) => qb.where((eb) => eb(eb.refTuple('o.created_at', 'o.id'), '<', eb.tuple(key![0], key![1]))))
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, scope);
}
