/** Pricing and field-level differences of terms, clauses and legal entities; pure, so every route and test agrees. */
import type {
  Clause,
  Difference,
  LegalEntities,
  LegalEntity,
  PricedTerms,
  Terms,
  TermsItem,
  TermsTotals,
} from '../schemas/terms.js';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** BigInt so intermediate products (quantity × price, subtotal × percent) are exact before we range-check them. */
function toSafeNumber(amount: bigint, what: string): number {
  if (amount < 0n || amount > SAFE) throw new RangeError(`${what} is outside 0..Number.MAX_SAFE_INTEGER`);
  return Number(amount);
}

export function lineTotal(item: Pick<TermsItem, 'quantity' | 'unit_price'>): number {
  return toSafeNumber(BigInt(item.quantity) * BigInt(item.unit_price), 'line total');
}

/**
 * deposit = floor(subtotal × percent / 100), balance = subtotal − deposit. Rounding down means the supplier
 * never gets more than the agreed share before delivery, and deposit + balance == subtotal exactly.
 */
export function splitDeposit(subtotal: number, depositPercent: number): Omit<TermsTotals, 'subtotal'> {
  if (!Number.isSafeInteger(subtotal) || subtotal < 0) throw new RangeError('subtotal must be a safe non-negative integer');
  if (!Number.isInteger(depositPercent) || depositPercent < 0 || depositPercent > 100) {
    throw new RangeError('deposit percent must be an integer 0..100');
  }
  const deposit = (BigInt(subtotal) * BigInt(depositPercent)) / 100n; // BigInt division truncates: floor for >= 0
  return { deposit_amount: Number(deposit), balance_amount: subtotal - Number(deposit) };
}

/**
 * Terms with every line total and the totals, computed here and never taken from the client. Validated
 * Terms always price (the schema refuses totals above MAX_SAFE_INTEGER); anything else throws RangeError.
 */
export function priceTerms(terms: Terms): PricedTerms {
  const items = terms.items.map((item) => ({
    product_id: item.product_id,
    quantity: item.quantity,
    unit_price: item.unit_price,
    line_total: lineTotal(item),
  }));
  const subtotal = toSafeNumber(
    items.reduce((sum, item) => sum + BigInt(item.line_total), 0n),
    'subtotal',
  );
  // Fields are picked one by one so nothing the client sent beyond Terms (say, its own totals) survives.
  return {
    currency: terms.currency,
    items,
    incoterm: terms.incoterm,
    delivery_date: terms.delivery_date,
    deposit_percent: terms.deposit_percent,
    inspection_percent: terms.inspection_percent,
    shipping_mode: terms.shipping_mode,
    destination_port: terms.destination_port,
    ...(terms.notes === undefined ? {} : { notes: terms.notes }),
    totals: { subtotal, ...splitDeposit(subtotal, terms.deposit_percent) },
  };
}

type Scalar = string | number | boolean | null;

function diffValue(path: string, before: Scalar | undefined, after: Scalar | undefined, out: Difference[]): void {
  const a = before ?? null;
  const b = after ?? null;
  if (a === b) return;
  out.push({ path, before: a, after: b, kind: a === null ? 'added' : b === null ? 'removed' : 'changed' });
}

/** The scalar fields of Terms, in the order DESIGN.md lists them; `items` is diffed by product id in its place. */
const TERMS_FIELDS_BEFORE_ITEMS = ['currency'] as const;
const TERMS_FIELDS_AFTER_ITEMS = [
  'incoterm',
  'delivery_date',
  'deposit_percent',
  'inspection_percent',
  'shipping_mode',
  'destination_port',
  'notes',
] as const;

const plainItem = (item: TermsItem): TermsItem => ({
  product_id: item.product_id,
  quantity: item.quantity,
  unit_price: item.unit_price,
});

/** Code-unit order, not localeCompare: the output must not depend on the server's locale. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function diffItems(a: readonly TermsItem[], b: readonly TermsItem[], out: Difference[]): void {
  const before = new Map(a.map((item) => [item.product_id, item]));
  const after = new Map(b.map((item) => [item.product_id, item]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(byCodeUnits);
  for (const id of ids) {
    const x = before.get(id);
    const y = after.get(id);
    const path = `items[${id}]`;
    if (x && y) {
      diffValue(`${path}.quantity`, x.quantity, y.quantity, out);
      diffValue(`${path}.unit_price`, x.unit_price, y.unit_price, out);
    } else if (y) {
      out.push({ path, before: null, after: plainItem(y), kind: 'added' });
    } else if (x) {
      out.push({ path, before: plainItem(x), after: null, kind: 'removed' });
    }
  }
}

/**
 * Field-level differences from `a` to `b`. Line items are matched by product id, so reordering lines is not
 * a difference; output is in field order with items sorted by product id, the same for the same inputs.
 */
export function diffTerms(a: Terms, b: Terms): Difference[] {
  const out: Difference[] = [];
  for (const field of TERMS_FIELDS_BEFORE_ITEMS) diffValue(field, a[field], b[field], out);
  diffItems(a.items, b.items, out);
  for (const field of TERMS_FIELDS_AFTER_ITEMS) diffValue(field, a[field], b[field], out);
  return out;
}

/** Clauses compared by position (0-based): an inserted clause shows as changes after it plus one added at the end. */
export function diffClauses(a: readonly Clause[], b: readonly Clause[]): Difference[] {
  const out: Difference[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    const path = `clauses[${i}]`;
    if (x && y) {
      diffValue(`${path}.title`, x.title, y.title, out);
      diffValue(`${path}.body`, x.body, y.body, out);
    } else if (y) {
      out.push({ path, before: null, after: { title: y.title, body: y.body }, kind: 'added' });
    } else if (x) {
      out.push({ path, before: { title: x.title, body: x.body }, after: null, kind: 'removed' });
    }
  }
  return out;
}

const ENTITY_FIELDS = ['name', 'address', 'registration_no', 'country'] as const satisfies readonly (keyof LegalEntity)[];

/** Seller then buyer, each field by name, with paths as in the contract JSON: `legal_entities.seller.address`. */
export function diffLegalEntities(a: LegalEntities, b: LegalEntities): Difference[] {
  const out: Difference[] = [];
  for (const side of ['seller', 'buyer'] as const) {
    for (const field of ENTITY_FIELDS) diffValue(`legal_entities.${side}.${field}`, a[side][field], b[side][field], out);
  }
  return out;
}
