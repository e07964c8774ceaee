/** Product categories with counts of what the caller can see. */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, json, problems } from '../http/openapi.js';
import { CategoryList } from '../schemas/catalog.js';
import { listCategories } from '../store/catalog.js';

export const categoryRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/categories',
      tags: ['Catalog'],
      summary: 'Categories with how many products you can see in each',
      ...allow.catalogReader(),
      responses: { 200: json(CategoryList, 'Categories, alphabetically.'), ...problems(401, 403) },
    }),
    async (c) => c.json({ data: await listCategories(c.var.store, c.var.reader.viewer) }, 200),
  );
