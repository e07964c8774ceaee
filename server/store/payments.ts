/** Queries for payment intents, gateway events and the order row lock every money transaction takes first. */
import type { Queryable } from './db.js';
import type { GatewayEventsTable, OrdersTable, PaymentIntentsTable } from './schema.js';

/**
 * Locks the order row for the rest of the money transaction. Every change to an order's money takes this
 * first, so seq numbers (ledger, timeline, intents) and balance checks never race, as appendOrderEvent's
 * max(seq)+1 requires. On Postgres it is a no-op UPDATE rather than SELECT … FOR UPDATE: under SERIALIZABLE a
 * transaction that waited for the lock still reads from its older snapshot, but one that finds the row
 * updated by a concurrent commit fails with 40001 at once, and the retry starts from a fresh snapshot that
 * sees everything the winner wrote. SQLite has one writer, and BEGIN IMMEDIATE already holds it.
 */
export async function lockOrder(q: Queryable, orderId: string): Promise<OrdersTable | undefined> {
  if (q.dialect === 'postgres') {
    return q.db
      .updateTable('orders')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', orderId)
      .returningAll()
      .executeTakeFirst();
  }
  return q.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
}

export async function setOrderPayment(q: Queryable, orderId: string, fields: { payment_status: string; status?: string }, at: string): Promise<void> {
  await q.db
    .updateTable('orders')
    .set({ payment_status: fields.payment_status, ...(fields.status === undefined ? {} : { status: fields.status }), updated_at: at })
    .where('id', '=', orderId)
    .execute();
}

/** The partners an order's events go to: its buyer's and its supplier's (one, unless a deal spans two). */
export async function orderPartners(q: Queryable, order: Pick<OrdersTable, 'buyer_id' | 'supplier_id'>): Promise<string[]> {
  const rows = await q.db.selectFrom('parties').select('partner_id').where('id', 'in', [order.buyer_id, order.supplier_id]).execute();
  return [...new Set(rows.map((r) => r.partner_id))].sort();
}

export async function insertIntent(q: Queryable, row: PaymentIntentsTable): Promise<void> {
  await q.db.insertInto('payment_intents').values(row).execute();
}

export async function intentsOfOrder(q: Queryable, orderId: string): Promise<PaymentIntentsTable[]> {
  return q.db.selectFrom('payment_intents').selectAll().where('order_id', '=', orderId).orderBy('seq', 'desc').execute();
}

export async function intentCount(q: Queryable, orderId: string): Promise<number> {
  const row = await q.db
    .selectFrom('payment_intents')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function referenceTaken(q: Queryable, reference: string): Promise<boolean> {
  return (await q.db.selectFrom('payment_intents').select('id').where('reference', '=', reference).executeTakeFirst()) !== undefined;
}

export async function intentByReference(q: Queryable, reference: string): Promise<PaymentIntentsTable | undefined> {
  return q.db.selectFrom('payment_intents').selectAll().where('reference', '=', reference).executeTakeFirst();
}

export async function intentById(q: Queryable, id: string): Promise<PaymentIntentsTable | undefined> {
  return q.db.selectFrom('payment_intents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The partner a payment reference belongs to (through its order's buyer), for the sandbox bank's tenancy check. */
export async function partnerOfReference(q: Queryable, reference: string): Promise<{ partner_id: string; gateway_id: string } | undefined> {
  return q.db
    .selectFrom('payment_intents as i')
    .innerJoin('parties as b', 'b.id', 'i.buyer_id')
    .select(['b.partner_id', 'i.gateway_id'])
    .where('i.reference', '=', reference)
    .executeTakeFirst();
}

export type IntentUpdate = Partial<
  Pick<
    PaymentIntentsTable,
    'status' | 'received_amount' | 'received_currency' | 'received_at' | 'refund_amount' | 'refund_cost' | 'refunded_at' | 'failure_code'
  >
>;

export async function updateIntent(q: Queryable, id: string, fields: IntentUpdate, at: string): Promise<void> {
  await q.db.updateTable('payment_intents').set({ ...fields, updated_at: at }).where('id', '=', id).execute();
}

/** Sandbox only: the quote of an awaiting intent runs out now (its status reads expired from here on). */
export async function expireQuoteNow(q: Queryable, id: string, expiresAt: string, now: string): Promise<void> {
  await q.db
    .updateTable('payment_intents')
    .set({ expires_at: expiresAt, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'awaiting_funds')
    .execute();
}

/**
 * Marks the order's awaiting intents whose quote lapsed as expired, so the one-awaiting-intent index lets a
 * new one in. Their funds, should they still arrive, are refunded as late.
 */
export async function expireLapsedIntents(q: Queryable, orderId: string, now: string): Promise<number> {
  const result = await q.db
    .updateTable('payment_intents')
    .set({ status: 'expired', failure_code: 'expired', updated_at: now })
    .where('order_id', '=', orderId)
    .where('status', '=', 'awaiting_funds')
    .where('expires_at', '<', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function gatewayEventExists(q: Queryable, gatewayId: string, eventId: string): Promise<boolean> {
  const row = await q.db
    .selectFrom('gateway_events')
    .select('event_id')
    .where('gateway_id', '=', gatewayId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records a processed gateway event; false when (gateway, event id) was already recorded, in which case the
 * caller must roll back whatever it did (a concurrent delivery of the same event won).
 */
export async function recordGatewayEvent(q: Queryable, row: GatewayEventsTable): Promise<boolean> {
  const inserted = await q.db
    .insertInto('gateway_events')
    .values(row)
    .onConflict((oc) => oc.columns(['gateway_id', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The deposit percent of the contract as confirmed (its current version's terms), for the escrow split. */
export async function contractDepositPercent(q: Queryable, contractId: string): Promise<number> {
  const row = await q.db
    .selectFrom('contracts as c')
    .innerJoin('contract_versions as v', (join) => join.onRef('v.contract_id', '=', 'c.id').onRef('v.version', '=', 'c.current_version'))
    .select('v.content')
    .where('c.id', '=', contractId)
    .executeTakeFirstOrThrow();
  return (JSON.parse(row.content) as { terms: { deposit_percent: number } }).terms.deposit_percent;
}
