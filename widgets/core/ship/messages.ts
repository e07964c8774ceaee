/**
 * English text the buyer's order widgets (shipment tracker, order overview) share, added to the catalogs
 * when one of them loads; Chinese loads on demand. Keys start with `ship`, apart from the core, deal and
 * pay ones; text only the tracker shows lives in its own `messages.ts`.
 */
import { addMessages, type Message, type MessageKey, type MessageRegistry, type Messages, type Params } from '../i18n.js';
import type { K100Element } from '../element.js';

export const shipMessages = {
  shipMs_contract_confirmed: 'Contract confirmed',
  shipMs_payment_received: 'Payment received',
  shipMs_deposit_released: 'Deposit released',
  shipMs_goods_received: 'Goods received',
  shipMs_inspected: 'Inspected',
  shipMs_measured: 'Weighed and measured',
  shipMs_consolidated: 'Consolidated',
  shipMs_customs_released: 'China customs released',
  shipMs_departed: 'Departed',
  shipMs_arrived: 'Arrived',
  shipMs_ready_for_pickup: 'Ready for pickup',
  shipMs_picked_up: 'Picked up',
  shipMs_ownership_transferred: 'Ownership transferred',
  shipMs_settled: 'Settled',

  shipSt_awaiting_payment: 'Awaiting payment',
  shipSt_paid: 'Paid',
  shipSt_at_warehouse: 'At the warehouse',
  shipSt_consolidated: 'Consolidated',
  shipSt_customs_released: 'Customs released',
  shipSt_in_transit: 'In transit',
  shipSt_arrived: 'Arrived',
  shipSt_ready_for_pickup: 'Ready for pickup',
  shipSt_picked_up: 'Picked up',
  shipSt_settled: 'Settled',
  shipSt_refunded: 'Refunded',

  shipPay_unpaid: 'Unpaid',
  shipPay_escrow_funded: 'In escrow',
  shipPay_released: 'Released',
  shipPay_refunded: 'Refunded',
  shipPay_disputed: 'Disputed',

  shipStep_payment: 'Pay into escrow',
  shipStep_packing_list: 'Submit the packing list',
  shipStep_receipt: 'Receive the goods',
  shipStep_return: 'Return cartons',
  shipStep_inspection: 'Inspect the goods',
  shipStep_measurement: 'Weigh and measure',
  shipStep_consolidation: 'Consolidate',
  shipStep_customs_release: 'Clear China customs',
  shipStep_departed: 'Depart',
  shipStep_arrived: 'Arrive at the destination port',
  shipStep_ready_for_pickup: 'Make ready for pickup',
  shipStep_picked_up: 'Pick up the goods',
  shipStep_ownership_transfer: 'Transfer ownership',
  shipBy_buyer: 'you',
  shipBy_supplier: 'supplier',
  shipBy_operator: 'warehouse',
  shipNext: 'Next: {step} ({by})',
  shipNextNone: 'Nothing left to do',

  shipMode_fcl: 'Sea freight, full container (FCL)',
  shipMode_lcl: 'Sea freight, shared container (LCL)',
  shipMode_courier: 'Courier',

  shipPickup_fcl: 'Collect the full container at the destination port.',
  shipPickup_lcl: 'Collect your cartons at the designated destination warehouse.',
  shipPickup_courier: 'The courier delivers to your address.',

  shipDoc_contract: 'Contract',
  shipDoc_goods_receipt: 'Goods receipt',
  shipDoc_packing_list: 'Packing list',
  shipDoc_commercial_invoice: 'Commercial invoice',
  shipDoc_customs_declaration: 'Customs declaration',
  shipDoc_bill_of_lading: 'Bill of lading',

  shipOrders: 'Your orders',
  shipGroupLabel: 'Show',
  shipGroup_all: 'All',
  shipGroup_awaiting: 'Awaiting payment',
  shipGroup_progress: 'In progress',
  shipGroup_settled: 'Settled',
  shipGroup_refunded: 'Refunded',
  shipSortLabel: 'Sort by',
  shipSort_newest: 'Newest',
  shipSort_amount: 'Amount',
  shipSort_status: 'Status',
  shipColOrder: 'Order',
  shipColSupplier: 'Supplier',
  shipColStatus: 'Status',
  shipColPayment: 'Payment',
  shipColAmount: 'Amount',
  shipColNext: 'Next step',
  shipNoOrders: 'No orders yet. Orders appear here once you confirm a contract.',
  shipNoMatch: 'No orders in this group among those loaded.',
  shipOrderCount: { one: '{count} order shown', other: '{count} orders shown' },
  shipLoadMoreFailed: 'Could not load more orders.',

  shipAmdSt_proposed: 'Waiting for the buyer',
  shipAmdSt_confirmed: 'Confirmed',
  shipAmdSt_declined: 'Declined',
} satisfies Record<string, Message>;

/** A key of this family, or of a widget's own catalog (the tracker's keys also start with `ship`). */
export type ShipKey = keyof typeof shipMessages | keyof MessageRegistry;

// Cast: the core key union (`MessageKey`) cannot list this family's keys without growing `core/i18n.ts`.
addMessages(shipMessages as Messages, { 'zh-CN': () => import('./locales/zh-CN.js') as Promise<{ default: Messages }> });

/** A `ship…` message in the host's locale (the core key union does not list this family's keys). */
export const st = (host: K100Element, key: ShipKey, params?: Params): string => host.t(key as MessageKey, params);

type Prefix = 'shipStep_' | 'shipMs_' | 'shipSt_' | 'shipPay_' | 'shipDoc_' | 'shipMode_' | 'shipPickup_' | 'shipAmdSt_';

/** A label keyed by a server code (`shipMs_departed`); for a code new to us, `fallback` or the code made readable. */
export function label(host: K100Element, prefix: Prefix, code: string, fallback?: string): string {
  const key = `${prefix}${code}`;
  if (key in shipMessages) return st(host, key as ShipKey);
  return fallback ?? code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** "Next: Pay into escrow (you)", or that nothing is left. */
export function nextStep(host: K100Element, next: { code: string; by: 'buyer' | 'supplier' | 'operator' } | null): string {
  if (!next) return st(host, 'shipNextNone');
  const step = label(host, 'shipStep_', next.code, label(host, 'shipMs_', next.code));
  return st(host, 'shipNext', { step, by: st(host, `shipBy_${next.by}`) });
}

/** A moment (ISO 8601) with date and time in the reader's time zone. */
export function dateTime(host: K100Element, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(host.config.locale, { dateStyle: 'medium', timeStyle: 'short' });
}
