/**
 * The designated warehouse's request and response shapes: packing lists, receipts, returns, inspections,
 * measurements, consolidation, customs release, tracking events, the ownership transfer, the cross-check and
 * the shipment view. Weights in kg, lengths in cm, volumes in m³ (stored as integer grams and millimetres).
 */
import { z } from '@hono/zod-openapi';
import { isValidContainerNumber } from '../domain/measures.js';
import { Currency, Id, MinorUnits, Timestamp } from './common.js';
import { ShippingMode, UnLocode } from './terms.js';

export const MAX_CARTONS = 5000;

export const Barcode = z
  .string()
  .regex(/^[A-Za-z0-9\-_.]{4,64}$/, 'must be 4 to 64 letters, digits, -, _ or .')
  .openapi({ example: 'CTN-0001' });

const Quantity = z.number().int('must be a whole number of pieces').min(1, 'must be at least 1').max(10_000_000, 'must be at most 10000000');

/** At most `places` decimals are kept: more are rounded away, and what is left must still be positive. */
const decimal = (max: number, places: number, unit: string) =>
  z
    .number()
    .positive('must be greater than 0')
    .max(max, `must be at most ${max}`)
    .refine((n) => Math.round(n * 10 ** places) >= 1, `must be at least ${1 / 10 ** places} ${unit}`);

const WeightKg = decimal(100_000, 3, 'kg').openapi({ description: 'Kilograms; 3 decimals kept (whole grams).', example: 12.5 });
const LengthCm = decimal(2000, 1, 'cm').openapi({ description: 'Centimetres; 1 decimal kept (whole millimetres).', example: 60 });

/** Each barcode once in a list of cartons (or barcodes): a duplicate is a typing or scanning error. */
function uniqueBarcodes<T>(barcodeOf: (item: T) => string, field: string) {
  return (items: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const barcode = barcodeOf(item);
      if (seen.has(barcode)) ctx.addIssue({ code: 'custom', path: field === '' ? [i] : [i, field], message: `repeats barcode ${barcode} (item ${seen.get(barcode)})` });
      else seen.set(barcode, i);
    });
  };
}

const cartonList = <T extends z.ZodType<{ barcode: string }>>(carton: T) =>
  z
    .array(carton)
    .min(1, 'must list at least one carton')
    .max(MAX_CARTONS, `must list at most ${MAX_CARTONS} cartons`)
    .superRefine(uniqueBarcodes((c: { barcode: string }) => c.barcode, 'barcode'));

// Packing list

export const PackingListCartonInput = z
  .object({ barcode: Barcode, product_id: Id, quantity: Quantity, gross_weight_kg: WeightKg.optional() })
  .strict()
  .openapi('PackingListCartonInput');

export const SubmitPackingList = z
  .object({ cartons: cartonList(PackingListCartonInput), note: z.string().trim().min(1).max(2000).optional() })
  .strict()
  .openapi('SubmitPackingList');
export type SubmitPackingList = z.infer<typeof SubmitPackingList>;

export const PackingListCarton = z
  .object({ barcode: z.string(), product_id: z.string(), product_name: z.string().nullable(), quantity: z.number().int(), gross_weight_kg: z.number().nullable() })
  .openapi('PackingListCarton');

export const PackingList = z
  .object({
    id: z.string(),
    order_id: z.string(),
    revision: z.number().int(),
    cartons: z.array(PackingListCarton),
    totals: z.object({ cartons: z.number().int(), quantity: z.number().int(), gross_weight_kg: z.number().nullable().openapi({ description: 'Null unless every carton declares a weight.' }) }),
    note: z.string().nullable(),
    created_at: Timestamp,
  })
  .openapi('PackingList');
export type PackingList = z.infer<typeof PackingList>;

export const LatestPackingList = PackingList.extend({
  revisions: z.array(z.object({ revision: z.number().int(), created_at: Timestamp })).openapi({ description: 'Every revision, oldest first.' }),
}).openapi('LatestPackingList');
export type LatestPackingList = z.infer<typeof LatestPackingList>;

// Receipts and returns

export const ReceiptCartonInput = z.object({ barcode: Barcode, product_id: Id, quantity: Quantity }).strict().openapi('ReceiptCartonInput');
export const CreateReceipt = z.object({ cartons: cartonList(ReceiptCartonInput) }).strict().openapi('CreateReceipt');
export type CreateReceipt = z.infer<typeof CreateReceipt>;

export const Receipt = z
  .object({
    id: z.string(),
    order_id: z.string(),
    number: z.number().int(),
    cartons: z.array(z.object({ barcode: z.string(), product_id: z.string(), quantity: z.number().int() })),
    received_at: Timestamp,
    document_id: z.string().openapi({ description: 'The goods receipt issued to the supplier (`GET /v1/documents/{id}`).' }),
  })
  .openapi('Receipt');
export type Receipt = z.infer<typeof Receipt>;

export const CreateReturn = z
  .object({
    barcodes: z.array(Barcode).min(1).max(MAX_CARTONS).superRefine(uniqueBarcodes((b: string) => b, '')),
    reason: z.string().trim().min(1).max(2000),
  })
  .strict()
  .openapi('CreateReturn');
export type CreateReturn = z.infer<typeof CreateReturn>;

export const CartonReturn = z.object({ id: z.string(), barcodes: z.array(z.string()), reason: z.string(), at: Timestamp }).openapi('CartonReturn');
export type CartonReturn = z.infer<typeof CartonReturn>;

// Inspections and measurements

export const CreateInspection = z
  .object({
    sampled_barcodes: z.array(Barcode).min(1).max(MAX_CARTONS).superRefine(uniqueBarcodes((b: string) => b, '')),
    result: z.enum(['pass', 'fail']),
    notes: z.string().trim().min(1).max(4000).optional(),
    photo_urls: z
      .array(z.url({ protocol: /^https$/, error: 'must be an https URL' }).max(2048))
      .max(10, 'must have at most 10 photos')
      .optional(),
  })
  .strict()
  .openapi('CreateInspection');
export type CreateInspection = z.infer<typeof CreateInspection>;

export const Inspection = z
  .object({
    id: z.string(),
    order_id: z.string(),
    result: z.enum(['pass', 'fail']),
    required_sample: z.number().int().openapi({ description: 'ceil(cartons on hand × inspection percent / 100), at least 1.' }),
    sampled_barcodes: z.array(z.string()),
    notes: z.string().nullable(),
    photo_urls: z.array(z.string()),
    at: Timestamp,
  })
  .openapi('Inspection');
export type Inspection = z.infer<typeof Inspection>;

export const MeasuredCartonInput = z
  .object({ barcode: Barcode, weight_kg: WeightKg, length_cm: LengthCm, width_cm: LengthCm, height_cm: LengthCm })
  .strict()
  .openapi('MeasuredCartonInput');
export const CreateMeasurement = z.object({ cartons: cartonList(MeasuredCartonInput) }).strict().openapi('CreateMeasurement');
export type CreateMeasurement = z.infer<typeof CreateMeasurement>;

export const MeasuredTotals = z
  .object({ cartons: z.number().int(), weight_kg: z.number(), volume_cbm: z.number().openapi({ description: 'Cubic metres, rounded to 3 decimals.' }) })
  .openapi('MeasuredTotals');

export const Measurement = z
  .object({
    id: z.string(),
    order_id: z.string(),
    cartons: z.array(z.object({ barcode: z.string(), weight_kg: z.number(), length_cm: z.number(), width_cm: z.number(), height_cm: z.number() })),
    totals: MeasuredTotals,
    at: Timestamp,
  })
  .openapi('Measurement');
export type Measurement = z.infer<typeof Measurement>;

// Consolidation, customs, tracking, ownership transfer

export const CreateConsolidation = z
  .object({
    mode: ShippingMode,
    container_no: z.string().trim().toUpperCase().optional().openapi({ description: 'ISO 6346, check digit verified (fcl, lcl).', example: 'CSQU3054383' }),
    seal_no: z.string().trim().min(1).max(64).optional(),
    carrier: z.string().trim().min(1).max(100).optional(),
    tracking_no: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.mode === 'courier') {
      if (body.carrier === undefined) ctx.addIssue({ code: 'custom', path: ['carrier'], message: 'is required for courier' });
      if (body.tracking_no === undefined) ctx.addIssue({ code: 'custom', path: ['tracking_no'], message: 'is required for courier' });
      return;
    }
    if (body.container_no === undefined) ctx.addIssue({ code: 'custom', path: ['container_no'], message: `is required for ${body.mode}` });
    else if (!isValidContainerNumber(body.container_no)) {
      ctx.addIssue({ code: 'custom', path: ['container_no'], message: 'must be an ISO 6346 container number with a correct check digit, such as CSQU3054383' });
    }
    if (body.seal_no === undefined) ctx.addIssue({ code: 'custom', path: ['seal_no'], message: `is required for ${body.mode}` });
  })
  .openapi('CreateConsolidation');
export type CreateConsolidation = z.infer<typeof CreateConsolidation>;

export const Consolidation = z
  .object({
    order_id: z.string(),
    mode: ShippingMode,
    container_no: z.string().nullable(),
    seal_no: z.string().nullable(),
    carrier: z.string().nullable(),
    tracking_no: z.string().nullable(),
    at: Timestamp,
  })
  .openapi('Consolidation');
export type Consolidation = z.infer<typeof Consolidation>;

export const CreateCustomsRelease = z
  .object({ declaration_no: z.string().regex(/^[A-Z0-9-]{6,32}$/, 'must be 6 to 32 capital letters, digits or -') })
  .strict()
  .openapi('CreateCustomsRelease');

export const CustomsRelease = z
  .object({ declaration_no: z.string(), at: Timestamp, document_ids: z.array(z.string()).openapi({ description: 'The commercial invoice and the customs declaration issued.' }) })
  .openapi('CustomsRelease');
export type CustomsRelease = z.infer<typeof CustomsRelease>;

export const TrackingCode = z.enum(['departed', 'arrived', 'ready_for_pickup', 'picked_up']);

export const CreateTrackingEvent = z
  .object({
    code: TrackingCode,
    at: z.iso.datetime({ offset: true }).optional().openapi({ description: 'When it happened (at most 5 minutes ahead); default now.' }),
    location: z.string().trim().min(1).max(200),
    bill_of_lading_no: z.string().trim().regex(/^[A-Za-z0-9\-/]{4,64}$/, 'must be 4 to 64 letters, digits, - or /').optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.bill_of_lading_no !== undefined && body.code !== 'departed') {
      ctx.addIssue({ code: 'custom', path: ['bill_of_lading_no'], message: 'is recorded with `departed` only' });
    }
  })
  .openapi('CreateTrackingEvent');
export type CreateTrackingEvent = z.infer<typeof CreateTrackingEvent>;

export const TrackingEvent = z
  .object({
    order_id: z.string(),
    code: TrackingCode,
    at: Timestamp,
    location: z.string(),
    bill_of_lading_no: z.string().nullable(),
    recorded_at: Timestamp,
    document_id: z.string().nullable().openapi({ description: 'The bill of lading record issued on `departed` with a B/L number.' }),
  })
  .openapi('TrackingEvent');
export type TrackingEvent = z.infer<typeof TrackingEvent>;

export const CreateOwnershipTransfer = z.object({}).strict().openapi('CreateOwnershipTransfer');

export const OwnershipTransfer = z
  .object({ order_id: z.string(), status: z.literal('settled'), released: MinorUnits, currency: Currency })
  .openapi('OwnershipTransfer');
export type OwnershipTransfer = z.infer<typeof OwnershipTransfer>;

// Cross-check and shipment

export const CrossCheckDifference = z
  .object({
    kind: z.enum(['short', 'excess', 'unexpected_product', 'packing_list_mismatch', 'packing_list_missing', 'weight_mismatch']),
    product_id: z.string().optional(),
    product_name: z.string().nullable().optional(),
    expected: z.number().int().optional(),
    packing_list: z.number().int().nullable().optional(),
    received: z.number().int().optional(),
    contract: z.number().int().optional(),
    barcode: z.string().optional(),
    declared_kg: z.number().optional(),
    measured_kg: z.number().optional(),
  })
  .openapi('CrossCheckDifference', {
    description:
      '`short`/`excess` (received vs contract: expected, packing_list, received), `unexpected_product` (received), `packing_list_mismatch` ' +
      '(contract, packing_list), `packing_list_missing`, `weight_mismatch` (barcode, declared_kg, measured_kg: over 2 % and 0.5 kg apart).',
  });

export const CrossCheck = z
  .object({
    status: z.enum(['match', 'discrepancy']),
    packing_list_revision: z.number().int().nullable(),
    lines: z.array(
      z.object({
        product_id: z.string(),
        product_name: z.string().nullable(),
        contract_quantity: z.number().int(),
        packing_list_quantity: z.number().int().nullable(),
        received_quantity: z.number().int(),
      }),
    ),
    differences: z.array(CrossCheckDifference),
  })
  .openapi('CrossCheck');

export const Warehouse = z
  .object({ id: z.string(), name: z.string(), port: UnLocode, address: z.string() })
  .openapi('Warehouse', { description: 'The designated warehouse at the port of departure.' });
export type Warehouse = z.infer<typeof Warehouse>;

export const Shipment = z
  .object({
    order_id: z.string(),
    shipping_mode: ShippingMode,
    destination_port: z.string(),
    warehouse: Warehouse.nullable(),
    cartons: z.array(
      z.object({
        barcode: z.string(),
        product_id: z.string(),
        product_name: z.string().nullable(),
        quantity: z.number().int(),
        received_at: Timestamp,
        returned: z.boolean(),
        weight_kg: z.number().nullable(),
        length_cm: z.number().nullable(),
        width_cm: z.number().nullable(),
        height_cm: z.number().nullable(),
      }),
    ),
    totals: z.object({
      cartons: z.number().int(),
      quantity: z.number().int(),
      weight_kg: z.number().nullable().openapi({ description: 'Null until every carton on hand is measured.' }),
      volume_cbm: z.number().nullable(),
    }),
    inspection: z
      .object({
        result: z.enum(['pass', 'fail']),
        required_sample: z.number().int(),
        sampled: z.number().int(),
        notes: z.string().nullable(),
        at: Timestamp,
        stale: z.boolean().openapi({ description: 'True when cartons on hand were received after this inspection: consolidation waits for a new inspection of all cartons on hand.' }),
      })
      .nullable(),
    consolidation: Consolidation.nullable(),
    customs: z.object({ declaration_no: z.string(), at: Timestamp }).nullable(),
    bill_of_lading_no: z.string().nullable(),
    tracking: z.array(z.object({ code: TrackingCode, at: Timestamp, location: z.string() })),
    pickup: z.object({ mode: ShippingMode, where: z.string(), instructions: z.string() }),
  })
  .openapi('Shipment');
export type Shipment = z.infer<typeof Shipment>;
