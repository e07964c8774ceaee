/**
 * Composes the HTTP app from its parts: cross-cutting middleware, one router per resource, the API
 * document and reference, static delivery, and the single error/not-found exit. No sockets here
 * (`index.ts` serves it; tests call `app.request()`).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { requestId } from 'hono/request-id';
import { authenticate } from './auth/authenticate.js';
import { cors } from './auth/cors.js';
import { createSessionService } from './auth/sessions.js';
import type { AppConfig } from './config.js';
import type { ApiDocument } from './docs/render.js';
import type { AppEnv } from './env.js';
import { notFoundHandler, onError, validationHook } from './http/errors.js';
import { bodyLimit, noStore, provide, refuseUnstorableText, securityHeaders } from './http/middleware.js';
import { createRateLimits } from './http/rate-limits.js';
import { SECURITY_SCHEMES, documentGeneralLimits, nullableRefsAsAnyOf } from './http/openapi.js';
import { accessRequestRoutes } from './routes/access-requests.js';
import { amendmentRoutes } from './routes/amendments.js';
import { categoryRoutes } from './routes/categories.js';
import { contractRoutes } from './routes/contracts.js';
import { disputeRoutes } from './routes/disputes.js';
import { documentRoutes } from './routes/documents.js';
import { docsRoutes } from './routes/docs.js';
import { folderRoutes } from './routes/folders.js';
import { gatewayRoutes } from './routes/gateways.js';
import { healthRoutes } from './routes/health.js';
import { ledgerRoutes } from './routes/ledger.js';
import { negotiationRoutes } from './routes/negotiations.js';
import { orderEventRoutes } from './routes/order-events.js';
import { orderRoutes } from './routes/orders.js';
import { paymentRoutes } from './routes/payments.js';
import { privateGrantRoutes } from './routes/private-grants.js';
import { productRoutes } from './routes/products.js';
import { purchaseOrderRoutes } from './routes/purchase-orders.js';
import { sandboxRoutes } from './routes/sandbox.js';
import { sandboxPayRoutes } from './routes/sandbox-pay.js';
import { sessionRoutes } from './routes/sessions.js';
import { staticRoutes } from './routes/static.js';
import { supplierRoutes } from './routes/suppliers.js';
import { warehouseRoutes } from './routes/warehouse.js';
import { registerWebhookEvents, webhookEndpointRoutes } from './routes/webhook-endpoints.js';
import type { Store } from './store/db.js';

export type { AppConfig } from './config.js';
export type { AppEnv } from './env.js';

export interface AppDeps {
  store: Store;
  config: AppConfig;
}

export const API_INFO = {
  title: 'K100 Widgets API',
  version: '0.1.0',
  description:
    'The K100B2B procurement flow for partner marketplaces: catalog search, product folders and private grants, negotiations, electronic purchase orders, e-contracts with tamper-evident evidence, and orders. JSON, snake_case, money in integer minor units.',
};

/**
 * The versioned API: every resource router, in the order they appear in the reference. Mounted from a
 * list rather than one `.route()` chain: the chained type of twenty-odd routers is more than TypeScript
 * can represent (TS2590), and no client consumes it; partners get types from `/v1/openapi.json`.
 */
const API_ROUTERS: readonly OpenAPIHono<AppEnv, any, any>[] = [
  healthRoutes,
  sessionRoutes,
  productRoutes,
  supplierRoutes,
  categoryRoutes,
  folderRoutes,
  privateGrantRoutes,
  accessRequestRoutes,
  negotiationRoutes,
  purchaseOrderRoutes,
  contractRoutes,
  orderRoutes,
  orderEventRoutes,
  gatewayRoutes,
  paymentRoutes,
  ledgerRoutes,
  disputeRoutes,
  warehouseRoutes,
  amendmentRoutes,
  documentRoutes,
  webhookEndpointRoutes,
];

function api(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  for (const routes of API_ROUTERS) router.route('/', routes);
  return router;
}

export function createApp(deps: AppDeps) {
  const { store, config } = deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  const limits = createRateLimits(store, config);

  app.use(requestId({ limitLength: 128 }));
  app.use(provide({ store, config, sessions: createSessionService(store, config), streamSlots: limits.streams }));
  app.use(securityHeaders());
  app.use('/v1/*', noStore());
  app.use('/sandbox/*', noStore());
  app.use('/health', noStore());
  app.use('/v1/*', cors());
  app.use('/sandbox/*', cors());
  app.use(bodyLimit());
  for (const [path, limit] of limits.beforeAuth) app.use(path, limit);
  app.use('/v1/*', authenticate());
  for (const [path, limit] of limits.afterAuth) app.use(path, limit);
  app.use('/v1/*', refuseUnstorableText());
  app.use('/sandbox/*', refuseUnstorableText());
  // Widget bundles are the one large thing we serve; partners without a CDN still get them gzipped.
  app.use('/widgets/*', compress());

  app.route('/', api());
  if (config.sandbox) app.route('/', sandboxRoutes).route('/', sandboxPayRoutes);

  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) {
    app.openAPIRegistry.registerComponent('securitySchemes', name, { ...scheme });
  }
  registerWebhookEvents(app.openAPIRegistry);
  let document: ApiDocument | undefined;
  const apiDocument = () => (document ??= documentGeneralLimits(nullableRefsAsAnyOf(app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO })) as ApiDocument));
  app.route('/', docsRoutes(apiDocument));
  // Last: the demo's page routes match any single path segment.
  app.route('/', staticRoutes);

  app.onError(onError);
  app.notFound(notFoundHandler(() => app.routes));
  return app;
}
