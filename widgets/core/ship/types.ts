/** Shapes of the order-tracking endpoints for the buyer widgets: the server's schemas, type-only. */
import type { Order } from '../../../server/schemas/orders.js';

export type { Order, OrderStatus, OrderSummary, TimelineEvent } from '../../../server/schemas/orders.js';
export type { OrderDocument } from '../../../server/schemas/documents.js';
export type { Shipment } from '../../../server/schemas/warehouse.js';
export type { ShippingMode } from '../../../server/schemas/terms.js';
export type { Amendment } from '../../../server/schemas/amendments.js';

export type Milestone = Order['milestones'][number];
export type NextStep = Order['next_step'];

/** The milestone codes, in order (the server's `milestones` lists each once). */
export type MilestoneCode =
  | 'contract_confirmed'
  | 'payment_received'
  | 'deposit_released'
  | 'goods_received'
  | 'inspected'
  | 'measured'
  | 'consolidated'
  | 'customs_released'
  | 'departed'
  | 'arrived'
  | 'ready_for_pickup'
  | 'picked_up'
  | 'ownership_transferred'
  | 'settled';

/** One `event: timeline` of `GET /v1/orders/:id/events`: the server's own shape (type-only import). */
export type { LiveTimelineEvent as LiveEvent } from '../../../server/live/order-stream.js';
