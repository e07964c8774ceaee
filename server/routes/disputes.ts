/** Disputes of an order's escrow: the buyer opens one before release; K100Pay's admin (the partner's secret key) resolves it. */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { nowOf } from '../http/clock.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import { Dispute, DisputeList, DisputeParams, ResolveDispute } from '../schemas/escrow.js';
import { CreateDispute } from '../schemas/payments.js';
import { disputesFor, openDisputeFor, resolveDisputeFor } from '../services/escrow.js';

const Params = idParam('id', 'ord_2x7fk3mq9d4tq0h7n1bz8w6yec');
const TAGS = ['K100Pay'];

export const disputeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders/{id}/disputes',
      tags: TAGS,
      summary: 'Dispute the order while escrow holds its balance (buyer)',
      description:
        '409 `escrow_not_funded` before payment, `escrow_released` after the balance went to the supplier (the buyer then waived disputes), ' +
        '`escrow_refunded`, `escrow_empty` (a 100 % deposit leaves nothing held), `dispute_open` while another is open.',
      ...allow.party('buyer'),
      request: { params: Params, body: jsonBody(CreateDispute) },
      responses: { 201: json(Dispute, 'The open dispute; the order’s payment status reads `disputed`.'), ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const dispute = await openDisputeFor(c.var.store, { partyId: c.var.session.party.id, orderId: c.req.valid('param').id, reason: c.req.valid('json').reason, now: nowOf(c) });
      return c.json(dispute, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders/{id}/disputes',
      tags: TAGS,
      summary: 'The order’s disputes, newest first (buyer and supplier of the order)',
      ...allow.party('buyer', 'supplier', 'operator'),
      // Operators pass the guard but find no order here (its money is not theirs): 404, as for any stranger.
      'x-k100-callers': ['buyer session (the order’s)', 'supplier session (the order’s)'],
      request: { params: Params },
      responses: { 200: json(DisputeList, 'Disputes with their resolutions.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json(await disputesFor(c.var.store, c.var.session.party.id, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders/{id}/disputes/{dispute_id}/resolve',
      tags: TAGS,
      summary: 'Resolve a dispute (K100Pay admin, with the partner’s secret key)',
      description:
        'Admins act server to server with the secret key of the partner whose buyer placed the order. `refund_whole` or `refund_part` returns ' +
        'escrow to the buyer (the released deposit is not clawed back), `release` pays escrow to the supplier now, `dismiss` moves nothing. ' +
        '409 `no_open_dispute`; 422 `refund_exceeds_escrow`, `refund_amount_invalid`.',
      ...allow.secretKey(),
      request: { params: DisputeParams, body: jsonBody(ResolveDispute) },
      responses: { 200: json(Dispute, 'The resolved dispute.'), ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const { id, dispute_id } = c.req.valid('param');
      const { resolution, note } = c.req.valid('json');
      const dispute = await resolveDisputeFor(c.var.store, { partnerId: c.var.partner.id, orderId: id, disputeId: dispute_id, resolution, note, now: nowOf(c) });
      return c.json(dispute, 200);
    },
  );
