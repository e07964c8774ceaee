/**
 * The K100Pay part of the fake K100 API for widget browser tests: gateways, orders, payment intents with
 * idempotency keys and the exact-amount rule, the order ledger, and the sandbox bank. Shapes follow
 * `server/schemas/payments.ts`; the arithmetic is simplified (float rates), the refusals are the server's.
 */
import { HttpResponse, http } from 'msw';
import type { Order } from '../../../server/schemas/orders.js';
import type { GatewayInfo, Ledger, PaymentIntent } from '../../../server/schemas/payments.js';

type Problem = (status: number, type: string, title: string, extra?: object) => Response;

const NOW = '2026-11-27T10:00:00.000Z';

export const GATEWAYS: GatewayInfo[] = [
  {
    id: 'bank_transfer',
    name: 'Bank transfer',
    description: 'Wire the contract currency straight to the K100Pay trust account.',
    currencies: ['USD', 'EUR', 'CNY'],
    converts: false,
    spread_bps: 0,
    fee_summary: 'flat 25.00 USD',
    quote_ttl_seconds: 3 * 24 * 3600,
  },
  {
    id: 'globalpay_fx',
    name: 'GlobalPay FX',
    description: 'Pay in CNY, HKD or USD from a GlobalPay wallet.',
    currencies: ['CNY', 'HKD', 'USD'],
    converts: true,
    spread_bps: 80,
    fee_summary: '1.2 %, min 15.00',
    quote_ttl_seconds: 15 * 60,
  },
  {
    id: 'swiftfx',
    name: 'SwiftFX',
    description: 'Low-spread transfer in EUR, JPY or KWD.',
    currencies: ['EUR', 'JPY', 'KWD'],
    converts: true,
    spread_bps: 35,
    fee_summary: '0.45 % + fixed',
    quote_ttl_seconds: 30 * 60,
  },
];

/** Customer rates from USD (the sample contracts' currency), spreads included. */
const RATES: Record<string, string> = { USD: '1', CNY: '7.3428', HKD: '7.8512', EUR: '0.9266', JPY: '156.75', KWD: '0.30812' };
const DIGITS: Record<string, number> = { JPY: 0, KWD: 3 };
const digits = (currency: string) => DIGITS[currency] ?? 2;

/** An order in USD at `awaiting_payment`; pass what the test cares about. */
export function sampleOrder(fields: Partial<Order> = {}): Order {
  const total = fields.total ?? 140500;
  const deposit = fields.deposit_amount ?? Math.floor((total * 30) / 100);
  const event = { code: 'contract_confirmed', at: NOW, actor: null, details: {} };
  return {
    id: 'ord_1',
    status: 'awaiting_payment',
    payment_status: 'unpaid',
    contract_id: 'ctr_1',
    purchase_order_id: 'po_1',
    negotiation_id: 'neg_1',
    buyer: { id: 'buyer_acme', name: 'Acme Imports' },
    supplier: { id: 'sup_led', name: 'Shenzhen LED Co.' },
    currency: 'USD',
    total,
    deposit_amount: deposit,
    balance_amount: total - deposit,
    latest_event: event,
    agreements: {
      expert_advisor_sts_fulfilment: true,
      k100pay_payment_and_settlement: true,
      statement: 'Both parties agree.',
      contract_digest: 'a3f1',
      buyer: { party_id: 'buyer_acme', signer_name: 'Ada Buyer', agreed_at: NOW },
      supplier: { party_id: 'sup_led', agreed_at: NOW },
    },
    timeline: [event],
    created_at: NOW,
    updated_at: NOW,
    ...fields,
  } as Order;
}

/** The refund cost the fake gateways charge: one major unit of the currency received. */
export const refundCost = (currency: string) => 10 ** digits(currency);

/** What the fake server holds of payments; `reset()` before each test. */
export const payDb = {
  gateways: GATEWAYS,
  orders: [] as Order[],
  intents: [] as PaymentIntent[],
  ledgers: new Map<string, Ledger>(),
  /** Every `POST …/payment-intents` seen: its Idempotency-Key and body. */
  posts: [] as { key: string | null; body: unknown }[],
  /** Idempotency keys already answered, with the body they came with and the intent they made. */
  keys: new Map<string, { body: string; intentId: string }>(),
  deposits: [] as { id?: string; reference: string; amount: number; currency: string }[],

  reset() {
    this.gateways = GATEWAYS;
    this.orders = [sampleOrder()];
    this.intents = [];
    this.ledgers = new Map();
    this.posts = [];
    this.keys = new Map();
    this.deposits = [];
  },

  order(id: string) {
    return this.orders.find((o) => o.id === id);
  },

  /** Quotes and stores an awaiting intent, newest first; `expiresIn` seconds (default: the gateway's TTL). */
  quote(orderId: string, gatewayId: string, currency: string, expiresIn?: number): PaymentIntent {
    const order = this.order(orderId)!;
    const gateway = this.gateways.find((g) => g.id === gatewayId)!;
    const rate = order.currency === currency ? '1' : (Number(RATES[currency]) / Number(RATES[order.currency])).toFixed(4);
    const converted = Math.ceil((order.total / 10 ** digits(order.currency)) * Number(rate) * 10 ** digits(currency) - 1e-9);
    const fee = gateway.converts ? Math.max(Math.ceil(converted * 0.012), 10 ** digits(currency)) : 2500;
    const n = this.intents.length + 1;
    const reference = `K100-${String(n).padStart(4, '0')}-QX7M`;
    const intent: PaymentIntent = {
      id: `pi_${n}`,
      order_id: orderId,
      status: 'awaiting_funds',
      gateway: gatewayId,
      amount_due: converted + fee,
      currency,
      breakdown: {
        contract_total: order.total,
        contract_currency: order.currency,
        rate,
        converted_amount: converted,
        fee,
        fee_rule: gateway.fee_summary,
      },
      reference,
      instructions: {
        method: 'bank_transfer',
        beneficiary: 'K100Pay Escrow Trust Ltd',
        bank_name: 'Sandbox Commercial Bank',
        account_number: 'GB29 NWBK 6016 1331 9268 19',
        swift_bic: gateway.converts ? null : 'SBOXGB2L',
        reference,
        note: 'Quote the reference exactly; send the amount due in one transfer.',
      },
      expires_at: new Date(Date.now() + (expiresIn ?? gateway.quote_ttl_seconds) * 1000).toISOString(),
      received: null,
      refund: null,
      failure_code: null,
      created_at: new Date().toISOString(),
    };
    this.intents.unshift(intent);
    return intent;
  },

  /** The sandbox bank: funds for `reference` arrive; exact funds pay the order, anything else is refunded. */
  deposit(reference: string, amount: number, currency: string) {
    const intent = this.intents.find((i) => i.reference === reference)!;
    const at = new Date().toISOString();
    intent.received = { amount, currency, at };
    if (intent.status === 'awaiting_funds' && amount === intent.amount_due && currency === intent.currency) {
      intent.status = 'succeeded';
      const order = this.order(intent.order_id)!;
      order.payment_status = 'escrow_funded';
      this.ledgers.set(order.id, {
        order_id: order.id,
        currency: order.currency,
        transfers: [],
        balances: { escrow: order.balance_amount, released: order.deposit_amount, refunded: 0, fees: 0 },
      });
      return intent;
    }
    const cost = Math.min(refundCost(currency), amount);
    intent.refund = { amount: amount - cost, cost, currency, at };
    if (intent.status === 'awaiting_funds') {
      intent.status = 'failed';
      intent.failure_code = currency === intent.currency ? 'amount_mismatch' : 'currency_mismatch';
    }
    return intent;
  },
};
payDb.reset();

export function createPayHandlers(problem: Problem) {
  const notFound = () => problem(404, 'not-found', 'Not found');
  return [
    http.get('*/v1/gateways', () => HttpResponse.json({ data: payDb.gateways })),
    http.get('*/v1/orders/:id', ({ params }) => {
      const order = payDb.order(String(params['id']));
      return order ? HttpResponse.json(order) : notFound();
    }),
    http.get('*/v1/orders/:id/payment-intents', ({ params }) => {
      const id = String(params['id']);
      if (!payDb.order(id)) return notFound();
      return HttpResponse.json({ data: payDb.intents.filter((i) => i.order_id === id), next_cursor: null });
    }),
    http.post('*/v1/orders/:id/payment-intents', async ({ request, params }) => {
      const id = String(params['id']);
      const key = request.headers.get('idempotency-key');
      const body = (await request.json()) as { gateway: string; currency: string };
      payDb.posts.push({ key, body });
      const order = payDb.order(id);
      if (!order) return notFound();
      if (!key) return problem(400, 'idempotency-key-required', 'Idempotency-Key is required');
      const seen = payDb.keys.get(key);
      if (seen) {
        if (seen.body !== JSON.stringify(body)) return problem(422, 'idempotency-key-reused', 'Key reused with another body');
        return HttpResponse.json(payDb.intents.find((i) => i.id === seen.intentId), { status: 200 });
      }
      if (order.payment_status !== 'unpaid') return problem(409, 'order-already-paid', 'The order is already paid');
      const pending = payDb.intents.find((i) => i.order_id === id && i.status === 'awaiting_funds' && Date.parse(i.expires_at) > Date.now());
      if (pending) return problem(409, 'intent-awaiting-funds', 'A payment intent is still awaiting funds');
      const gateway = payDb.gateways.find((g) => g.id === body.gateway);
      if (!gateway) return problem(422, 'validation', 'Invalid request', { errors: [{ path: 'gateway', message: 'is not a gateway' }] });
      const ok = gateway.converts ? gateway.currencies.includes(body.currency) : body.currency === order.currency;
      if (!ok) {
        return problem(422, 'currency-not-supported', 'Currency not supported', {
          detail: `${gateway.name} does not take ${body.currency} for this order.`,
          errors: [{ path: 'currency', message: `${gateway.name} does not take ${body.currency} for this order.` }],
        });
      }
      const intent = payDb.quote(id, gateway.id, body.currency);
      payDb.keys.set(key, { body: JSON.stringify(body), intentId: intent.id });
      return HttpResponse.json(intent, { status: 201 });
    }),
    http.get('*/v1/orders/:id/ledger', ({ params }) => {
      const id = String(params['id']);
      const order = payDb.order(id);
      if (!order) return notFound();
      return HttpResponse.json(
        payDb.ledgers.get(id) ?? { order_id: id, currency: order.currency, transfers: [], balances: { escrow: 0, released: 0, refunded: 0, fees: 0 } },
      );
    }),
    http.post('*/v1/sandbox/deposits', async ({ request }) => {
      const body = (await request.json()) as { id?: string; reference: string; amount: number; currency: string };
      payDb.deposits.push(body);
      payDb.deposit(body.reference, body.amount, body.currency);
      return HttpResponse.json({ accepted: true }, { status: 202 });
    }),
  ];
}
