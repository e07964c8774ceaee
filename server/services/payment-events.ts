/**
 * What a money change tells the world, written in its own transaction: the order's timeline event and the
 * partner webhook (outbox), so neither can report a change that rolled back nor miss one that committed.
 */
import type { Queryable } from '../store/db.js';
import { appendOrderEvent } from '../store/orders.js';
import type { OrdersTable } from '../store/schema.js';
import { enqueueEventForParties, type WebhookEventType } from '../webhooks/outbox.js';

type OrderRef = Pick<OrdersTable, 'id' | 'buyer_id' | 'supplier_id'>;

/** Timeline codes K100Pay appends (DESIGN's list plus the failure and dispute ones). */
export type PaymentEventCode =
  | 'payment_received'
  | 'deposit_released'
  | 'payment_failed'
  | 'funds_refunded'
  | 'dispute_opened'
  | 'dispute_resolved'
  | 'settled';

export async function timeline(q: Queryable, order: OrderRef, code: PaymentEventCode, at: string, actorId: string | null, details: Record<string, unknown>): Promise<void> {
  await appendOrderEvent(q, { order_id: order.id, code, at, actor_id: actorId, details: JSON.stringify(details) });
}

/** One webhook event for the partners of the order's buyer and supplier; `data` always names the order. */
export async function notifyPartners(q: Queryable, order: OrderRef, type: WebhookEventType, at: string, data: Record<string, unknown>): Promise<void> {
  await enqueueEventForParties(q, [order.buyer_id, order.supplier_id], {
    type,
    created_at: at,
    data: { order_id: order.id, buyer_id: order.buyer_id, supplier_id: order.supplier_id, ...data },
  });
}
