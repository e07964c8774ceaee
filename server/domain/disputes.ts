/** The escrow lifecycle of one order and its dispute rules: who may dispute, when, and how an admin resolves it. */
import { balanceReleased, depositReleased, disputeRefund, escrowFunded, type FundedQuote, type Transfer } from './ledger.js';
import { isMinor } from './money.js';
import { accepted, refusePay, type PayResult } from './pay-refusal.js';
import { releasePlan } from './settlement.js';

/**
 * `awaiting_funds` until exact funds arrive; `held` while escrow keeps the balance (possibly 0 after a 100 %
 * deposit); `released` once escrow went to the supplier (ownership transfer, or an admin siding with the
 * supplier); `refunded` once an admin refunded the buyer everything escrow held. The last two are final.
 */
export type EscrowPhase = 'awaiting_funds' | 'held' | 'released' | 'refunded';

export interface EscrowState {
  /** The contract currency: escrow never holds anything else. */
  currency: string;
  phase: EscrowPhase;
  /** What escrow holds now, in minor units of `currency`. */
  escrow: number;
  dispute_open: boolean;
}

/** Admin is K100Pay staff, not a party to the deal: the only one who resolves a dispute. */
export type EscrowActor = 'buyer' | 'supplier' | 'operator' | 'admin';

/** The next state and the ledger transfers that move the money, to be appended in the same transaction. */
export interface EscrowStep {
  state: EscrowState;
  transfers: Transfer[];
}

export const unfundedEscrow = (currency: string): EscrowState => ({ currency, phase: 'awaiting_funds', escrow: 0, dispute_open: false });

/** Refusals shared by every move on funded escrow: it must be held, not yet released or refunded. */
function refuseUnlessHeld(state: EscrowState) {
  if (state.phase === 'awaiting_funds') return refusePay('escrow_not_funded', 'Escrow is not funded yet.');
  if (state.phase === 'released') {
    return refusePay('escrow_released', 'The payment was released to the supplier; the deal is complete and can no longer be disputed or refunded.');
  }
  if (state.phase === 'refunded') return refusePay('escrow_refunded', 'Escrow was refunded to the buyer; nothing is left to act on.');
  return null;
}

/**
 * Exact funds arrived: escrow takes the contract total, and the deposit goes straight on to the supplier
 * (releasePlan: floor, 0 % releases nothing). Only once per order; later funds are refunded by the caller.
 */
export function fundEscrow(state: EscrowState, quote: FundedQuote, depositPercent: number): PayResult<EscrowStep, 'not_awaiting_funds'> {
  if (state.phase !== 'awaiting_funds') return refusePay('not_awaiting_funds', 'Escrow for this order is already funded.');
  if (quote.contract_currency !== state.currency) throw new RangeError('the quote is not in the contract currency');
  const plan = releasePlan(depositPercent, quote.contract_total);
  return accepted({
    state: { ...state, phase: 'held', escrow: plan.balance_held, dispute_open: false },
    transfers: [...escrowFunded(quote), ...depositReleased(state.currency, plan.deposit_release)],
  });
}

/**
 * Only the buyer disputes, only while escrow holds money and before release (seed 6.1: release means both
 * parties completed the contract and the buyer waived disputes and refunds), and one dispute at a time.
 */
export function openDispute(
  state: EscrowState,
  actor: EscrowActor,
): PayResult<EscrowState, 'wrong_party' | 'escrow_not_funded' | 'escrow_released' | 'escrow_refunded' | 'escrow_empty' | 'dispute_open'> {
  if (actor !== 'buyer') return refusePay('wrong_party', 'Only the buyer can open a dispute.');
  const notHeld = refuseUnlessHeld(state);
  if (notHeld) return notHeld;
  if (state.dispute_open) return refusePay('dispute_open', 'A dispute is already open for this order.');
  if (state.escrow === 0) return refusePay('escrow_empty', 'Escrow holds nothing for this order (the whole amount was released as deposit).');
  return accepted({ ...state, dispute_open: true });
}

/**
 * `refund` (whole, or part of what escrow holds: the deposit already released is not clawed back), `release`
 * everything escrow holds to the supplier now, or `dismiss` (nothing moves; the deal continues as agreed).
 */
export type Resolution =
  | { kind: 'refund_whole' }
  | { kind: 'refund_part'; amount: number }
  | { kind: 'release' }
  | { kind: 'dismiss' };

/** An admin closes the open dispute; a partial refund leaves the rest held until the ownership transfer. */
export function resolveDispute(
  state: EscrowState,
  actor: EscrowActor,
  resolution: Resolution,
): PayResult<EscrowStep, 'wrong_party' | 'no_open_dispute' | 'refund_amount_invalid' | 'refund_exceeds_escrow'> {
  if (actor !== 'admin') return refusePay('wrong_party', 'Only K100Pay staff resolve disputes.');
  if (state.phase !== 'held' || !state.dispute_open) return refusePay('no_open_dispute', 'There is no open dispute on this order.');
  const closed = { ...state, dispute_open: false };
  switch (resolution.kind) {
    case 'dismiss':
      return accepted({ state: closed, transfers: [] });
    case 'release':
      return accepted({ state: { ...closed, phase: 'released', escrow: 0 }, transfers: balanceReleased(state.currency, state.escrow) });
    case 'refund_whole':
      return accepted({
        state: { ...closed, phase: 'refunded', escrow: 0 },
        transfers: disputeRefund(state.currency, state.escrow, { kind: 'whole' }),
      });
    case 'refund_part': {
      const { amount } = resolution;
      if (!isMinor(amount) || amount === 0) return refusePay('refund_amount_invalid', 'A partial refund is a positive whole number of minor units.');
      if (amount > state.escrow) return refusePay('refund_exceeds_escrow', `Escrow holds only ${state.escrow}; a refund cannot exceed it.`);
      const left = state.escrow - amount;
      return accepted({
        state: { ...closed, phase: left === 0 ? 'refunded' : 'held', escrow: left },
        transfers: disputeRefund(state.currency, state.escrow, { kind: 'part', amount }),
      });
    }
  }
}

/** The operator's ownership transfer releases whatever escrow holds; refused while a dispute is open. */
export function releaseOnOwnershipTransfer(
  state: EscrowState,
  actor: EscrowActor,
): PayResult<EscrowStep, 'wrong_party' | 'escrow_not_funded' | 'escrow_released' | 'escrow_refunded' | 'dispute_open'> {
  if (actor !== 'operator') return refusePay('wrong_party', 'Only the warehouse operator records the ownership transfer.');
  const notHeld = refuseUnlessHeld(state);
  if (notHeld) return notHeld;
  if (state.dispute_open) return refusePay('dispute_open', 'A dispute is open; an admin must resolve it before release.');
  return accepted({ state: { ...state, phase: 'released', escrow: 0 }, transfers: balanceReleased(state.currency, state.escrow) });
}
