/**
 * Funds arriving: a gateway's signed notification is authenticated over its raw bytes, recorded once per
 * gateway event id, matched to an intent by reference, and settled by the exact-amount rule (settlement.ts)
 * into the ledger, the intent, the order, its timeline and the partner outbox, in ONE money transaction.
 */
import { escrowFunded, fundsReceived, mismatchRefunded, depositReleased, type Transfer } from '../domain/ledger.js';
import { parseReference } from '../domain/quote.js';
import { assessFunds, refundFor, releasePlan } from '../domain/settlement.js';
import { verifySignature, type SignatureFailure } from '../domain/signatures.js';
import type { QuoteBreakdown } from '../domain/quote.js';
import { notFound } from '../problem.js';
import type { GatewayNotification, NotificationAck } from '../schemas/escrow.js';
import type { Queryable, Store } from '../store/db.js';
import { appendTransfers } from '../store/ledger.js';
import { inMoneyTransaction } from '../store/money-transaction.js';
import { findGateway, gatewaySecrets, type StoredGateway } from '../store/pay-rails.js';
import {
  contractDepositPercent,
  gatewayEventExists,
  intentByReference,
  lockOrder,
  recordGatewayEvent,
  setOrderPayment,
  updateIntent,
} from '../store/payments.js';
import type { GatewayEventOutcome, OrdersTable, PaymentIntentsTable } from '../store/schema.js';
import { payProblem } from './pay-problems.js';
import { notifyPartners, timeline } from './payment-events.js';

const SIGNATURE_PROBLEMS: Record<SignatureFailure, [code: string, detail: string]> = {
  missing_header: ['signature_missing', 'Sign the notification: send `K100-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`.'],
  malformed: ['signature_malformed', 'The K100-Signature header is not `t=<unix seconds>,v1=<64 hex digits>`.'],
  bad_signature: ['signature_invalid', 'No v1 signature matches this gateway’s secret over the raw body.'],
  stale: ['signature_stale', 'The signature’s timestamp is more than 300 s away from our clock; re-sign and resend.'],
};

/**
 * Authenticates a notification for `gatewayId`: 404 for an unknown gateway, 401 unless a live secret of that
 * gateway signed exactly these bytes within the tolerance (constant-time compare in signatures.ts).
 */
export async function authenticateNotification(
  store: Store,
  input: { gatewayId: string; rawBody: string; header: string | undefined; now: Date },
): Promise<{ gateway: StoredGateway; signedAt: number }> {
  const gateway = await findGateway(store, input.gatewayId);
  if (!gateway) throw notFound('gateway');
  const secrets = await gatewaySecrets(store, gateway.gateway.id);
  // A gateway nobody configured a secret for cannot authenticate anything: refuse rather than accept all.
  if (secrets.length === 0) throw payProblem(401, 'signature_invalid', 'This gateway has no notification secret configured.');
  const check = verifySignature({ header: input.header, rawBody: input.rawBody, secrets, now: Math.floor(input.now.getTime() / 1000) });
  if (!check.ok) {
    const [code, detail] = SIGNATURE_PROBLEMS[check.reason];
    throw payProblem(401, code, detail);
  }
  return { gateway, signedAt: check.timestamp };
}

/** Thrown inside the transaction when a concurrent delivery of the same event committed first: roll back, answer duplicate. */
class DuplicateEvent extends Error {}

export interface ProcessInput {
  gateway: StoredGateway;
  notification: GatewayNotification;
  rawBody: string;
  signedAt: number;
  now: Date;
}

/** Settles one authentic notification; a repeated event id changes nothing and answers `duplicate: true`. */
export async function processNotification(store: Store, input: ProcessInput): Promise<NotificationAck> {
  const { event_id } = input.notification;
  try {
    return await inMoneyTransaction(store, async (q) => {
      if (await gatewayEventExists(q, input.gateway.gateway.id, event_id)) return duplicateAck(event_id);
      return settle(q, input);
    });
  } catch (err) {
    if (err instanceof DuplicateEvent) return duplicateAck(event_id);
    throw err;
  }
}

const duplicateAck = (event_id: string): NotificationAck => ({ event_id, duplicate: true, outcome: null, payment_intent_id: null });

async function settle(q: Queryable, input: ProcessInput): Promise<NotificationAck> {
  const { notification: n, gateway } = input;
  const at = input.now.toISOString();
  const parsed = parseReference(n.reference);
  const intent = parsed.ok ? await intentByReference(q, parsed.value) : undefined;
  const record = async (outcome: GatewayEventOutcome, matched?: PaymentIntentsTable) => {
    const fresh = await recordGatewayEvent(q, {
      gateway_id: gateway.gateway.id,
      event_id: n.event_id,
      payload: input.rawBody,
      signed_at: input.signedAt,
      reference: parsed.ok ? parsed.value : n.reference,
      amount: n.amount,
      currency: n.currency,
      received_at: n.received_at,
      outcome,
      intent_id: matched?.id ?? null,
      order_id: matched?.order_id ?? null,
      processed_at: at,
    });
    if (!fresh) throw new DuplicateEvent();
  };
  // Funds we cannot tie to an intent of this gateway have no order to book against: recorded for K100Pay
  // operations to return by hand, and acknowledged so the gateway stops retrying.
  if (!intent || intent.gateway_id !== gateway.gateway.id) {
    await record('unmatched');
    return { event_id: n.event_id, duplicate: false, outcome: 'unmatched', payment_intent_id: null };
  }
  const order = (await lockOrder(q, intent.order_id))!;
  // The gateway's own receipt time decides lateness, but never a time in our future.
  const arrival = { amount: n.amount, currency: n.currency, at: n.received_at < at ? n.received_at : at };
  const outcome = await applyArrival(q, { order, intent, gateway, arrival, at });
  await record(outcome, intent);
  return { event_id: n.event_id, duplicate: false, outcome, payment_intent_id: intent.id };
}

interface Arrival {
  order: OrdersTable;
  intent: PaymentIntentsTable;
  gateway: StoredGateway;
  arrival: { amount: number; currency: string; at: string };
  at: string;
}

/**
 * The exact-amount rule. An intent already marked expired (its quote lapsed and a newer intent replaced it)
 * is final: whatever arrives for it is refunded as late. Funds for an intent that no longer awaits any (paid,
 * failed, refunded) are refunded as unexpected; the intent itself keeps its first outcome.
 */
async function applyArrival(q: Queryable, a: Arrival): Promise<GatewayEventOutcome> {
  const { order, intent, arrival, at } = a;
  const awaiting = intent.status === 'awaiting_funds' && order.payment_status === 'unpaid';
  const lateAfterReplacement = intent.status === 'expired' && intent.received_amount === null;
  if (!awaiting && !lateAfterReplacement) return refund(q, a, 'unexpected');
  if (lateAfterReplacement) return refund(q, a, 'expired');
  const assessment = assessFunds(
    { amount_due: Number(intent.amount_due), currency: intent.currency, expires_at: intent.expires_at, status: 'awaiting_funds' },
    arrival,
  );
  if (!assessment.ok) return refund(q, a, 'unexpected');
  const result = assessment.value;
  if (result.outcome === 'expired') return refund(q, a, 'expired');
  if (result.outcome === 'mismatch') return refund(q, a, 'mismatch', result.reason === 'wrong_currency' ? 'currency_mismatch' : 'amount_mismatch');

  // Exact: into escrow (fee kept, FX through `fx`), the deposit straight on to the supplier.
  const breakdown = JSON.parse(intent.breakdown) as QuoteBreakdown;
  const depositPercent = await contractDepositPercent(q, order.contract_id);
  const plan = releasePlan(depositPercent, Number(order.total));
  if (plan.deposit_release !== Number(order.deposit_amount)) throw new Error(`order ${order.id}: deposit ${order.deposit_amount} disagrees with the contract's ${depositPercent} %`);
  const transfers: Transfer[] = [
    ...fundsReceived(arrival.currency, arrival.amount),
    ...escrowFunded({
      pay_currency: intent.currency,
      converted_amount: breakdown.converted_amount,
      fee: breakdown.fee,
      contract_currency: order.currency,
      contract_total: Number(order.total),
    }),
    ...depositReleased(order.currency, plan.deposit_release),
  ];
  await appendTransfers(q, order.id, transfers, { intent_id: intent.id }, at);
  await updateIntent(q, intent.id, { status: 'succeeded', received_amount: arrival.amount, received_currency: arrival.currency, received_at: arrival.at }, at);
  await setOrderPayment(q, order.id, { payment_status: 'escrow_funded', status: 'paid' }, at);
  const paid = { payment_intent_id: intent.id, reference: intent.reference, gateway: intent.gateway_id, amount: arrival.amount, currency: arrival.currency };
  await timeline(q, order, 'payment_received', at, null, { ...paid, escrow: Number(order.total), escrow_currency: order.currency });
  await notifyPartners(q, order, 'payment.succeeded', at, { ...paid, escrow_amount: Number(order.total), escrow_currency: order.currency });
  if (plan.deposit_release > 0) {
    const deposit = { kind: 'deposit', amount: plan.deposit_release, currency: order.currency, deposit_percent: depositPercent };
    await timeline(q, order, 'deposit_released', at, null, deposit);
    await notifyPartners(q, order, 'escrow.released', at, deposit);
  }
  return 'succeeded';
}

/** Books the receipt and its refund (minus the refund cost, kept as a fee) and records why on the intent and timeline. */
async function refund(
  q: Queryable,
  a: Arrival,
  reason: 'mismatch' | 'expired' | 'unexpected',
  failure: 'amount_mismatch' | 'currency_mismatch' = 'amount_mismatch',
): Promise<GatewayEventOutcome> {
  const { order, intent, arrival, at } = a;
  const split = refundFor(arrival, a.gateway.gateway);
  await appendTransfers(q, order.id, [...fundsReceived(arrival.currency, arrival.amount), ...mismatchRefunded(split, reason)], { intent_id: intent.id }, at);
  const money = { received: arrival.amount, refund: split.refund, refund_cost: split.refund_cost, currency: arrival.currency };
  if (reason === 'unexpected') {
    await timeline(q, order, 'funds_refunded', at, null, { payment_intent_id: intent.id, reason: 'not_awaiting_funds', ...money });
    return 'refunded';
  }
  const failure_code = reason === 'expired' ? 'expired' : failure;
  await updateIntent(
    q,
    intent.id,
    {
      status: reason === 'expired' ? 'expired' : 'failed',
      failure_code,
      received_amount: arrival.amount,
      received_currency: arrival.currency,
      received_at: arrival.at,
      refund_amount: split.refund,
      refund_cost: split.refund_cost,
      refunded_at: at,
    },
    at,
  );
  const details = { payment_intent_id: intent.id, reason: failure_code, expected: Number(intent.amount_due), expected_currency: intent.currency, ...money };
  await timeline(q, order, 'payment_failed', at, null, details);
  await notifyPartners(q, order, 'payment.failed', at, details);
  return reason === 'expired' ? 'expired' : 'failed';
}
