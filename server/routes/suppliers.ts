/** The supplier directory, searchable by any session or key. */
import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, json, problems } from '../http/openapi.js';
import { SupplierList } from '../schemas/catalog.js';
import { Cursor, Limit } from '../schemas/common.js';
import { searchSuppliers } from '../store/catalog.js';

const SupplierQuery = z.object({
  q: z.string().trim().max(200).optional().openapi({ description: 'Words to find in name, location or description.' }),
  cursor: Cursor.optional(),
  limit: Limit,
});

export const supplierRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/suppliers',
      tags: ['Catalog'],
      summary: 'Find suppliers by name, location or description',
      ...allow.catalogReader(),
      request: { query: SupplierQuery },
      responses: { 200: json(SupplierList, 'A page of suppliers.'), ...problems(400, 401, 403, 422) },
    }),
    async (c) => c.json(await searchSuppliers(c.var.store, c.req.valid('query')), 200),
  );
