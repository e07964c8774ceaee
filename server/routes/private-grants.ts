/** Private grants: a supplier opens some of its private (OEM/ODM) products to one buyer, and revokes. */
import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import { Id } from '../schemas/common.js';
import { CreateGrant, Grant, GrantList } from '../schemas/folders.js';
import { createGrant, presentGrant, revokeGrant } from '../services/grants.js';
import { listSupplierGrants } from '../store/grants.js';

const GrantParams = idParam('id', 'grant_5k2mq7c3x4tq0d7h9n1bz8w6ye');

export const privateGrantRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/private-grants',
      tags: ['Private grants'],
      summary: 'Grant a buyer access to some of your private products',
      ...allow.party('supplier'),
      request: { body: jsonBody(CreateGrant) },
      responses: { 201: json(Grant, 'The grant.'), ...problems(400, 401, 403, 413, 415, 422) },
    }),
    async (c) => {
      const { buyer_id, product_ids } = c.req.valid('json');
      const grant = await createGrant(c.var.store, {
        supplierId: c.var.session.party.id,
        buyerId: buyer_id,
        productIds: product_ids,
        now: new Date(),
      });
      c.header('Location', `/v1/private-grants/${grant.id}`);
      return c.json(presentGrant(grant), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/private-grants',
      tags: ['Private grants'],
      summary: 'Your grants, newest first, revoked ones included',
      ...allow.party('supplier'),
      request: { query: z.object({ buyer_id: Id.optional().openapi({ description: 'Only grants to this buyer.' }) }) },
      responses: { 200: json(GrantList, 'The grants.'), ...problems(401, 403, 422) },
    }),
    async (c) => {
      const { buyer_id } = c.req.valid('query');
      const grants = await listSupplierGrants(c.var.store, c.var.session.party.id, buyer_id);
      return c.json({ data: grants.map(presentGrant), next_cursor: null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/private-grants/{id}',
      tags: ['Private grants'],
      summary: 'Revoke a grant (idempotent); the buyer no longer sees its products',
      ...allow.party('supplier'),
      request: { params: GrantParams },
      responses: { 200: json(Grant, 'The grant with `revoked_at` set.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const grant = await revokeGrant(c.var.store, c.var.session.party.id, c.req.valid('param').id);
      return c.json(presentGrant(grant), 200);
    },
  );
