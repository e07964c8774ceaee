/** Which fields of a confirmed contract are evidence, in which form, and their canonical JSON and digest. */
import type { Clause, LegalEntities, LegalEntity, PricedTerms, ProductSnapshot, Terms } from '../schemas/terms.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { priceTerms } from './terms.js';

/**
 * What confirming binds both parties to (procurement flow, "E-procurement contract fulfillment" 3.1 and 3.2,
 * with the settlement rules of 4-6). It is part of the evidence, so its text is versioned with the format.
 */
export const AGREEMENTS = {
  expert_advisor_sts_fulfilment: true,
  k100pay_payment_and_settlement: true,
  statement:
    'By confirming this e-procurement contract the buyer and the seller formally agree to use an Expert Advisor ' +
    '(STS) to fulfil it and to use K100Pay as the payment and settlement tool. The buyer makes one payment to ' +
    'K100Pay of exactly the amount K100Pay requests; over- or underpayment fails the transaction and refund costs ' +
    'are borne by the buyer, as are the payment channel\'s handling charges. K100Pay holds the payment in escrow, ' +
    'releases the agreed deposit to the seller when escrow is funded, and releases the balance in strict accordance ' +
    'with this contract once the warehouse operator has transferred ownership of the goods; from then on the buyer ' +
    'waives the right to dispute or be refunded. With a 0% deposit the seller delivers before the agreed delivery ' +
    'date at its own risk.',
} as const;

/** Bumped whenever the evidence layout or the agreement text changes, so old digests stay reproducible. */
export const EVIDENCE_FORMAT = 'k100/contract-evidence/2';

export interface CanonicalContract {
  format: typeof EVIDENCE_FORMAT;
  id: string;
  version: number;
  negotiation_id: string;
  purchase_order_id: string;
  parties: { buyer_id: string; supplier_id: string };
  legal_entities: LegalEntities;
  /** The terms with the totals computed by the server: the amounts are what was agreed, not just the prices. */
  terms: PricedTerms;
  /** The goods by name, one per line item in item order: terms carry only product ids. */
  products: ProductName[];
  clauses: Clause[];
  agreements: typeof AGREEMENTS;
  signer_name: string;
  confirmed_at: string;
}

// Each piece is rebuilt field by field: an extra property on a stored row must not slip into the evidence,
// and an optional field left `undefined` must be absent rather than make canonicalJson throw.

export const plainClauses = (clauses: readonly Clause[]): Clause[] =>
  clauses.map((clause) => ({ title: clause.title, body: clause.body }));

const plainEntity = (entity: LegalEntity): LegalEntity => ({
  name: entity.name,
  address: entity.address,
  ...(entity.registration_no === undefined ? {} : { registration_no: entity.registration_no }),
  country: entity.country,
});

export const plainLegalEntities = (entities: LegalEntities): LegalEntities => ({
  seller: plainEntity(entities.seller),
  buyer: plainEntity(entities.buyer),
});

export interface ProductName {
  product_id: string;
  name: string;
}

/**
 * The name of each line item's product, in item order. The listed price in a snapshot is reference, not
 * agreement, so it stays out of the evidence. A line without a snapshot is a bug upstream: fail loudly
 * rather than sign a contract that cannot say what it sells.
 */
export function productNames(terms: Pick<Terms, 'items'>, products: readonly ProductSnapshot[]): ProductName[] {
  const names = new Map(products.map((p) => [p.product_id, p.name]));
  return terms.items.map(({ product_id }) => {
    const name = names.get(product_id);
    if (name === undefined) throw new Error(`no product snapshot for ${product_id}`);
    return { product_id, name };
  });
}

/** The contract fields evidence needs; a structural subset of Contract so this module does not import it. */
export interface EvidenceSource {
  id: string;
  negotiation_id: string;
  purchase_order_id: string;
  buyer_id: string;
  supplier_id: string;
  versions: readonly {
    version: number;
    terms: Terms;
    clauses: readonly Clause[];
    legal_entities: LegalEntities;
    products: readonly ProductSnapshot[];
  }[];
}

/**
 * Exactly the evidence: identity and provenance (id, version, negotiation and PO ids), the parties and
 * their legal entities, terms with computed totals, the goods' names, every clause, the STS/K100Pay
 * agreement, and who confirmed when. Ledger, order and later events are deliberately not in it: they
 * happen after the signature.
 */
export function canonicalContract(
  contract: EvidenceSource,
  signature: { signer_name: string; confirmed_at: string },
): CanonicalContract {
  const current = contract.versions.at(-1);
  if (!current) throw new Error('contract has no versions');
  return {
    format: EVIDENCE_FORMAT,
    id: contract.id,
    version: current.version,
    negotiation_id: contract.negotiation_id,
    purchase_order_id: contract.purchase_order_id,
    parties: { buyer_id: contract.buyer_id, supplier_id: contract.supplier_id },
    legal_entities: plainLegalEntities(current.legal_entities),
    terms: priceTerms(current.terms),
    products: productNames(current.terms, current.products),
    clauses: plainClauses(current.clauses),
    agreements: AGREEMENTS,
    signer_name: signature.signer_name,
    confirmed_at: signature.confirmed_at,
  };
}

export function contractEvidence(
  contract: EvidenceSource,
  signature: { signer_name: string; confirmed_at: string },
): { canonical_json: string; digest: string } {
  const canonical_json = canonicalJson(canonicalContract(contract, signature));
  return { canonical_json, digest: sha256Hex(canonical_json) };
}
