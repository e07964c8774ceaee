/** Contract amendments of an order: the supplier proposes revised quantities, the buyer confirms (refund from escrow) or declines. */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { nowOf } from '../http/clock.js';
import { sendIdempotent } from '../http/idempotent-answer.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import { Amendment, AmendmentList, AmendmentParams, ConfirmAmendment, DeclineAmendment, ProposeAmendment, type Amendment as AmendmentBody } from '../schemas/amendments.js';
import { IdempotentReplayedHeader, OptionalIdempotencyHeaders } from '../schemas/escrow.js';
import { amendmentsFor, confirmAmendmentFor, declineAmendmentFor, proposeAmendmentFor } from '../services/amendments.js';

const Params = idParam('id', 'ord_2x7fk3mq9d4tq0h7n1bz8w6yec');
const TAGS = ['Amendments'];
const BODY_PROBLEMS = problems(400, 401, 403, 404, 409, 413, 415, 422);
const STATE =
  '409 `not_paid` before payment, `order_closed` after release, refund or settlement (escrow must hold the money).';

export const amendmentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders/{id}/amendments',
      tags: TAGS,
      summary: 'Propose lower quantities for the confirmed contract (supplier)',
      description:
        `A discrepancy's second way out: the buyer reconfirms the revised quantities and the difference in value is refunded from escrow. ${STATE} ` +
        '409 `step_out_of_order` once the goods are consolidated, `amendment_pending` while another proposal waits; 422 for a product not on the contract, a quantity above it, no lower line, every line dropped, or `refund_exceeds_escrow`.',
      ...allow.party('supplier'),
      request: { params: Params, body: jsonBody(ProposeAmendment) },
      responses: { 201: json(Amendment, 'The proposal, waiting for the buyer.'), ...BODY_PROBLEMS },
    }),
    async (c) => {
      const { items, reason } = c.req.valid('json');
      const amendment = await proposeAmendmentFor(c.var.store, { supplierId: c.var.session.party.id, orderId: c.req.valid('param').id, items, reason, now: nowOf(c) });
      return c.json(amendment, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders/{id}/amendments/{aid}/confirm',
      tags: TAGS,
      summary: 'Confirm the proposed amendment: signer name and explicit acceptance (buyer; Idempotency-Key optional)',
      description:
        'Stores the amendment’s canonical JSON and SHA-256 `digest`, records it in the contract’s audit chain, refunds `refund_amount` from escrow ' +
        `and updates the order’s total and balance, in one transaction. ${STATE} 409 \`amendment_not_pending\` once answered, ` +
        '`step_out_of_order` once the goods are consolidated (decline it instead). ' +
        'Money moves, so send an `Idempotency-Key` to retry safely: the same key and body replay the first answer byte for byte (status included, ' +
        'header `Idempotent-Replayed: true`) and refund nothing again, also when the retries race; another body → 422 `idempotency_key_reused`. ' +
        'Without the key a retry after success gets 409 `amendment_not_pending`.',
      ...allow.party('buyer'),
      request: { params: AmendmentParams, headers: OptionalIdempotencyHeaders, body: jsonBody(ConfirmAmendment) },
      responses: { 200: { ...json(Amendment, 'The confirmed amendment (or the replay of the first answer).'), headers: IdempotentReplayedHeader }, ...BODY_PROBLEMS },
    }),
    async (c) => {
      const { id, aid } = c.req.valid('param');
      const answer = await confirmAmendmentFor(c.var.store, {
        buyerId: c.var.session.party.id,
        orderId: id,
        amendmentId: aid,
        body: c.req.valid('json'),
        key: c.req.header('Idempotency-Key'),
        method: c.req.method,
        path: c.req.path,
        now: nowOf(c),
      });
      return sendIdempotent<AmendmentBody, 200>(c, answer);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders/{id}/amendments/{aid}/decline',
      tags: TAGS,
      summary: 'Decline the proposed amendment with a comment (buyer)',
      description: `Nothing else changes; the supplier may propose again. ${STATE} 409 \`amendment_not_pending\` once answered.`,
      ...allow.party('buyer'),
      request: { params: AmendmentParams, body: jsonBody(DeclineAmendment) },
      responses: { 200: json(Amendment, 'The declined amendment.'), ...BODY_PROBLEMS },
    }),
    async (c) => {
      const { id, aid } = c.req.valid('param');
      const amendment = await declineAmendmentFor(c.var.store, {
        buyerId: c.var.session.party.id,
        orderId: id,
        amendmentId: aid,
        comment: c.req.valid('json').comment,
        now: nowOf(c),
      });
      return c.json(amendment, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders/{id}/amendments',
      tags: TAGS,
      summary: 'The order’s contract amendments, newest first',
      description: 'For the buyer, the supplier, and operators of the order’s warehouse once it is paid.',
      ...allow.party('buyer', 'supplier', 'operator'),
      request: { params: Params },
      responses: { 200: json(AmendmentList, 'Every amendment with its status.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json(await amendmentsFor(c.var.store, c.var.session.party, c.req.valid('param').id), 200),
  );
