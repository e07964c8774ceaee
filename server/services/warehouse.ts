/**
 * The fulfilment steps at the designated warehouse, each one transaction: who may act (404 when the order is
 * not theirs to see, 403 when it is but the step is not theirs), whether the order's facts allow the step
 * (domain/fulfilment.ts), the step's own records and documents, one timeline event with its place, the order
 * status it leads to, and the partners' `shipment.milestone` webhook.
 */
import type { DocumentParty } from '../domain/documents.js';
import { allowActor, allowMode, allowStep, statusAfter, STEP_EVENT, WAREHOUSE_EVENTS, type FulfilmentStep, type TrackingCode } from '../domain/fulfilment.js';
import { newId } from '../domain/ids.js';
import { cmToMm, gramsToKg, kgToGrams, measuredTotals, mmToCm, requiredSample } from '../domain/measures.js';
import { RefusedError, refuse, unwrap, type Party } from '../domain/refusal.js';
import { HttpProblem, invalidField, notFound, validationFailed } from '../problem.js';
import type {
  CartonReturn,
  Consolidation,
  CreateConsolidation,
  CreateInspection,
  CreateMeasurement,
  CreateReceipt,
  CreateReturn,
  CreateTrackingEvent,
  CustomsRelease,
  Inspection,
  Measurement,
  OwnershipTransfer,
  PackingList,
  Receipt,
  SubmitPackingList,
  TrackingEvent,
} from '../schemas/warehouse.js';
import type { Queryable, Store } from '../store/db.js';
import { inMoneyTransaction } from '../store/money-transaction.js';
import { appendOrderEvent, getOrderForParty, type OrderRecord } from '../store/orders.js';
import { lockOrder } from '../store/payments.js';
import type { PartyKind } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import {
  alreadyReceived,
  insertConsolidation,
  insertCustomsRelease,
  insertInspection,
  insertMeasurement,
  insertPackingList,
  insertReceipt,
  insertReturn,
  insertTrackingEvent,
  nextSeq,
  setOrderStatus,
} from '../store/warehouse.js';
import { releaseBalanceIn } from './escrow.js';
import { idempotencyKeyOf, respondIdempotently, type IdempotentAnswer } from './idempotent.js';
import { loadFulfilment, warehousePlace, type Fulfilment } from './fulfilment.js';
import { notifyPartners } from './payment-events.js';
import { documentWarehouse, issueCustomsDocuments, issueDocument, partiesOf } from './warehouse-documents.js';
import { presentPackingList } from './shipment.js';

export interface StepCaller {
  id: string;
  kind: PartyKind;
}

interface StepInput {
  caller: StepCaller;
  orderId: string;
  now: Date;
}

interface StepContext {
  q: Queryable;
  order: OrderRecord;
  f: Fulfilment;
  at: string;
  actor: DocumentParty;
}

interface StepOutcome<T> {
  result: T;
  details: Record<string, unknown>;
  /** When it happened, if not now (tracking events report their own time). */
  at?: string;
  /** Overrides the warehouse place (tracking events happen where they say). */
  place?: string | null;
  /** Runs after the step's timeline event, in the same transaction (the ownership transfer's release). */
  afterEvent?: () => Promise<void>;
}

/**
 * One step, one transaction: visibility, role, the order row lock (so timeline seq numbers and "once" steps
 * never race), the rules, the work, then the timeline event, status and webhook. Any refusal rolls it all back.
 */
async function runStep<T>(
  store: Store,
  step: FulfilmentStep,
  input: StepInput,
  work: (ctx: StepContext) => Promise<StepOutcome<T>>,
): Promise<T> {
  return inTransaction(store, (q) => stepIn(q, step, input, work));
}

/** The step inside the caller's transaction `q`: runStep's body, and the ownership transfer's inside its money transaction and key. */
async function stepIn<T>(q: Queryable, step: FulfilmentStep, input: StepInput, work: (ctx: StepContext) => Promise<StepOutcome<T>>): Promise<T> {
  const at = input.now.toISOString();
  const visible = await getOrderForParty(q, input.caller, input.orderId);
  if (!visible) throw notFound('order');
  unwrap(allowActor(step, input.caller.kind as Party | 'operator'));
  const locked = (await lockOrder(q, visible.id))!;
  const order: OrderRecord = { ...visible, ...locked };
  const f = await loadFulfilment(q, order);
  const allowed = allowStep(step, f.facts);
  if (!allowed.ok) {
    // Say what differs, so the console can show it next to the refusal.
    if (allowed.code === 'cross_check_failed') throw new RefusedError(refuse(allowed.code, allowed.message, { differences: f.crossCheck.differences }));
    throw new RefusedError(allowed);
  }
  const actor = { id: input.caller.id, name: await partyName(q, input.caller.id) };
  const outcome = await work({ q, order, f, at, actor });
  const code = STEP_EVENT[step];
  const when = outcome.at ?? at;
  const place = outcome.place !== undefined ? outcome.place : WAREHOUSE_EVENTS.has(code) && f.warehouse ? warehousePlace(f.warehouse) : null;
  await appendOrderEvent(q, { order_id: order.id, code, at: when, actor_id: input.caller.id, details: JSON.stringify(outcome.details), place });
  await setOrderStatus(q, order.id, statusAfter(step, order.status), at);
  await notifyPartners(q, order, 'shipment.milestone', at, { code, at: when, place });
  if (outcome.afterEvent) await outcome.afterEvent();
  return outcome.result;
}

async function partyName(q: Queryable, id: string): Promise<string> {
  const row = await q.db.selectFrom('parties').select('name').where('id', '=', id).executeTakeFirstOrThrow();
  return row.name;
}

const productNameOf = (f: Fulfilment, productId: string): string | null =>
  f.crossCheck.lines.find((l) => l.product_id === productId)?.product_name ?? f.items.find((i) => i.product_id === productId)?.product_name ?? null;

// Supplier

/** A new revision of the packing list; every product must be on the contract. Issues a packing list document. */
export function submitPackingList(store: Store, input: StepInput & { body: SubmitPackingList }): Promise<PackingList> {
  return runStep(store, 'packing_list', input, async ({ q, order, f, at }) => {
    const onContract = new Set(f.items.map((i) => i.product_id));
    const errors = input.body.cartons.flatMap((c, i) => (onContract.has(c.product_id) ? [] : [{ path: `cartons.${i}.product_id`, message: `${c.product_id} is not on the contract` }]));
    if (errors.length > 0) throw validationFailed(errors, 'Every carton must hold a product of the contract.');
    const revision = f.revisions + 1;
    const cartons = input.body.cartons.map((c) => ({ barcode: c.barcode, product_id: c.product_id, quantity: c.quantity, gross_weight_g: c.gross_weight_kg === undefined ? null : kgToGrams(c.gross_weight_kg) }));
    const row = { id: newId('pkl'), order_id: order.id, revision, cartons: JSON.stringify(cartons), note: input.body.note ?? null, created_by: input.caller.id, created_at: at };
    await insertPackingList(q, row);
    const names = new Map(f.items.map((i) => [i.product_id, i.product_name]));
    const presented = presentPackingList(row, names);
    const documentId = await issueDocument(q, {
      orderId: order.id,
      kind: 'packing_list',
      createdBy: input.caller.id,
      at,
      data: { revision, order_id: order.id, contract_id: order.contract_id, ...partiesOf(order), cartons: presented.cartons, totals: presented.totals, note: presented.note },
    });
    return { result: presented, details: { revision, cartons: presented.totals.cartons, quantity: presented.totals.quantity, document_id: documentId } };
  });
}

// Operator

/** Cartons scanned in; a barcode already received on this order refuses the whole receipt. Issues a goods receipt. */
export function receiveGoods(store: Store, input: StepInput & { body: CreateReceipt }): Promise<Receipt> {
  return runStep(store, 'receipt', input, async ({ q, order, f, at, actor }) => {
    const barcodes = input.body.cartons.map((c) => c.barcode);
    const again = await alreadyReceived(q, order.id, barcodes);
    if (again.length > 0) {
      throw new RefusedError(refuse('barcode_already_received', `Already received on this order: ${again.join(', ')}.`, { barcodes: again }));
    }
    const number = f.receipts + 1;
    const receipt = { id: newId('rcp'), order_id: order.id, number, created_by: input.caller.id, received_at: at };
    await insertReceipt(q, receipt, input.body.cartons.map((c) => ({ order_id: order.id, barcode: c.barcode, receipt_id: receipt.id, product_id: c.product_id, quantity: c.quantity })));
    const cartons = input.body.cartons.map((c) => ({ barcode: c.barcode, product_id: c.product_id, quantity: c.quantity }));
    const quantity = cartons.reduce((sum, c) => sum + c.quantity, 0);
    const documentId = await issueDocument(q, {
      orderId: order.id,
      kind: 'goods_receipt',
      createdBy: input.caller.id,
      at,
      data: {
        receipt_number: number,
        warehouse: documentWarehouse(f.warehouse!),
        ...partiesOf(order),
        order_id: order.id,
        contract_id: order.contract_id,
        cartons: cartons.map((c) => ({ ...c, product_name: productNameOf(f, c.product_id) })),
        totals: { cartons: cartons.length, quantity },
        received_at: at,
        operator: actor,
      },
    });
    return {
      result: { id: receipt.id, order_id: order.id, number, cartons, received_at: at, document_id: documentId },
      details: { receipt_id: receipt.id, receipt_number: number, cartons: cartons.length, quantity, document_id: documentId },
    };
  });
}

/** Cartons given back to the supplier (excess or wrong goods): they stop counting as received. */
export function returnCartons(store: Store, input: StepInput & { body: CreateReturn }): Promise<CartonReturn> {
  return runStep(store, 'return', input, async ({ q, order, f, at }) => {
    const onHand = new Set(f.onHand.map((c) => c.barcode));
    const returned = new Set(f.cartons.filter((c) => c.returned).map((c) => c.barcode));
    const errors = input.body.barcodes.flatMap((b, i) =>
      onHand.has(b) ? [] : [{ path: `barcodes.${i}`, message: returned.has(b) ? `${b} was already returned` : `${b} was not received on this order` }],
    );
    if (errors.length > 0) throw validationFailed(errors, 'Only cartons on hand can be returned.');
    const row = { id: newId('ret'), order_id: order.id, reason: input.body.reason, created_by: input.caller.id, created_at: at };
    await insertReturn(q, row, input.body.barcodes);
    return { result: { id: row.id, barcodes: input.body.barcodes, reason: row.reason, at }, details: { return_id: row.id, barcodes: input.body.barcodes, reason: row.reason } };
  });
}

/** The agreed percentage of cartons on hand sampled, pass or fail; the latest inspection counts. */
export function inspectGoods(store: Store, input: StepInput & { body: CreateInspection }): Promise<Inspection> {
  return runStep(store, 'inspection', input, async ({ q, order, f, at }) => {
    const onHand = new Set(f.onHand.map((c) => c.barcode));
    const required = requiredSample(f.onHand.length, f.facts.inspection_percent);
    const { sampled_barcodes, result } = input.body;
    const errors = sampled_barcodes.flatMap((b, i) => (onHand.has(b) ? [] : [{ path: `sampled_barcodes.${i}`, message: `${b} is not a carton on hand` }]));
    if (errors.length > 0) throw validationFailed(errors, 'Sample only cartons on hand.');
    if (sampled_barcodes.length < required) {
      throw invalidField('sampled_barcodes', `must sample at least ${required} of the ${f.onHand.length} cartons on hand (${f.facts.inspection_percent} %)`);
    }
    const row = {
      id: newId('insp'),
      order_id: order.id,
      seq: await nextSeq(q, 'inspections', order.id),
      result,
      required_sample: required,
      sampled_barcodes: JSON.stringify(sampled_barcodes),
      notes: input.body.notes ?? null,
      photo_urls: JSON.stringify(input.body.photo_urls ?? []),
      created_by: input.caller.id,
      created_at: at,
    };
    await insertInspection(q, row);
    return {
      result: { id: row.id, order_id: order.id, result, required_sample: required, sampled_barcodes, notes: row.notes, photo_urls: input.body.photo_urls ?? [], at },
      details: { inspection_id: row.id, result, required_sample: required, sampled: sampled_barcodes.length },
    };
  });
}

/** Weight and size of every carton on hand, exactly those; replaces earlier measurements. */
export function measureCartons(store: Store, input: StepInput & { body: CreateMeasurement }): Promise<Measurement> {
  return runStep(store, 'measurement', input, async ({ q, order, f, at }) => {
    const onHand = new Set(f.onHand.map((c) => c.barcode));
    const given = new Set(input.body.cartons.map((c) => c.barcode));
    const missing = [...onHand].filter((b) => !given.has(b)).sort();
    const unknown = [...given].filter((b) => !onHand.has(b)).sort();
    if (missing.length > 0 || unknown.length > 0) {
      throw new HttpProblem({
        status: 422,
        slug: 'validation',
        title: 'Validation failed',
        detail: 'Measure every carton on hand, and only those.',
        errors: [
          ...missing.map((b) => ({ path: 'cartons', message: `carton ${b} is on hand but not measured` })),
          ...unknown.map((b) => ({ path: 'cartons', message: `carton ${b} is not on hand` })),
        ],
        extensions: { missing_barcodes: missing, unknown_barcodes: unknown },
      });
    }
    const id = newId('msr');
    const rows = input.body.cartons.map((c) => ({
      measurement_id: id,
      barcode: c.barcode,
      weight_g: kgToGrams(c.weight_kg),
      length_mm: cmToMm(c.length_cm),
      width_mm: cmToMm(c.width_cm),
      height_mm: cmToMm(c.height_cm),
    }));
    await insertMeasurement(q, { id, order_id: order.id, seq: await nextSeq(q, 'measurements', order.id), created_by: input.caller.id, created_at: at }, rows);
    const totals = measuredTotals(rows);
    const cartons = rows.map((r) => ({ barcode: r.barcode, weight_kg: gramsToKg(r.weight_g), length_cm: mmToCm(r.length_mm), width_cm: mmToCm(r.width_mm), height_cm: mmToCm(r.height_mm) }));
    return { result: { id, order_id: order.id, cartons, totals, at }, details: { measurement_id: id, ...totals } };
  });
}

/** Into the container (fcl/lcl) or to the courier, as the contract's shipping mode says; once. */
export function consolidate(store: Store, input: StepInput & { body: CreateConsolidation }): Promise<Consolidation> {
  return runStep(store, 'consolidation', input, async ({ q, order, f, at }) => {
    unwrap(allowMode(f.facts, input.body.mode));
    const sea = input.body.mode !== 'courier';
    const row = {
      order_id: order.id,
      mode: input.body.mode,
      container_no: sea ? input.body.container_no! : null,
      seal_no: sea ? input.body.seal_no! : null,
      carrier: sea ? null : input.body.carrier!,
      tracking_no: sea ? null : input.body.tracking_no!,
      created_by: input.caller.id,
      created_at: at,
    };
    await insertConsolidation(q, row);
    const { created_by: _by, created_at: _at, ...fields } = row;
    return { result: { ...fields, at }, details: { mode: row.mode, container_no: row.container_no, seal_no: row.seal_no, carrier: row.carrier, tracking_no: row.tracking_no } };
  });
}

/** China export customs released the goods: issues the commercial invoice and the customs declaration. */
export function releaseCustoms(store: Store, input: StepInput & { body: { declaration_no: string } }): Promise<CustomsRelease> {
  return runStep(store, 'customs_release', input, async ({ q, order, f, at }) => {
    await insertCustomsRelease(q, { order_id: order.id, declaration_no: input.body.declaration_no, created_by: input.caller.id, created_at: at });
    const documentIds = await issueCustomsDocuments(q, f, { declarationNo: input.body.declaration_no, operatorId: input.caller.id, at });
    return { result: { declaration_no: input.body.declaration_no, at, document_ids: documentIds }, details: { declaration_no: input.body.declaration_no, document_ids: documentIds } };
  });
}

/** Five minutes of clock skew between the operator's device and ours is tolerated; the future is not. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** departed (with the B/L number for sea freight), arrived, ready_for_pickup, picked_up: in that order, once each. */
export function recordTrackingEvent(store: Store, input: StepInput & { body: CreateTrackingEvent }): Promise<TrackingEvent> {
  const code: TrackingCode = input.body.code;
  return runStep(store, code, input, async ({ q, order, f, at }) => {
    const when = input.body.at === undefined ? at : new Date(input.body.at).toISOString();
    if (Date.parse(when) > input.now.getTime() + FUTURE_TOLERANCE_MS) throw invalidField('at', 'must not be in the future');
    // The codes come strictly in order, so must their times: the timeline never shows an arrival before the departure.
    const previous = f.tracking.at(-1);
    if (previous && Date.parse(when) < Date.parse(previous.at)) {
      throw invalidField('at', `must not be before \`${previous.code}\` (${previous.at})`);
    }
    const bl = input.body.bill_of_lading_no ?? null;
    if (code === 'departed' && bl === null && f.facts.shipping_mode !== 'courier') {
      throw invalidField('bill_of_lading_no', `is required when ${f.facts.shipping_mode} freight departs`);
    }
    await insertTrackingEvent(q, { order_id: order.id, code, at: when, location: input.body.location, bill_of_lading_no: bl, created_by: input.caller.id, created_at: at });
    let documentId: string | null = null;
    if (code === 'departed' && bl !== null) {
      const c = f.consolidation!;
      documentId = await issueDocument(q, {
        orderId: order.id,
        kind: 'bill_of_lading',
        createdBy: input.caller.id,
        at,
        data: {
          bill_of_lading_no: bl,
          order_id: order.id,
          mode: c.mode,
          container_no: c.container_no,
          seal_no: c.seal_no,
          carrier: c.carrier,
          port_of_loading: f.warehouse!.port,
          destination_port: f.content.terms.destination_port,
          departed_at: when,
          location: input.body.location,
        },
      });
    }
    return {
      result: { order_id: order.id, code, at: when, location: input.body.location, bill_of_lading_no: bl, recorded_at: at, document_id: documentId },
      details: { location: input.body.location, ...(bl === null ? {} : { bill_of_lading_no: bl }), ...(documentId === null ? {} : { document_id: documentId }) },
      at: when,
      place: input.body.location,
    };
  });
}

/** The ownership transfer's request: who, which order, and the optional Idempotency-Key (checked) with the request's method, path and validated body. */
export interface TransferInput extends StepInput {
  key?: string | undefined;
  method: string;
  path: string;
  body: Record<string, never>;
}

/**
 * The buyer took the goods and the documents match: the operator records the ownership transfer, which
 * releases escrow's balance to the supplier in the same money transaction. The order is settled. Under an
 * Idempotency-Key (optional here) a retry replays the first answer instead of meeting `order_closed`,
 * and concurrent retries release once (respondIdempotently, in this same money transaction).
 */
export function transferOwnership(store: Store, input: TransferInput): Promise<IdempotentAnswer> {
  const key = idempotencyKeyOf(input.key, { required: false });
  return inMoneyTransaction(store, (q) =>
    respondIdempotently(
      q,
      { partyId: input.caller.id, key, method: input.method, path: input.path, body: input.body, at: input.now.toISOString() },
      async () => ({ status: 200, body: await transferIn(q, input) }),
    ),
  );
}

async function transferIn(q: Queryable, input: StepInput): Promise<OwnershipTransfer> {
  let released: OwnershipTransfer | undefined;
  await stepIn(q, 'ownership_transfer', input, async ({ order, at }) => ({
    result: undefined,
    details: { balance: Number(order.balance_amount), currency: order.currency },
    afterEvent: async () => {
      const release = await releaseBalanceIn(q, order.id, { kind: 'operator', id: input.caller.id }, at);
      await notifyPartners(q, order, 'order.settled', at, { status: 'settled', released: release.released, currency: release.currency });
      released = { order_id: order.id, status: 'settled', released: release.released, currency: release.currency };
    },
  }));
  return released!;
}
