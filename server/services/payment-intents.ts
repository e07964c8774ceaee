/**
 * Payment intents: the buyer asks for the exact amount to pay an order (quoted from the stored rates, under an
 * Idempotency-Key, in one money transaction), and both parties read the order's intents.
 */
import { newId } from '../domain/ids.js';
import { quotePayment, reference, type QuoteBreakdown } from '../domain/quote.js';
import type { Rates } from '../domain/gateways.js';
import { invalidField, notFound } from '../problem.js';
import type { PaymentIntent } from '../schemas/payments.js';
import type { Queryable, Store } from '../store/db.js';
import { inMoneyTransaction } from '../store/money-transaction.js';
import { getOrderFor } from '../store/orders.js';
import { findGateway, loadRates } from '../store/pay-rails.js';
import { expireLapsedIntents, insertIntent, intentCount, intentsOfOrder, lockOrder, referenceTaken } from '../store/payments.js';
import type { PaymentIntentsTable } from '../store/schema.js';
import { appliedFeeRule } from './gateways.js';
import { idempotencyKeyOf, respondIdempotently, type IdempotentAnswer } from './idempotent.js';
import { unwrap } from '../domain/refusal.js';
import { payProblem } from './pay-problems.js';

export type { IdempotentAnswer };

export interface CreateIntentInput {
  buyerId: string;
  orderId: string;
  gateway: string;
  currency: string;
  /** The Idempotency-Key header as sent (undefined when absent). */
  key: string | undefined;
  /** Method and path of the request, part of its fingerprint. */
  method: string;
  path: string;
  now: Date;
}

/** A stored intent as the API shows it at `now`: an awaiting intent past its quote reads as expired. */
export function presentIntent(row: PaymentIntentsTable, now: Date): PaymentIntent {
  const lapsed = row.status === 'awaiting_funds' && now.toISOString() > row.expires_at;
  const breakdown = JSON.parse(row.breakdown) as QuoteBreakdown;
  return {
    id: row.id,
    order_id: row.order_id,
    status: lapsed ? 'expired' : row.status,
    gateway: row.gateway_id,
    amount_due: Number(row.amount_due),
    currency: row.currency,
    breakdown: {
      contract_total: breakdown.contract_total,
      contract_currency: breakdown.contract_currency,
      rate: breakdown.rate,
      converted_amount: breakdown.converted_amount,
      fee: breakdown.fee,
      fee_rule: appliedFeeRule(breakdown.fee_rule, row.currency),
      mid_rate: breakdown.mid_rate,
      spread_bps: breakdown.spread_bps,
    },
    reference: row.reference,
    instructions: JSON.parse(row.instructions) as PaymentIntent['instructions'],
    expires_at: row.expires_at,
    received:
      row.received_amount === null || row.received_currency === null || row.received_at === null
        ? null
        : { amount: Number(row.received_amount), currency: row.received_currency, at: row.received_at },
    refund:
      row.refund_amount === null || row.refund_cost === null || row.refunded_at === null || row.received_currency === null
        ? null
        : { amount: Number(row.refund_amount), cost: Number(row.refund_cost), currency: row.received_currency, at: row.refunded_at },
    failure_code: lapsed ? 'expired' : row.failure_code,
    created_at: row.created_at,
  };
}

/** Without any stored rates only same-currency quotes work; quotePayment answers `rate_unavailable` for the rest. */
const NO_RATES = (at: string): Rates => ({ base: 'USD', as_of: at, quotes: {} });

/** The quote and the intent row, in the caller's money transaction; every refusal throws (and rolls back). */
async function createIntentIn(q: Queryable, input: CreateIntentInput): Promise<PaymentIntent> {
  const at = input.now.toISOString();
  const visible = await getOrderFor(q, input.buyerId, input.orderId);
  if (!visible) throw notFound('order');
  if (visible.buyer_id !== input.buyerId) throw payProblem(403, 'wrong_party', 'Only the buyer of this order pays it.');
  const order = (await lockOrder(q, input.orderId))!;
  if (order.payment_status !== 'unpaid') {
    throw payProblem(409, 'order_already_paid', `This order is not awaiting payment (payment status: ${order.payment_status}).`);
  }
  await expireLapsedIntents(q, order.id, at);
  const pending = (await intentsOfOrder(q, order.id)).find((i) => i.status === 'awaiting_funds');
  if (pending) {
    throw payProblem(409, 'intent_awaiting_funds', `Payment intent ${pending.id} still awaits funds until ${pending.expires_at}; pay it, or start a new one after it expires.`, {
      extensions: { intent_id: pending.id },
    });
  }
  const stored = await findGateway(q, input.gateway);
  if (!stored) throw invalidField('gateway', `${input.gateway} is not a K100Pay gateway.`);
  const quote = unwrap(
    quotePayment({
      contract_total: Number(order.total),
      contract_currency: order.currency,
      gateway: stored.gateway,
      pay_currency: input.currency,
      rates: (await loadRates(q)) ?? NO_RATES(at),
      now: at,
    }),
  );
  // The reference is a pure function of (order, seq); on the rare clash with another order's, take the next seq.
  let seq = (await intentCount(q, order.id)) + 1;
  while (await referenceTaken(q, reference(order.id, seq))) seq += 1;
  const ref = reference(order.id, seq);
  const row: PaymentIntentsTable = {
    id: newId('pi'),
    order_id: order.id,
    seq,
    buyer_id: input.buyerId,
    gateway_id: stored.gateway.id,
    currency: quote.currency,
    amount_due: quote.amount_due,
    breakdown: JSON.stringify(quote.breakdown),
    reference: ref,
    instructions: JSON.stringify({ ...stored.instructions, reference: ref }),
    status: 'awaiting_funds',
    expires_at: quote.expires_at,
    received_amount: null,
    received_currency: null,
    received_at: null,
    refund_amount: null,
    refund_cost: null,
    refunded_at: null,
    failure_code: null,
    idempotency_key: input.key ?? null,
    created_at: at,
    updated_at: at,
  };
  await insertIntent(q, row);
  return presentIntent(row, input.now);
}

/**
 * `POST /v1/orders/:id/payment-intents`. The key is required here; respondIdempotently claims it first in the
 * same money transaction as the intent, so the intent and its stored answer commit together or not at all: a
 * refusal leaves no key behind (the retry may succeed later), and a concurrent request with the same key waits
 * for this one's commit and then replays its bytes.
 */
export async function createPaymentIntent(store: Store, input: CreateIntentInput): Promise<IdempotentAnswer> {
  const key = idempotencyKeyOf(input.key, { required: true });
  return inMoneyTransaction(store, (q) =>
    respondIdempotently(
      q,
      { partyId: input.buyerId, key, method: input.method, path: input.path, body: { gateway: input.gateway, currency: input.currency }, at: input.now.toISOString() },
      async () => ({ status: 201, body: await createIntentIn(q, input) }),
    ),
  );
}

/** The order's intents, newest first, for its buyer and its supplier; anyone else gets 404. */
export async function listPaymentIntents(store: Store, partyId: string, orderId: string, now: Date): Promise<{ data: PaymentIntent[]; next_cursor: null }> {
  const order = await getOrderFor(store, partyId, orderId);
  if (!order) throw notFound('order');
  return { data: (await intentsOfOrder(store, orderId)).map((row) => presentIntent(row, now)), next_cursor: null };
}
