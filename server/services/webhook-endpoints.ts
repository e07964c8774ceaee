/** Partners' webhook endpoints as transactions: register (secret shown once), list, change, delete, test, inspect deliveries. */
import { newId } from '../domain/ids.js';
import { conflict, invalidField, notFound } from '../problem.js';
import type { WebhookDelivery, WebhookEndpoint } from '../schemas/webhooks.js';
import type { Store } from '../store/db.js';
import type { Page } from '../store/paging.js';
import { inTransaction } from '../store/transaction.js';
import { cancelPendingDeliveries, listDeliveries, type DeliveryRecord } from '../store/webhook-deliveries.js';
import {
  countEndpoints,
  deleteEndpoint,
  getEndpoint,
  insertEndpoint,
  listEndpoints,
  updateEndpoint,
  type EndpointRow,
} from '../store/webhook-endpoints.js';
import { enqueueTestEvent } from '../webhooks/outbox.js';
import { newSigningSecret, secretBox } from '../webhooks/secrets.js';
import { endpointUrlProblem } from '../webhooks/url-policy.js';

/** Enough for production, staging and a few tools; more usually means endpoints created in a loop. */
export const MAX_ENDPOINTS_PER_PARTNER = 16;

export function presentEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as string[],
    status: row.status,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function presentDelivery(d: DeliveryRecord): WebhookDelivery {
  const status = d.delivered_at !== null ? 'delivered' : d.dead_at !== null ? 'dead' : 'pending';
  return {
    id: d.id,
    event_id: d.event_id,
    event_type: d.event_type,
    status,
    attempts: Number(d.attempts),
    next_attempt_at: status === 'pending' ? d.next_attempt_at : null,
    last_attempt_at: d.last_attempt_at,
    last_status_code: d.last_status_code === null ? null : Number(d.last_status_code),
    last_error: d.last_error,
    delivered_at: d.delivered_at,
    dead_at: d.dead_at,
    created_at: d.created_at,
  };
}

/** Registers an endpoint; the returned `secret` is the only time anyone sees it in clear. */
export async function createEndpoint(
  store: Store,
  input: { partnerId: string; url: string; description?: string | undefined; events: string[]; sandbox: boolean; webhookKey?: string | undefined; now?: Date },
): Promise<WebhookEndpoint & { secret: string }> {
  const problem = endpointUrlProblem(input.url, { sandbox: input.sandbox });
  if (problem) throw invalidField('url', problem);
  const at = (input.now ?? new Date()).toISOString();
  const id = newId('we');
  const secret = newSigningSecret();
  const row: EndpointRow = {
    id,
    partner_id: input.partnerId,
    url: input.url,
    description: input.description || null,
    events: JSON.stringify(input.events),
    secret: secretBox(input.webhookKey).seal(id, secret),
    status: 'enabled',
    created_at: at,
    updated_at: at,
  };
  await inTransaction(store, async (q) => {
    // The count and the insert race only between two creations by one partner; the cap is a guard
    // against runaway scripts, not an invariant, so one over is harmless.
    if ((await countEndpoints(q, input.partnerId)) >= MAX_ENDPOINTS_PER_PARTNER) {
      throw conflict(`A partner may have at most ${MAX_ENDPOINTS_PER_PARTNER} webhook endpoints; delete one first.`);
    }
    await insertEndpoint(q, row);
  });
  return { ...presentEndpoint(row), secret };
}

export async function endpointList(store: Store, partnerId: string): Promise<WebhookEndpoint[]> {
  return (await listEndpoints(store, partnerId)).map(presentEndpoint);
}

export async function endpointOf(store: Store, partnerId: string, id: string): Promise<EndpointRow> {
  const row = await getEndpoint(store, partnerId, id);
  if (!row) throw notFound('webhook endpoint');
  return row;
}

/** Description, subscriptions and status; disabling gives up the endpoint's pending deliveries. */
export function changeEndpoint(
  store: Store,
  input: { partnerId: string; id: string; description?: string | null | undefined; events?: string[] | undefined; status?: 'enabled' | 'disabled' | undefined; now?: Date },
): Promise<WebhookEndpoint> {
  const at = (input.now ?? new Date()).toISOString();
  return inTransaction(store, async (q) => {
    const row = await getEndpoint(q, input.partnerId, input.id, true);
    if (!row) throw notFound('webhook endpoint');
    const changes = {
      ...(input.description === undefined ? {} : { description: input.description || null }),
      ...(input.events === undefined ? {} : { events: JSON.stringify(input.events) }),
      ...(input.status === undefined ? {} : { status: input.status }),
      updated_at: at,
    };
    await updateEndpoint(q, row.id, changes);
    if (input.status === 'disabled' && row.status === 'enabled') await cancelPendingDeliveries(q, row.id, at, 'endpoint disabled');
    return presentEndpoint({ ...row, ...changes });
  });
}

export async function removeEndpoint(store: Store, partnerId: string, id: string): Promise<void> {
  if (!(await deleteEndpoint(store, partnerId, id))) throw notFound('webhook endpoint');
}

/** Queues a test event for this endpoint alone; a disabled endpoint is refused rather than silently skipped. */
export function sendTestEvent(store: Store, partnerId: string, id: string, now = new Date()) {
  const at = now.toISOString();
  return inTransaction(store, async (q) => {
    const row = await getEndpoint(q, partnerId, id, true);
    if (!row) throw notFound('webhook endpoint');
    if (row.status !== 'enabled') throw conflict('This endpoint is disabled; enable it to send a test event.');
    return enqueueTestEvent(q, row, at);
  });
}

export async function deliveryPage(
  store: Store,
  partnerId: string,
  id: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<Page<WebhookDelivery>> {
  const endpoint = await endpointOf(store, partnerId, id);
  const page = await listDeliveries(store, endpoint.id, query);
  return { data: page.data.map(presentDelivery), next_cursor: page.next_cursor };
}
