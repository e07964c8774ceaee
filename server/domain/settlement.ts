/** Funds arriving against a payment intent: the exact-amount rule, refunds of anything else, and the escrow split. */
import { refundCost, type Gateway } from './gateways.js';
import { assertMinor, isCurrencyCode } from './money.js';
import { accepted, refusePay, type PayResult } from './pay-refusal.js';
import { splitDeposit } from './terms.js';

/**
 * `awaiting_funds` until money arrives; `succeeded` once exact funds reached escrow (the webhook's
 * `payment.succeeded`); `failed` after a mismatch; `expired` when funds came late or the quote lapsed unpaid;
 * `canceled` if storage chooses to retire an unpaid intent when the buyer starts another (it may expire it instead).
 */
export type IntentStatus = 'awaiting_funds' | 'succeeded' | 'failed' | 'expired' | 'canceled';

export interface IntentForFunds {
  amount_due: number;
  currency: string;
  expires_at: string;
  status: IntentStatus;
}

export interface Arrival {
  /** Minor units of `currency`; a gateway never reports a zero or negative deposit. */
  amount: number;
  currency: string;
  at: string;
}

export type FundsAssessment =
  | { outcome: 'exact' }
  | { outcome: 'mismatch'; reason: 'underpaid' | 'overpaid' | 'wrong_currency'; expected: number; received: number }
  | { outcome: 'expired' };

function instant(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not an ISO 8601 instant: ${iso}`);
  return ms;
}

/**
 * The exact-amount rule (seed 5.1): only exactly `amount_due` in the intent's currency, arriving no later than
 * `expires_at` (the instant itself still counts), funds escrow. Anything else fails the payment and is refunded
 * minus the refund cost; nothing is kept "on account" and nothing is topped up, because a partial or surplus
 * balance would have no contract behind it. Checked in this order: intent state, lateness, currency, amount.
 *
 * A refusal here does NOT mean the money can be ignored: funds for an intent that is no longer awaiting them
 * (paid twice, or after a new intent replaced it) are real and the caller must book and refund them through
 * refundFor. Duplicate notifications of the same gateway event are a different thing: storage deduplicates
 * those by event id before this is called.
 */
export function assessFunds(intent: IntentForFunds, arrival: Arrival): PayResult<FundsAssessment, 'not_awaiting_funds'> {
  assertMinor(arrival.amount, 'arrival amount');
  if (arrival.amount === 0) throw new RangeError('arrival amount must be positive');
  if (!isCurrencyCode(arrival.currency)) throw new RangeError(`arrival currency ${arrival.currency} is not an ISO 4217 code`);
  if (intent.status !== 'awaiting_funds') {
    return refusePay('not_awaiting_funds', `This payment is ${intent.status.replace('_', ' ')}; the funds will be refunded.`);
  }
  if (instant(arrival.at, 'arrival time') > instant(intent.expires_at, 'expires_at')) return accepted({ outcome: 'expired' });
  const mismatch = (reason: 'underpaid' | 'overpaid' | 'wrong_currency') =>
    accepted({ outcome: 'mismatch', reason, expected: intent.amount_due, received: arrival.amount } as const);
  if (arrival.currency !== intent.currency) return mismatch('wrong_currency');
  if (arrival.amount < intent.amount_due) return mismatch('underpaid');
  if (arrival.amount > intent.amount_due) return mismatch('overpaid');
  return accepted({ outcome: 'exact' });
}

export interface RefundSplit {
  currency: string;
  /** What goes back to the buyer. */
  refund: number;
  /** What returning it costs, kept from the funds because the buyer bears it (seed 5.1). */
  refund_cost: number;
}

/**
 * How funds that cannot fund escrow go back: refund + refund_cost == received exactly, refund ≥ 0. The cost is
 * gateways.ts refundCost, already capped at what was received, so a tiny deposit is swallowed by its cost
 * rather than turning into a debt of the buyer.
 */
export function refundFor(received: { amount: number; currency: string }, gateway: Gateway): RefundSplit {
  assertMinor(received.amount, 'received amount');
  const cost = refundCost(gateway, received.currency, received.amount);
  return { currency: received.currency, refund: received.amount - cost, refund_cost: cost };
}

export interface ReleasePlan {
  /** Released to the supplier as soon as escrow is funded; 0 with a 0 % deposit. */
  deposit_release: number;
  /** Held in escrow until the operator records the ownership transfer. */
  balance_held: number;
}

/**
 * The escrow split on funding, in the contract currency, with splitDeposit's semantics: deposit =
 * floor(total × percent / 100) (a payout, so rounded down), balance = total − deposit, summing exactly.
 * A 0 % deposit releases nothing before delivery: the supplier delivers before the agreed date at its own
 * risk (seed 5.3). A 100 % deposit leaves nothing in escrow, so there is nothing left to dispute.
 */
export function releasePlan(depositPercent: number, contractTotal: number): ReleasePlan {
  const { deposit_amount, balance_amount } = splitDeposit(contractTotal, depositPercent);
  return { deposit_release: deposit_amount, balance_held: balance_amount };
}
