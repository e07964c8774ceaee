/**
 * The transactional outbox other services write partner events to. Call it inside the transaction of
 * the change the event reports: the event and its deliveries commit with that change or not at all, and
 * the worker sends them afterwards, so no event is lost to a crash and none reports a rolled-back change.
 */
import { newId } from '../domain/ids.js';
import type { Queryable } from '../store/db.js';
import { enabledEndpoints } from '../store/webhook-endpoints.js';
import { insertDeliveries, insertEvent } from '../store/webhook-deliveries.js';
import { TEST_EVENT_TYPE, isWebhookEventType, subscribes, type DeliverableEventType, type WebhookEnvelope, type WebhookEventType } from './events.js';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './events.js';

export interface NewWebhookEvent {
  partner_id: string;
  type: WebhookEventType;
  /** Any JSON value; snake_case keys and money in minor units, like the API. */
  data: unknown;
  /** Defaults to now; pass the change's own timestamp so the event and the change agree. */
  created_at?: string;
}

function serialise(data: unknown): string {
  const json = JSON.stringify(data);
  if (json === undefined) throw new TypeError('webhook event data must be a JSON value');
  return json;
}

async function insertWithDeliveries(
  q: Queryable,
  event: { partner_id: string; type: DeliverableEventType; data: unknown; created_at?: string | undefined },
  endpointIds: readonly string[],
): Promise<string> {
  const id = newId('evt');
  const at = event.created_at ?? new Date().toISOString();
  await insertEvent(q, { id, partner_id: event.partner_id, type: event.type, data: serialise(event.data), created_at: at });
  await insertDeliveries(
    q,
    endpointIds.map((endpoint_id) => ({
      id: newId('whd'),
      event_id: id,
      endpoint_id,
      attempts: 0,
      next_attempt_at: at,
      last_attempt_at: null,
      last_status_code: null,
      last_error: null,
      delivered_at: null,
      dead_at: null,
      created_at: at,
    })),
  );
  return id;
}

/**
 * Records one event for one partner, plus a delivery for each of its enabled endpoints subscribed to the
 * type, in the caller's transaction (`q` must be the transaction). Returns the event id (`evt_…`), which
 * is the id partners see and dedupe on. The event is kept even when no endpoint wants it.
 */
export async function enqueueEvent(q: Queryable, e: NewWebhookEvent): Promise<string> {
  // The type is also checked at run time: a cast or plain-JS caller must not invent event types.
  if (!isWebhookEventType(e.type)) throw new RangeError(`unknown webhook event type "${String(e.type)}"`);
  const endpoints = await enabledEndpoints(q, e.partner_id);
  const targets = endpoints.filter((ep) => subscribes(JSON.parse(ep.events) as string[], e.type)).map((ep) => ep.id);
  return insertWithDeliveries(q, e, targets);
}

/**
 * The same event for the partners of several parties (a deal's buyer and supplier may belong to two
 * partners, or to one, which then gets it once). Returns the event ids, one per partner.
 */
export async function enqueueEventForParties(q: Queryable, partyIds: readonly string[], e: Omit<NewWebhookEvent, 'partner_id'>): Promise<string[]> {
  if (partyIds.length === 0) return [];
  const rows = await q.db
    .selectFrom('parties')
    .select('partner_id')
    .distinct()
    .where('id', 'in', [...partyIds])
    .orderBy('partner_id')
    .execute();
  const ids: string[] = [];
  for (const { partner_id } of rows) ids.push(await enqueueEvent(q, { ...e, partner_id }));
  return ids;
}

/** A test event for one endpoint only, whatever it subscribed to; see `TEST_EVENT_TYPE`. */
export async function enqueueTestEvent(q: Queryable, endpoint: { id: string; partner_id: string }, at: string): Promise<WebhookEnvelope & { data: { endpoint_id: string; message: string } }> {
  const data = { endpoint_id: endpoint.id, message: 'A test event from K100: verify its signature, answer 2xx, and deliveries work.' };
  const id = await insertWithDeliveries(q, { partner_id: endpoint.partner_id, type: TEST_EVENT_TYPE, data, created_at: at }, [endpoint.id]);
  return { id, type: TEST_EVENT_TYPE, created_at: at, data };
}
