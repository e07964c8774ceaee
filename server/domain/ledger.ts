/** The double-entry, append-only ledger of one order: chart of accounts, transfer builders and the balance rules. */
import { assertMinor, isCurrencyCode } from './money.js';

/*
 * Chart of accounts (one set per order; every amount is signed integer minor units of the transfer's currency,
 * and each transfer is in ONE currency and sums to zero, so no entry ever mixes currencies):
 *
 *   account            currency        may go negative  meaning
 *   buyer_funding      any received    yes (source)     the outside world on the buyer's side: −(all the buyer sent)
 *   gateway_clearing   any received    no               funds a gateway reported, not yet fee'd, converted or refunded
 *   platform_fees      pay / received  no               handling fees and refund costs kept; both borne by the buyer
 *   fx                 pay + contract  yes (position)   the gateway's exchange desk: takes pay currency, delivers
 *                                                       contract currency; +converted in pay, −total in contract
 *   escrow             contract        no               held for the order until release or refund
 *   supplier_released  contract        no               paid out to the supplier (deposit, then balance)
 *   refunds            any             no               paid back to the buyer (mismatch, late, dispute or amendment refunds)
 *
 * FX happens at the gateway, so an FX payment is two zero-sum transfers, one per currency, joined by `fx`:
 * `fx_converted` (pay: clearing → fx) and `escrow_funded` (contract: fx → escrow). Escrow is therefore always
 * in the contract currency and releases never touch an exchange rate. Payment with no FX moves clearing →
 * escrow directly. After the exact path, clearing is 0 in the pay currency; after settlement (balance
 * released, or escrow refunded whole) escrow is exactly 0.
 */
export const ACCOUNTS = [
  'buyer_funding',
  'gateway_clearing',
  'platform_fees',
  'fx',
  'escrow',
  'supplier_released',
  'refunds',
] as const;
export type Account = (typeof ACCOUNTS)[number];

/** Only these may go below zero: they stand for the world outside the platform's trust account. */
export const OVERDRAFTABLE: ReadonlySet<Account> = new Set<Account>(['buyer_funding', 'fx']);

export const TRANSFER_KINDS = [
  'funds_received',
  'fee_collected',
  'fx_converted',
  'escrow_funded',
  'deposit_released',
  'balance_released',
  'mismatch_refunded',
  'expired_refunded',
  'unexpected_refunded',
  'dispute_refunded',
  'amendment_refunded',
] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export interface Entry {
  account: Account;
  /** Signed minor units: + into the account, − out of it. */
  amount: number;
}

export interface Transfer {
  kind: TransferKind;
  currency: string;
  entries: readonly Entry[];
}

/** Currency → account → balance; an account absent from a currency is at zero. */
export type Balances = Readonly<Record<string, Readonly<Partial<Record<Account, number>>>>>;

export const balanceOf = (balances: Balances, currency: string, account: Account): number => balances[currency]?.[account] ?? 0;

/** A transfer moving `amount` from one account to another; nothing when the amount is 0 (no zero entries). */
function move(kind: TransferKind, currency: string, from: Account, to: Account, amount: number): Transfer[] {
  assertMinor(amount, `${kind} amount`);
  return amount === 0 ? [] : [{ kind, currency, entries: [{ account: from, amount: -amount }, { account: to, amount }] }];
}

/** A gateway reported `amount` arriving: it sits in clearing until classified (exact → escrow, else refund). */
export const fundsReceived = (currency: string, amount: number): Transfer[] =>
  move('funds_received', currency, 'buyer_funding', 'gateway_clearing', amount);

/** The handling fee, out of the received funds, in the pay currency. */
export const feeCollected = (currency: string, fee: number): Transfer[] =>
  move('fee_collected', currency, 'gateway_clearing', 'platform_fees', fee);

export interface FundedQuote {
  pay_currency: string;
  converted_amount: number;
  fee: number;
  contract_currency: string;
  contract_total: number;
}

/** Exact funds classified: fee to platform_fees, the converted amount through fx (if any) into escrow. */
export function escrowFunded(q: FundedQuote): Transfer[] {
  const fee = feeCollected(q.pay_currency, q.fee);
  if (q.pay_currency === q.contract_currency) {
    if (q.converted_amount !== q.contract_total) throw new RangeError('without FX the converted amount is the contract total');
    return [...fee, ...move('escrow_funded', q.contract_currency, 'gateway_clearing', 'escrow', q.contract_total)];
  }
  return [
    ...fee,
    ...move('fx_converted', q.pay_currency, 'gateway_clearing', 'fx', q.converted_amount),
    ...move('escrow_funded', q.contract_currency, 'fx', 'escrow', q.contract_total),
  ];
}

/** The agreed deposit to the supplier on funding; nothing at 0 %. */
export const depositReleased = (currency: string, deposit: number): Transfer[] =>
  move('deposit_released', currency, 'escrow', 'supplier_released', deposit);

/** Whatever escrow still holds, to the supplier: on ownership transfer, or by an admin's dispute resolution. */
export const balanceReleased = (currency: string, escrowBalance: number): Transfer[] =>
  move('balance_released', currency, 'escrow', 'supplier_released', escrowBalance);

/**
 * Funds that cannot fund escrow go back from clearing, the refund cost kept as a fee: `reason` says why
 * (amount or currency mismatch, arrived after expiry, or no intent was awaiting them).
 */
export function mismatchRefunded(
  split: { currency: string; refund: number; refund_cost: number },
  reason: 'mismatch' | 'expired' | 'unexpected' = 'mismatch',
): Transfer[] {
  assertMinor(split.refund, 'refund');
  assertMinor(split.refund_cost, 'refund cost');
  const received = split.refund + split.refund_cost;
  if (received === 0) return [];
  const entries: Entry[] = [{ account: 'gateway_clearing', amount: -received }];
  if (split.refund > 0) entries.push({ account: 'refunds', amount: split.refund });
  if (split.refund_cost > 0) entries.push({ account: 'platform_fees', amount: split.refund_cost });
  return [{ kind: `${reason}_refunded`, currency: split.currency, entries }];
}

/** A dispute refund from escrow: `whole` empties it, `part` refunds the given amount and leaves the rest held. */
export function disputeRefund(
  currency: string,
  escrowBalance: number,
  refund: { kind: 'whole' } | { kind: 'part'; amount: number },
): Transfer[] {
  const amount = refund.kind === 'whole' ? escrowBalance : refund.amount;
  if (amount > escrowBalance) throw new RangeError('a dispute refund cannot exceed escrow');
  return move('dispute_refunded', currency, 'escrow', 'refunds', amount);
}

/**
 * The value a confirmed contract amendment took off the order, back to the buyer from escrow. Refused beyond
 * what escrow holds: the released deposit is never clawed back.
 */
export function amendmentRefunded(currency: string, escrowBalance: number, amount: number): Transfer[] {
  if (amount > escrowBalance) throw new RangeError('an amendment refund cannot exceed escrow');
  return move('amendment_refunded', currency, 'escrow', 'refunds', amount);
}

/** Every rule a single transfer must satisfy on its own; empty when it is sound. */
export function checkTransfer(t: Transfer): string[] {
  const problems: string[] = [];
  if (!(TRANSFER_KINDS as readonly string[]).includes(t.kind)) problems.push(`unknown kind ${t.kind}`);
  if (!isCurrencyCode(t.currency)) problems.push(`bad currency ${t.currency}`);
  // Two entries at least: one non-zero entry alone can never sum to zero.
  if (t.entries.length < 2) problems.push('a transfer needs at least two entries');
  const seen = new Set<string>();
  let sum = 0n;
  for (const { account, amount } of t.entries) {
    if (!(ACCOUNTS as readonly string[]).includes(account)) problems.push(`unknown account ${account}`);
    if (seen.has(account)) problems.push(`${account} appears twice`);
    seen.add(account);
    if (!Number.isSafeInteger(amount)) problems.push(`${account}: ${amount} is not a safe integer`);
    else if (amount === 0) problems.push(`${account}: zero entry`);
    else sum += BigInt(amount);
  }
  if (sum !== 0n) problems.push(`entries sum to ${sum}, not 0`);
  return problems;
}

export type LedgerOutcome =
  | { ok: true; value: Balances }
  | { ok: false; code: 'transfer_invalid' | 'overdraft'; index: number; message: string };

/**
 * The balances after appending `transfers` in order, all or nothing: refused at the first transfer that is
 * unsound or that would take a non-overdraftable account below zero (checked after each whole transfer,
 * since its entries happen at once). A refusal here means a bug or a lost race, never a buyer's mistake:
 * the caller rolls back (and retries a serialization failure).
 */
export function applyTransfers(balances: Balances, transfers: readonly Transfer[]): LedgerOutcome {
  const next: Record<string, Partial<Record<Account, number>>> = {};
  for (const [currency, accounts] of Object.entries(balances)) next[currency] = { ...accounts };
  for (const [index, t] of transfers.entries()) {
    const problems = checkTransfer(t);
    if (problems.length > 0) return { ok: false, code: 'transfer_invalid', index, message: problems.join('; ') };
    const accounts = (next[t.currency] ??= {});
    for (const { account, amount } of t.entries) {
      const after = (accounts[account] ?? 0) + amount;
      if (!Number.isSafeInteger(after)) return { ok: false, code: 'transfer_invalid', index, message: `${account} would overflow` };
      if (after < 0 && !OVERDRAFTABLE.has(account)) {
        return { ok: false, code: 'overdraft', index, message: `${t.kind} would take ${account} to ${after} ${t.currency}` };
      }
      accounts[account] = after;
    }
  }
  return { ok: true, value: next };
}

/** Balances as the plain sum of all entries: the definition applyTransfers must agree with. */
export function sumEntries(transfers: readonly Transfer[]): Balances {
  const out: Record<string, Partial<Record<Account, number>>> = {};
  for (const t of transfers) {
    const accounts = (out[t.currency] ??= {});
    for (const { account, amount } of t.entries) accounts[account] = (accounts[account] ?? 0) + amount;
  }
  return out;
}

export interface LedgerSummary {
  escrow: number;
  released: number;
  refunded: number;
  fees: number;
}

/**
 * DESIGN's ledger `balances`, per currency: an FX order holds escrow and releases in the contract currency but
 * fees (and mismatch refunds) in the pay currency, and adding those up across currencies would be meaningless.
 */
export function summarise(transfers: readonly Transfer[]): Record<string, LedgerSummary> {
  const out: Record<string, LedgerSummary> = {};
  for (const [currency, accounts] of Object.entries(sumEntries(transfers))) {
    out[currency] = {
      escrow: accounts.escrow ?? 0,
      released: accounts.supplier_released ?? 0,
      refunded: accounts.refunds ?? 0,
      fees: accounts.platform_fees ?? 0,
    };
  }
  return out;
}
