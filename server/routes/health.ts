/** Liveness and database reachability, for load balancers and `npm start` smoke checks. */
import { createRoute, z } from '@hono/zod-openapi';
import { CompiledQuery } from 'kysely';
import { allow } from '../auth/access.js';
import { createRouter, json } from '../http/openapi.js';

/** Compiled once: load balancers call this every few seconds, per instance. */
const PING = CompiledQuery.raw('select 1');

const Health = z
  .object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unavailable']) })
  .openapi('Health');

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['Health'],
    summary: 'Is the server up and can it reach its database?',
    ...allow.anyone(),
    responses: {
      200: json(Health, 'Up, database reachable.'),
      503: json(Health, 'Up, but the database is unreachable.'),
    },
  }),
  async (c) => {
    try {
      await c.var.store.db.executeQuery(PING);
      return c.json({ status: 'ok', database: 'ok' } as const, 200);
    } catch (err) {
      console.error(`[k100] ${c.var.requestId} health check: database unavailable:`, err);
      return c.json({ status: 'degraded', database: 'unavailable' } as const, 503);
    }
  },
);
