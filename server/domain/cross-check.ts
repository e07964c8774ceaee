/**
 * The three-way cross-check: the contract's quantities (or its latest confirmed amendment's), the supplier's
 * latest packing list, and what the warehouse received and still holds, per product; plus declared vs
 * measured carton weights. Any difference blocks consolidation and the ownership transfer.
 */
import { gramsToKg, weightDiffers } from './measures.js';

export interface ContractLine {
  product_id: string;
  product_name: string;
  quantity: number;
}

export interface PackingListCarton {
  barcode: string;
  product_id: string;
  quantity: number;
  gross_weight_g: number | null;
}

export interface ReceivedCarton {
  barcode: string;
  product_id: string;
  quantity: number;
  /** Given back to the supplier: no longer counts as received. */
  returned: boolean;
}

export interface CrossCheckInput {
  contract: readonly ContractLine[];
  packing_list: { revision: number; cartons: readonly PackingListCarton[] } | null;
  received: readonly ReceivedCarton[];
  /** Latest measured weight per barcode. */
  measured_weights: ReadonlyMap<string, number>;
  /** Names of products that are not on the contract but exist in the catalog. */
  other_product_names: ReadonlyMap<string, string>;
}

export type Difference =
  | { kind: 'short' | 'excess'; product_id: string; product_name: string; expected: number; packing_list: number | null; received: number }
  | { kind: 'unexpected_product'; product_id: string; product_name: string | null; received: number }
  | { kind: 'packing_list_mismatch'; product_id: string; product_name: string | null; contract: number; packing_list: number }
  | { kind: 'packing_list_missing' }
  | { kind: 'weight_mismatch'; barcode: string; declared_kg: number; measured_kg: number };

export interface CrossCheckLine {
  product_id: string;
  product_name: string | null;
  contract_quantity: number;
  packing_list_quantity: number | null;
  received_quantity: number;
}

export interface CrossCheck {
  status: 'match' | 'discrepancy';
  packing_list_revision: number | null;
  lines: CrossCheckLine[];
  differences: Difference[];
}

const sumBy = (rows: ReadonlyArray<{ product_id: string; quantity: number }>): Map<string, number> => {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.product_id, (out.get(r.product_id) ?? 0) + r.quantity);
  return out;
};

/**
 * Lines in contract order, then other products as first met (received, then packing list). Differences:
 * packing list missing first; per product, received vs contract (short/excess or unexpected), then the
 * packing list vs the contract; weight mismatches last, by barcode.
 */
export function crossCheck(input: CrossCheckInput): CrossCheck {
  const onHand = input.received.filter((c) => !c.returned);
  const received = sumBy(onHand);
  const listed = input.packing_list ? sumBy(input.packing_list.cartons) : null;
  const contract = new Map(input.contract.map((l) => [l.product_id, l]));

  const productIds = [...new Set([...input.contract.map((l) => l.product_id), ...onHand.map((c) => c.product_id), ...(input.packing_list?.cartons ?? []).map((c) => c.product_id)])];
  const lines: CrossCheckLine[] = [];
  const differences: Difference[] = [];
  if (listed === null) differences.push({ kind: 'packing_list_missing' });

  for (const product_id of productIds) {
    const line = contract.get(product_id);
    const name = line?.product_name ?? input.other_product_names.get(product_id) ?? null;
    const expected = line?.quantity ?? 0;
    const got = received.get(product_id) ?? 0;
    const onList = listed === null ? null : (listed.get(product_id) ?? 0);
    lines.push({ product_id, product_name: name, contract_quantity: expected, packing_list_quantity: onList, received_quantity: got });

    if (line && expected > 0) {
      if (got !== expected) {
        differences.push({ kind: got < expected ? 'short' : 'excess', product_id, product_name: line.product_name, expected, packing_list: onList, received: got });
      }
    } else if (got > 0) {
      differences.push({ kind: 'unexpected_product', product_id, product_name: name, received: got });
    }
    if (onList !== null && onList !== expected) {
      differences.push({ kind: 'packing_list_mismatch', product_id, product_name: name, contract: expected, packing_list: onList });
    }
  }

  const declared = new Map((input.packing_list?.cartons ?? []).filter((c) => c.gross_weight_g !== null).map((c) => [c.barcode, c.gross_weight_g!]));
  const weightDifferences = onHand
    .map((c) => c.barcode)
    .sort()
    .flatMap((barcode): Difference[] => {
      const d = declared.get(barcode);
      const m = input.measured_weights.get(barcode);
      if (d === undefined || m === undefined || !weightDiffers(d, m)) return [];
      return [{ kind: 'weight_mismatch', barcode, declared_kg: gramsToKg(d), measured_kg: gramsToKg(m) }];
    });
  differences.push(...weightDifferences);

  return {
    status: differences.length === 0 ? 'match' : 'discrepancy',
    packing_list_revision: input.packing_list?.revision ?? null,
    lines,
    differences,
  };
}
