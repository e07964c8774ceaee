/** Payment intents of an order: the buyer asks for the exact amount to pay (idempotently); both parties list them. */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { nowOf } from '../http/clock.js';
import { sendIdempotent } from '../http/idempotent-answer.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import { IdempotencyHeaders, IdempotentReplayedHeader } from '../schemas/escrow.js';
import { CreatePaymentIntent, PaymentIntent, PaymentIntentList, type PaymentIntent as PaymentIntentBody } from '../schemas/payments.js';
import { createPaymentIntent, listPaymentIntents } from '../services/payment-intents.js';

const Params = idParam('id', 'ord_2x7fk3mq9d4tq0h7n1bz8w6yec');
const TAGS = ['K100Pay'];

export const paymentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders/{id}/payment-intents',
      tags: TAGS,
      summary: 'Ask for the exact amount to pay the order through a gateway and currency (buyer; Idempotency-Key)',
      description:
        'Quotes the contract total through the gateway from the stored rates: `amount_due` = converted amount + handling fee, both borne by the buyer, ' +
        'valid until `expires_at`. Exactly that amount must arrive, quoting `reference`. ' +
        '400 `idempotency_key_required` without the header; the same key and body replay the first answer byte for byte (status included, header ' +
        '`Idempotent-Replayed: true`), another body → 422 `idempotency_key_reused`. 409 `order_already_paid` once escrow is funded; 409 ' +
        '`intent_awaiting_funds` (with `intent_id`) while an earlier intent still awaits funds and has not expired. 422 `currency_not_supported`, ' +
        '409 `rate_unavailable`.',
      ...allow.party('buyer'),
      request: { params: Params, headers: IdempotencyHeaders, body: jsonBody(CreatePaymentIntent) },
      responses: {
        201: {
          ...json(PaymentIntent, 'The intent awaiting funds (or the replay of the first answer).'),
          headers: IdempotentReplayedHeader,
        }, ...problems(400, 401, 403, 404, 409, 413, 415, 422, 429) },
    }),
    async (c) => {
      const { gateway, currency } = c.req.valid('json');
      const answer = await createPaymentIntent(c.var.store, {
        buyerId: c.var.session.party.id,
        orderId: c.req.valid('param').id,
        gateway,
        currency,
        key: c.req.header('Idempotency-Key'),
        method: c.req.method,
        path: c.req.path,
        now: nowOf(c),
      });
      return sendIdempotent<PaymentIntentBody, 201>(c, answer);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders/{id}/payment-intents',
      tags: TAGS,
      summary: 'The order’s payment intents, newest first (buyer and supplier of the order)',
      ...allow.party('buyer', 'supplier', 'operator'),
      // Operators pass the guard but find no order here (its money is not theirs): 404, as for any stranger.
      'x-k100-callers': ['buyer session (the order’s)', 'supplier session (the order’s)'],
      request: { params: Params },
      responses: { 200: json(PaymentIntentList, 'Every intent of the order; an awaiting one past `expires_at` reads `expired`.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json(await listPaymentIntents(c.var.store, c.var.session.party.id, c.req.valid('param').id, nowOf(c)), 200),
  );
