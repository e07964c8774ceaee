/** The one list of webhook event types partners can subscribe to, and the envelope every delivery carries. */

/**
 * Business events, in the order the deal produces them. Add a type here (and its description) and it
 * becomes subscribable, documented in OpenAPI and accepted by `enqueueEvent`; nothing else to change.
 */
export const WEBHOOK_EVENT_TYPES = [
  'contract.confirmed', 'payment.succeeded', 'payment.failed', 'escrow.released', 'shipment.milestone', 'contract.amended', 'order.settled',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'contract.confirmed':
    'A buyer confirmed an e-contract; the order is open and awaits payment. Sent to the partners of the buyer and of the supplier.',
  'payment.succeeded': 'Exactly the amount due arrived; escrow is funded (and the deposit, if any, released to the supplier).',
  'payment.failed': 'A payment failed (wrong amount or expired quote); the funds are refunded minus the refund cost.',
  'escrow.released': 'Money left escrow for the supplier (the deposit on funding, the balance on ownership transfer).',
  'shipment.milestone':
    'The designated warehouse or the carrier recorded a step (goods received, inspected, measured, consolidated, customs released, departed, arrived, ready for pickup, picked up, ownership transferred; also packing list submitted and cartons returned). `data`: order_id, buyer_id, supplier_id, code, at, place.',
  'contract.amended': 'The buyer confirmed the supplier’s amendment of a confirmed contract’s quantities; the difference in value is refunded from escrow.',
  'order.settled': 'The ownership transfer released the escrow balance to the supplier: the order is settled and its escrow is exactly zero.',
};

/**
 * `POST /v1/webhook-endpoints/{id}/test` sends this to one endpoint only. It is not subscribable: it goes
 * through the same outbox, signing and retries as real events, so it proves the whole path.
 */
export const TEST_EVENT_TYPE = 'webhook_endpoint.test';

/** Whatever a delivery row can carry. */
export type DeliverableEventType = WebhookEventType | typeof TEST_EVENT_TYPE;

/** `events: ['*']` subscribes to every type, including ones added later. */
export const ALL_EVENTS = '*';

export const isWebhookEventType = (value: string): value is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

/** Whether an endpoint subscribed with `events` receives `type`. */
export function subscribes(events: readonly string[], type: WebhookEventType): boolean {
  return events.includes(ALL_EVENTS) || events.includes(type);
}

/** The JSON body POSTed to an endpoint: `id` is the same on every retry, so receivers dedupe on it. */
export interface WebhookEnvelope {
  id: string;
  type: DeliverableEventType;
  created_at: string;
  data: unknown;
}

/**
 * The exact bytes sent: the stored `data` text is spliced in unchanged, so every retry of an event
 * carries a byte-identical body (only the signature's timestamp differs).
 */
export function envelopeBody(event: { id: string; type: string; created_at: string; data: string }): string {
  const head = JSON.stringify({ id: event.id, type: event.type, created_at: event.created_at });
  return `${head.slice(0, -1)},"data":${event.data}}`;
}
