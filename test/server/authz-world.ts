/**
 * One world for the sweeps over the whole API (authorization matrix, strict bodies): a sandbox app with
 * a second partner, every kind of caller, and one real resource of each kind (an order driven through
 * pay and the warehouse, its negotiation, PO, contract, documents, dispute, amendment; a grant, an access
 * request, a webhook endpoint), each with the callers it belongs to. Built once per test file.
 */
import { SANDBOX } from '../../server/store/seed.js';
import { DEMO_ORIGIN, addPartner, signToken, TEST_SESSION_SECRET } from './app-harness.js';
import { LED, LED_PANEL, LED_PRIVATE, clauses, legalEntities, ok, terms } from './deal-flow.js';
import { openPayDeal, type PayDeal } from './pay-flow.js';
import { contractCartons, otherWarehouseOperator, packingList, paidOrder, receive, scanned } from './warehouse-flow.js';

/** Every caller the matrix tries. `kind` is what the credential is, whoever holds it. */
export const CALLER_NAMES = [
  'no token', 'forged token', 'expired token', 'publishable key', 'secret key', 'buyer A', 'buyer B', 'order supplier',
  'other supplier', 'warehouse operator', 'other warehouse operator', 'other partner buyer', 'other partner publishable key',
  'other partner secret key',
] as const;
export type CallerName = (typeof CALLER_NAMES)[number];
export type CredentialKind = 'none' | 'publishable key' | 'secret key' | 'buyer' | 'supplier' | 'operator';

export interface Caller {
  name: CallerName;
  kind: CredentialKind;
  headers: Record<string, string>;
}

/** A real object and the callers it belongs to (partner keys count for their partner's objects). */
export interface Owned {
  id: string;
  owners: ReadonlySet<CallerName>;
}

export interface World {
  d: PayDeal;
  callers: Caller[];
  order: string;
  negotiation: string;
  purchaseOrder: string;
  contract: string;
  document: string;
  dispute: string;
  amendment: string;
  grant: string;
  accessRequest: string;
  webhookEndpoint: string;
  paymentIntent: { id: string; reference: string };
  /** The object a path parameter names in a template, e.g. (`/v1/orders/{id}/disputes/{dispute_id}/resolve`, `dispute_id`). */
  resource(template: string, param: string): Owned;
  close(): Promise<void>;
}

const OTHER_PARTNER = { id: 'partner_two', publishableKey: 'pk_test_two', secretKey: 'sk_test_two', origins: ['http://two.example'], buyerId: 'buyer_two' };

const bearer = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
const set = (...names: CallerName[]): ReadonlySet<CallerName> => new Set(names);

/** The order's parties, and the partner whose buyer placed it (its secret key acts for K100Pay admins). */
const ORDER_SIDE = set('buyer A', 'order supplier', 'warehouse operator', 'secret key');
const DEAL_SIDE = set('buyer A', 'order supplier');
const MONEY_SIDE = set('buyer A', 'order supplier', 'secret key');
/** Every session of the demo partner. */
const DEMO_SESSIONS = set('buyer A', 'buyer B', 'order supplier', 'other supplier', 'warehouse operator', 'other warehouse operator');

export async function openWorld(): Promise<World> {
  const d = await openPayDeal();
  await addPartner(d.t.store, OTHER_PARTNER);
  const otherBuyer = (await ok(d.t.call('POST', '/v1/sessions', { token: OTHER_PARTNER.secretKey, body: { party_id: OTHER_PARTNER.buyerId } }), 201)).token as string;
  const otherOperator = await otherWarehouseOperator(d);
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: SANDBOX.buyers.acme, ptn: SANDBOX.partnerId, jti: 'forged', iat: now - 60 };
  const forged = await signToken({ ...claims, exp: now + 600 }, 'not-the-session-secret-0123456789');
  const expired = await signToken({ ...claims, iat: now - 7200, exp: now - 3600 }, TEST_SESSION_SECRET);

  const callers: Caller[] = [
    { name: 'no token', kind: 'none', headers: {} },
    { name: 'forged token', kind: 'none', headers: bearer(forged) },
    { name: 'expired token', kind: 'none', headers: bearer(expired) },
    { name: 'publishable key', kind: 'publishable key', headers: bearer(SANDBOX.publishableKey, { origin: DEMO_ORIGIN }) },
    { name: 'secret key', kind: 'secret key', headers: bearer(SANDBOX.secretKey) },
    { name: 'buyer A', kind: 'buyer', headers: bearer(d.acme) },
    { name: 'buyer B', kind: 'buyer', headers: bearer(d.globex) },
    { name: 'order supplier', kind: 'supplier', headers: bearer(d.led) },
    { name: 'other supplier', kind: 'supplier', headers: bearer(d.textiles) },
    { name: 'warehouse operator', kind: 'operator', headers: bearer(d.operator) },
    { name: 'other warehouse operator', kind: 'operator', headers: bearer(otherOperator) },
    { name: 'other partner buyer', kind: 'buyer', headers: bearer(otherBuyer) },
    { name: 'other partner publishable key', kind: 'publishable key', headers: bearer(OTHER_PARTNER.publishableKey, { origin: OTHER_PARTNER.origins[0]! }) },
    { name: 'other partner secret key', kind: 'secret key', headers: bearer(OTHER_PARTNER.secretKey) },
  ];

  // Buyer A asks LED for its private range, then LED grants one product: both stay as objects to aim at.
  const accessRequest = (await ok(d.t.call('POST', '/v1/access-requests', { token: d.acme, body: { supplier_id: LED, message: 'May we see your OEM range?' } }), 201)).id as string;
  const grant = (await ok(d.t.call('POST', '/v1/private-grants', { token: d.led, body: { buyer_id: SANDBOX.buyers.acme, product_ids: [LED_PRIVATE.id] } }), 201)).id as string;

  const order = await paidOrder(d);
  await packingList(d, order);
  await receive(d, order);
  const o = await ok(d.t.call('GET', `/v1/orders/${order}`, { token: d.acme }));
  const documents = await ok(d.t.call('GET', `/v1/orders/${order}/documents`, { token: d.acme }));
  const [intent] = (await ok(d.t.call('GET', `/v1/orders/${order}/payment-intents`, { token: d.acme }))).data;
  const amendment = (await ok(
    d.t.call('POST', `/v1/orders/${order}/amendments`, { token: d.led, body: { items: [{ product_id: LED_PANEL.id, quantity: 150 }], reason: 'Short of panels' } }),
    201,
  )).id as string;
  const dispute = (await ok(d.t.call('POST', `/v1/orders/${order}/disputes`, { token: d.acme, body: { reason: 'Cartons arrived wet' } }), 201)).id as string;
  const webhookEndpoint = (await ok(d.t.call('POST', '/v1/webhook-endpoints', { token: SANDBOX.secretKey, body: { url: 'https://partner.example/k100-hooks' } }), 201)).id as string;

  const w: Omit<World, 'resource' | 'close'> = {
    d,
    callers,
    order,
    negotiation: o.negotiation_id,
    purchaseOrder: o.purchase_order_id,
    contract: o.contract_id,
    // The contract is listed among them but lives at /v1/contracts/{id}/document; a warehouse paper here.
    document: documents.data.find((doc: { kind: string }) => doc.kind !== 'contract').id,
    dispute,
    amendment,
    grant,
    accessRequest,
    webhookEndpoint,
    paymentIntent: { id: intent.id, reference: intent.reference },
  };

  // Keyed by the path up to the parameter, so a new route under a known resource is covered unasked and
  // one under a new resource fails until it is named here.
  const byPrefix: Array<[RegExp, (param: string) => Owned | undefined]> = [
    // The order's money is between its buyer and supplier (and K100Pay's admins): not the warehouse's.
    [/^\/v1\/orders\/\{id\}\/(ledger|payment-intents|disputes)/, (p) => {
      const id = ({ id: w.order, dispute_id: w.dispute } as Record<string, string | undefined>)[p];
      return id === undefined ? undefined : { id, owners: MONEY_SIDE };
    }],
    [/^\/v1\/orders\/\{id\}/, (p) => {
      const id = ({ id: w.order, dispute_id: w.dispute, aid: w.amendment } as Record<string, string | undefined>)[p];
      return id === undefined ? undefined : { id, owners: ORDER_SIDE };
    }],
    [/^\/v1\/negotiations\/\{id\}/, () => ({ id: w.negotiation, owners: DEAL_SIDE })],
    [/^\/v1\/purchase-orders\/\{id\}/, () => ({ id: w.purchaseOrder, owners: DEAL_SIDE })],
    [/^\/v1\/contracts\/\{id\}/, () => ({ id: w.contract, owners: DEAL_SIDE })],
    [/^\/v1\/documents\/\{id\}/, () => ({ id: w.document, owners: ORDER_SIDE })],
    // Private: only its supplier and the buyer it was granted to may know it exists.
    [/^\/v1\/products\/\{id\}/, () => ({ id: LED_PRIVATE.id, owners: set('order supplier', 'buyer A') })],
    [/^\/v1\/folders\/public\/items\/\{product_id\}/, () => ({ id: LED_PANEL.id, owners: set('buyer A', 'buyer B', 'other partner buyer') })],
    [/^\/v1\/private-grants\/\{id\}/, () => ({ id: w.grant, owners: set('order supplier') })],
    [/^\/v1\/access-requests\/\{id\}/, () => ({ id: w.accessRequest, owners: set('order supplier', 'buyer A') })],
    [/^\/v1\/webhook-endpoints\/\{id\}/, () => ({ id: w.webhookEndpoint, owners: set('secret key') })],
    // Signed gateway callbacks: no credential of ours makes a caller of it.
    // Gateways are public (GET /v1/gateways); their callbacks are signed, so no credential of ours admits a caller.
    [/^\/v1\/gateways\/\{gateway\}/, () => ({ id: 'bank_transfer', owners: new Set(CALLER_NAMES) })],
    [/^\/v1\/sandbox\/payment-intents\/\{id\}/, () => ({ id: w.paymentIntent.id, owners: set('buyer A') })],
  ];
  return {
    ...w,
    resource(template, param) {
      for (const [prefix, of] of byPrefix) {
        if (!prefix.test(template)) continue;
        const owned = of(param);
        if (owned) return owned;
      }
      throw new Error(`authz-world: no object for {${param}} in ${template}; add one owned by the right party`);
    },
    close: () => d.t.close(),
  };
}

/** A minimal valid PDF, for the bill-of-lading upload. */
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

export interface Example {
  /** The JSON body (or a raw string with `contentType`). */
  body?: unknown;
  contentType?: string;
  query?: Record<string, string>;
  /**
   * Who may act on the objects the body names, when the path names none (e.g. only buyer A may issue a PO
   * from buyer A's negotiation); everyone of an allowed kind otherwise.
   */
  owners?: ReadonlySet<CallerName>;
  /** The status others get when the body names what is not theirs, where that is not 404 (the same for what does not exist). */
  notYours?: number;
}

/**
 * A valid request per operation (`METHOD /template`). The sweeps fail on an operation missing here, so a
 * new route cannot skip them silently.
 */
export function examples(w: World): Record<string, Example> {
  const nothing: Example = {};
  return {
    'GET /health': nothing,
    'POST /v1/sessions': { body: { party_id: SANDBOX.buyers.acme }, owners: set('secret key') },
    'GET /v1/me': nothing,
    'GET /v1/products': nothing,
    'POST /v1/products': { body: { name: 'Authz lamp', category: 'lighting', moq: 10, unit_price: 990, currency: 'USD' } },
    'GET /v1/products/{id}': nothing,
    'PATCH /v1/products/{id}': { body: { name: 'Renamed OEM product' } },
    'GET /v1/suppliers': nothing,
    'GET /v1/categories': nothing,
    'GET /v1/folders/public': nothing,
    'PUT /v1/folders/public/items/{product_id}': nothing,
    'DELETE /v1/folders/public/items/{product_id}': nothing,
    'GET /v1/folders/private': nothing,
    'POST /v1/private-grants': { body: { buyer_id: SANDBOX.buyers.globex, product_ids: [LED_PRIVATE.id] }, owners: set('order supplier'), notYours: 422 },
    'GET /v1/private-grants': nothing,
    'DELETE /v1/private-grants/{id}': nothing,
    'POST /v1/access-requests': { body: { supplier_id: LED, message: 'Your OEM range, please.' }, owners: set('buyer A', 'buyer B', 'other partner buyer') },
    'GET /v1/access-requests': nothing,
    'POST /v1/access-requests/{id}/approve': { body: {} },
    'POST /v1/access-requests/{id}/decline': { body: {} },
    'POST /v1/negotiations': { body: { supplier_id: LED, terms: terms() } },
    'GET /v1/negotiations': nothing,
    'GET /v1/negotiations/{id}': nothing,
    'POST /v1/negotiations/{id}/offers': { body: { terms: terms() } },
    'POST /v1/negotiations/{id}/accept': nothing,
    'POST /v1/negotiations/{id}/withdraw': nothing,
    'POST /v1/purchase-orders': { body: { negotiation_id: w.negotiation }, owners: set('buyer A') },
    'GET /v1/purchase-orders': nothing,
    'GET /v1/purchase-orders/{id}': nothing,
    'POST /v1/contracts': { body: { purchase_order_id: w.purchaseOrder, clauses: clauses(), legal_entities: legalEntities() }, owners: set('order supplier') },
    'GET /v1/contracts': nothing,
    'GET /v1/contracts/{id}': nothing,
    'PATCH /v1/contracts/{id}': { body: { clauses: clauses() } },
    'POST /v1/contracts/{id}/send': { body: {} },
    'POST /v1/contracts/{id}/request-changes': { body: { comment: 'Earlier delivery, please.' } },
    'POST /v1/contracts/{id}/confirm': { body: { signer_name: 'Jane Buyer', accept: true } },
    'GET /v1/contracts/{id}/verify': nothing,
    'GET /v1/contracts/{id}/document': nothing,
    'GET /v1/orders': nothing,
    'GET /v1/orders/{id}': nothing,
    'GET /v1/orders/{id}/events': nothing,
    'GET /v1/gateways': nothing,
    'POST /v1/gateways/{gateway}/notifications': {
      body: { event_id: 'gwe_authz_1', reference: 'K100-AUTHZ', amount: 1000, currency: 'USD', received_at: new Date().toISOString() },
    },
    'POST /v1/orders/{id}/payment-intents': { body: { gateway: 'bank_transfer', currency: 'USD' } },
    'GET /v1/orders/{id}/payment-intents': nothing,
    'GET /v1/orders/{id}/ledger': nothing,
    'POST /v1/orders/{id}/disputes': { body: { reason: 'Wrong colour' } },
    'GET /v1/orders/{id}/disputes': nothing,
    'POST /v1/orders/{id}/disputes/{dispute_id}/resolve': { body: { resolution: { kind: 'dismiss' }, note: 'No evidence' } },
    'POST /v1/orders/{id}/packing-list': { body: { cartons: contractCartons() } },
    'GET /v1/orders/{id}/packing-list': nothing,
    'POST /v1/orders/{id}/receipts': { body: { cartons: scanned(contractCartons()).slice(0, 1) } },
    'POST /v1/orders/{id}/returns': { body: { barcodes: ['PNL-0001'], reason: 'Not ordered' } },
    'POST /v1/orders/{id}/inspections': { body: { sampled_barcodes: ['PNL-0001'], result: 'pass', notes: 'As sampled.' } },
    'POST /v1/orders/{id}/measurements': { body: { cartons: [{ barcode: 'PNL-0001', weight_kg: 12.5, length_cm: 60, width_cm: 40, height_cm: 30 }] } },
    'POST /v1/orders/{id}/consolidation': { body: { mode: 'fcl', container_no: 'CSQU3054383', seal_no: 'SL-0099812' } },
    'POST /v1/orders/{id}/customs-release': { body: { declaration_no: 'CN-EXP-2026-00042' } },
    'POST /v1/orders/{id}/tracking-events': { body: { code: 'departed', location: 'Port of Ningbo-Zhoushan, CN', bill_of_lading_no: 'MAEU-NGB-778812' } },
    'POST /v1/orders/{id}/ownership-transfer': { body: {} },
    'GET /v1/orders/{id}/cross-check': nothing,
    'GET /v1/orders/{id}/shipment': nothing,
    'POST /v1/orders/{id}/amendments': { body: { items: [{ product_id: LED_PANEL.id, quantity: 100 }], reason: 'Fewer panels' } },
    'GET /v1/orders/{id}/amendments': nothing,
    'POST /v1/orders/{id}/amendments/{aid}/confirm': { body: { signer_name: 'Jane Buyer', accept: true } },
    'POST /v1/orders/{id}/amendments/{aid}/decline': { body: { comment: 'Keep the quantities.' } },
    'GET /v1/orders/{id}/documents': nothing,
    'POST /v1/orders/{id}/documents': { body: PDF, contentType: 'application/pdf', query: { kind: 'bill_of_lading', filename: 'bl.pdf' } },
    'GET /v1/documents/{id}': nothing,
    'POST /v1/webhook-endpoints': { body: { url: 'https://partner.example/more-hooks' } },
    'GET /v1/webhook-endpoints': nothing,
    'GET /v1/webhook-endpoints/{id}': nothing,
    'PATCH /v1/webhook-endpoints/{id}': { body: { description: 'Renamed' } },
    'DELETE /v1/webhook-endpoints/{id}': nothing,
    'GET /v1/webhook-endpoints/{id}/deliveries': nothing,
    'GET /sandbox/parties': nothing,
    'POST /sandbox/sessions': { body: { party_id: SANDBOX.buyers.acme } },
    'POST /v1/sandbox/deposits': { body: { reference: w.paymentIntent.reference, amount: 100, currency: 'USD' }, owners: DEMO_SESSIONS },
    'POST /v1/sandbox/payment-intents/{id}/expire': nothing,
    'POST /v1/webhook-endpoints/{id}/test': nothing,
  };
}
