/** An order's timeline, live: Server-Sent Events for whoever may read the order. */
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { allow } from '../auth/access.js';
import { DEFAULT_SSE_HEARTBEAT_MS } from '../config.js';
import { createRouter, idParam, problems } from '../http/openapi.js';
import { RETRY_MS, runOrderStream } from '../live/order-stream.js';
import { notFound } from '../problem.js';
import { presentLiveEvent } from '../services/order-events.js';
import { getOrderForParty } from '../store/orders.js';

const LastEventId = z.object({
  'last-event-id': z
    .string()
    .regex(/^\d{0,15}$/, 'must be the `id` of an event this stream sent (a seq)')
    .optional()
    .openapi({
      param: { name: 'last-event-id', in: 'header' },
      description: 'Resume: every event with a greater seq is sent first, in order. Absent: only events after the current last one.',
      example: '4',
    }),
});

const EXAMPLE = `retry: ${RETRY_MS}

event: timeline
id: 5
data: {"order_id":"ord_2x7fk3mq9d4tq0h7n1bz8w6yec","seq":5,"code":"goods_received","at":"2026-11-27T10:00:00.000Z","actor":{"id":"operator_ningbo_wh","kind":"operator","name":"Ningbo Warehouse Operator"},"place":"Ningbo Designated Warehouse, CNNGB","details":{},"status":"at_warehouse","payment_status":"escrow_funded"}

: heartbeat

`;

export const orderEventRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/v1/orders/{id}/events',
    tags: ['Orders'],
    summary: 'The order’s timeline, live (Server-Sent Events)',
    description:
      'A `text/event-stream` for the buyer, the supplier, and (once paid) the operators of the order’s warehouse. ' +
      `It opens with \`retry: ${RETRY_MS}\`; each timeline event is sent as \`event: timeline\`, \`id: <seq>\`, and ` +
      '`data:` JSON `{order_id, seq, code, at, actor, place, details, status, payment_status}` (status read when sent). ' +
      'A `: heartbeat` comment comes every 15 s (`K100_SSE_HEARTBEAT_MS`). The stream ends when the session token ' +
      'expires: reconnect with a fresh token and `Last-Event-ID`. The token goes in the `Authorization` header only ' +
      '(read the stream with `fetch`), never in the URL.',
    ...allow.party('buyer', 'supplier', 'operator'),
    request: { params: idParam('id', 'ord_2x7fk3mq9d4tq0h7n1bz8w6yec'), headers: LastEventId },
    responses: {
      200: {
        description: 'The stream; it stays open until the session expires or the client leaves.',
        content: { 'text/event-stream': { schema: z.string().openapi({ example: EXAMPLE }) } },
      },
      ...problems(401, 403, 404, 422, 429),
    },
  }),
  async (c) => {
    const session = c.var.session;
    const orderId = c.req.valid('param').id;
    // Everything that can refuse runs here, so 401/404 are ordinary problem+json answers, never a stream.
    const order = await getOrderForParty(c.var.store, session.party, orderId);
    if (!order) throw notFound('order');
    const lastEventId = c.req.valid('header')['last-event-id'] || undefined;
    const store = c.var.store;
    // The last refusal (429 over the open-stream limits); the slot is given back when the stream ends.
    const release = await c.var.streamSlots.acquire(session);
    const res = streamSSE(c, async (stream) => {
      try {
        await runOrderStream(stream, {
          store,
          orderId,
          lastEventId: lastEventId === undefined ? undefined : Number(lastEventId),
          heartbeatMs: c.var.config.sseHeartbeatMs ?? DEFAULT_SSE_HEARTBEAT_MS,
          expiresAt: session.expiresAt,
          present: presentLiveEvent,
        });
      } finally {
        // Before the response ends, so a graceful shutdown waits for it rather than closing the database under it.
        await release();
      }
    });
    // Like every API answer: per caller, never stored by a cache. A reverse proxy must not buffer it either.
    res.headers.set('Cache-Control', 'no-store');
    res.headers.set('X-Accel-Buffering', 'no');
    // A stream ends only at session expiry, an error or shutdown, and the client then reconnects anyway; an
    // idle kept-alive socket would only hold a shutting-down server open until its keep-alive timeout.
    res.headers.set('Connection', 'close');
    return res;
  },
);
