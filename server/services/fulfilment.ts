/**
 * Everything fulfilment knows about one order, read in one place: the contract's agreed terms and quantities,
 * the warehouse records, the cross-check and the facts the step rules of domain/fulfilment.ts decide on.
 */
import type { ContractContent } from '../domain/contract.js';
import { crossCheck, type CrossCheck } from '../domain/cross-check.js';
import { nextStep, nextStepFromOrder, TRACKING_CODES, type FulfilmentFacts, type NextStep, type TrackingCode } from '../domain/fulfilment.js';
import type { Queryable } from '../store/db.js';
import { openDisputeOf } from '../store/disputes.js';
import type {
  ConsolidationsTable,
  CustomsReleasesTable,
  InspectionsTable,
  MeasuredCartonsTable,
  MeasurementsTable,
  OrdersTable,
  PackingListsTable,
  TrackingEventsTable,
  WarehousesTable,
} from '../store/schema.js';
import {
  consolidationOf,
  contractContentOf,
  contractItemsFor,
  customsReleaseOf,
  latestInspection,
  latestMeasurement,
  latestPackingList,
  packingLists,
  productNames,
  receiptCount,
  receiptsAfterInspection,
  receivedCartons,
  trackingEvents,
  warehouseById,
  type ContractItem,
  type ReceivedCartonRecord,
} from '../store/warehouse.js';

/** A packing list carton as stored: weights in whole grams. */
export interface StoredPackingCarton {
  barcode: string;
  product_id: string;
  quantity: number;
  gross_weight_g: number | null;
}

export interface Fulfilment {
  order: OrdersTable;
  warehouse: WarehousesTable | null;
  content: ContractContent;
  items: ContractItem[];
  packingList: (PackingListsTable & { parsed: StoredPackingCarton[] }) | null;
  revisions: number;
  receipts: number;
  cartons: ReceivedCartonRecord[];
  onHand: ReceivedCartonRecord[];
  measurement: { row: MeasurementsTable; cartons: MeasuredCartonsTable[] } | null;
  inspection: InspectionsTable | null;
  consolidation: ConsolidationsTable | null;
  customs: CustomsReleasesTable | null;
  tracking: TrackingEventsTable[];
  crossCheck: CrossCheck;
  facts: FulfilmentFacts;
}

const trackingOrder = (a: TrackingEventsTable, b: TrackingEventsTable) => TRACKING_CODES.indexOf(a.code) - TRACKING_CODES.indexOf(b.code);

/** Reads everything about the order's fulfilment (inside the caller's transaction when it has one). */
export async function loadFulfilment(q: Queryable, order: OrdersTable, known?: ContractContent): Promise<Fulfilment> {
  // The contract's content is immutable once confirmed and both the facts and the items need it: read it once.
  const contentRead = known ?? contractContentOf(q, order.contract_id);
  const [warehouse, content, items, packing, revisions, receipts, cartons, measurement, inspection, consolidation, customs, tracking, dispute] = await Promise.all([
    warehouseById(q, order.warehouse_id),
    contentRead,
    contractItemsFor(q, order, contentRead),
    latestPackingList(q, order.id),
    packingLists(q, order.id).then((rows) => rows.length),
    receiptCount(q, order.id),
    receivedCartons(q, order.id),
    latestMeasurement(q, order.id),
    latestInspection(q, order.id),
    consolidationOf(q, order.id),
    customsReleaseOf(q, order.id),
    trackingEvents(q, order.id),
    openDisputeOf(q, order.id),
  ]);
  const onHand = cartons.filter((c) => !c.returned);
  // Cartons on hand received after the latest inspection were never part of its sampled population.
  const lateReceipts = inspection ? await receiptsAfterInspection(q, order.id, inspection.id) : new Set<string>();
  const parsed = packing ? (JSON.parse(packing.cartons) as StoredPackingCarton[]) : null;
  const onContract = new Set(items.map((i) => i.product_id));
  const others = [...onHand.map((c) => c.product_id), ...(parsed ?? []).map((c) => c.product_id)].filter((id) => !onContract.has(id));
  const measured = new Map((measurement?.cartons ?? []).map((c) => [c.barcode, Number(c.weight_g)]));
  const check = crossCheck({
    contract: items,
    packing_list: packing && parsed ? { revision: packing.revision, cartons: parsed } : null,
    received: cartons,
    measured_weights: measured,
    other_product_names: await productNames(q, others, order.supplier_id),
  });
  const sortedTracking = [...tracking].sort(trackingOrder);
  const facts: FulfilmentFacts = {
    payment_status: order.payment_status,
    status: order.status,
    warehouse_assigned: warehouse !== null,
    inspection_percent: content.terms.inspection_percent,
    shipping_mode: content.terms.shipping_mode,
    packing_list_revision: packing?.revision ?? null,
    receipts,
    cartons_on_hand: onHand.length,
    measurement: measurement === undefined ? 'none' : onHand.every((c) => measured.has(c.barcode)) ? 'current' : 'stale',
    latest_inspection: inspection?.result ?? null,
    inspection_stale: onHand.some((c) => lateReceipts.has(c.receipt_id)),
    consolidated: consolidation !== undefined,
    customs_released: customs !== undefined,
    tracking: sortedTracking.map((t) => t.code as TrackingCode),
    cross_check: check.status,
    dispute_open: dispute !== undefined,
  };
  return {
    order,
    warehouse,
    content,
    items,
    packingList: packing && parsed ? { ...packing, parsed } : null,
    revisions,
    receipts,
    cartons,
    onHand,
    measurement: measurement ?? null,
    inspection: inspection ?? null,
    consolidation: consolidation ?? null,
    customs: customs ?? null,
    tracking: sortedTracking,
    crossCheck: check,
    facts,
  };
}

/**
 * What an order waits for. Unpaid, settled and refunded orders, most of a long list, are decided by the
 * order row; only orders in fulfilment read their warehouse records (one read per order on the page).
 */
export async function nextStepOf(q: Queryable, order: OrdersTable, content?: ContractContent): Promise<NextStep | null> {
  const decided = nextStepFromOrder({ status: order.status, payment_status: order.payment_status, warehouse_assigned: order.warehouse_id != null });
  if (decided !== undefined) return decided;
  const f = await loadFulfilment(q, order, content);
  return nextStep(f.facts, f.crossCheck.differences.map((d) => d.kind));
}

/** "Ningbo Designated Warehouse, CNNGB": where warehouse steps happen, as the timeline shows it. */
export const warehousePlace = (w: Pick<WarehousesTable, 'name' | 'port'>): string => `${w.name}, ${w.port}`;
