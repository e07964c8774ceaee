/**
 * Queries for the designated warehouse: who operates where, and every step's append-only records. The
 * reads every order view makes (tracker, live stream, each step's checks) are compiled once.
 */
import type { ContractContent } from '../domain/contract.js';
import { latestConfirmedAmendment } from './amendments.js';
import type { Queryable } from './db.js';
import { preparedQuery } from './prepared.js';
import type {
  CartonReturnsTable,
  ConsolidationsTable,
  CustomsReleasesTable,
  InspectionsTable,
  MeasuredCartonsTable,
  MeasurementsTable,
  OrderDocumentKind,
  OrderDocumentsTable,
  OrdersTable,
  PackingListsTable,
  ReceiptsTable,
  ReceivedCartonsTable,
  TrackingEventsTable,
  WarehousesTable,
} from './schema.js';

/** The settings key naming the warehouse new orders are recorded with. */
export const DESIGNATED_WAREHOUSE_KEY = 'designated_warehouse_id';

export async function designatedWarehouseId(q: Queryable): Promise<string | null> {
  const row = await q.db.selectFrom('settings').select('value').where('key', '=', DESIGNATED_WAREHOUSE_KEY).executeTakeFirst();
  if (!row) return null;
  // A setting that names no warehouse would fail the orders foreign key; treat it as none configured.
  const exists = await q.db.selectFrom('warehouses').select('id').where('id', '=', row.value).executeTakeFirst();
  return exists ? row.value : null;
}

const warehouseRow = preparedQuery((db, id: string) => db.selectFrom('warehouses').selectAll().where('id', '=', id));

export async function warehouseById(q: Queryable, id: string | null | undefined): Promise<WarehousesTable | null> {
  if (!id) return null;
  return (await warehouseRow(q, id))[0] ?? null;
}

/** The warehouse an operator works for, if any. */
export async function warehouseOfOperator(q: Queryable, partyId: string): Promise<string | null> {
  const row = await q.db.selectFrom('warehouse_operators').select('warehouse_id').where('party_id', '=', partyId).executeTakeFirst();
  return row?.warehouse_id ?? null;
}

/** The confirmed contract's current version content (terms, clauses, legal entities, product snapshots). */
export async function contractContentOf(q: Queryable, contractId: string): Promise<ContractContent> {
  const [row] = await currentContent(q, contractId);
  if (!row) throw new Error(`contract ${contractId} has no current version`);
  return JSON.parse(row.content) as ContractContent;
}

const currentContent = preparedQuery((db, contractId: string) =>
  db
    .selectFrom('contracts as c')
    .innerJoin('contract_versions as v', (join) => join.onRef('v.contract_id', '=', 'c.id').onRef('v.version', '=', 'c.current_version'))
    .select('v.content')
    .where('c.id', '=', contractId),
);

/** The current version content of several contracts at once, for list pages. */
export async function contractContents(q: Queryable, contractIds: readonly string[]): Promise<Map<string, ContractContent>> {
  if (contractIds.length === 0) return new Map();
  const rows = await q.db
    .selectFrom('contracts as c')
    .innerJoin('contract_versions as v', (join) => join.onRef('v.contract_id', '=', 'c.id').onRef('v.version', '=', 'c.current_version'))
    .select(['c.id', 'v.content'])
    .where('c.id', 'in', [...contractIds])
    .execute();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.content) as ContractContent]));
}

export interface ContractItem {
  product_id: string;
  product_name: string;
  quantity: number;
  unit_price: number;
}

/**
 * The quantities the cross-check holds the goods to: the confirmed contract's current version items.
 * (Amendments, once confirmed, replace these: this is the one place that decides.)
 */
export async function contractItemsFor(
  q: Queryable,
  order: Pick<OrdersTable, 'contract_id'>,
  /** The contract's content when the caller has read (or is reading) it already. */
  known?: ContractContent | Promise<ContractContent>,
): Promise<ContractItem[]> {
  // A confirmed amendment states every line of the contract (dropped ones at 0): the latest one is the contract now.
  const amended = await latestConfirmedAmendment(q, order.contract_id);
  if (amended) {
    return amended.items.map((i) => ({ product_id: i.product_id, product_name: i.product_name, quantity: i.to_quantity, unit_price: i.unit_price }));
  }
  const content = await (known ?? contractContentOf(q, order.contract_id));
  const names = new Map(content.products.map((p) => [p.product_id, p.name]));
  return content.terms.items.map((i) => ({ product_id: i.product_id, product_name: names.get(i.product_id) ?? i.product_id, quantity: i.quantity, unit_price: i.unit_price }));
}

/**
 * Catalog names of goods not on the contract, only among the order's supplier's own products: an id typed
 * at the scanner must not reveal another supplier's (possibly private) product to this order's parties.
 */
export async function productNames(q: Queryable, ids: readonly string[], supplierId: string): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.db
    .selectFrom('products')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .where('supplier_id', '=', supplierId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// Packing lists

export async function insertPackingList(q: Queryable, row: PackingListsTable): Promise<void> {
  await q.db.insertInto('packing_lists').values(row).execute();
}

const packingListsOf = preparedQuery((db, orderId: string) => db.selectFrom('packing_lists').selectAll().where('order_id', '=', orderId).orderBy('revision'));

export async function packingLists(q: Queryable, orderId: string): Promise<PackingListsTable[]> {
  return packingListsOf(q, orderId);
}

const latestPackingListOf = preparedQuery((db, orderId: string) =>
  db.selectFrom('packing_lists').selectAll().where('order_id', '=', orderId).orderBy('revision', 'desc').limit(1),
);

export async function latestPackingList(q: Queryable, orderId: string): Promise<PackingListsTable | undefined> {
  return (await latestPackingListOf(q, orderId))[0];
}

// Receipts and returns

export async function insertReceipt(q: Queryable, row: ReceiptsTable, cartons: readonly ReceivedCartonsTable[]): Promise<void> {
  await q.db.insertInto('receipts').values(row).execute();
  await q.db.insertInto('received_cartons').values([...cartons]).execute();
}

const lastReceiptNumber = preparedQuery((db, orderId: string) =>
  db.selectFrom('receipts').select((eb) => eb.fn.max('number').as('n')).where('order_id', '=', orderId),
);

export async function receiptCount(q: Queryable, orderId: string): Promise<number> {
  const [row] = await lastReceiptNumber(q, orderId);
  return Number(row?.n ?? 0);
}

export interface ReceivedCartonRecord extends ReceivedCartonsTable {
  received_at: string;
  returned: boolean;
}

/** Every carton received on the order, in receipt order then barcode, with whether it went back. */
const receivedCartonsOf = preparedQuery((db, orderId: string) =>
  db
    .selectFrom('received_cartons as c')
    .innerJoin('receipts as r', 'r.id', 'c.receipt_id')
    .leftJoin('returned_cartons as x', (join) => join.onRef('x.order_id', '=', 'c.order_id').onRef('x.barcode', '=', 'c.barcode'))
    .selectAll('c')
    .select(['r.received_at', 'r.number', 'x.return_id'])
    .where('c.order_id', '=', orderId)
    .orderBy('r.number')
    .orderBy('c.barcode'),
);

export async function receivedCartons(q: Queryable, orderId: string): Promise<ReceivedCartonRecord[]> {
  const rows = await receivedCartonsOf(q, orderId);
  return rows.map(({ return_id, number: _number, ...c }) => ({ ...c, quantity: Number(c.quantity), returned: return_id !== null }));
}

/** Which of `barcodes` this order already received. */
export async function alreadyReceived(q: Queryable, orderId: string, barcodes: readonly string[]): Promise<string[]> {
  if (barcodes.length === 0) return [];
  const rows = await q.db.selectFrom('received_cartons').select('barcode').where('order_id', '=', orderId).where('barcode', 'in', [...barcodes]).execute();
  return rows.map((r) => r.barcode).sort();
}

export async function insertReturn(q: Queryable, row: CartonReturnsTable, barcodes: readonly string[]): Promise<void> {
  await q.db.insertInto('carton_returns').values(row).execute();
  await q.db
    .insertInto('returned_cartons')
    .values(barcodes.map((barcode) => ({ order_id: row.order_id, barcode, return_id: row.id })))
    .execute();
}

// Inspections and measurements

export async function insertInspection(q: Queryable, row: InspectionsTable): Promise<void> {
  await q.db.insertInto('inspections').values(row).execute();
}

const latestInspectionOf = preparedQuery((db, orderId: string) =>
  db.selectFrom('inspections').selectAll().where('order_id', '=', orderId).orderBy('seq', 'desc').limit(1),
);

export async function latestInspection(q: Queryable, orderId: string): Promise<InspectionsTable | undefined> {
  return (await latestInspectionOf(q, orderId))[0];
}

/**
 * The receipts recorded after the inspection `inspectionId`, in the order's timeline. Every step appends its
 * timeline event in its own transaction under the order's row lock, so the timeline's seq is the one reliable
 * order between receipts and inspections (their own numbers count separately, and timestamps can tie).
 */
export async function receiptsAfterInspection(q: Queryable, orderId: string, inspectionId: string): Promise<Set<string>> {
  const events = await q.db
    .selectFrom('order_events')
    .select(['seq', 'code', 'details'])
    .where('order_id', '=', orderId)
    .where('code', 'in', ['goods_received', 'inspected'])
    .orderBy('seq')
    .execute();
  const detail = (e: { details: string }, key: string): unknown => (JSON.parse(e.details) as Record<string, unknown>)[key];
  const at = events.findLastIndex((e) => e.code === 'inspected' && detail(e, 'inspection_id') === inspectionId);
  if (at < 0) throw new Error(`inspection ${inspectionId} has no timeline event`);
  return new Set(events.slice(at + 1).filter((e) => e.code === 'goods_received').map((e) => String(detail(e, 'receipt_id'))));
}

export async function nextSeq(q: Queryable, table: 'inspections' | 'measurements', orderId: string): Promise<number> {
  const row = await q.db.selectFrom(table).select((eb) => eb.fn.max('seq').as('seq')).where('order_id', '=', orderId).executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

export async function insertMeasurement(q: Queryable, row: MeasurementsTable, cartons: readonly MeasuredCartonsTable[]): Promise<void> {
  await q.db.insertInto('measurements').values(row).execute();
  await q.db.insertInto('measured_cartons').values([...cartons]).execute();
}

const latestMeasurementOf = preparedQuery((db, orderId: string) =>
  db.selectFrom('measurements').selectAll().where('order_id', '=', orderId).orderBy('seq', 'desc').limit(1),
);

/** The latest measurement with its cartons (it replaces every earlier one). */
export async function latestMeasurement(q: Queryable, orderId: string): Promise<{ row: MeasurementsTable; cartons: MeasuredCartonsTable[] } | undefined> {
  const [row] = await latestMeasurementOf(q, orderId);
  if (!row) return undefined;
  const cartons = await q.db.selectFrom('measured_cartons').selectAll().where('measurement_id', '=', row.id).orderBy('barcode').execute();
  return { row, cartons };
}

// Consolidation, customs, tracking

export async function insertConsolidation(q: Queryable, row: ConsolidationsTable): Promise<void> {
  await q.db.insertInto('consolidations').values(row).execute();
}

const consolidationRow = preparedQuery((db, orderId: string) => db.selectFrom('consolidations').selectAll().where('order_id', '=', orderId));

export async function consolidationOf(q: Queryable, orderId: string): Promise<ConsolidationsTable | undefined> {
  return (await consolidationRow(q, orderId))[0];
}

export async function insertCustomsRelease(q: Queryable, row: CustomsReleasesTable): Promise<void> {
  await q.db.insertInto('customs_releases').values(row).execute();
}

const customsReleaseRow = preparedQuery((db, orderId: string) => db.selectFrom('customs_releases').selectAll().where('order_id', '=', orderId));

export async function customsReleaseOf(q: Queryable, orderId: string): Promise<CustomsReleasesTable | undefined> {
  return (await customsReleaseRow(q, orderId))[0];
}

export async function insertTrackingEvent(q: Queryable, row: TrackingEventsTable): Promise<void> {
  await q.db.insertInto('tracking_events').values(row).execute();
}

/** Tracking events in the order they were recorded (which the rules make the order of the codes). */
const trackingEventsOf = preparedQuery((db, orderId: string) =>
  db.selectFrom('tracking_events').selectAll().where('order_id', '=', orderId).orderBy('created_at'),
);

export async function trackingEvents(q: Queryable, orderId: string): Promise<TrackingEventsTable[]> {
  return trackingEventsOf(q, orderId);
}

// Documents

/** Inserts a document row numbered after the last of its kind on the order; its number. */
export async function insertDocument(q: Queryable, row: Omit<OrderDocumentsTable, 'number' | 'title' | 'filename'>, name: (number: number) => { title: string; filename: string }): Promise<number> {
  const last = await q.db
    .selectFrom('order_documents')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('order_id', '=', row.order_id)
    .where('kind', '=', row.kind)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  await q.db.insertInto('order_documents').values({ ...row, number, ...name(number) }).execute();
  return number;
}

export async function documentIdsOf(q: Queryable, orderId: string, kinds: readonly OrderDocumentKind[]): Promise<Array<{ id: string; kind: OrderDocumentKind; number: number }>> {
  if (kinds.length === 0) return [];
  return q.db
    .selectFrom('order_documents')
    .select(['id', 'kind', 'number'])
    .where('order_id', '=', orderId)
    .where('kind', 'in', [...kinds])
    .orderBy('created_at')
    .execute();
}

/** Marks the order's progress; the status only ever moves with a step. */
export async function setOrderStatus(q: Queryable, orderId: string, status: string, at: string): Promise<void> {
  await q.db.updateTable('orders').set({ status, updated_at: at }).where('id', '=', orderId).execute();
}
