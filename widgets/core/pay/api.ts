/**
 * The K100Pay endpoints (gateways, orders, payment intents, the order ledger) on top of the core client. A
 * module of its own so pages without a checkout never download it.
 */
import type { ApiClient, Page } from '../api.js';
import type { Order, GatewayInfo, Ledger, PaymentIntent } from '../api-types.js';

export type { GatewayInfo, Ledger, Order, PaymentIntent, PaymentIntentStatus } from '../api-types.js';

const id = (value: string) => encodeURIComponent(value);

/** A payment intent as `POST …/payment-intents` answered it: `replayed` when the key had been answered before. */
export interface CreatedIntent {
  intent: PaymentIntent;
  replayed: boolean;
}

export class PayApi {
  constructor(readonly client: ApiClient) {}

  gateways(signal?: AbortSignal) {
    return this.client.request<{ data: GatewayInfo[] }>('GET', '/v1/gateways', { signal });
  }
  order(orderId: string, signal?: AbortSignal) {
    return this.client.request<Order>('GET', `/v1/orders/${id(orderId)}`, { signal });
  }
  /** The order's payment intents, newest first. */
  intents(orderId: string, signal?: AbortSignal) {
    return this.client.request<Page<PaymentIntent>>('GET', `/v1/orders/${id(orderId)}/payment-intents`, { signal });
  }
  ledger(orderId: string, signal?: AbortSignal) {
    return this.client.request<Ledger>('GET', `/v1/orders/${id(orderId)}/ledger`, { signal });
  }

  /**
   * Asks for the exact amount to pay. `key` is the attempt's `Idempotency-Key`: sending the same key and
   * body again (after a network failure) replays the first answer instead of creating a second intent.
   */
  async createIntent(orderId: string, body: { gateway: string; currency: string }, key: string): Promise<CreatedIntent> {
    const response = await this.client.send('POST', `/v1/orders/${id(orderId)}/payment-intents`, {
      body,
      headers: { 'idempotency-key': key },
    });
    const replayed = response.status === 200 || response.headers.get('idempotent-replayed') === 'true';
    return { intent: (await response.json()) as PaymentIntent, replayed };
  }
}

const apis = new WeakMap<ApiClient, PayApi>();

/** The K100Pay API over a widget's current client (one instance per client). */
export function pay(client: ApiClient): PayApi {
  let api = apis.get(client);
  if (!api) apis.set(client, (api = new PayApi(client)));
  return api;
}

/** A fresh idempotency key: a UUID, from `crypto.getRandomValues` where `randomUUID` is missing (plain http). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
