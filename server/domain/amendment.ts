/**
 * Contract amendments: the rules a supplier's revised quantities must meet, the value they take off the order,
 * and the canonical evidence (JSON + SHA-256) a buyer's confirmation binds, in the manner of the contract's.
 */
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { lineTotal } from './terms.js';

/** A line of the contract as it stands now: its confirmed version, or the latest confirmed amendment. */
export interface ContractLine {
  product_id: string;
  product_name: string;
  unit_price: number;
  quantity: number;
}

export interface AmendmentItem {
  product_id: string;
  product_name: string;
  unit_price: number;
  from_quantity: number;
  to_quantity: number;
}

export interface RequestedQuantity {
  product_id: string;
  quantity: number;
}

export interface AmendmentPlan {
  /** Every line of the contract in contract order, unchanged ones included: an amendment states the whole contract. */
  items: AmendmentItem[];
  total_before: number;
  total_after: number;
  refund_amount: number;
}

export interface FieldProblem {
  path: string;
  message: string;
}

export type PlanOutcome =
  | { ok: true; value: AmendmentPlan }
  | { ok: false; code: 'invalid_items'; errors: FieldProblem[] }
  | { ok: false; code: 'refund_exceeds_escrow'; message: string; refund_amount: number; escrow: number };

const sumValue = (lines: readonly { unit_price: number; quantity: number }[]): number =>
  lines.reduce((sum, line) => sum + lineTotal(line), 0);

/**
 * The supplier's revision checked against the contract as it stands. Lines not named keep their quantity; a
 * named line may only go down (the buyer paid for no more), at least one must, and 0 drops a line but never
 * every line (that is a cancellation, which is a dispute's business). The refund is the exact value difference
 * and must fit in what escrow still holds: the deposit already released is not clawed back.
 */
export function planAmendment(current: readonly ContractLine[], requested: readonly RequestedQuantity[], escrow: number): PlanOutcome {
  const errors: FieldProblem[] = [];
  const byProduct = new Map(current.map((line) => [line.product_id, line]));
  const wanted = new Map<string, number>();
  requested.forEach((item, i) => {
    const line = byProduct.get(item.product_id);
    if (!line) errors.push({ path: `items.${i}.product_id`, message: 'is not on the contract' });
    else if (wanted.has(item.product_id)) errors.push({ path: `items.${i}.product_id`, message: 'appears twice; give each product one line' });
    else if (item.quantity > line.quantity) {
      errors.push({ path: `items.${i}.quantity`, message: `must be at most the contract quantity ${line.quantity}` });
    } else wanted.set(item.product_id, item.quantity);
  });
  if (errors.length > 0) return { ok: false, code: 'invalid_items', errors };

  const items = current.map(
    (line): AmendmentItem => ({
      product_id: line.product_id,
      product_name: line.product_name,
      unit_price: line.unit_price,
      from_quantity: line.quantity,
      to_quantity: wanted.get(line.product_id) ?? line.quantity,
    }),
  );
  if (!items.some((item) => item.to_quantity < item.from_quantity)) {
    errors.push({ path: 'items', message: 'must lower at least one quantity below the contract' });
  }
  if (items.every((item) => item.to_quantity === 0)) {
    errors.push({ path: 'items', message: 'cannot drop every line; a contract with no goods is a dispute, not an amendment' });
  }
  if (errors.length > 0) return { ok: false, code: 'invalid_items', errors };

  const total_before = sumValue(current);
  const total_after = sumValue(items.map((item) => ({ unit_price: item.unit_price, quantity: item.to_quantity })));
  const refund_amount = total_before - total_after;
  if (refund_amount > escrow) {
    return {
      ok: false,
      code: 'refund_exceeds_escrow',
      message: `The revision is worth ${refund_amount} less, but escrow holds only ${escrow}; the released deposit is not refunded.`,
      refund_amount,
      escrow,
    };
  }
  return { ok: true, value: { items, total_before, total_after, refund_amount } };
}

/** The contract after the amendment: what the cross-check and the next amendment compare against. */
export const linesAfter = (items: readonly AmendmentItem[]): ContractLine[] =>
  items.map((item) => ({ product_id: item.product_id, product_name: item.product_name, unit_price: item.unit_price, quantity: item.to_quantity }));

/** Order totals after a refund: the released deposit stays as it was, the balance takes the whole difference. */
export function totalsAfter(order: { total: number; deposit_amount: number }, refund: number): { total: number; balance_amount: number } {
  const total = order.total - refund;
  return { total, balance_amount: total - order.deposit_amount };
}

/** Bumped whenever the evidence layout changes, so old digests stay reproducible. */
export const AMENDMENT_EVIDENCE_FORMAT = 'k100/amendment-evidence/1';

/** The stored amendment fields evidence needs (the row, with items parsed). */
export interface AmendmentEvidenceSource {
  id: string;
  contract_id: string;
  order_id: string;
  number: number;
  reason: string;
  items: readonly AmendmentItem[];
  currency: string;
  total_before: number;
  total_after: number;
  refund_amount: number;
  proposed_by: string;
  created_at: string;
}

export interface CanonicalAmendment {
  format: typeof AMENDMENT_EVIDENCE_FORMAT;
  id: string;
  contract_id: string;
  order_id: string;
  number: number;
  parties: { buyer_id: string; supplier_id: string };
  /** The digest of what this amends (the contract, or the previous confirmed amendment): the evidence chains. */
  amends_digest: string;
  reason: string;
  currency: string;
  items: AmendmentItem[];
  total_before: number;
  total_after: number;
  refund_amount: number;
  proposed_by: string;
  proposed_at: string;
  signer_name: string;
  confirmed_at: string;
}

/** Rebuilt field by field, like the contract's evidence: nothing extra on a stored row slips into what is hashed. */
export function canonicalAmendment(
  source: AmendmentEvidenceSource,
  context: { buyer_id: string; supplier_id: string; amends_digest: string },
  signature: { signer_name: string; confirmed_at: string },
): CanonicalAmendment {
  return {
    format: AMENDMENT_EVIDENCE_FORMAT,
    id: source.id,
    contract_id: source.contract_id,
    order_id: source.order_id,
    number: source.number,
    parties: { buyer_id: context.buyer_id, supplier_id: context.supplier_id },
    amends_digest: context.amends_digest,
    reason: source.reason,
    currency: source.currency,
    items: source.items.map((item) => ({
      product_id: item.product_id,
      product_name: item.product_name,
      unit_price: item.unit_price,
      from_quantity: item.from_quantity,
      to_quantity: item.to_quantity,
    })),
    total_before: source.total_before,
    total_after: source.total_after,
    refund_amount: source.refund_amount,
    proposed_by: source.proposed_by,
    proposed_at: source.created_at,
    signer_name: signature.signer_name,
    confirmed_at: signature.confirmed_at,
  };
}

export function amendmentEvidence(
  source: AmendmentEvidenceSource,
  context: { buyer_id: string; supplier_id: string; amends_digest: string },
  signature: { signer_name: string; confirmed_at: string },
): { canonical_json: string; digest: string } {
  const canonical_json = canonicalJson(canonicalAmendment(source, context, signature));
  return { canonical_json, digest: sha256Hex(canonical_json) };
}
