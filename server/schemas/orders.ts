/** Orders opened by confirmed contracts, with the timeline payment and fulfilment will extend. */
import { z } from '@hono/zod-openapi';
import { Currency, Cursor, Limit, MinorUnits, Timestamp, listOf } from './common.js';
import { PartyName } from './negotiations.js';
import { PartyKind } from './sessions.js';
import { ShippingMode } from './terms.js';

export const ORDER_STATUSES = [
  'awaiting_payment', 'paid', 'at_warehouse', 'consolidated', 'customs_released', 'in_transit', 'arrived', 'ready_for_pickup', 'picked_up', 'settled', 'refunded',
] as const;
export const OrderStatus = z.string().openapi({
  description: `Where the order stands: ${ORDER_STATUSES.map((s) => `\`${s}\``).join(', ')} (lower-case slugs; new stages may be added).`,
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

const Actor = z.object({ id: z.string(), kind: PartyKind, name: z.string() });

export const TimelineEvent = z
  .object({
    seq: z.number().int().openapi({ description: '1-based, gapless per order; the `id` of the live event stream.' }),
    code: z.string().openapi({ example: 'contract_confirmed' }),
    at: Timestamp,
    actor: Actor.nullable(),
    place: z.string().nullable().openapi({ description: 'Warehouse steps: the warehouse and its port; tracking events: their location.' }),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('TimelineEvent');
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const NextStep = z
  .object({
    code: z.string().openapi({ description: '`payment`, `packing_list`, `receipt`, `return`, `inspection`, `measurement`, `consolidation`, `customs_release`, `departed`, `arrived`, `ready_for_pickup`, `picked_up`, `ownership_transfer`.' }),
    by: z.enum(['buyer', 'supplier', 'operator']),
  })
  .nullable()
  .openapi('NextStep', { description: 'What the order waits for and from whom; null once closed.' });

export const Milestone = z
  .object({
    code: z.string().openapi({ example: 'goods_received' }),
    state: z.enum(['done', 'current', 'upcoming', 'skipped']),
    at: Timestamp.nullable(),
    place: z.string().nullable(),
    actor: Actor.nullable(),
  })
  .openapi('Milestone');

export const OrderWarehouse = z
  .object({ id: z.string(), name: z.string(), port: z.string(), address: z.string() })
  .nullable()
  .openapi('OrderWarehouse', { description: 'The designated warehouse at the port of departure; null when none was configured.' });

const summaryFields = {
  id: z.string(),
  status: OrderStatus,
  shipping_mode: ShippingMode,
  destination_port: z.string().openapi({ example: 'NLRTM' }),
  inspection_percent: z.number().int().min(0).max(100).openapi({
    description: 'The contract’s inspection percent: the share of cartons on hand the warehouse samples (0: no inspection agreed).',
  }),
  next_step: NextStep,
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
  .object({
    ...summaryFields,
    agreements: OrderAgreements,
    warehouse: OrderWarehouse,
    timeline: z.array(TimelineEvent).openapi({ description: 'Oldest first.' }),
    milestones: z.array(Milestone).openapi({ description: 'Every milestone in order, from contract_confirmed to settled.' }),
    current_milestone: z.string().nullable().openapi({ description: 'The latest milestone done.' }),
  })
  .openapi('Order');
export type Order = z.infer<typeof Order>;

export const OrderListQuery = z.object({ status: z.string().max(64).optional(), cursor: Cursor.optional(), limit: Limit });
