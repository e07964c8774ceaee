/** Shapes of the order-tracking endpoints for the buyer widgets: the plain API types (see api-types.ts). */
import type { Order } from '../api-types.js';

export type { Amendment, Order, OrderDocument, OrderStatus, OrderSummary, Shipment, ShippingMode, TimelineEvent } from '../api-types.js';

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

/** One `event: timeline` of `GET /v1/orders/:id/events`. */
export type { LiveTimelineEvent as LiveEvent } from '../api-types.js';
