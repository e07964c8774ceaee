/** Reads for live order streams: the timeline after a seq, each row with the order's state at read time. */
import type { Queryable } from './db.js';
import type { OrderEventRecord } from './orders.js';

export interface FeedEventRecord extends OrderEventRecord {
  /** The order's status and payment status when the row was read (one statement, one snapshot). */
  status: string;
  payment_status: string;
}

/** Events with seq > `afterSeq`, oldest first, at most `limit`. */
export async function orderEventsAfter(q: Queryable, orderId: string, afterSeq: number, limit: number): Promise<FeedEventRecord[]> {
  return q.db
    .selectFrom('order_events as e')
    .innerJoin('orders as o', 'o.id', 'e.order_id')
    .leftJoin('parties as a', 'a.id', 'e.actor_id')
    .selectAll('e')
    .select(['a.kind as actor_kind', 'a.name as actor_name', 'o.status', 'o.payment_status'])
    .where('e.order_id', '=', orderId)
    .where('e.seq', '>', afterSeq)
    .orderBy('e.seq')
    .limit(limit)
    .execute();
}

/** The seq of the order's latest event (0 for none). */
export async function lastOrderEventSeq(q: Queryable, orderId: string): Promise<number> {
  const row = await q.db
    .selectFrom('order_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}
