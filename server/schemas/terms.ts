/** The one Terms schema that negotiation offers, purchase orders and contracts share, plus clauses, legal entities and differences. */
import { z } from '@hono/zod-openapi';
import { Currency, Id, MinorUnits } from './common.js';

/** zod's default "expected number, received undefined" reads badly in a form; say "is required" instead. */
const required = (expected: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${expected}`),
});

export const MAX_QUANTITY = 10_000_000;
export const MAX_ITEMS = 100;
export const MAX_NOTES = 2000;

/** Incoterms 2020, in the ICC's own order (any mode of transport first, then sea and inland waterway). */
export const INCOTERMS = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] as const;
export const Incoterm = z
  .enum(INCOTERMS, { error: `must be one of the Incoterms 2020 codes: ${INCOTERMS.join(', ')}` })
  .openapi({ example: 'FOB' });
export type Incoterm = z.infer<typeof Incoterm>;

export const SHIPPING_MODES = ['fcl', 'lcl', 'courier'] as const;
export const ShippingMode = z
  .enum(SHIPPING_MODES, { error: 'must be fcl, lcl or courier' })
  .openapi({ description: '`fcl` full container, `lcl` less than container load, `courier` international express.' });
export type ShippingMode = z.infer<typeof ShippingMode>;

export const Percent = z
  .number(required('a whole percentage'))
  .int('must be a whole percentage')
  .min(0, 'must be 0 to 100')
  .max(100, 'must be 0 to 100');

/** ISO 8601 calendar date; z.iso.date() also refuses impossible days such as 2027-02-29 or 2026-04-31. */
export const CalendarDate = z.iso
  .date(required('a real calendar date in YYYY-MM-DD form'))
  .openapi({ format: 'date', example: '2026-12-15' });

/**
 * UN/LOCODE: ISO 3166 country + 3 location characters. UNECE uses only the digits 2-9 there (0 and 1 would
 * be mistaken for O and I), so those are all we accept. Lower case is normalised so "nlrtm" is NLRTM.
 */
export const UnLocode = z
  .string(required('a UN/LOCODE'))
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'must be a UN/LOCODE: 2-letter country and 3 letters or digits, such as NLRTM')
  .openapi({ example: 'NLRTM' });

/** ISO 3166-1 alpha-2, normalised to upper case. */
export const CountryCode = z
  .string(required('a country code'))
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code such as CN')
  .openapi({ example: 'CN' });

export const TermsItem = z
  .object({
    product_id: Id,
    quantity: z
      .number(required('a whole number of pieces'))
      .int('must be a whole number of pieces')
      .min(1, 'must be at least 1')
      .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`),
    unit_price: MinorUnits,
  })
  .openapi('TermsItem');
export type TermsItem = z.infer<typeof TermsItem>;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Rules that span items: one line per product (so diffs can match lines by product id), and totals that
 * stay exact integers. Checked here so every validated Terms can be priced without overflow.
 */
const TermsItems = z
  .array(TermsItem, required('a list of line items'))
  .min(1, 'must have at least one line item')
  .max(MAX_ITEMS, `must have at most ${MAX_ITEMS} line items`)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    let subtotal = 0n;
    let lineTooLarge = false;
    items.forEach((item, i) => {
      if (seen.has(item.product_id)) {
        ctx.addIssue({ code: 'custom', path: [i, 'product_id'], message: 'appears twice; give each product one line' });
      }
      seen.add(item.product_id);
      const line = BigInt(item.quantity) * BigInt(item.unit_price);
      if (line > SAFE) {
        lineTooLarge = true;
        ctx.addIssue({ code: 'custom', path: [i, 'unit_price'], message: 'makes the line total too large' });
      }
      subtotal += line;
    });
    // One overflowing line already explains an overflowing subtotal; say it once, where it is.
    if (subtotal > SAFE && !lineTooLarge) {
      ctx.addIssue({ code: 'custom', path: [], message: 'add up to a subtotal too large to represent exactly' });
    }
  });

const termsShape = {
  currency: Currency,
  items: TermsItems,
  incoterm: Incoterm,
  delivery_date: CalendarDate,
  deposit_percent: Percent.openapi({ description: 'Share of the subtotal released to the supplier when escrow is funded.' }),
  inspection_percent: Percent.openapi({ description: 'Share of the goods the warehouse inspects (value-added check).' }),
  shipping_mode: ShippingMode,
  destination_port: UnLocode,
  notes: z.string().max(MAX_NOTES, `must be at most ${MAX_NOTES} characters`).optional(),
};

/** Agreed or proposed terms. Unknown keys (including client-sent totals) are stripped: totals come from priceTerms. */
export const Terms = z.object(termsShape).openapi('Terms');
export type Terms = z.infer<typeof Terms>;

export const PricedTermsItem = TermsItem.extend({
  line_total: MinorUnits.openapi({ description: 'quantity × unit_price, computed by the server.' }),
}).openapi('PricedTermsItem');
export type PricedTermsItem = z.infer<typeof PricedTermsItem>;

/**
 * Totals in integer minor units. deposit_amount = floor(subtotal × deposit_percent / 100) and
 * balance_amount = subtotal − deposit_amount, so the two always add up to the subtotal exactly and the
 * supplier never receives more than the agreed share before delivery.
 */
export const TermsTotals = z
  .object({ subtotal: MinorUnits, deposit_amount: MinorUnits, balance_amount: MinorUnits })
  .openapi('TermsTotals');
export type TermsTotals = z.infer<typeof TermsTotals>;

/** Terms as the server answers them: each line with its total, and the totals; never taken from the client. */
export const PricedTerms = z
  .object({ ...termsShape, items: z.array(PricedTermsItem), totals: TermsTotals })
  .openapi('PricedTerms');
export type PricedTerms = z.infer<typeof PricedTerms>;

/**
 * How terms name their goods: terms items carry only `product_id`, so when a product enters an offer its
 * name (and the supplier's listed price, for reference) is copied here and travels with the offer, the
 * purchase order and each contract version. Later catalog edits never change what was agreed.
 */
export const ProductSnapshot = z
  .object({
    product_id: z.string(),
    name: z.string(),
    list_unit_price: MinorUnits.openapi({
      description: 'The supplier’s listed unit price when the product entered the terms; for reference only, `unit_price` in the terms is what was agreed.',
    }),
    list_currency: Currency,
  })
  .openapi('ProductSnapshot');
export type ProductSnapshot = z.infer<typeof ProductSnapshot>;

export const Clause = z
  .object({
    title: z.string(required('text')).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    body: z.string(required('text')).min(1, 'must not be empty').max(20_000, 'must be at most 20000 characters'),
  })
  .strict()
  .openapi('Clause');
export type Clause = z.infer<typeof Clause>;

export const Clauses = z
  .array(Clause, required('a list of clauses'))
  .min(1, 'must have at least one clause')
  .max(100, 'must have at most 100 clauses');

export const LegalEntity = z
  .object({
    name: z.string(required('text')).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    address: z.string(required('text')).trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
    registration_no: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
    country: CountryCode,
  })
  .strict()
  .openapi('LegalEntity');
export type LegalEntity = z.infer<typeof LegalEntity>;

/** The companies that sign: the supplier's as seller, the buyer's as buyer. */
export const LegalEntities = z.strictObject({ seller: LegalEntity, buyer: LegalEntity }).openapi('LegalEntities');
export type LegalEntities = z.infer<typeof LegalEntities>;

/**
 * One field-level difference. `before` is null when added, `after` is null when removed (JSON has no
 * undefined). Paths name line items by product id and clauses by 0-based index.
 */
export const Difference = z
  .object({
    path: z.string().openapi({ example: 'items[prod_x].quantity' }),
    before: z.unknown(),
    after: z.unknown(),
    kind: z.enum(['added', 'removed', 'changed']),
  })
  .openapi('Difference');
export type Difference = z.infer<typeof Difference>;
