/** The e-contract as transactions: draft from a PO, revise, send, request changes, confirm (which opens the order). */
import {
  allowedContractActions,
  confirmContract,
  contractVersionDiffs,
  currentVersion,
  draftContract,
  isConfirmed,
  requestChanges,
  reviseContract,
  revisionRefusal,
  sendContract,
  type ContractContent,
  type ContractVersion,
} from '../domain/contract.js';
import { newId } from '../domain/ids.js';
import { RefusedError, unwrap } from '../domain/refusal.js';
import { priceTerms } from '../domain/terms.js';
import type { Contract as ContractView, ContractSummary } from '../schemas/contracts.js';
import type { Clause, LegalEntities, ProductSnapshot, Terms } from '../schemas/terms.js';
import { currentVersions, listContracts, type ContractRecord } from '../store/contracts.js';
import type { Store } from '../store/db.js';
import type { DealListQuery, Page } from '../store/paging.js';
import { lockPurchaseOrder } from '../store/purchase-orders.js';
import { inTransaction } from '../store/transaction.js';
import { loadContract, persistTransition, toDomainContract, type LoadedContract } from './contract-state.js';
import { roleIn, sideOf } from './negotiations.js';
import { openOrder } from './orders.js';
import { loadPurchaseOrder } from './purchase-orders.js';
import { checkTermsProducts } from './terms-products.js';
import { enqueueEventForParties } from '../webhooks/outbox.js';
import { contractConfirmedData } from '../webhooks/payloads.js';

const nowIso = (now?: Date) => (now ?? new Date()).toISOString();

/** The supplier of the PO drafts version 1 from its consensus; terms come from the PO, never from the body. */
export function draftContractFor(
  store: Store,
  input: { supplierId: string; purchaseOrderId: string; clauses: Clause[]; legal_entities: LegalEntities; now?: Date },
): Promise<LoadedContract> {
  const at = nowIso(input.now);
  return inTransaction(store, async (q) => {
    await lockPurchaseOrder(q, input.purchaseOrderId);
    const po = await loadPurchaseOrder(q, input.supplierId, input.purchaseOrderId);
    const t = unwrap(
      draftContract(
        { ...po, terms: JSON.parse(po.terms) as Terms, products: JSON.parse(po.products) as ProductSnapshot[] },
        roleIn(po, input.supplierId),
        { id: newId('ctr'), clauses: input.clauses, legal_entities: input.legal_entities, at },
      ),
    );
    await persistTransition(q, null, t, input.supplierId, at);
    return loadContract(q, input.supplierId, t.contract.id);
  });
}

export interface ContractPatch {
  clauses?: Clause[] | undefined;
  legal_entities?: LegalEntities | undefined;
  terms?: Terms | undefined;
}

/**
 * Supplier edits. The state is checked before the content (a confirmed contract is 409 whatever the
 * body says); new products in edited terms are checked like an offer's, agreed ones stay as snapshotted.
 */
export function reviseContractFor(store: Store, input: { supplierId: string; id: string; patch: ContractPatch; now?: Date }): Promise<LoadedContract> {
  const at = nowIso(input.now);
  return inTransaction(store, async (q) => {
    const { contract } = await loadContract(q, input.supplierId, input.id, true);
    const actor = roleIn(contract, input.supplierId);
    const refused = revisionRefusal(contract, actor);
    if (refused) throw new RefusedError(refused);
    const { terms, clauses, legal_entities } = input.patch;
    const patch: Partial<ContractContent> = {
      ...(clauses === undefined ? {} : { clauses }),
      ...(legal_entities === undefined ? {} : { legal_entities }),
    };
    if (terms !== undefined) {
      patch.terms = terms;
      patch.products = await checkTermsProducts(q, {
        buyerId: contract.buyer_id,
        supplierId: contract.supplier_id,
        items: terms.items,
        path: 'terms.items',
        previous: currentVersion(contract).products,
        checkNewOnly: true,
      });
    }
    const t = unwrap(reviseContract(contract, actor, patch, at));
    await persistTransition(q, contract, t, input.supplierId, at);
    return loadContract(q, input.supplierId, input.id);
  });
}

export function sendContractFor(store: Store, input: { supplierId: string; id: string; now?: Date }): Promise<LoadedContract> {
  const at = nowIso(input.now);
  return inTransaction(store, async (q) => {
    const { contract } = await loadContract(q, input.supplierId, input.id, true);
    const t = unwrap(sendContract(contract, roleIn(contract, input.supplierId), at));
    await persistTransition(q, contract, t, input.supplierId, at);
    return loadContract(q, input.supplierId, input.id);
  });
}

export function requestContractChanges(store: Store, input: { buyerId: string; id: string; comment: string; now?: Date }): Promise<LoadedContract> {
  const at = nowIso(input.now);
  return inTransaction(store, async (q) => {
    const { contract } = await loadContract(q, input.buyerId, input.id, true);
    const t = unwrap(requestChanges(contract, roleIn(contract, input.buyerId), { comment: input.comment, at }));
    await persistTransition(q, contract, t, input.buyerId, at);
    return loadContract(q, input.buyerId, input.id);
  });
}

/** The buyer's confirmation: evidence, immutability, the PO moved on and the order opened, all or nothing. */
export function confirmContractFor(
  store: Store,
  input: { buyerId: string; id: string; signer_name: string; accept: unknown; now?: Date },
): Promise<LoadedContract> {
  const at = nowIso(input.now);
  return inTransaction(store, async (q) => {
    const { contract } = await loadContract(q, input.buyerId, input.id, true);
    const t = unwrap(confirmContract(contract, roleIn(contract, input.buyerId), { signer_name: input.signer_name, accept: input.accept, at }));
    if (!isConfirmed(t.contract)) throw new Error('confirmContract returned an unconfirmed contract');
    const orderId = await openOrder(q, t.contract, at);
    await persistTransition(q, contract, t, input.buyerId, at, orderId);
    // Same transaction: partners hear of the confirmation iff it commits (once per partner of either side).
    await enqueueEventForParties(q, [t.contract.buyer_id, t.contract.supplier_id], { type: 'contract.confirmed', data: contractConfirmedData(t.contract, orderId), created_at: at });
    return loadContract(q, input.buyerId, input.id);
  });
}

const presentVersion = (v: ContractVersion) => ({
  version: v.version,
  terms: priceTerms(v.terms),
  clauses: v.clauses.map((c) => ({ title: c.title, body: c.body })),
  legal_entities: v.legal_entities,
  products: [...v.products],
  created_at: v.created_at,
  updated_at: v.updated_at,
  sent_at: v.sent_at,
});

function presentSummary(record: ContractRecord, current: ContractVersion, partyId: string): ContractSummary {
  return {
    id: record.id,
    status: record.status,
    purchase_order_id: record.purchase_order_id,
    negotiation_id: record.negotiation_id,
    buyer: { id: record.buyer_id, name: record.buyer_name },
    supplier: { id: record.supplier_id, name: record.supplier_name },
    version: current.version,
    terms: priceTerms(current.terms),
    allowed_actions: allowedContractActions(record, roleIn(record, partyId)),
    signer_name: record.signer_name,
    confirmed_at: record.confirmed_at,
    digest: record.digest,
    order_id: record.order_id,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}

/** The contract as DESIGN shows it: current content, every version, both kinds of differences, requests. */
export function presentContract({ record, contract }: LoadedContract, partyId: string): ContractView {
  const current = currentVersion(contract);
  const previous = contract.versions.at(-2) ?? null;
  return {
    ...presentSummary(record, current, partyId),
    clauses: current.clauses.map((c) => ({ title: c.title, body: c.body })),
    legal_entities: current.legal_entities,
    products: [...current.products],
    agreed_terms: priceTerms(contract.agreed_terms),
    versions: contract.versions.map(presentVersion),
    differences: contractVersionDiffs(contract.agreed_terms, current, previous),
    change_requests: contract.change_requests.map((r) => ({ version: r.version, comment: r.comment, at: r.at })),
  };
}

export async function contractPage(store: Store, party: { id: string; kind: 'buyer' | 'supplier' }, query: DealListQuery): Promise<Page<ContractSummary>> {
  const page = await listContracts(store, sideOf(party), query);
  const versions = await currentVersions(store, page.data);
  return {
    data: page.data.map((record) => {
      const [current] = toDomainContract(record, [versions.get(record.id)!], []).versions;
      return presentSummary(record, current!, party.id);
    }),
    next_cursor: page.next_cursor,
  };
}

