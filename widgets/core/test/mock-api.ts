/** A small in-memory K100 API behind msw's service worker: the network of the widget browser tests. */
import { HttpResponse, delay, http } from 'msw';
import { setupWorker } from 'msw/browser';
import type { Product, Supplier } from '../../../server/schemas/catalog.js';
import type { AccessRequest } from '../../../server/schemas/folders.js';
import { createDealHandlers, deals } from './mock-deals.js';
import { createPayHandlers, payDb } from './mock-pay.js';
import { createShipHandlers } from './mock-ship.js';
import { createWarehouseHandlers, warehouseDb } from './mock-warehouse.js';

export const TOKENS = {
  buyer: 'tok_buyer_acme',
  supplier: 'tok_supplier_led',
  expired: 'tok_expired',
  publishable: 'pk_test_demo',
} as const;

const SUPPLIERS: Supplier[] = [
  { id: 'sup_led', name: 'Shenzhen LED Co.', location: 'Shenzhen, CN', description: '', public_product_count: 2 },
  { id: 'sup_tex', name: 'Ningbo Textiles', location: 'Ningbo, CN', description: '', public_product_count: 1 },
];

const NOW = '2026-11-27T10:00:00.000Z';

/** A product with sensible defaults; pass what the test cares about. */
export function product(fields: Partial<Product> & { id: string; name: string }): Product {
  const supplier = SUPPLIERS.find((s) => s.id === (fields.supplier_id ?? 'sup_led'))!;
  return {
    supplier_id: supplier.id,
    supplier: { id: supplier.id, name: supplier.name, location: supplier.location },
    description: '',
    category: 'led-lighting',
    moq: 100,
    unit_price: 250,
    currency: 'USD',
    images: [],
    visibility: 'public',
    created_at: NOW,
    updated_at: NOW,
    ...fields,
  };
}

export const PRODUCTS = {
  strip: product({ id: 'p_strip', name: 'LED Strip 5 m', moq: 100, unit_price: 250 }),
  panel: product({ id: 'p_panel', name: 'LED Panel 60×60', moq: 50, unit_price: 1850 }),
  towel: product({
    id: 'p_towel',
    name: 'Cotton Towel',
    supplier_id: 'sup_tex',
    category: 'textiles',
    moq: 500,
    unit_price: 1200,
    currency: 'JPY',
  }),
  lamp: product({
    id: 'p_lamp',
    name: 'OEM Desk Lamp',
    moq: 1000,
    unit_price: 4500,
    currency: 'CNY',
    visibility: 'private',
  }),
};

export interface LoggedRequest {
  origin: string;
  method: string;
  path: string;
  params: URLSearchParams;
  authorization: string | null;
  /** When msw saw it (`performance.now()` of the test page): no earlier than the widget's fetch. */
  at: number;
}

/** What the fake server holds; `reset()` before each test. */
export const db = {
  products: [] as Product[],
  publicFolder: [] as string[],
  privateFolder: [] as string[],
  accessRequests: [] as AccessRequest[],
  requests: [] as LoggedRequest[],
  reset() {
    this.products = Object.values(PRODUCTS);
    this.publicFolder = [PRODUCTS.panel.id];
    this.privateFolder = [PRODUCTS.lamp.id];
    this.accessRequests = [];
    this.requests = [];
  },
  /** Requests to `path` (and method) so far. */
  calls(method: string, path: string | RegExp) {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  },
};
db.reset();

export function problem(status: number, type: string, title: string, extra: object = {}) {
  return HttpResponse.json(
    { type: `https://k100widgets.dev/problems/${type}`, title, status, ...extra },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

const find = (id: string) => db.products.find((p) => p.id === id)!;

/** Pages a list with an offset cursor, like the server's opaque one. */
function page<T>(items: T[], params: URLSearchParams) {
  const limit = Number(params.get('limit') ?? 20);
  const offset = Number(params.get('cursor') ?? 0);
  const end = offset + limit;
  return HttpResponse.json({ data: items.slice(offset, end), next_cursor: end < items.length ? String(end) : null });
}

const handlers = [
  // Every request is logged and authenticated first; returning nothing falls through to the route.
  http.all('*/v1/*', ({ request }) => {
    const url = new URL(request.url);
    const authorization = request.headers.get('authorization');
    db.requests.push({ origin: url.origin, method: request.method, path: url.pathname, params: url.searchParams, authorization, at: performance.now() });
    if (authorization === `Bearer ${TOKENS.expired}`) return problem(401, 'session-expired', 'Session expired');
    if (!authorization) return problem(401, 'unauthenticated', 'Unauthenticated');
    const publicRead = request.method === 'GET' && /^\/v1\/(products|categories|suppliers)/.test(url.pathname);
    if (authorization === `Bearer ${TOKENS.publishable}` && !publicRead) return problem(401, 'unauthenticated', 'A session is required');
    return undefined;
  }),
  http.get('*/v1/me', ({ request }) => {
    const buyer = request.headers.get('authorization') === `Bearer ${TOKENS.buyer}`;
    return HttpResponse.json({
      party: buyer
        ? { id: 'buyer_acme', kind: 'buyer', name: 'Acme', location: 'Lagos, NG' }
        : { id: 'supplier_led', kind: 'supplier', name: 'Shenzhen LED Co.', location: 'Shenzhen, CN' },
      partner: { id: 'partner_demo', name: 'Demo' },
      expires_at: NOW,
    });
  }),
  http.get('*/v1/products', ({ request }) => {
    const params = new URL(request.url).searchParams;
    const q = params.get('q')?.toLowerCase();
    const min = params.get('min_price');
    const max = params.get('max_price');
    if (min !== null && max !== null && Number(max) < Number(min)) {
      return problem(400, 'validation', 'Invalid query', { errors: [{ path: 'max_price', message: 'must not be below min_price' }] });
    }
    const matches = db.products.filter(
      (p) =>
        (!q || p.name.toLowerCase().includes(q)) &&
        (!params.get('category') || p.category === params.get('category')) &&
        (min === null || p.unit_price >= Number(min)) &&
        (max === null || p.unit_price <= Number(max)),
    );
    return page(matches, params);
  }),
  http.get('*/v1/categories', () => {
    const counts = new Map<string, number>();
    for (const p of db.products) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
    return HttpResponse.json({ data: [...counts].map(([slug, product_count]) => ({ slug, product_count })) });
  }),
  http.get('*/v1/suppliers', ({ request }) => page(SUPPLIERS, new URL(request.url).searchParams)),
  http.get('*/v1/folders/public', ({ request }) =>
    page(
      db.publicFolder.map((id) => ({ product_id: id, added_at: NOW, product: find(id) })),
      new URL(request.url).searchParams,
    ),
  ),
  http.put('*/v1/folders/public/items/:id', ({ params }) => {
    const id = String(params['id']);
    if (!db.products.some((p) => p.id === id)) return problem(404, 'not-found', 'Not found');
    const created = !db.publicFolder.includes(id);
    if (created) db.publicFolder.push(id);
    return HttpResponse.json({ product_id: id, added_at: NOW, product: find(id) }, { status: created ? 201 : 200 });
  }),
  http.delete('*/v1/folders/public/items/:id', ({ params }) => {
    db.publicFolder = db.publicFolder.filter((id) => id !== params['id']);
    return new HttpResponse(null, { status: 204 });
  }),
  http.get('*/v1/folders/private', ({ request }) =>
    page(
      db.privateFolder.map((id) => ({ product_id: id, grant_id: `grant_${id}`, granted_at: NOW, product: find(id) })),
      new URL(request.url).searchParams,
    ),
  ),
  http.get('*/v1/access-requests', ({ request }) => {
    const status = new URL(request.url).searchParams.get('status');
    return HttpResponse.json({ data: db.accessRequests.filter((r) => !status || r.status === status), next_cursor: null });
  }),
  http.post('*/v1/access-requests', async ({ request }) => {
    const body = (await request.json()) as { supplier_id: string; message: string };
    const supplier = SUPPLIERS.find((s) => s.id === body.supplier_id);
    if (!supplier) return problem(404, 'not-found', 'Not found');
    if (db.accessRequests.some((r) => r.supplier.id === supplier.id && r.status === 'pending')) {
      return problem(409, 'conflict', 'A request is already pending');
    }
    const created: AccessRequest = {
      id: `ar_${db.accessRequests.length + 1}`,
      buyer: { id: 'buyer_acme', name: 'Acme' },
      supplier: { id: supplier.id, name: supplier.name },
      message: body.message,
      status: 'pending',
      grant_id: null,
      created_at: NOW,
      decided_at: null,
    };
    db.accessRequests.push(created);
    return HttpResponse.json(created, { status: 201 });
  }),
];

/** Which party a request's token stands for in the deal routes. */
function partyOf(request: Request) {
  const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
  return token.startsWith('tok_buyer') ? 'buyer' : token === TOKENS.supplier ? 'supplier' : 'other';
}

export const worker = setupWorker(...handlers, ...createWarehouseHandlers(problem), ...createShipHandlers(problem), ...createDealHandlers({ problem, party: partyOf }), ...createPayHandlers(problem));
deals.reset(() => db.products);

let started: Promise<unknown> | undefined;

/**
 * msw answers "a registration but no controller" with `location.reload()`, which aborts the test file, so
 * start() must only run on a controlled page. Under web-test-runner.config.mjs every page is: a host page
 * keeps the worker registered and active for the whole run. Run any other way, the first page registers the
 * worker itself and is claimed as it activates (msw's worker calls `clients.claim()`): `controllerchange` is
 * what we wait for, not a guessed delay. A page that is uncontrolled although a worker has already
 * activated will never be claimed; say so rather than hang or let msw reload it.
 */
async function whenControlled(): Promise<void> {
  const container = navigator.serviceWorker;
  if (container.controller) return;
  if ((await container.getRegistration('/'))?.active?.state === 'activated') {
    throw new Error('The msw worker is active but does not control this page: run the tests with web-test-runner.config.mjs, whose host page keeps it registered');
  }
  const claimed = new Promise((resolve) => container.addEventListener('controllerchange', resolve, { once: true }));
  await container.register('/mockServiceWorker.js', { scope: '/' });
  await container.ready;
  if (!container.controller) await claimed;
}

/** Starts the service worker once per test page; call it in a top-level `before`. */
export function startMockApi(): Promise<unknown> {
  started ??= whenControlled().then(() => worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: true,
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).pathname.startsWith('/v1/')) print.error();
    },
  }));
  return started;
}

/** Clears the fake server and test-specific handlers; call it in `beforeEach`. */
export function resetMockApi(): void {
  db.reset();
  deals.reset(() => db.products);
  payDb.reset();
  warehouseDb.reset();
  worker.resetHandlers();
}

/** A response that never comes: the widget stays in its loading state. */
export const never = () => delay('infinite');

export { HttpResponse, delay, http };
