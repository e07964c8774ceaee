/** Shared fixtures for the pure domain tests: valid terms, clauses, legal entities and contracts in each status. */
import type { Clause, LegalEntities, ProductSnapshot, Terms } from '../../server/schemas/terms.js';
import {
  confirmContract,
  draftContract,
  requestChanges,
  reviseContract,
  sendContract,
  type Contract,
  type PurchaseOrderForContract,
} from '../../server/domain/contract.js';
import type { Result } from '../../server/domain/refusal.js';

export const terms = (over: Partial<Terms> = {}): Terms => ({
  currency: 'USD',
  items: [
    { product_id: 'prod_a', quantity: 100, unit_price: 1250 },
    { product_id: 'prod_b', quantity: 3, unit_price: 99 },
  ],
  incoterm: 'FOB',
  delivery_date: '2026-12-15',
  deposit_percent: 30,
  inspection_percent: 10,
  shipping_mode: 'fcl',
  destination_port: 'NLRTM',
  ...over,
});

/** Snapshots of the fixture terms' products, as an offer would have taken them from the catalog. */
export const products = (): ProductSnapshot[] => [
  { product_id: 'prod_a', name: 'COB LED strip 24 V, 5 m', list_unit_price: 1300, list_currency: 'USD' },
  { product_id: 'prod_b', name: 'Aluminium profile <1 m>', list_unit_price: 99, list_currency: 'USD' },
];

export const clauses = (): Clause[] => [
  { title: 'Quality', body: 'Goods conform to the approved sample.' },
  { title: 'Packing', body: 'Export cartons, barcode on each carton.' },
  { title: 'Disputes', body: 'Handled through the Expert Advisor (STS).' },
];

export const legalEntities = (): LegalEntities => ({
  seller: { name: 'Shenzhen LED Co., Ltd.', address: '1 Keji Rd, Nanshan, Shenzhen', registration_no: '91440300MA5', country: 'CN' },
  buyer: { name: 'Acme B.V.', address: 'Wilhelminakade 1, Rotterdam', country: 'NL' },
});

export const purchaseOrder = (over: Partial<PurchaseOrderForContract> = {}): PurchaseOrderForContract => ({
  id: 'po_1',
  negotiation_id: 'neg_1',
  buyer_id: 'buyer_acme',
  supplier_id: 'supplier_shenzhen_led',
  status: 'issued',
  terms: terms(),
  products: products(),
  ...over,
});

/** Unwraps an accepted result; a refusal here is a broken fixture, so fail with its code. */
export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got refusal ${result.code}: ${result.message}`);
  return result.value;
}

/** Freezes deeply so a transition that mutates its input throws instead of passing silently. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const AT = '2026-11-27T10:00:00.000Z';

export function draft(): Contract {
  return deepFreeze(must(draftContract(purchaseOrder(), 'supplier', { id: 'ctr_1', clauses: clauses(), legal_entities: legalEntities(), at: AT })).contract);
}
export const sent = (): Contract => deepFreeze(must(sendContract(draft(), 'supplier', AT)).contract);
export const changesRequested = (): Contract =>
  deepFreeze(must(requestChanges(sent(), 'buyer', { comment: 'Deliver one week earlier.', at: AT })).contract);
export const revised = (): Contract =>
  deepFreeze(must(reviseContract(changesRequested(), 'supplier', { terms: terms({ delivery_date: '2026-12-08' }) }, AT)).contract);
export const confirmed = (): Contract =>
  deepFreeze(must(confirmContract(sent(), 'buyer', { signer_name: 'Jane Buyer', accept: true, at: '2026-11-28T09:30:00.000Z' })).contract);
