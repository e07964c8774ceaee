/** The e-contract lifecycle (draft, send, request changes, revise, confirm), its versions and their differences. */
import type { Clause, Difference, LegalEntities, ProductSnapshot, Terms } from '../schemas/terms.js';
import type { AuditEvent } from './audit-chain.js';
import { canonicalJson, sha256Hex, type JsonValue } from './canonical-json.js';
import { contractEvidence, plainClauses, plainLegalEntities, productNames } from './contract-evidence.js';
import type { PurchaseOrderStatus } from './negotiation.js';
import { accepted, refuse, type Party, type Refusal, type Result } from './refusal.js';
import { diffClauses, diffLegalEntities, diffTerms, priceTerms } from './terms.js';

export { canonicalJson, sha256Hex as contractDigest } from './canonical-json.js';
export { canonicalContract, contractEvidence, AGREEMENTS, type CanonicalContract } from './contract-evidence.js';

/**
 * draft → sent → changes_requested → (revised) draft → … → sent → confirmed. Only the supplier edits (in
 * draft or changes_requested) and sends (from draft); only the buyer requests changes or confirms (when
 * sent). confirmed is final: every further action is refused, so the evidence never changes.
 */
export type ContractStatus = 'draft' | 'sent' | 'changes_requested' | 'confirmed';

/** What the supplier writes and the buyer agrees to. */
export interface ContractContent {
  terms: Terms;
  clauses: readonly Clause[];
  legal_entities: LegalEntities;
  /** A snapshot of every line item's product (see ProductSnapshot); whoever changes `terms` supplies it. */
  products: readonly ProductSnapshot[];
}

export interface ContractVersion extends ContractContent {
  /** 1-based. A new one starts with the first edit after the buyer asked for changes. */
  version: number;
  created_at: string;
  updated_at: string;
  /** Set when sent; a sent version is never edited again. */
  sent_at: string | null;
}

export interface ChangeRequest {
  version: number;
  comment: string;
  at: string;
}

export interface Confirmation {
  signer_name: string;
  confirmed_at: string;
  /** The evidence: canonicalJson(canonicalContract(...)) and its hex SHA-256. */
  canonical_json: string;
  digest: string;
}

export interface Contract {
  id: string;
  purchase_order_id: string;
  negotiation_id: string;
  buyer_id: string;
  supplier_id: string;
  /** The PO consensus the contract was drafted from; differences are shown against it. */
  agreed_terms: Terms;
  status: ContractStatus;
  /** Oldest first; the last one is current. All are kept. */
  versions: readonly ContractVersion[];
  change_requests: readonly ChangeRequest[];
  confirmation: Confirmation | null;
}

/** The next contract plus the audit event to append for it, so no transition can skip the log. */
export interface ContractTransition {
  contract: Contract;
  audit: { event: AuditEvent; data: JsonValue };
  /** Present when the PO moves on with this transition. */
  purchase_order_status?: PurchaseOrderStatus;
}

export function currentVersion(contract: Pick<Contract, 'versions'>): ContractVersion {
  const version = contract.versions.at(-1);
  // A contract is created with version 1; an empty list is a corrupt row, not a state to handle.
  if (!version) throw new Error('contract has no versions');
  return version;
}

/**
 * Digest of one version's content, recorded in the log with each event that writes or sends it, so an
 * edited version row can be told from the one sent (verify recomputes it from the stored row).
 */
export function contentDigest(content: ContractContent): string {
  return sha256Hex(
    canonicalJson({
      terms: priceTerms(content.terms),
      products: productNames(content.terms, content.products),
      clauses: plainClauses(content.clauses),
      legal_entities: plainLegalEntities(content.legal_entities),
    }),
  );
}

export interface PurchaseOrderForContract {
  id: string;
  negotiation_id: string;
  buyer_id: string;
  supplier_id: string;
  status: PurchaseOrderStatus;
  terms: Terms;
  /** The products of the consensus, as the accepted offer named them. */
  products: readonly ProductSnapshot[];
}

/** The supplier drafts the one contract of an issued PO, prefilled with its consensus terms. */
export function draftContract(
  po: PurchaseOrderForContract,
  actor: Party,
  input: { id: string; clauses: readonly Clause[]; legal_entities: LegalEntities; at: string },
): Result<ContractTransition, 'wrong_party' | 'contract_exists'> {
  if (actor !== 'supplier') return refuse('wrong_party', 'Only the supplier of the purchase order drafts its contract.');
  if (po.status !== 'issued') return refuse('contract_exists', 'This purchase order already has a contract.');
  const first: ContractVersion = {
    version: 1,
    terms: po.terms,
    clauses: input.clauses,
    legal_entities: input.legal_entities,
    products: po.products,
    created_at: input.at,
    updated_at: input.at,
    sent_at: null,
  };
  const contract: Contract = {
    id: input.id,
    purchase_order_id: po.id,
    negotiation_id: po.negotiation_id,
    buyer_id: po.buyer_id,
    supplier_id: po.supplier_id,
    agreed_terms: po.terms,
    status: 'draft',
    versions: [first],
    change_requests: [],
    confirmation: null,
  };
  return accepted({
    contract,
    audit: { event: 'drafted', data: { version: 1, content_digest: contentDigest(first) } },
    purchase_order_status: 'contract_drafted',
  });
}

const immutable = () => refuse('contract_confirmed', 'This contract is confirmed and can no longer change.');

/**
 * Why `actor` may not edit the contract now, or null if they may. Exported so a service can refuse before
 * it validates the edit's content against the catalog (state first, then input).
 */
export function revisionRefusal(contract: Pick<Contract, 'status'>, actor: Party): Refusal<'wrong_party' | 'contract_confirmed' | 'not_editable'> | null {
  if (actor !== 'supplier') return refuse('wrong_party', 'Only the supplier edits the contract.');
  if (contract.status === 'confirmed') return immutable();
  if (contract.status === 'sent') {
    return refuse('not_editable', 'The contract was sent; wait for the buyer to confirm or request changes.');
  }
  return null;
}

/**
 * Edits by the supplier. In `draft` the unsent current version changes in place; in `changes_requested`
 * the first edit starts a new version (the sent one stays as the buyer saw it) and the contract is a draft again.
 */
export function reviseContract(
  contract: Contract,
  actor: Party,
  patch: Partial<ContractContent>,
  at: string,
): Result<ContractTransition, 'wrong_party' | 'contract_confirmed' | 'not_editable'> {
  const refused = revisionRefusal(contract, actor);
  if (refused) return refused;
  const current = currentVersion(contract);
  const content: ContractContent = {
    terms: patch.terms ?? current.terms,
    clauses: patch.clauses ?? current.clauses,
    legal_entities: patch.legal_entities ?? current.legal_entities,
    products: patch.products ?? current.products,
  };
  const startsNewVersion = contract.status === 'changes_requested';
  const revised: ContractVersion = startsNewVersion
    ? { ...content, version: current.version + 1, created_at: at, updated_at: at, sent_at: null }
    : { ...current, ...content, updated_at: at };
  const versions = startsNewVersion ? [...contract.versions, revised] : [...contract.versions.slice(0, -1), revised];
  return accepted({
    contract: { ...contract, status: 'draft', versions },
    audit: { event: 'revised', data: { version: revised.version, content_digest: contentDigest(revised) } },
  });
}

export function sendContract(
  contract: Contract,
  actor: Party,
  at: string,
): Result<ContractTransition, 'wrong_party' | 'contract_confirmed' | 'not_draft'> {
  if (actor !== 'supplier') return refuse('wrong_party', 'Only the supplier sends the contract.');
  if (contract.status === 'confirmed') return immutable();
  if (contract.status !== 'draft') return refuse('not_draft', 'Only a draft can be sent; revise the contract first.');
  const current = currentVersion(contract);
  const versions = [...contract.versions.slice(0, -1), { ...current, sent_at: at }];
  return accepted({
    contract: { ...contract, status: 'sent', versions },
    audit: { event: 'sent', data: { version: current.version, content_digest: contentDigest(current) } },
  });
}

export function requestChanges(
  contract: Contract,
  actor: Party,
  input: { comment: string; at: string },
): Result<ContractTransition, 'wrong_party' | 'contract_confirmed' | 'not_sent' | 'comment_required'> {
  if (actor !== 'buyer') return refuse('wrong_party', 'Only the buyer requests changes.');
  if (contract.status === 'confirmed') return immutable();
  if (contract.status !== 'sent') return refuse('not_sent', 'Changes can be requested only on a sent contract.');
  if (input.comment.trim() === '') return refuse('comment_required', 'Say what should change.');
  const version = currentVersion(contract).version;
  return accepted({
    contract: {
      ...contract,
      status: 'changes_requested',
      change_requests: [...contract.change_requests, { version, comment: input.comment, at: input.at }],
    },
    audit: { event: 'changes_requested', data: { version, comment: input.comment } },
  });
}

/**
 * The buyer's explicit confirmation: a signer name and `accept` that is literally `true` (not "true", not 1).
 * It stores the canonical JSON and digest, and the contract becomes immutable.
 */
export function confirmContract(
  contract: Contract,
  actor: Party,
  input: { signer_name: string; accept: unknown; at: string },
): Result<
  ContractTransition,
  'wrong_party' | 'contract_confirmed' | 'not_sent' | 'acceptance_required' | 'signer_name_required'
> {
  if (actor !== 'buyer') return refuse('wrong_party', 'Only the buyer confirms the contract.');
  if (contract.status === 'confirmed') return immutable();
  if (contract.status !== 'sent') return refuse('not_sent', 'Only a sent contract can be confirmed.');
  if (input.accept !== true) return refuse('acceptance_required', 'Confirming needs explicit acceptance: `accept: true`.');
  const signer_name = input.signer_name.trim();
  if (signer_name === '') return refuse('signer_name_required', 'Give the name of the person confirming.');
  const confirmed_at = input.at;
  const { canonical_json, digest } = contractEvidence(contract, { signer_name, confirmed_at });
  const version = currentVersion(contract).version;
  return accepted({
    contract: { ...contract, status: 'confirmed', confirmation: { signer_name, confirmed_at, canonical_json, digest } },
    audit: { event: 'confirmed', data: { version, signer_name, digest } },
    purchase_order_status: 'contract_confirmed',
  });
}

export type ContractAction = 'revise' | 'send' | 'request_changes' | 'confirm';

/** What `actor` may do now, so widgets show exactly the buttons the server would allow. */
export function allowedContractActions(contract: Pick<Contract, 'status'>, actor: Party): ContractAction[] {
  switch (contract.status) {
    case 'draft':
      return actor === 'supplier' ? ['revise', 'send'] : [];
    case 'changes_requested':
      return actor === 'supplier' ? ['revise'] : [];
    case 'sent':
      return actor === 'buyer' ? ['request_changes', 'confirm'] : [];
    case 'confirmed':
      return [];
  }
}

export interface VersionDiffs {
  /** Terms only: the consensus has no clauses or legal entities to compare against. */
  from_agreed_terms: Difference[];
  /** Terms, then clauses, then legal entities; empty for version 1. */
  from_previous_version: Difference[];
}

export function contractVersionDiffs(
  agreedTerms: Terms,
  current: ContractContent,
  previous?: ContractContent | null,
): VersionDiffs {
  return {
    from_agreed_terms: diffTerms(agreedTerms, current.terms),
    from_previous_version: previous
      ? [
          ...diffTerms(previous.terms, current.terms),
          ...diffClauses(previous.clauses, current.clauses),
          ...diffLegalEntities(previous.legal_entities, current.legal_entities),
        ]
      : [],
  };
}

/** Narrowing for code that must only ever see a confirmed contract (the document, the order). */
export type ConfirmedContract = Contract & { status: 'confirmed'; confirmation: Confirmation };
export const isConfirmed = (contract: Contract): contract is ConfirmedContract =>
  contract.status === 'confirmed' && contract.confirmation !== null;
