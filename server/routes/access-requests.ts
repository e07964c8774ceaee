/** Access requests: buyers ask a supplier for its customised products; suppliers approve (which grants) or decline. */
import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import { AccessRequest, AccessRequestList, AccessRequestStatus, ApproveAccessRequest, CreateAccessRequest } from '../schemas/folders.js';
import { decideAccess, presentAccessRequest, requestAccess } from '../services/access-requests.js';
import { listAccessRequests } from '../store/access-requests.js';

const Params = idParam('id', 'areq_2x7fk3mq9d4tq0h7n1bz8w6yec');

/** Decline takes no fields today; an empty object (or no body) keeps room for a reason later. */
const DeclineAccessRequest = z.strictObject({}).openapi('DeclineAccessRequest');

export const accessRequestRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/access-requests',
      tags: ['Access requests'],
      summary: 'Ask a supplier for access to its private (OEM/ODM) products',
      ...allow.party('buyer'),
      request: { body: jsonBody(CreateAccessRequest) },
      responses: { 201: json(AccessRequest, 'The pending request.'), ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const { supplier_id, message } = c.req.valid('json');
      const buyerId = c.var.session.party.id;
      const request = await requestAccess(c.var.store, { buyerId, supplierId: supplier_id, message });
      c.header('Location', `/v1/access-requests/${request.id}`);
      return c.json(presentAccessRequest(request), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/access-requests',
      tags: ['Access requests'],
      summary: 'A buyer’s own requests, or a supplier’s inbox; newest first',
      ...allow.party('buyer', 'supplier'),
      request: { query: z.object({ status: AccessRequestStatus.optional() }) },
      responses: { 200: json(AccessRequestList, 'The requests.'), ...problems(401, 403, 422) },
    }),
    async (c) => {
      const { status } = c.req.valid('query');
      const { party } = c.var.session;
      const side = party.kind === 'buyer' ? { buyer_id: party.id } : { supplier_id: party.id };
      const requests = await listAccessRequests(c.var.store, side, status);
      return c.json({ data: requests.map(presentAccessRequest), next_cursor: null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/access-requests/{id}/approve',
      tags: ['Access requests'],
      summary: 'Approve a pending request, granting the buyer your private products',
      description: 'Grants `product_ids`, or all your private products when omitted, in the same transaction.',
      ...allow.party('supplier'),
      request: {
        params: Params,
        body: { required: false, content: { 'application/json': { schema: ApproveAccessRequest } } },
      },
      responses: { 200: json(AccessRequest, 'The approved request with its `grant_id`.'), ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const { product_ids } = c.req.valid('json');
      const request = await decideAccess(c.var.store, {
        supplierId: c.var.session.party.id,
        id: c.req.valid('param').id,
        decision: 'approve',
        ...(product_ids === undefined ? {} : { productIds: product_ids }),
      });
      return c.json(presentAccessRequest(request), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/access-requests/{id}/decline',
      tags: ['Access requests'],
      summary: 'Decline a pending request',
      ...allow.party('supplier'),
      request: {
        params: Params,
        body: { required: false, content: { 'application/json': { schema: DeclineAccessRequest } } },
      },
      responses: { 200: json(AccessRequest, 'The declined request.'), ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const request = await decideAccess(c.var.store, {
        supplierId: c.var.session.party.id,
        id: c.req.valid('param').id,
        decision: 'decline',
      });
      return c.json(presentAccessRequest(request), 200);
    },
  );
