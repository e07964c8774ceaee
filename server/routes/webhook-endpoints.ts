/** Partner webhooks: the partner's server registers endpoints with its secret key, tests them and inspects deliveries. */
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import {
  CreateWebhookEndpoint,
  CreatedWebhookEndpoint,
  DeletedWebhookEndpoint,
  DeliveryListQuery,
  UpdateWebhookEndpoint,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointList,
  WebhookEvent,
} from '../schemas/webhooks.js';
import {
  changeEndpoint,
  createEndpoint,
  deliveryPage,
  endpointList,
  endpointOf,
  presentEndpoint,
  removeEndpoint,
  sendTestEvent,
} from '../services/webhook-endpoints.js';
import { SIGNATURE_TOLERANCE_SECONDS } from '../domain/signatures.js';
import { MAX_ATTEMPTS, RETRY_DELAYS_SECONDS } from '../webhooks/retry.js';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from '../webhooks/events.js';

const EndpointParams = idParam('id', 'we_5k2mq7c3x4tq0d7h9n1bz8w6ye');
const tags = ['Webhooks'];

const human = (s: number) => (s < 60 ? `${s} s` : s < 3600 ? `${s / 60} min` : `${s / 3600} h`);

const DELIVERY_RULES = [
  'We POST `application/json` `{id, type, created_at, data}` with the headers `K100-Signature: t=<unix seconds>,v1=<hex>`, `K100-Event-Id`, `K100-Event-Type`, `K100-Delivery-Attempt` and `User-Agent: K100-Webhooks/1`.',
  `Verify: \`v1\` is HMAC-SHA256 with your endpoint secret over \`\${t}.\${raw body}\` (the exact bytes received); compare in constant time and refuse \`t\` more than ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes from your clock.`,
  'Answer any 2xx within 10 seconds (queue your work; do not do it inline). Anything else, a timeout, a redirect or no answer is retried.',
  `Retries back off: ${RETRY_DELAYS_SECONDS.map(human).join(', ')} (±20 %), then the delivery is dead after ${MAX_ATTEMPTS} attempts. Delivery is at least once and not ordered: dedupe on \`K100-Event-Id\` (the same on every retry) and order by \`created_at\`.`,
].join('\n\n');

export const webhookEndpointRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhook-endpoints',
      tags,
      summary: 'Register an endpoint to receive signed events; the response holds its secret, shown only once',
      description: DELIVERY_RULES,
      ...allow.secretKey(),
      request: { body: jsonBody(CreateWebhookEndpoint) },
      responses: {
        201: json(CreatedWebhookEndpoint, 'The endpoint and its signing secret (store it now: it is never shown again).'),
        ...problems(400, 401, 403, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const { url, description, events } = c.req.valid('json');
      const created = await createEndpoint(c.var.store, {
        partnerId: c.var.partner.id,
        url,
        description,
        events,
        sandbox: c.var.config.sandbox,
        webhookKey: c.var.config.webhookKey,
      });
      c.header('Location', `/v1/webhook-endpoints/${created.id}`);
      return c.json(created, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhook-endpoints',
      tags,
      summary: 'Your webhook endpoints, newest first (never their secrets)',
      ...allow.secretKey(),
      responses: { 200: json(WebhookEndpointList, 'The endpoints.'), ...problems(401, 403) },
    }),
    async (c) => c.json({ data: await endpointList(c.var.store, c.var.partner.id), next_cursor: null }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhook-endpoints/{id}',
      tags,
      summary: 'One of your webhook endpoints (without its secret)',
      ...allow.secretKey(),
      request: { params: EndpointParams },
      responses: { 200: json(WebhookEndpoint, 'The endpoint.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json(presentEndpoint(await endpointOf(c.var.store, c.var.partner.id, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/webhook-endpoints/{id}',
      tags,
      summary: 'Change an endpoint’s description, event types or status',
      description: 'Disabling stops deliveries to it at once and cancels its pending retries (they show as `dead`); events while disabled are not queued for it.',
      ...allow.secretKey(),
      request: { params: EndpointParams, body: jsonBody(UpdateWebhookEndpoint) },
      responses: { 200: json(WebhookEndpoint, 'The endpoint as changed.'), ...problems(400, 401, 403, 404, 413, 415, 422) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await changeEndpoint(c.var.store, { partnerId: c.var.partner.id, id: c.req.valid('param').id, ...body }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/webhook-endpoints/{id}',
      tags,
      summary: 'Delete an endpoint, its secret and its delivery history; nothing more is sent to it',
      ...allow.secretKey(),
      request: { params: EndpointParams },
      responses: { 200: json(DeletedWebhookEndpoint, 'Deleted.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await removeEndpoint(c.var.store, c.var.partner.id, id);
      return c.json({ id, deleted: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhook-endpoints/{id}/deliveries',
      tags,
      summary: 'Recent deliveries to an endpoint, newest first: attempts, last answer, next retry',
      ...allow.secretKey(),
      request: { params: EndpointParams, query: DeliveryListQuery },
      responses: { 200: json(WebhookDeliveryList, 'One page of deliveries.'), ...problems(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { cursor, limit } = c.req.valid('query');
      return c.json(await deliveryPage(c.var.store, c.var.partner.id, c.req.valid('param').id, { cursor, limit }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhook-endpoints/{id}/test',
      tags,
      summary: 'Queue a `webhook_endpoint.test` event for this endpoint alone, signed and retried like any other',
      ...allow.secretKey(),
      request: { params: EndpointParams },
      responses: { 202: json(WebhookEvent, 'The queued event; the worker delivers it within seconds.'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await sendTestEvent(c.var.store, c.var.partner.id, c.req.valid('param').id), 202),
  );

/**
 * The events themselves, under the OpenAPI 3.1 `webhooks` section: one entry per type, all the same
 * envelope. Registered on the app's own registry (`app.ts`): through a mounted router the names would
 * be merged like paths and gain a leading slash.
 */
export function registerWebhookEvents(registry: { registerWebhook(webhook: RouteConfig): void }): void {
  for (const type of WEBHOOK_EVENT_TYPES) {
    registry.registerWebhook({
      method: 'post',
      path: type,
      tags,
      summary: WEBHOOK_EVENT_DESCRIPTIONS[type],
      description: DELIVERY_RULES,
      request: { body: jsonBody(WebhookEvent) },
      responses: { 200: { description: 'Any 2xx acknowledges the event; anything else is retried.' } },
    });
  }
}
