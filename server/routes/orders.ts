/** Orders opened by confirmed contracts: both parties (and, once paid, the warehouse's operators) list them and read one with its timeline. */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, idParam, json, problems } from '../http/openapi.js';
import { Order, OrderList, OrderListQuery } from '../schemas/orders.js';
import { getOrder, orderPage } from '../services/orders.js';

const TAGS = ['Orders'];

export const orderRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders',
      tags: TAGS,
      summary: 'Your orders (buyer or supplier; an operator: its warehouse’s paid orders), newest first, each with its latest event and next step',
      ...allow.party('buyer', 'supplier', 'operator'),
      request: { query: OrderListQuery },
      responses: { 200: json(OrderList, 'A page of orders.'), ...problems(400, 401, 403, 422) },
    }),
    async (c) => c.json(await orderPage(c.var.store, c.var.session.party, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders/{id}',
      tags: TAGS,
      summary: 'One order: amounts, agreements, warehouse, the timeline and its milestones',
      ...allow.party('buyer', 'supplier', 'operator'),
      request: { params: idParam('id', 'ord_2x7fk3mq9d4tq0h7n1bz8w6yec') },
      responses: { 200: json(Order, 'The order.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getOrder(c.var.store, c.var.session.party, c.req.valid('param').id), 200),
  );
