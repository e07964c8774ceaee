/** Deal fixtures for widget tests: sample terms, legal entities and clauses, and deals seeded at a given stage. */
import type { Contract } from '../../../server/schemas/contracts.js';
import type { Clause, LegalEntities, Terms } from '../../../server/schemas/terms.js';
import { deals } from './mock-deals.js';

/** Terms for tests: two LED lines in USD, sensible defaults; override what the test cares about. */
export function sampleTerms(overrides: Partial<Terms> = {}): Terms {
  return {
    currency: 'USD',
    items: [
      { product_id: 'p_strip', quantity: 200, unit_price: 250 },
      { product_id: 'p_panel', quantity: 50, unit_price: 1850 },
    ],
    incoterm: 'FOB',
    delivery_date: '2026-12-15',
    deposit_percent: 30,
    inspection_percent: 10,
    shipping_mode: 'lcl',
    destination_port: 'NLRTM',
    ...overrides,
  };
}

export const SAMPLE_ENTITIES: LegalEntities = {
  seller: { name: 'Shenzhen LED Co., Ltd.', address: '88 Keji Road, Nanshan, Shenzhen', country: 'CN' },
  buyer: { name: 'Acme Imports B.V.', address: 'Wilhelminakade 1, Rotterdam', registration_no: 'NL-123', country: 'NL' },
};

export const SAMPLE_CLAUSES: Clause[] = [
  { title: 'Quality', body: 'Goods conform to the agreed specifications.' },
  { title: 'Delivery and risk', body: 'Delivered to the designated warehouse by the agreed date.' },
];

/** An accepted negotiation with its purchase order issued: what the drafter's inbox starts from. */
export function seedPurchaseOrder() {
  const n = deals.open(sampleTerms(), 'Opening offer');
  deals.offer(n.id, 'supplier', sampleTerms({ items: [{ product_id: 'p_strip', quantity: 200, unit_price: 240 }, { product_id: 'p_panel', quantity: 50, unit_price: 1850 }] }));
  deals.accept(n.id, 'buyer');
  return deals.issue(n.id);
}

/** A contract at `status`, optionally at version 2 with changes from version 1. */
export function seedContract(status: Contract['status'] = 'sent', { revised = false } = {}) {
  const po = seedPurchaseOrder();
  const contract = deals.draft(po.id, SAMPLE_CLAUSES, SAMPLE_ENTITIES);
  if (revised) {
    deals.send(contract.id);
    deals.requestChanges(contract.id, 'Please deliver by 20 December and name our registered office.');
    deals.revise(contract.id, {
      terms: { ...deals.agreedTerms(po), delivery_date: '2026-12-20' },
      clauses: [SAMPLE_CLAUSES[0]!, { title: 'Delivery and risk', body: 'Delivered to the designated warehouse by 20 December 2026.' }],
    });
  }
  if (status !== 'draft') deals.send(contract.id);
  if (status === 'changes_requested') deals.requestChanges(contract.id, 'Change the packing clause.');
  if (status === 'confirmed') deals.confirm(contract.id, 'Ada Buyer');
  return contract;
}
