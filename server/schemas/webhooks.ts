/** Webhook endpoints, their deliveries and the event envelope, as the API and the OpenAPI document show them. */
import { z } from '@hono/zod-openapi';
import { ALL_EVENTS, TEST_EVENT_TYPE, WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from '../webhooks/events.js';
import { Cursor, Limit, Timestamp, listOf } from './common.js';

const eventList = WEBHOOK_EVENT_TYPES.map((t) => `\`${t}\``).join(', ');

export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES).openapi('WebhookEventType', {
  description: WEBHOOK_EVENT_TYPES.map((t) => `\`${t}\`: ${WEBHOOK_EVENT_DESCRIPTIONS[t]}`).join('\n\n'),
});

/** `['*']` or a list of types; `*` may not be mixed with types (it already means all of them). */
const Events = z
  .array(z.union([WebhookEventType, z.literal(ALL_EVENTS)]))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length + 1)
  .refine((events) => !events.includes(ALL_EVENTS) || events.length === 1, { message: '`*` subscribes to every type; list types without it' })
  .transform((events) => [...new Set(events)])
  .openapi({
    description: `Event types to receive: any of ${eventList}, or \`["*"]\` for every type, including ones added later.`,
    example: ['contract.confirmed', 'payment.succeeded'],
  });

const Url = z.string().min(1).max(2048).openapi({
  description:
    'Where we POST events. `https` only, to a public host; a private, loopback or link-local IP address is refused. In the sandbox, plain `http://localhost` and `http://127.0.0.1` are allowed too.',
  example: 'https://marketplace.example/k100/webhooks',
});

const Description = z.string().trim().max(500).openapi({ example: 'Order sync (production)' });

const EndpointStatus = z.enum(['enabled', 'disabled']).openapi({ description: 'A disabled endpoint receives nothing; disabling cancels its pending retries.' });

export const CreateWebhookEndpoint = z
  .object({
    url: Url,
    description: Description.optional(),
    events: Events.default([ALL_EVENTS]),
  })
  .strict()
  .openapi('CreateWebhookEndpoint');

export const UpdateWebhookEndpoint = z
  .object({ description: Description.nullable().optional(), events: Events.optional(), status: EndpointStatus.optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'send at least one of description, events, status' })
  .openapi('UpdateWebhookEndpoint');

export const WebhookEndpoint = z
  .object({
    id: z.string().openapi({ example: 'we_5k2mq7c3x4tq0d7h9n1bz8w6ye' }),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()).openapi({ example: ['*'] }),
    status: EndpointStatus,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('WebhookEndpoint');
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const CreatedWebhookEndpoint = WebhookEndpoint.extend({
  secret: z.string().openapi({
    description:
      'The signing secret of this endpoint. Shown only in this response: store it now on your server. Every delivery carries `K100-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, `${t}.${raw body}`)>`.',
    example: 'whsec_Yk3v2d5…',
  }),
}).openapi('CreatedWebhookEndpoint');

export const WebhookEndpointList = listOf(WebhookEndpoint, 'WebhookEndpointList');

export const DeletedWebhookEndpoint = z.object({ id: z.string(), deleted: z.literal(true) }).openapi('DeletedWebhookEndpoint');

export const WebhookDelivery = z
  .object({
    id: z.string().openapi({ example: 'whd_7q3n…' }),
    event_id: z.string().openapi({ example: 'evt_2b6k…' }),
    event_type: z.string().openapi({ example: 'contract.confirmed' }),
    status: z.enum(['pending', 'delivered', 'dead']).openapi({
      description: '`pending` until a 2xx answer (`delivered`) or the last retry fails (`dead`).',
    }),
    attempts: z.number().int(),
    next_attempt_at: Timestamp.nullable().openapi({ description: 'When the next attempt is due; null once delivered or dead.' }),
    last_attempt_at: Timestamp.nullable(),
    last_status_code: z.number().int().nullable().openapi({ description: 'Your endpoint’s HTTP status on the last attempt; null when no answer came.' }),
    last_error: z.string().nullable().openapi({ example: 'timed out after 10000 ms' }),
    delivered_at: Timestamp.nullable(),
    dead_at: Timestamp.nullable(),
    created_at: Timestamp,
  })
  .openapi('WebhookDelivery');
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryList = listOf(WebhookDelivery, 'WebhookDeliveryList');

export const DeliveryListQuery = z.object({ cursor: Cursor.optional(), limit: Limit });

/** What we POST to an endpoint; `id` stays the same on every retry. */
export const WebhookEvent = z
  .object({
    id: z.string().openapi({ description: 'Unique per event and stable across retries: process each id once.', example: 'evt_2b6kq…' }),
    type: z.union([WebhookEventType, z.literal(TEST_EVENT_TYPE)]),
    created_at: Timestamp,
    data: z.record(z.string(), z.unknown()).openapi({ description: 'The event’s object; its shape depends on `type`.' }),
  })
  .openapi('WebhookEvent');
