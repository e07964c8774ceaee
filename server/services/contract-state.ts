/** Reads a contract from its rows into the domain model, and writes a domain transition back with its audit entry. */
import { GENESIS, nextEntry } from '../domain/audit-chain.js';
import type { Contract, ContractContent, ContractTransition, ContractVersion } from '../domain/contract.js';
import { notFound } from '../problem.js';
import type { Terms } from '../schemas/terms.js';
import { appendAuditEntry, latestAuditEntry } from '../store/audit-log.js';
import {
  getContractFor,
  insertChangeRequest,
  insertContract,
  insertVersion,
  listChangeRequests,
  listVersions,
  lockContract,
  updateContract,
  updateVersion,
  type ChangeRequestRow,
  type ContractRecord,
  type ContractVersionRow,
} from '../store/contracts.js';
import type { Queryable } from '../store/db.js';
import { setPurchaseOrderStatus } from '../store/purchase-orders.js';

export interface LoadedContract {
  record: ContractRecord;
  contract: Contract;
}

/** The stored form of a version's content; the same four keys `ContractContent` has, nothing else. */
export const contentJson = (v: ContractContent): string =>
  JSON.stringify({ terms: v.terms, clauses: v.clauses, legal_entities: v.legal_entities, products: v.products });

function toVersion(row: ContractVersionRow): ContractVersion {
  const content = JSON.parse(row.content) as ContractContent;
  return {
    version: Number(row.version),
    terms: content.terms,
    clauses: content.clauses,
    legal_entities: content.legal_entities,
    products: content.products,
    created_at: row.created_at,
    updated_at: row.updated_at,
    sent_at: row.sent_at,
  };
}

export function toDomainContract(record: ContractRecord, versions: readonly ContractVersionRow[], requests: readonly ChangeRequestRow[]): Contract {
  const { signer_name, confirmed_at, canonical_json, digest } = record;
  return {
    id: record.id,
    purchase_order_id: record.purchase_order_id,
    negotiation_id: record.negotiation_id,
    buyer_id: record.buyer_id,
    supplier_id: record.supplier_id,
    agreed_terms: JSON.parse(record.agreed_terms) as Terms,
    status: record.status,
    versions: versions.map(toVersion),
    change_requests: requests.map((r) => ({ version: Number(r.version), comment: r.comment, at: r.at })),
    confirmation:
      signer_name !== null && confirmed_at !== null && canonical_json !== null && digest !== null
        ? { signer_name, confirmed_at, canonical_json, digest }
        : null,
  };
}

/** The contract if `partyId` is one of its parties, else 404; `lock` first, as for negotiations. */
export async function loadContract(q: Queryable, partyId: string, id: string, lock = false): Promise<LoadedContract> {
  if (lock) await lockContract(q, id);
  const record = await getContractFor(q, partyId, id);
  if (!record) throw notFound('contract');
  const versions = await listVersions(q, id);
  const requests = await listChangeRequests(q, id);
  return { record, contract: toDomainContract(record, versions, requests) };
}

/**
 * Writes what a transition changed (contract row, new or edited versions, new change requests, the PO's
 * status) and appends its audit entry, all in the caller's transaction. `before` is null for a draft.
 * `orderId` accompanies confirmation: the row's CHECK wants the evidence and the order together.
 */
export async function persistTransition(
  q: Queryable,
  before: Contract | null,
  t: ContractTransition,
  actorId: string,
  at: string,
  orderId: string | null = null,
): Promise<void> {
  const c = t.contract;
  const current = c.versions.at(-1)!;
  const confirmation = c.confirmation
    ? {
        signer_name: c.confirmation.signer_name,
        confirmed_at: c.confirmation.confirmed_at,
        canonical_json: c.confirmation.canonical_json,
        digest: c.confirmation.digest,
        order_id: orderId,
      }
    : {};
  if (before === null) {
    await insertContract(q, {
      id: c.id,
      purchase_order_id: c.purchase_order_id,
      negotiation_id: c.negotiation_id,
      buyer_id: c.buyer_id,
      supplier_id: c.supplier_id,
      status: c.status,
      current_version: current.version,
      signer_name: null,
      confirmed_at: null,
      canonical_json: null,
      digest: null,
      order_id: null,
      audit_head_hash: GENESIS,
      audit_length: 0,
      created_at: at,
      updated_at: at,
    });
  } else {
    await updateContract(q, c.id, { status: c.status, current_version: current.version, updated_at: at, ...confirmation });
  }

  for (const v of c.versions) {
    const old = before?.versions.find((b) => b.version === v.version);
    const row = { content: contentJson(v), updated_at: v.updated_at, sent_at: v.sent_at };
    if (!old) await insertVersion(q, { contract_id: c.id, version: v.version, created_at: v.created_at, ...row });
    else if (contentJson(old) !== row.content || old.updated_at !== row.updated_at || old.sent_at !== row.sent_at) {
      await updateVersion(q, c.id, v.version, row);
    }
  }

  const known = before?.change_requests.length ?? 0;
  for (const [i, r] of c.change_requests.entries()) {
    if (i < known) continue;
    await insertChangeRequest(q, { contract_id: c.id, seq: i + 1, version: r.version, comment: r.comment, buyer_id: c.buyer_id, at: r.at });
  }

  const latest = await latestAuditEntry(q, c.id);
  await appendAuditEntry(q, nextEntry(latest, { contract_id: c.id, event: t.audit.event, actor_id: actorId, at, data: t.audit.data }));

  if (t.purchase_order_status) await setPurchaseOrderStatus(q, c.purchase_order_id, t.purchase_order_status, at);
}
