/** The electronic purchase order: issued once by the buyer from an accepted negotiation, read by both parties. */
import { newId } from '../domain/ids.js';
import { issuePurchaseOrder } from '../domain/negotiation.js';
import { unwrap } from '../domain/refusal.js';
import { priceTerms } from '../domain/terms.js';
import { notFound } from '../problem.js';
import type { PurchaseOrder } from '../schemas/negotiations.js';
import type { ProductSnapshot, Terms } from '../schemas/terms.js';
import type { Queryable, Store } from '../store/db.js';
import { getLegalEntities } from '../store/legal-entities.js';
import type { DealListQuery, Page } from '../store/paging.js';
import {
  getPurchaseOrderFor,
  insertPurchaseOrder,
  listPurchaseOrders,
  type PurchaseOrderRecord,
} from '../store/purchase-orders.js';
import { inTransaction } from '../store/transaction.js';
import { loadNegotiation, roleIn, sideOf } from './negotiations.js';

export async function loadPurchaseOrder(q: Queryable, partyId: string, id: string): Promise<PurchaseOrderRecord> {
  const po = await getPurchaseOrderFor(q, partyId, id);
  if (!po) throw notFound('purchase order');
  return po;
}

/**
 * Freezes the consensus into a PO. The negotiation row is locked so a double click issues one PO (the
 * unique negotiation_id would refuse the second anyway, but as a 500 rather than a clear 409).
 */
export function issuePurchaseOrderFrom(
  store: Store,
  input: { buyerId: string; negotiationId: string; now?: Date },
): Promise<PurchaseOrderRecord> {
  const at = (input.now ?? new Date()).toISOString();
  return inTransaction(store, async (q) => {
    const { record, offers, negotiation } = await loadNegotiation(q, input.buyerId, input.negotiationId, true);
    const existing = record.purchase_order_id === null ? null : { status: 'issued' as const };
    const issued = unwrap(issuePurchaseOrder(negotiation, existing, roleIn(record, input.buyerId), at));
    const accepted = offers.find((o) => Number(o.seq) === issued.accepted_offer_seq)!;
    const { totals } = priceTerms(issued.terms);
    const id = newId('po');
    await insertPurchaseOrder(q, {
      id,
      negotiation_id: record.id,
      buyer_id: record.buyer_id,
      supplier_id: record.supplier_id,
      status: 'issued',
      accepted_offer_seq: issued.accepted_offer_seq,
      terms: JSON.stringify(issued.terms),
      products: accepted.products,
      currency: issued.terms.currency,
      subtotal: totals.subtotal,
      deposit_amount: totals.deposit_amount,
      balance_amount: totals.balance_amount,
      created_at: at,
      updated_at: at,
    });
    return loadPurchaseOrder(q, input.buyerId, id);
  });
}

export async function presentPurchaseOrders(q: Queryable, records: readonly PurchaseOrderRecord[], partyId: string): Promise<PurchaseOrder[]> {
  const entities = await getLegalEntities(q, [...new Set(records.flatMap((r) => [r.buyer_id, r.supplier_id]))]);
  return records.map((po) => ({
    id: po.id,
    status: po.status,
    negotiation_id: po.negotiation_id,
    accepted_offer_seq: Number(po.accepted_offer_seq),
    buyer: { id: po.buyer_id, name: po.buyer_name },
    supplier: { id: po.supplier_id, name: po.supplier_name },
    terms: priceTerms(JSON.parse(po.terms) as Terms),
    products: JSON.parse(po.products) as ProductSnapshot[],
    contract_id: po.contract_id,
    legal_entity_defaults: { seller: entities.get(po.supplier_id) ?? null, buyer: entities.get(po.buyer_id) ?? null },
    // Mirrors draftContract's rule so the drafter widget shows the button exactly when it would work.
    allowed_actions: roleIn(po, partyId) === 'supplier' && po.status === 'issued' ? ['draft_contract' as const] : [],
    created_at: po.created_at,
    updated_at: po.updated_at,
  }));
}

export async function presentPurchaseOrder(q: Queryable, record: PurchaseOrderRecord, partyId: string): Promise<PurchaseOrder> {
  return (await presentPurchaseOrders(q, [record], partyId))[0]!;
}

export async function purchaseOrderPage(
  store: Store,
  party: { id: string; kind: 'buyer' | 'supplier' },
  query: DealListQuery,
): Promise<Page<PurchaseOrder>> {
  const page = await listPurchaseOrders(store, sideOf(party), query);
  return { data: await presentPurchaseOrders(store, page.data, party.id), next_cursor: page.next_cursor };
}
