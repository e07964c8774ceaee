/**
 * The sandbox bank (mounted only when `K100_SANDBOX=1`): plays the gateway of a payment reference, signing a
 * "funds arrived" notification with that gateway's secret exactly as the gateway would, then sending it down
 * the real path (signature check, event dedupe, exact-amount rule). The demo and the tests pay this way.
 */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { newId } from '../domain/ids.js';
import { parseReference } from '../domain/quote.js';
import { signPayload } from '../domain/signatures.js';
import { nowOf } from '../http/clock.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import { conflict, invalidField, notFound } from '../problem.js';
import { GatewayNotification, SandboxDepositAck } from '../schemas/escrow.js';
import { PaymentIntent, SandboxDeposit } from '../schemas/payments.js';
import { authenticateNotification, processNotification } from '../services/funds.js';
import { presentIntent } from '../services/payment-intents.js';
import { refusalProblem } from '../http/errors.js';
import { gatewaySecrets } from '../store/pay-rails.js';
import { expireQuoteNow, intentById, partnerOfReference } from '../store/payments.js';

export const sandboxPayRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/v1/sandbox/deposits',
    tags: ['Sandbox'],
    summary: 'The sandbox bank: money for a payment reference arrives at its gateway (sandbox only)',
    description:
      'Signs `{event_id, reference, amount, currency, received_at}` with the gateway’s sandbox secret and processes it like ' +
      '`POST /v1/gateways/{gateway}/notifications`. Send the exact `amount_due`, less, more, another currency, or after `expires_at` to see each ' +
      'outcome; reuse `id` to send a duplicate. Any session of the partner whose order the reference belongs to.',
    ...allow.party('buyer', 'supplier', 'operator'),
    request: { body: jsonBody(SandboxDeposit) },
    responses: { 202: json(SandboxDepositAck, 'Sent; `notification` is the gateway’s answer.'), ...problems(400, 401, 403, 404, 413, 415, 422, 429) },
  }),
  async (c) => {
    const body = c.req.valid('json');
    if (body.amount === 0) throw invalidField('amount', 'A deposit is a positive amount of minor units.');
    const parsed = parseReference(body.reference);
    if (!parsed.ok) throw refusalProblem(parsed);
    const owner = await partnerOfReference(c.var.store, parsed.value);
    // Another partner's reference is as unknown as a made-up one.
    if (!owner || owner.partner_id !== c.var.session.partner.id) throw notFound('payment reference');
    const now = nowOf(c);
    const seconds = Math.floor(now.getTime() / 1000);
    const rawBody = JSON.stringify({ event_id: body.id ?? newId('gwe'), reference: body.reference, amount: body.amount, currency: body.currency, received_at: now.toISOString() });
    const [secret] = await gatewaySecrets(c.var.store, owner.gateway_id);
    if (secret === undefined) throw notFound('gateway secret');
    const header = signPayload(secret, rawBody, seconds);
    // From here on it is the gateway's request as we would receive it: checked, parsed, settled.
    const { gateway, signedAt } = await authenticateNotification(c.var.store, { gatewayId: owner.gateway_id, rawBody, header, now });
    const notification = GatewayNotification.parse(JSON.parse(rawBody));
    const ack = await processNotification(c.var.store, { gateway, notification, rawBody, signedAt, now });
    return c.json({ accepted: true as const, gateway: owner.gateway_id, notification: ack }, 202);
  },
)
.openapi(
  createRoute({
    method: 'post',
    path: '/v1/sandbox/payment-intents/{id}/expire',
    tags: ['Sandbox'],
    summary: 'Let a quote run out now instead of after its gateway’s quote time (sandbox only)',
    description:
      'Moves `expires_at` of an intent awaiting funds to now, so the expired outcome (and a late deposit’s refund) can be seen ' +
      'without waiting 15 minutes or 3 days. The order’s buyer only.',
    ...allow.party('buyer'),
    request: { params: idParam('id', 'pi_…') },
    responses: { 200: json(PaymentIntent, 'The intent, now expired.'), ...problems(401, 403, 404, 409) },
  }),
  async (c) => {
    const now = nowOf(c);
    const intent = await intentById(c.var.store, c.req.valid('param').id);
    if (!intent || intent.buyer_id !== c.var.session.party.id) throw notFound('payment intent');
    if (intent.status !== 'awaiting_funds' || intent.expires_at <= now.toISOString()) {
      throw conflict('Only a quote that is still awaiting funds can be made to expire.');
    }
    // A quote holds through its expires_at instant; one millisecond before now makes it lapsed already.
    await expireQuoteNow(c.var.store, intent.id, new Date(now.getTime() - 1).toISOString(), now.toISOString());
    return c.json(presentIntent((await intentById(c.var.store, intent.id))!, now), 200);
  },
);
