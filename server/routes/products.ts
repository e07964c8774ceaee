/** Products: search and read (any session or key, by visibility), and suppliers' writes to their own catalog. */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import { notFound } from '../problem.js';
import { CreateProduct, Product, ProductList, ProductSearchQuery, UpdateProduct } from '../schemas/catalog.js';
import { createProduct, updateProduct } from '../services/products.js';
import { getProduct, searchProducts } from '../store/catalog.js';

const ProductParams = idParam('id', 'prod_led_strip_cob_24v');

export const productRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/products',
      tags: ['Catalog'],
      summary: 'Search products: ranked full text and filters, paged by cursor',
      description: 'Buyers see public products plus private ones granted to them; suppliers also see all their own.',
      ...allow.catalogReader(),
      request: { query: ProductSearchQuery },
      responses: { 200: json(ProductList, 'A page of products.'), ...problems(400, 401, 403, 422) },
    }),
    async (c) => c.json(await searchProducts(c.var.store, c.var.reader.viewer, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/products/{id}',
      tags: ['Catalog'],
      summary: 'One product, if you may see it',
      ...allow.catalogReader(),
      request: { params: ProductParams },
      responses: { 200: json(Product, 'The product.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const product = await getProduct(c.var.store, c.var.reader.viewer, c.req.valid('param').id);
      if (!product) throw notFound('product');
      return c.json(product, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/products',
      tags: ['Catalog'],
      summary: 'Publish a product in your own catalog',
      ...allow.party('supplier'),
      request: { body: jsonBody(CreateProduct) },
      responses: { 201: json(Product, 'The new product; `Location` names it.'), ...problems(400, 401, 403, 413, 415, 422) },
    }),
    async (c) => {
      const product = await createProduct(c.var.store, c.var.session.party.id, c.req.valid('json'));
      c.header('Location', `/v1/products/${product.id}`);
      return c.json(product, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/products/{id}',
      tags: ['Catalog'],
      summary: 'Change fields of one of your products',
      ...allow.party('supplier'),
      request: { params: ProductParams, body: jsonBody(UpdateProduct) },
      responses: { 200: json(Product, 'The updated product.'), ...problems(400, 401, 403, 404, 413, 415, 422) },
    }),
    async (c) => {
      const product = await updateProduct(c.var.store, c.var.session.party.id, c.req.valid('param').id, c.req.valid('json'));
      return c.json(product, 200);
    },
  );
