/** K100Pay gateways: the list a checkout offers, and each gateway's signed "funds arrived" notification. */
import { createRoute } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { allow } from '../auth/access.js';
import type { AppEnv } from '../env.js';
import { nowOf } from '../http/clock.js';
import { createRouter, json, jsonBody, problems } from '../http/openapi.js';
import { GatewayNotification, GatewayParams, NotificationAck, SignatureHeaders } from '../schemas/escrow.js';
import { GatewayList } from '../schemas/payments.js';
import { authenticateNotification, processNotification } from '../services/funds.js';
import { gatewayList } from '../services/gateways.js';
import type { StoredGateway } from '../store/pay-rails.js';

const TAGS = ['K100Pay'];

interface Authenticated {
  gateway: StoredGateway;
  rawBody: string;
  signedAt: number;
}

/**
 * Runs before body validation: the signature is over the raw bytes (read once here; Hono caches them for the
 * JSON validator), and a forged or stale request gets 401 before anyone learns what a valid body looks like.
 */
const gatewaySignature = createMiddleware<AppEnv & { Variables: { authenticated: Authenticated } }>(async function gatewaySignature(c, next) {
  const rawBody = await c.req.text();
  const { gateway, signedAt } = await authenticateNotification(c.var.store, {
    gatewayId: c.req.param('gateway') ?? '',
    rawBody,
    header: c.req.header('K100-Signature'),
    now: nowOf(c),
  });
  c.set('authenticated', { gateway, rawBody, signedAt });
  await next();
});

export const gatewayRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/gateways',
      tags: TAGS,
      summary: 'The K100Pay gateways: currencies, FX spread, handling fee rule and quote lifetime',
      ...allow.party('buyer', 'supplier', 'operator'),
      responses: { 200: json(GatewayList, 'Every gateway, in display order.'), ...problems(401, 403) },
    }),
    async (c) => c.json(await gatewayList(c.var.store), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/gateways/{gateway}/notifications',
      tags: TAGS,
      summary: 'Funds arrived (called by the gateway, signed with its secret)',
      description:
        'No session: the gateway authenticates with `K100-Signature: t=…,v1=…`, HMAC-SHA256 with its notification secret over `t + "." + raw body`, ' +
        'compared in constant time and refused beyond ±300 s (401 `signature_missing|signature_malformed|signature_invalid|signature_stale`). ' +
        'Each `event_id` is processed once per gateway: a repeat answers 200 `duplicate: true` and changes nothing. Funds are matched by `reference`; ' +
        'exactly `amount_due` in the intent currency before `expires_at` funds escrow (and releases the deposit), anything else is refunded minus the refund cost. ' +
        'A reference we do not know is recorded as `unmatched` and still answered 200, so the gateway stops retrying; K100Pay operations return those funds by hand.',
      security: [],
      'x-k100-callers': ['gateway (signed, no session)'],
      middleware: [gatewaySignature] as const,
      request: { params: GatewayParams, headers: SignatureHeaders, body: jsonBody(GatewayNotification) },
      responses: { 200: json(NotificationAck, 'Processed (or already processed).'), ...problems(400, 401, 404, 413, 415, 422, 429) },
    }),
    async (c) => {
      const { gateway, rawBody, signedAt } = c.var.authenticated;
      const ack = await processNotification(c.var.store, { gateway, notification: c.req.valid('json'), rawBody, signedAt, now: nowOf(c) });
      return c.json(ack, 200);
    },
  );
