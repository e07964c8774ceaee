/** Drives the deal over HTTP (negotiation → PO → contract → order) for the API tests, and snapshots its tables. */
import assert from 'node:assert/strict';
import type { Clause, LegalEntities, Terms } from '../../server/schemas/terms.js';
import type { Store } from '../../server/store/db.js';
import { SANDBOX, SEED_PRODUCTS } from '../../server/store/seed.js';
import { openTestApp, type TestApp } from './app-harness.js';

export const LED = SANDBOX.suppliers.shenzhenLed;
export const TEXTILES = SANDBOX.suppliers.ningboTextiles;

const productsOf = (supplier: string, visibility: 'public' | 'private') =>
  SEED_PRODUCTS.filter((p) => p.supplier_id === supplier && p.visibility === visibility && p.currency === 'USD');
export const [LED_PANEL, LED_BULB] = productsOf(LED, 'public') as [(typeof SEED_PRODUCTS)[number], (typeof SEED_PRODUCTS)[number]];
export const [LED_PRIVATE] = productsOf(LED, 'private') as [(typeof SEED_PRODUCTS)[number]];
export const [TEXTILES_PUBLIC] = productsOf(TEXTILES, 'public') as [(typeof SEED_PRODUCTS)[number]];

export const terms = (over: Partial<Terms> = {}): Terms => ({
  currency: 'USD',
  items: [
    { product_id: LED_PANEL.id, quantity: 200, unit_price: 1800 },
    { product_id: LED_BULB.id, quantity: 1000, unit_price: 65 },
  ],
  incoterm: 'FOB',
  delivery_date: '2027-03-15',
  deposit_percent: 30,
  inspection_percent: 10,
  shipping_mode: 'fcl',
  destination_port: 'NLRTM',
  ...over,
});

export const clauses = (): Clause[] => [
  { title: 'Quality', body: 'Goods conform to the approved sample.' },
  { title: 'Packing', body: 'Export cartons, barcode on each carton.' },
];

export const legalEntities = (): LegalEntities => ({
  seller: { name: 'Shenzhen Brightway LED Co., Ltd.', address: '1 Keji Rd, Nanshan, Shenzhen', registration_no: '91440300MA5', country: 'CN' },
  buyer: { name: 'Acme Trading B.V.', address: 'Wilhelminakade 1, Rotterdam', country: 'NL' },
});

export interface Deal {
  t: TestApp;
  /** Session tokens. */
  acme: string;
  globex: string;
  led: string;
  textiles: string;
  operator: string;
}

export async function openDeal(): Promise<Deal> {
  const t = await openTestApp();
  const [acme, globex, led, textiles, operator] = await Promise.all([
    t.session(SANDBOX.buyers.acme),
    t.session(SANDBOX.buyers.globex),
    t.session(LED),
    t.session(TEXTILES),
    t.session(SANDBOX.operator),
  ]);
  return { t, acme, globex, led, textiles, operator };
}

/** The JSON body after asserting the status (the body text is the failure message). */
export async function ok<T = any>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const text = await r.text();
  assert.equal(r.status, status, text);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Acme opens a negotiation with LED. */
export const openNegotiation = (d: Deal, body: Record<string, unknown> = { supplier_id: LED, terms: terms() }) =>
  ok(d.t.call('POST', '/v1/negotiations', { token: d.acme, body }), 201);

/** Acme offers, LED counters (a lower price), Acme accepts. */
export async function acceptedNegotiation(d: Deal): Promise<any> {
  const n = await openNegotiation(d);
  await ok(d.t.call('POST', `/v1/negotiations/${n.id}/offers`, { token: d.led, body: { terms: terms({ deposit_percent: 40 }), message: 'Deposit 40 %' } }), 201);
  return ok(d.t.call('POST', `/v1/negotiations/${n.id}/accept`, { token: d.acme }));
}

export async function issuedPurchaseOrder(d: Deal): Promise<any> {
  const n = await acceptedNegotiation(d);
  return ok(d.t.call('POST', '/v1/purchase-orders', { token: d.acme, body: { negotiation_id: n.id } }), 201);
}

export async function draftedContract(d: Deal): Promise<any> {
  const po = await issuedPurchaseOrder(d);
  return ok(
    d.t.call('POST', '/v1/contracts', { token: d.led, body: { purchase_order_id: po.id, clauses: clauses(), legal_entities: legalEntities() } }),
    201,
  );
}

export async function sentContract(d: Deal): Promise<any> {
  const c = await draftedContract(d);
  return ok(d.t.call('POST', `/v1/contracts/${c.id}/send`, { token: d.led }));
}

export async function changesRequestedContract(d: Deal): Promise<any> {
  const c = await sentContract(d);
  return ok(d.t.call('POST', `/v1/contracts/${c.id}/request-changes`, { token: d.acme, body: { comment: 'Deliver one week earlier.' } }));
}

export async function confirmedContract(d: Deal): Promise<any> {
  const c = await sentContract(d);
  return ok(d.t.call('POST', `/v1/contracts/${c.id}/confirm`, { token: d.acme, body: { signer_name: 'Jane Buyer', accept: true } }));
}

const DEAL_TABLES = [
  'negotiations', 'offers', 'purchase_orders', 'contracts', 'contract_versions', 'contract_change_requests',
  'contract_audit_log', 'orders', 'order_events', 'products', 'private_grants',
] as const;

/** Every row of the deal tables (order-free), to prove that a refused request changed nothing. */
export async function dealSnapshot(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of DEAL_TABLES) {
    const rows = await store.db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
