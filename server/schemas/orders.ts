/** Orders opened by confirmed contracts, with the timeline payment and fulfilment will extend. */
import { z } from '@hono/zod-openapi';
import { Currency, Cursor, Limit, MinorUnits, Timestamp, listOf } from './common.js';
import { PartyName } from './negotiations.js';
import { PartyKind } from './sessions.js';

export const OrderStatus = z.string().openapi({
  description: 'Where the order stands: `awaiting_payment` once opened; later stages add values (lower-case slugs).',
  example: 'awaiting_payment',
});
export const PaymentStatus = z.string().openapi({ description: '`unpaid` until K100Pay reports funds.', example: 'unpaid' });

export const OrderAgreements = z
  .object({
    expert_advisor_sts_fulfilment: z.literal(true),
    k100pay_payment_and_settlement: z.literal(true),
    statement: z.string(),
    contract_digest: z.string(),
    buyer: z.object({ party_id: z.string(), signer_name: z.string(), agreed_at: Timestamp }),
    supplier: z.object({ party_id: z.string(), agreed_at: Timestamp.openapi({ description: 'When the supplier sent the version the buyer confirmed.' }) }),
  })
  .openapi('OrderAgreements', { description: 'Both parties agreed to Expert Advisor (STS) fulfilment and K100Pay by the confirmed contract.' });
export type OrderAgreements = z.infer<typeof OrderAgreements>;

export const TimelineEvent = z
  .object({
    code: z.string().openapi({ example: 'contract_confirmed' }),
    at: Timestamp,
    actor: z.object({ id: z.string(), kind: PartyKind, name: z.string() }).nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('TimelineEvent');
export type TimelineEvent = z.infer<typeof TimelineEvent>;

const summaryFields = {
  id: z.string(),
  status: OrderStatus,
  payment_status: PaymentStatus,
  contract_id: z.string(),
  purchase_order_id: z.string(),
  negotiation_id: z.string(),
  buyer: PartyName,
  supplier: PartyName,
  currency: Currency,
  total: MinorUnits,
  deposit_amount: MinorUnits,
  balance_amount: MinorUnits,
  latest_event: TimelineEvent,
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const OrderSummary = z.object(summaryFields).openapi('OrderSummary');
export type OrderSummary = z.infer<typeof OrderSummary>;
export const OrderList = listOf(OrderSummary, 'OrderList');

export const Order = z
  .object({ ...summaryFields, agreements: OrderAgreements, timeline: z.array(TimelineEvent).openapi({ description: 'Oldest first.' }) })
  .openapi('Order');
export type Order = z.infer<typeof Order>;

export const OrderListQuery = z.object({ status: z.string().max(64).optional(), cursor: Cursor.optional(), limit: Limit });
