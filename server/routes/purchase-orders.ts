/** Electronic purchase orders: the buyer issues one from an accepted negotiation; both parties list and read them. */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import { CreatePurchaseOrder, PurchaseOrder, PurchaseOrderList, PurchaseOrderListQuery } from '../schemas/negotiations.js';
import { issuePurchaseOrderFrom, loadPurchaseOrder, presentPurchaseOrder, purchaseOrderPage } from '../services/purchase-orders.js';

const TAGS = ['Purchase orders'];

export const purchaseOrderRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/purchase-orders',
      tags: TAGS,
      summary: 'Issue the e-PO from an accepted negotiation',
      description: 'Once per negotiation: 409 `not_accepted` before acceptance, 409 `already_issued` after.',
      ...allow.party('buyer'),
      request: { body: jsonBody(CreatePurchaseOrder) },
      responses: { 201: json(PurchaseOrder, 'The issued purchase order; `Location` names it.'), ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const buyerId = c.var.session.party.id;
      const po = await issuePurchaseOrderFrom(c.var.store, { buyerId, negotiationId: c.req.valid('json').negotiation_id });
      c.header('Location', `/v1/purchase-orders/${po.id}`);
      return c.json(await presentPurchaseOrder(c.var.store, po, buyerId), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/purchase-orders',
      tags: TAGS,
      summary: 'A buyer’s purchase orders, or a supplier’s PO inbox; newest first',
      ...allow.party('buyer', 'supplier'),
      request: { query: PurchaseOrderListQuery },
      responses: { 200: json(PurchaseOrderList, 'A page of purchase orders.'), ...problems(400, 401, 403, 422) },
    }),
    async (c) => c.json(await purchaseOrderPage(c.var.store, c.var.session.party, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/purchase-orders/{id}',
      tags: TAGS,
      summary: 'One purchase order, with the legal entities a contract drafter can prefill',
      ...allow.party('buyer', 'supplier'),
      request: { params: idParam('id', 'po_2x7fk3mq9d4tq0h7n1bz8w6yec') },
      responses: { 200: json(PurchaseOrder, 'The purchase order.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const partyId = c.var.session.party.id;
      const po = await loadPurchaseOrder(c.var.store, partyId, c.req.valid('param').id);
      return c.json(await presentPurchaseOrder(c.var.store, po, partyId), 200);
    },
  );
