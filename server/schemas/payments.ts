/**
 * K100Pay over HTTP: gateways, payment intents, the sandbox bank, disputes and the order ledger. The
 * shapes partners and the checkout widget code against; money is integer minor units of `currency`.
 */
import { z } from '@hono/zod-openapi';
import { Currency, Id, MinorUnits, Timestamp } from './common.js';

export const GatewayId = z.string().min(1).max(64).regex(/^[a-z0-9_]+$/, 'is not a gateway id');

export const GatewayInfo = z
  .object({
    id: z.string().openapi({ example: 'bank_transfer' }),
    name: z.string(),
    description: z.string(),
    currencies: z.array(Currency).openapi({ description: 'What the buyer may pay in through this gateway.' }),
    converts: z.boolean().openapi({ description: 'False: pay in the contract currency only (no FX).' }),
    spread_bps: z.number().int().openapi({ description: 'Markup on the mid rate, in basis points.' }),
    fee_summary: z.string().openapi({ description: 'The handling fee rule in words, e.g. "1.2 %, min 5.00".' }),
    quote_ttl_seconds: z.number().int(),
  })
  .openapi('Gateway');
export type GatewayInfo = z.infer<typeof GatewayInfo>;
export const GatewayList = z.object({ data: z.array(GatewayInfo) }).openapi('GatewayList');

export const CreatePaymentIntent = z
  .object({ gateway: GatewayId, currency: Currency })
  .strict()
  .openapi('CreatePaymentIntent');

export const PaymentIntentStatus = z.enum(['awaiting_funds', 'succeeded', 'failed', 'expired']).openapi({
  description:
    '`awaiting_funds` until the quote expires; `succeeded`: exactly `amount_due` arrived and is held in escrow; ' +
    '`failed`: a different amount or currency arrived and was refunded minus the refund cost; ' +
    '`expired`: no funds in time (funds arriving later are refunded likewise).',
});
export type PaymentIntentStatus = z.infer<typeof PaymentIntentStatus>;

export const PaymentBreakdown = z
  .object({
    contract_total: MinorUnits,
    contract_currency: Currency,
    rate: z.string().openapi({ description: 'Customer rate (mid rate plus spread), pay currency per contract currency unit.', example: '7.2845' }),
    converted_amount: MinorUnits,
    fee: MinorUnits,
    fee_rule: z.string(),
    // Additive (server, issue 4): the inputs of `rate`, so the buyer can check it by hand.
    mid_rate: z.string().optional().openapi({ description: 'Mid-market rate the customer rate was built from ("1" without FX).', example: '7.1' }),
    spread_bps: z.number().int().optional().openapi({ description: 'The gateway spread applied to the mid rate (0 without FX).' }),
  })
  .openapi('PaymentBreakdown');

export const PaymentInstructions = z
  .object({
    method: z.string().openapi({ example: 'bank_transfer' }),
    beneficiary: z.string(),
    bank_name: z.string(),
    account_number: z.string(),
    swift_bic: z.string().nullable(),
    reference: z.string().openapi({ description: 'Must be quoted with the payment so the funds are matched.' }),
    note: z.string(),
  })
  .openapi('PaymentInstructions');

export const Funds = z.object({ amount: MinorUnits, currency: Currency, at: Timestamp }).openapi('Funds');

export const Refund = z
  .object({ amount: MinorUnits, cost: MinorUnits, currency: Currency, at: Timestamp })
  .openapi({ description: '`amount + cost` equals what was received; the cost is borne by the buyer.' })
  .openapi('Refund');

export const PaymentIntent = z
  .object({
    id: z.string(),
    order_id: z.string(),
    status: PaymentIntentStatus,
    gateway: z.string(),
    amount_due: MinorUnits,
    currency: Currency,
    breakdown: PaymentBreakdown,
    reference: z.string(),
    instructions: PaymentInstructions,
    expires_at: Timestamp,
    received: Funds.nullable(),
    refund: Refund.nullable(),
    failure_code: z.enum(['amount_mismatch', 'currency_mismatch', 'expired']).nullable(),
    created_at: Timestamp,
  })
  .openapi('PaymentIntent');
export type PaymentIntent = z.infer<typeof PaymentIntent>;
export const PaymentIntentList = z.object({ data: z.array(PaymentIntent), next_cursor: z.string().nullable() }).openapi('PaymentIntentList');

/** Sandbox only: plays a gateway's bank that received money for `reference`. */
export const SandboxDeposit = z
  .object({
    id: Id.optional().openapi({ description: 'Gateway event id; generated when omitted. Reuse it to send a duplicate.' }),
    reference: z.string().min(1).max(64),
    amount: MinorUnits,
    currency: Currency,
  })
  .strict()
  .openapi('SandboxDeposit');

export const CreateDispute = z
  .object({ reason: z.string().trim().min(1).max(2000) })
  .strict()
  .openapi('CreateDispute');

export const LedgerEntry = z.object({ account: z.string(), amount: z.number().int() }).openapi('LedgerEntry');
export const LedgerTransfer = z
  .object({ id: z.string(), kind: z.string(), currency: Currency, created_at: Timestamp, entries: z.array(LedgerEntry) })
  .openapi('LedgerTransfer');
export const LedgerBalances = z
  .object({ escrow: z.number().int(), released: z.number().int(), refunded: z.number().int(), fees: z.number().int() })
  .openapi('LedgerBalances', { description: 'Derived from the entries, never stored.' });
export const Ledger = z
  .object({
    order_id: z.string(),
    currency: Currency.openapi({ description: 'Contract currency: the currency of `balances`.' }),
    transfers: z.array(LedgerTransfer),
    balances: LedgerBalances,
    // Additive (server, issue 4): fees and mismatch refunds of an FX payment are in the pay currency.
    balances_by_currency: z.record(z.string(), LedgerBalances).optional().openapi({
      description: 'The same four balances for every currency the order’s money moved in (`balances` is the contract currency’s).',
    }),
  })
  .openapi('Ledger');
export type Ledger = z.infer<typeof Ledger>;
