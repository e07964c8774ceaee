/** The buyer's Public Product Folder (collect, remove) and Private Product Folder (granted private products). */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, idParam, json, problems } from '../http/openapi.js';
import { PrivateFolder, PublicFolder, PublicFolderItem } from '../schemas/folders.js';
import { collect, privateFolder, publicFolder, uncollect } from '../services/folders.js';

const ItemParams = idParam('product_id', 'prod_led_strip_cob_24v');

export const folderRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/folders/public',
      tags: ['Folders'],
      summary: 'Your Public Product Folder, newest first',
      ...allow.party('buyer'),
      responses: { 200: json(PublicFolder, 'Collected products.'), ...problems(401, 403) },
    }),
    async (c) => c.json({ data: await publicFolder(c.var.store, c.var.session.party.id), next_cursor: null }, 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/folders/public/items/{product_id}',
      tags: ['Folders'],
      summary: 'Collect a public product (idempotent)',
      description: '201 the first time, 200 with the same `added_at` after. Private products live in the Private Product Folder (422).',
      ...allow.party('buyer'),
      request: { params: ItemParams },
      responses: {
        201: json(PublicFolderItem, 'Collected.'),
        200: json(PublicFolderItem, 'Already collected; unchanged.'),
        ...problems(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const { item, created } = await collect(c.var.store, c.var.session.party.id, c.req.valid('param').product_id);
      return created ? c.json(item, 201) : c.json(item, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/folders/public/items/{product_id}',
      tags: ['Folders'],
      summary: 'Remove a product from your Public Product Folder (idempotent)',
      ...allow.party('buyer'),
      request: { params: ItemParams },
      responses: { 204: { description: 'Removed, or was not there.' }, ...problems(401, 403, 422) },
    }),
    async (c) => {
      await uncollect(c.var.store, c.var.session.party.id, c.req.valid('param').product_id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/folders/private',
      tags: ['Folders'],
      summary: 'Your Private Product Folder: private products suppliers granted you',
      ...allow.party('buyer'),
      responses: { 200: json(PrivateFolder, 'Granted private products, one row each.'), ...problems(401, 403) },
    }),
    async (c) => c.json({ data: await privateFolder(c.var.store, c.var.session.party.id), next_cursor: null }, 200),
  );
