/**
 * The designated warehouse's steps on an order and what its parties read about them. Every party session
 * passes the guard, so the service can answer the way the API promises everywhere: 404 to whoever cannot
 * see the order, 403 `wrong_party` to whoever can but is not the step's actor.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { nowOf } from '../http/clock.js';
import { sendIdempotent } from '../http/idempotent-answer.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import { IdempotentReplayedHeader, OptionalIdempotencyHeaders } from '../schemas/escrow.js';
import {
  CartonReturn,
  Consolidation,
  CreateConsolidation,
  CreateCustomsRelease,
  CreateInspection,
  CreateMeasurement,
  CreateOwnershipTransfer,
  CreateReceipt,
  CreateReturn,
  CreateTrackingEvent,
  CrossCheck,
  CustomsRelease,
  Inspection,
  LatestPackingList,
  Measurement,
  OwnershipTransfer,
  PackingList,
  Receipt,
  Shipment,
  SubmitPackingList,
  TrackingEvent,
  type OwnershipTransfer as OwnershipTransferBody,
} from '../schemas/warehouse.js';
import { crossCheckFor, latestPackingListFor, shipmentFor } from '../services/shipment.js';
import {
  consolidate,
  inspectGoods,
  measureCartons,
  receiveGoods,
  recordTrackingEvent,
  releaseCustoms,
  returnCartons,
  submitPackingList,
  transferOwnership,
} from '../services/warehouse.js';

const Params = idParam('id', 'ord_2x7fk3mq9d4tq0h7n1bz8w6yec');
const TAGS = ['Warehouse'];

/** Any party may call; `callers` says who the step is for (the service enforces it). */
const callers = (...who: string[]) => ({ ...allow.party('buyer', 'supplier', 'operator'), 'x-k100-callers': who });
const OPERATOR = 'operator session (of the order’s designated warehouse)';
const READERS = ['buyer session', 'supplier session', `${OPERATOR}, once paid`];

const STEP_REFUSALS =
  '403 `wrong_party` when the order is yours to see but the step is not. 409 `not_paid` before payment, `order_closed` after settlement ' +
  '(or a refund), `step_out_of_order` with a detail that says what must come first, `no_designated_warehouse`.';

/** A POST step: JSON body in, 201 (or 200) with the step's record out. */
function step<B extends z.ZodType, R extends z.ZodType, S extends 200 | 201 = 201>(path: string, summary: string, description: string, who: string, body: B, response: R, status: S = 201 as S) {
  return createRoute({
    method: 'post',
    path: `/v1/orders/{id}/${path}`,
    tags: TAGS,
    summary,
    description: `${description} ${STEP_REFUSALS}`,
    ...callers(who),
    request: { params: Params, body: jsonBody(body) },
    responses: { ...({ [status]: json(response, 'Recorded.') } as Record<S, ReturnType<typeof json<R>>>), ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
  });
}

export const warehouseRoutes = createRouter()
  .openapi(
    step(
      'packing-list',
      'Submit a revision of the packing list (supplier)',
      'Cartons by barcode with their product and quantity, weights optional. Every revision is kept and issues a packing list document; allowed until customs release. 422 when a product is not on the contract.',
      'supplier session',
      SubmitPackingList,
      PackingList,
    ),
    async (c) => {
      const result = await submitPackingList(c.var.store, { caller: c.var.session.party, orderId: c.req.valid('param').id, now: nowOf(c), body: c.req.valid('json') });
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders/{id}/packing-list',
      tags: TAGS,
      summary: 'The latest packing list and its revisions',
      ...callers(...READERS),
      request: { params: Params },
      responses: { 200: json(LatestPackingList, 'The latest revision, with every revision listed.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json(await latestPackingListFor(c.var.store, c.var.session.party, c.req.valid('param').id), 200),
  )
  .openapi(
    step(
      'receipts',
      'Receive cartons by barcode (operator)',
      'Issues a goods receipt to the supplier. Several receipts are allowed before consolidation (late goods). 409 `barcode_already_received` (with `barcodes`) stores nothing; products not on the contract are accepted and reported by the cross-check.',
      OPERATOR,
      CreateReceipt,
      Receipt,
    ),
    async (c) => c.json(await receiveGoods(c.var.store, { caller: c.var.session.party, orderId: c.req.valid('param').id, now: nowOf(c), body: c.req.valid('json') }), 201),
  )
  .openapi(
    step('returns', 'Return cartons to the supplier (operator)', 'Excess or wrong goods go back before consolidation and stop counting as received. 422 for a carton not on hand.', OPERATOR, CreateReturn, CartonReturn),
    async (c) => c.json(await returnCartons(c.var.store, { caller: c.var.session.party, orderId: c.req.valid('param').id, now: nowOf(c), body: c.req.valid('json') }), 201),
  )
  .openapi(
    step(
      'inspections',
      'Record an inspection of sampled cartons (operator)',
      'Sample at least ceil(cartons on hand × inspection percent / 100) cartons. The latest inspection counts; a failed one blocks consolidation (`inspection_failed`). 409 `inspection_not_agreed` at 0 %.',
      OPERATOR,
      CreateInspection,
      Inspection,
    ),
    async (c) => c.json(await inspectGoods(c.var.store, { caller: c.var.session.party, orderId: c.req.valid('param').id, now: nowOf(c), body: c.req.valid('json') }), 201),
  )
  .openapi(
    step(
      'measurements',
      'Weigh and measure every carton on hand (operator)',
      'Exactly the cartons on hand (422 lists `missing_barcodes` and `unknown_barcodes`); replaces earlier measurements. Cartons received later make it stale.',
      OPERATOR,
      CreateMeasurement,
      Measurement,
    ),
    async (c) => c.json(await measureCartons(c.var.store, { caller: c.var.session.party, orderId: c.req.valid('param').id, now: nowOf(c), body: c.req.valid('json') }), 201),
  )
  .openapi(
    step(
      'consolidation',
      'Consolidate into a container or hand to the courier (operator)',
      'Once. Needs every carton measured, the inspection passed (if agreed) and the cross-check `match` (409 `cross_check_failed` with `differences`); the mode must be the contract’s (409 `mode_mismatch`).',
      OPERATOR,
      CreateConsolidation,
      Consolidation,
    ),
    async (c) => c.json(await consolidate(c.var.store, { caller: c.var.session.party, orderId: c.req.valid('param').id, now: nowOf(c), body: c.req.valid('json') }), 201),
  )
  .openapi(
    step(
      'customs-release',
      'Record the export customs release (operator)',
      'Once, after consolidation. Issues the commercial invoice and the customs declaration.',
      OPERATOR,
      CreateCustomsRelease,
      CustomsRelease,
    ),
    async (c) => c.json(await releaseCustoms(c.var.store, { caller: c.var.session.party, orderId: c.req.valid('param').id, now: nowOf(c), body: c.req.valid('json') }), 201),
  )
  .openapi(
    step(
      'tracking-events',
      'Record departure, arrival, ready for pickup or pickup (operator)',
      '`departed` (after customs release; `bill_of_lading_no` required for fcl/lcl, issuing a bill of lading record), `arrived`, `ready_for_pickup`, `picked_up`: in that order, once each, each `at` no earlier than the one before (422).',
      OPERATOR,
      CreateTrackingEvent,
      TrackingEvent,
    ),
    async (c) => c.json(await recordTrackingEvent(c.var.store, { caller: c.var.session.party, orderId: c.req.valid('param').id, now: nowOf(c), body: c.req.valid('json') }), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders/{id}/ownership-transfer',
      tags: TAGS,
      summary: 'Record the ownership transfer: releases escrow and settles the order (operator; Idempotency-Key optional)',
      description:
        'After `picked_up`, with the cross-check `match` (409 `cross_check_failed` with `differences`) and no open dispute (409 `dispute_open`). ' +
        'Releases the escrow balance to the supplier; webhooks `escrow.released` and `order.settled`. ' +
        'Money moves, so send an `Idempotency-Key` to retry safely: the same key and body replay the first answer byte for byte (status included, ' +
        'header `Idempotent-Replayed: true`) and release nothing again, also when the retries race; another body → 422 `idempotency_key_reused`. ' +
        `Without the key a retry after success gets 409 \`order_closed\` (the order is settled). ${STEP_REFUSALS}`,
      ...callers(OPERATOR),
      request: { params: Params, headers: OptionalIdempotencyHeaders, body: jsonBody(CreateOwnershipTransfer) },
      responses: {
        200: { ...json(OwnershipTransfer, 'Recorded (or the replay of the first answer).'), headers: IdempotentReplayedHeader },
        ...problems(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const answer = await transferOwnership(c.var.store, {
        caller: c.var.session.party,
        orderId: c.req.valid('param').id,
        now: nowOf(c),
        key: c.req.header('Idempotency-Key'),
        method: c.req.method,
        path: c.req.path,
        body: c.req.valid('json'),
      });
      return sendIdempotent<OwnershipTransferBody, 200>(c, answer);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders/{id}/cross-check',
      tags: TAGS,
      summary: 'Packing list vs goods received vs contract, per product (and declared vs measured weight)',
      ...callers(...READERS),
      request: { params: Params },
      responses: { 200: json(CrossCheck, '`match`, or the differences.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json(await crossCheckFor(c.var.store, c.var.session.party, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders/{id}/shipment',
      tags: TAGS,
      summary: 'Cartons, measures, container, customs, tracking and pickup of the order',
      ...callers(...READERS),
      request: { params: Params },
      responses: { 200: json(Shipment, 'The shipment as recorded so far.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json(await shipmentFor(c.var.store, c.var.session.party, c.req.valid('param').id), 200),
  );
