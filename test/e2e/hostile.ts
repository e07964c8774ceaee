/**
 * Hostile text for the browser-hardening suite: markup, `javascript:` and bidi payloads, and a deal driven
 * over real HTTP that puts them into every user-text field the API stores and a widget shows.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SANDBOX } from '../../server/store/seed.js';
import { mintSession } from './servers.js';

/** Each one would run `window.__pwned = 1` (or mislead the reader) if a widget rendered it as markup. */
export const PAYLOADS = [
  '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  'javascript:window.__pwned=1',
  // U+202E RIGHT-TO-LEFT OVERRIDE: "invoice‮fdp.exe" reads as "invoiceexe.pdf".
  'invoice\u202Efdp.exe',
] as const;

/** A word with no break opportunity, to see that no widget grows wider than the page for it. */
const longWord = (length: number) => 'Pneumonoultramicroscopic'.repeat(Math.ceil(length / 24)).slice(0, length);

/**
 * One field's hostile value: its tag (so a test can say which field failed), every payload that fits the
 * field's limit, then a long word filling the rest (up to 300 characters).
 */
export function hostile(tag: string, max: number): string {
  let text = tag;
  for (const payload of PAYLOADS) if (text.length + 1 + payload.length <= max) text += ` ${payload}`;
  const room = Math.min(max, 300) - text.length - 1;
  return room >= 8 ? `${text} ${longWord(room)}` : text;
}

const LED = SANDBOX.suppliers.shenzhenLed;

/** What the seeded deal left to show, by party and record. */
export interface HostileWorld {
  tokens: { buyer: string; supplier: string; operator: string };
  /** The word every hostile product name starts with, to search for them. */
  productWord: string;
  negotiationId: string;
  contractId: string;
  /** Through the warehouse up to departure. */
  orderId: string;
  /** Paid, with a proposed amendment. */
  amendedOrderId: string;
  /** Every hostile value written, by field (`product.name`, `negotiation.message`, …). */
  fields: Record<string, string>;
}

/** A JSON call against the real server; fails the test with the problem body unless the status is `status`. */
async function call<T = any>(api: string, token: string, method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      // Money-moving POSTs want one; harmless on the rest.
      'idempotency-key': randomUUID(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  assert.equal(response.status, status, `${method} ${path}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Puts hostile text in every user-text field a widget shows, on one deal of Acme with LED that runs from
 * two hostile products through negotiation, contract, payment and the warehouse, with an open amendment.
 */
export async function seedHostileWorld(api: string): Promise<HostileWorld> {
  const [buyer, supplier, operator] = await Promise.all([
    mintSession(api, SANDBOX.buyers.acme),
    mintSession(api, LED),
    mintSession(api, SANDBOX.operator),
  ]);
  const fields: Record<string, string> = {};
  const field = (name: string, max: number) => (fields[name] = hostile(`[${name}]`, max));
  const as = { buyer, supplier, operator };
  const post = <T = any>(who: keyof typeof as, path: string, body: unknown, status = 201) => call<T>(api, as[who], 'POST', path, body, status);

  // Two public products whose names and descriptions are hostile: every later record quotes their names.
  const productWord = 'Hostilewidget';
  const product = (n: number) =>
    post('supplier', '/v1/products', {
      name: `${productWord} ${field(`product${n}.name`, 200 - productWord.length - 1)}`,
      description: field(`product${n}.description`, 5000),
      category: 'lighting',
      moq: 10,
      unit_price: 1000 * n,
      currency: 'USD',
      images: [],
      visibility: 'public',
    });
  const products = [await product(1), await product(2)];
  for (const p of products) fields[`${p.id}.name`] = p.name;
  for (const p of products) await call(api, buyer, 'PUT', `/v1/folders/public/items/${p.id}`, undefined, 201);
  await post('buyer', '/v1/access-requests', { supplier_id: SANDBOX.suppliers.ningboTextiles, message: field('access_request.message', 2000) });

  const terms = (notes: string) => ({
    currency: 'USD',
    items: products.map((p, i) => ({ product_id: p.id, quantity: 100 * (i + 1), unit_price: p.unit_price })),
    incoterm: 'FOB',
    delivery_date: '2027-03-15',
    deposit_percent: 30,
    inspection_percent: 10,
    // Courier, so the carrier and tracking number (free text) are what the tracker shows.
    shipping_mode: 'courier',
    destination_port: 'NLRTM',
    notes,
  });
  const negotiation = await post('buyer', '/v1/negotiations', {
    supplier_id: LED,
    terms: terms(field('negotiation.notes', 2000)),
    message: field('negotiation.message', 2000),
  });
  await post('supplier', `/v1/negotiations/${negotiation.id}/offers`, {
    terms: terms(field('offer.notes', 2000)),
    message: field('offer.message', 2000),
  });
  await post('buyer', `/v1/negotiations/${negotiation.id}/accept`, undefined, 200);
  const po = await post('buyer', '/v1/purchase-orders', { negotiation_id: negotiation.id });

  const entity = (who: string) => ({
    name: field(`${who}.name`, 200),
    address: field(`${who}.address`, 1000),
    registration_no: field(`${who}.registration_no`, 100),
    country: who === 'seller' ? 'CN' : 'NL',
  });
  const contract = await post('supplier', '/v1/contracts', {
    purchase_order_id: po.id,
    clauses: [{ title: field('clause.title', 200), body: field('clause.body', 20000) }],
    legal_entities: { seller: entity('seller'), buyer: entity('buyer') },
  });
  await post('supplier', `/v1/contracts/${contract.id}/send`, undefined, 200);
  await post('buyer', `/v1/contracts/${contract.id}/request-changes`, { comment: field('change_request.comment', 5000) }, 200);
  await call(api, supplier, 'PATCH', `/v1/contracts/${contract.id}`, {
    clauses: [
      { title: fields['clause.title'], body: fields['clause.body'] },
      { title: field('clause2.title', 200), body: field('clause2.body', 20000) },
    ],
  });
  await post('supplier', `/v1/contracts/${contract.id}/send`, undefined, 200);
  const confirmed = await post('buyer', `/v1/contracts/${contract.id}/confirm`, { signer_name: field('contract.signer_name', 200), accept: true }, 200);
  const orderId = confirmed.order_id as string;

  const pay = async (id: string) => {
    const intent = await post('buyer', `/v1/orders/${id}/payment-intents`, { gateway: 'bank_transfer', currency: 'USD' });
    await post('buyer', '/v1/sandbox/deposits', { reference: intent.reference, amount: intent.amount_due, currency: 'USD' }, 202);
  };
  await pay(orderId);

  // The warehouse: one carton more than packed arrives and is returned, every note and place is hostile.
  const cartons = products.flatMap((p, i) =>
    Array.from({ length: i + 1 }, (_, n) => ({ barcode: `HST-${i}${n}`, product_id: p.id, quantity: 100, gross_weight_kg: 10 })),
  );
  await post('supplier', `/v1/orders/${orderId}/packing-list`, { cartons, note: field('packing_list.note', 2000) });
  const extra = { barcode: 'HST-X1', product_id: products[0].id, quantity: 5 };
  const scanned = [...cartons.map(({ barcode, product_id, quantity }) => ({ barcode, product_id, quantity })), extra];
  await post('operator', `/v1/orders/${orderId}/receipts`, { cartons: scanned });
  await post('operator', `/v1/orders/${orderId}/returns`, { barcodes: [extra.barcode], reason: field('return.reason', 2000) });
  await post('operator', `/v1/orders/${orderId}/inspections`, {
    sampled_barcodes: cartons.map((c) => c.barcode),
    result: 'pass',
    notes: field('inspection.notes', 4000),
  });
  await post('operator', `/v1/orders/${orderId}/measurements`, {
    cartons: cartons.map(({ barcode }) => ({ barcode, weight_kg: 10, length_cm: 60, width_cm: 40, height_cm: 30 })),
  });
  await post('operator', `/v1/orders/${orderId}/consolidation`, {
    mode: 'courier',
    carrier: field('consolidation.carrier', 100),
    tracking_no: field('consolidation.tracking_no', 64),
  });
  await post('operator', `/v1/orders/${orderId}/customs-release`, { declaration_no: 'CN-EXP-2026-00042' });
  await post('operator', `/v1/orders/${orderId}/tracking-events`, { code: 'departed', location: field('tracking.location', 200), bill_of_lading_no: 'MAEU-NGB-778812' });


  // A second order of the same goods, paid, with an amendment the buyer has still to answer: once goods
  // are consolidated none can be proposed, so the first order cannot carry it.
  const second = await post('buyer', '/v1/negotiations', { supplier_id: LED, terms: terms('') });
  await post('supplier', `/v1/negotiations/${second.id}/accept`, undefined, 200);
  const secondPo = await post('buyer', '/v1/purchase-orders', { negotiation_id: second.id });
  const secondContract = await post('supplier', '/v1/contracts', {
    purchase_order_id: secondPo.id,
    clauses: [{ title: 'Quality', body: 'Goods conform to the approved sample.' }],
    legal_entities: { seller: entity('seller'), buyer: entity('buyer') },
  });
  await post('supplier', `/v1/contracts/${secondContract.id}/send`, undefined, 200);
  const amendedOrderId = (await post('buyer', `/v1/contracts/${secondContract.id}/confirm`, { signer_name: 'Jane Buyer', accept: true }, 200)).order_id as string;
  await pay(amendedOrderId);
  await post('supplier', `/v1/orders/${amendedOrderId}/amendments`, {
    items: [{ product_id: products[1].id, quantity: 150 }],
    reason: field('amendment.reason', 2000),
  });

  return { tokens: as, productWord, negotiationId: negotiation.id, contractId: contract.id, orderId, amendedOrderId, fields };
}
