/**
 * The order of fulfilment at the designated warehouse, as pure rules: which step the facts of an order allow,
 * who performs it, the order status it leads to, what the order waits for next, and the milestone view of
 * its timeline.
 */
import type { ShippingMode } from '../schemas/terms.js';
import { requiredSample } from './measures.js';
import { accepted, refuse, type Result } from './refusal.js';

export const TRACKING_CODES = ['departed', 'arrived', 'ready_for_pickup', 'picked_up'] as const;
export type TrackingCode = (typeof TRACKING_CODES)[number];

export type FulfilmentStep =
  | 'packing_list'
  | 'receipt'
  | 'return'
  | 'inspection'
  | 'measurement'
  | 'consolidation'
  | 'customs_release'
  | TrackingCode
  | 'ownership_transfer';

export type StepActor = 'supplier' | 'operator';

/** The supplier writes the packing list; everything else happens at the warehouse (or is reported by it). */
export const STEP_ACTOR: Record<FulfilmentStep, StepActor> = {
  packing_list: 'supplier',
  receipt: 'operator',
  return: 'operator',
  inspection: 'operator',
  measurement: 'operator',
  consolidation: 'operator',
  customs_release: 'operator',
  departed: 'operator',
  arrived: 'operator',
  ready_for_pickup: 'operator',
  picked_up: 'operator',
  ownership_transfer: 'operator',
};

/** The timeline event each step appends (ownership_transfer also appends `settled`, through the release). */
export const STEP_EVENT: Record<FulfilmentStep, string> = {
  packing_list: 'packing_list_submitted',
  receipt: 'goods_received',
  return: 'cartons_returned',
  inspection: 'inspected',
  measurement: 'measured',
  consolidation: 'consolidated',
  customs_release: 'customs_released',
  departed: 'departed',
  arrived: 'arrived',
  ready_for_pickup: 'ready_for_pickup',
  picked_up: 'picked_up',
  ownership_transfer: 'ownership_transferred',
};

/** Timeline codes that happen at the warehouse: their place is the warehouse's name and port. */
export const WAREHOUSE_EVENTS: ReadonlySet<string> = new Set(['goods_received', 'cartons_returned', 'inspected', 'measured', 'consolidated', 'customs_released']);

/** Everything about an order the step rules look at, gathered by the service in the step's transaction. */
export interface FulfilmentFacts {
  /** orders.payment_status: unpaid | escrow_funded | disputed | released | refunded. */
  payment_status: string;
  /** orders.status. */
  status: string;
  warehouse_assigned: boolean;
  inspection_percent: number;
  shipping_mode: ShippingMode;
  packing_list_revision: number | null;
  receipts: number;
  cartons_on_hand: number;
  /** `stale` when a carton on hand is missing from the latest measurement (received after it). */
  measurement: 'none' | 'stale' | 'current';
  latest_inspection: 'pass' | 'fail' | null;
  /**
   * True when a carton on hand was received after the latest inspection: it was never part of the sampled
   * population, so the inspection no longer covers the goods (as cartons received after a measurement make it stale).
   */
  inspection_stale: boolean;
  consolidated: boolean;
  customs_released: boolean;
  tracking: readonly TrackingCode[];
  cross_check: 'match' | 'discrepancy';
  dispute_open: boolean;
}

type StepRefusal =
  | 'wrong_party'
  | 'no_designated_warehouse'
  | 'not_paid'
  | 'order_closed'
  | 'step_out_of_order'
  | 'inspection_not_agreed'
  | 'inspection_failed'
  | 'cross_check_failed'
  | 'mode_mismatch'
  | 'dispute_open';

const CLOSED_STATUSES = new Set(['settled', 'refunded']);

/** Escrow must hold the money: fulfilment runs between payment and settlement (or a refund), never outside. */
function refuseUnlessHeld(facts: FulfilmentFacts) {
  if (CLOSED_STATUSES.has(facts.status) || facts.payment_status === 'released' || facts.payment_status === 'refunded') {
    return refuse('order_closed', 'This order is closed: its escrow was released or refunded.');
  }
  if (facts.payment_status !== 'escrow_funded' && facts.payment_status !== 'disputed') {
    return refuse('not_paid', 'The order is not paid yet; fulfilment starts once escrow is funded.');
  }
  return null;
}

const outOfOrder = (message: string) => refuse('step_out_of_order', message);

/** Who may perform a step: the party kind must be the step's actor. */
export function allowActor(step: FulfilmentStep, kind: 'buyer' | 'supplier' | 'operator'): Result<void, 'wrong_party'> {
  const actor = STEP_ACTOR[step];
  if (kind !== actor) return refuse('wrong_party', `Only the ${actor === 'operator' ? 'operator of the order’s designated warehouse' : 'supplier of the order'} may do this.`);
  return accepted(undefined);
}

/** Whether `step` may happen now. Checks run from the most basic (is there a warehouse, is it paid) to the step's own order. */
export function allowStep(step: FulfilmentStep, facts: FulfilmentFacts): Result<void, StepRefusal> {
  if (STEP_ACTOR[step] === 'operator' && !facts.warehouse_assigned) {
    return refuse('no_designated_warehouse', 'No designated warehouse was configured when this order was opened.');
  }
  const notHeld = refuseUnlessHeld(facts);
  if (notHeld) return notHeld;

  switch (step) {
    case 'packing_list':
      if (facts.customs_released) return outOfOrder('The goods are cleared by customs; the packing list can no longer change.');
      return accepted(undefined);
    case 'receipt':
    case 'return':
      if (facts.consolidated) return outOfOrder('The goods are consolidated; no carton can be received or returned any more.');
      return accepted(undefined);
    case 'inspection':
      if (facts.inspection_percent === 0) return refuse('inspection_not_agreed', 'The contract agreed no inspection (0 %).');
      if (facts.consolidated) return outOfOrder('The goods are consolidated; inspect before consolidation.');
      if (facts.receipts === 0) return outOfOrder('Receive goods first: there is nothing to inspect.');
      return accepted(undefined);
    case 'measurement':
      if (facts.consolidated) return outOfOrder('The goods are consolidated; measure before consolidation.');
      if (facts.receipts === 0) return outOfOrder('Receive goods first: there is nothing to measure.');
      return accepted(undefined);
    case 'consolidation':
      if (facts.consolidated) return outOfOrder('The goods are already consolidated.');
      if (facts.receipts === 0 || facts.cartons_on_hand === 0) return outOfOrder('Receive goods first: there is nothing to consolidate.');
      if (facts.measurement === 'none') return outOfOrder('Measure every carton on hand first.');
      if (facts.measurement === 'stale') return outOfOrder('Cartons were received after the last measurement: measure every carton on hand again first.');
      if (facts.inspection_percent > 0) {
        if (facts.latest_inspection === null) return outOfOrder(`Inspect ${facts.inspection_percent} % of the cartons first, as the contract agreed.`);
        if (facts.latest_inspection === 'fail') return refuse('inspection_failed', 'The latest inspection failed; inspect again (and pass) before consolidation.');
        if (facts.inspection_stale) {
          const sample = requiredSample(facts.cartons_on_hand, facts.inspection_percent);
          return outOfOrder(
            `Cartons were received after the latest inspection and were never in its sample: inspect again, sampling at least ${sample} of all ${facts.cartons_on_hand} cartons on hand (${facts.inspection_percent} %).`,
          );
        }
      }
      if (facts.cross_check === 'discrepancy') return refuse('cross_check_failed', 'The packing list, the goods received and the contract differ; resolve the differences first.');
      return accepted(undefined);
    case 'customs_release':
      if (facts.customs_released) return outOfOrder('Customs already released the goods.');
      if (!facts.consolidated) return outOfOrder('Consolidate the goods first.');
      if (facts.packing_list_revision === null) return outOfOrder('The supplier must submit a packing list first.');
      return accepted(undefined);
    case 'departed':
    case 'arrived':
    case 'ready_for_pickup':
    case 'picked_up': {
      if (facts.tracking.includes(step)) return outOfOrder(`\`${step}\` is already recorded.`);
      const index = TRACKING_CODES.indexOf(step);
      if (index === 0) {
        if (!facts.customs_released) return outOfOrder('Customs must release the goods before they depart.');
      } else {
        const before = TRACKING_CODES[index - 1]!;
        if (!facts.tracking.includes(before)) return outOfOrder(`Record \`${before}\` first.`);
      }
      return accepted(undefined);
    }
    case 'ownership_transfer':
      if (!facts.tracking.includes('picked_up')) return outOfOrder('The goods must be picked up first.');
      if (facts.cross_check === 'discrepancy') return refuse('cross_check_failed', 'The packing list, the goods received and the contract differ; the ownership transfer waits until they match.');
      if (facts.dispute_open) return refuse('dispute_open', 'A dispute is open; K100Pay must resolve it before the ownership transfer.');
      return accepted(undefined);
  }
}

/** The contract's shipping mode is the buyer's instruction: consolidation follows it. */
export function allowMode(facts: Pick<FulfilmentFacts, 'shipping_mode'>, mode: ShippingMode): Result<void, 'mode_mismatch'> {
  if (mode !== facts.shipping_mode) return refuse('mode_mismatch', `The contract ships by \`${facts.shipping_mode}\`, not \`${mode}\`.`);
  return accepted(undefined);
}

/** The order status a step leads to; steps that do not move the order keep `current`. */
export function statusAfter(step: FulfilmentStep, current: string): string {
  switch (step) {
    case 'receipt':
      return 'at_warehouse';
    case 'consolidation':
      return 'consolidated';
    case 'customs_release':
      return 'customs_released';
    case 'departed':
      return 'in_transit';
    case 'arrived':
    case 'ready_for_pickup':
    case 'picked_up':
      return step;
    case 'ownership_transfer':
      return 'settled';
    default:
      return current;
  }
}

export type NextStepCode = 'payment' | FulfilmentStep;
export interface NextStep {
  code: NextStepCode;
  by: 'buyer' | 'supplier' | 'operator';
}

const next = (code: NextStepCode): NextStep => ({ code, by: code === 'payment' ? 'buyer' : STEP_ACTOR[code as FulfilmentStep] });

/**
 * The next step when the order row alone decides it (closed, unpaid, or no warehouse): null or a step, and
 * undefined when the fulfilment facts are needed. Lets order lists skip reading the fulfilment of such orders.
 */
export function nextStepFromOrder(facts: Pick<FulfilmentFacts, 'status' | 'payment_status' | 'warehouse_assigned'>): NextStep | null | undefined {
  if (CLOSED_STATUSES.has(facts.status) || facts.payment_status === 'released' || facts.payment_status === 'refunded') return null;
  if (facts.payment_status === 'unpaid') return next('payment');
  if (!facts.warehouse_assigned) return null;
  return undefined;
}

/**
 * What the order waits for, and from whom; null once it is closed (settled, refunded, released) or has no
 * warehouse to work it. `differenceKinds` are the cross-check's, to say who can resolve a discrepancy.
 */
export function nextStep(facts: FulfilmentFacts, differenceKinds: readonly string[] = []): NextStep | null {
  const decided = nextStepFromOrder(facts);
  if (decided !== undefined) return decided;
  const resolveDiscrepancy = (): NextStep => {
    if (differenceKinds.some((k) => k === 'packing_list_missing' || k === 'packing_list_mismatch' || k === 'weight_mismatch')) return next('packing_list');
    if (!facts.consolidated && differenceKinds.some((k) => k === 'excess' || k === 'unexpected_product')) return next('return');
    if (!facts.consolidated && differenceKinds.includes('short')) return next('receipt');
    // After consolidation only a revised packing list or an amendment (both the supplier's) can resolve it.
    return next('packing_list');
  };
  if (!facts.consolidated) {
    if (facts.packing_list_revision === null) return next('packing_list');
    if (facts.receipts === 0 || facts.cartons_on_hand === 0) return next('receipt');
    // The right goods first (late cartons in, excess out), then inspect and measure what stays.
    if (facts.cross_check === 'discrepancy') return resolveDiscrepancy();
    if (facts.inspection_percent > 0 && (facts.latest_inspection !== 'pass' || facts.inspection_stale)) return next('inspection');
    if (facts.measurement !== 'current') return next('measurement');
    return next('consolidation');
  }
  if (!facts.customs_released) return next('customs_release');
  for (const code of TRACKING_CODES) if (!facts.tracking.includes(code)) return next(code);
  if (facts.cross_check === 'discrepancy') return resolveDiscrepancy();
  return next('ownership_transfer');
}

export const MILESTONE_CODES = [
  'contract_confirmed', 'payment_received', 'deposit_released', 'goods_received', 'inspected', 'measured', 'consolidated',
  'customs_released', 'departed', 'arrived', 'ready_for_pickup', 'picked_up', 'ownership_transferred', 'settled',
] as const;
export type MilestoneCode = (typeof MILESTONE_CODES)[number];

export interface MilestoneEvent<A> {
  code: string;
  at: string;
  place: string | null;
  actor: A | null;
}

export interface Milestone<A> {
  code: MilestoneCode;
  state: 'done' | 'current' | 'upcoming' | 'skipped';
  at: string | null;
  place: string | null;
  actor: A | null;
}

/**
 * The milestone view of a timeline (oldest first). A milestone is done when its event happened (the latest
 * occurrence counts: a re-inspection or re-measurement replaces the one before); `deposit_released` is
 * skipped at a 0 % deposit and `inspected` at 0 % inspection unless they happened anyway; the last done one
 * in milestone order is `current`.
 */
export function milestonesOf<A>(
  timeline: readonly MilestoneEvent<A>[],
  agreed: { deposit_percent: number; inspection_percent: number },
): { milestones: Milestone<A>[]; current: MilestoneCode | null } {
  const latest = new Map<string, MilestoneEvent<A>>();
  for (const e of timeline) latest.set(e.code, e);
  const skipped = (code: MilestoneCode) =>
    (code === 'deposit_released' && agreed.deposit_percent === 0) || (code === 'inspected' && agreed.inspection_percent === 0);
  const milestones: Milestone<A>[] = MILESTONE_CODES.map((code) => {
    const e = latest.get(code);
    if (e) return { code, state: 'done', at: e.at, place: e.place, actor: e.actor };
    return { code, state: skipped(code) ? 'skipped' : 'upcoming', at: null, place: null, actor: null };
  });
  let current: MilestoneCode | null = null;
  for (let i = milestones.length - 1; i >= 0; i--) {
    if (milestones[i]!.state === 'done') {
      milestones[i] = { ...milestones[i]!, state: 'current' };
      current = milestones[i]!.code;
      break;
    }
  }
  return { milestones, current };
}
