/**
 * What the parties of an order (and its warehouse's operators, once paid) read about fulfilment: the packing
 * list with its revisions, the cross-check, and the shipment (cartons, measures, container, customs,
 * tracking and where the buyer picks the goods up).
 */
import { gramsToKg, measuredTotals, mmToCm } from '../domain/measures.js';
import { notFound } from '../problem.js';
import type { CrossCheck } from '../domain/cross-check.js';
import type { LatestPackingList, PackingList, Shipment, Warehouse } from '../schemas/warehouse.js';
import type { Store } from '../store/db.js';
import { getOrderForParty } from '../store/orders.js';
import type { PackingListsTable, PartyKind, WarehousesTable } from '../store/schema.js';
import { packingLists } from '../store/warehouse.js';
import { loadFulfilment, type Fulfilment, type StoredPackingCarton } from './fulfilment.js';

export interface Reader {
  id: string;
  kind: PartyKind;
}

export function presentPackingList(row: PackingListsTable, names: ReadonlyMap<string, string>): PackingList {
  const stored = JSON.parse(row.cartons) as StoredPackingCarton[];
  const cartons = stored.map((c) => ({
    barcode: c.barcode,
    product_id: c.product_id,
    product_name: names.get(c.product_id) ?? null,
    quantity: c.quantity,
    gross_weight_kg: c.gross_weight_g === null ? null : gramsToKg(c.gross_weight_g),
  }));
  const allWeighed = stored.every((c) => c.gross_weight_g !== null);
  return {
    id: row.id,
    order_id: row.order_id,
    revision: row.revision,
    cartons,
    totals: {
      cartons: stored.length,
      quantity: stored.reduce((sum, c) => sum + c.quantity, 0),
      gross_weight_kg: allWeighed ? gramsToKg(stored.reduce((sum, c) => sum + (c.gross_weight_g ?? 0), 0)) : null,
    },
    note: row.note,
    created_at: row.created_at,
  };
}

async function fulfilmentFor(store: Store, reader: Reader, orderId: string): Promise<Fulfilment> {
  const order = await getOrderForParty(store, reader, orderId);
  if (!order) throw notFound('order');
  return loadFulfilment(store, order);
}

/** The latest revision and the list of all; 404 until the supplier submitted one. */
export async function latestPackingListFor(store: Store, reader: Reader, orderId: string): Promise<LatestPackingList> {
  const f = await fulfilmentFor(store, reader, orderId);
  if (!f.packingList) throw notFound('packing list');
  const names = new Map(f.items.map((i) => [i.product_id, i.product_name]));
  const revisions = (await packingLists(store, orderId)).map((r) => ({ revision: r.revision, created_at: r.created_at }));
  return { ...presentPackingList(f.packingList, names), revisions };
}

export async function crossCheckFor(store: Store, reader: Reader, orderId: string): Promise<CrossCheck> {
  return (await fulfilmentFor(store, reader, orderId)).crossCheck;
}

export const presentWarehouse = (w: WarehousesTable | null): Warehouse | null => (w ? { id: w.id, name: w.name, port: w.port, address: w.address } : null);

/** Where and how the buyer takes the goods: FCL at the port, LCL at the destination warehouse, courier to the door. */
function pickupOf(f: Fulfilment): Shipment['pickup'] {
  const mode = f.content.terms.shipping_mode;
  const port = f.content.terms.destination_port;
  if (mode === 'fcl') {
    return { mode, where: `at the destination port ${port}`, instructions: `Collect the full container at the port of ${port} once it is ready for pickup; present the bill of lading and clear import customs first.` };
  }
  if (mode === 'lcl') {
    return {
      mode,
      where: `at the designated destination warehouse at ${port}`,
      instructions: `Your cartons are unloaded from the shared container at the designated destination warehouse at ${port}; collect them there once they are ready for pickup, with the bill of lading.`,
    };
  }
  const c = f.consolidation;
  const by = c?.carrier ? `${c.carrier} (${c.tracking_no})` : 'the courier named at consolidation';
  return { mode, where: `delivered by ${by}`, instructions: `The courier delivers the cartons to the buyer’s address; follow the carrier’s tracking number for the delivery date.` };
}

export async function shipmentFor(store: Store, reader: Reader, orderId: string): Promise<Shipment> {
  const f = await fulfilmentFor(store, reader, orderId);
  const measured = new Map((f.measurement?.cartons ?? []).map((c) => [c.barcode, c]));
  const names = new Map(f.crossCheck.lines.map((l) => [l.product_id, l.product_name]));
  const cartons = f.cartons.map((c) => {
    const m = measured.get(c.barcode);
    return {
      barcode: c.barcode,
      product_id: c.product_id,
      product_name: names.get(c.product_id) ?? null,
      quantity: c.quantity,
      received_at: c.received_at,
      returned: c.returned,
      weight_kg: m ? gramsToKg(m.weight_g) : null,
      length_cm: m ? mmToCm(m.length_mm) : null,
      width_cm: m ? mmToCm(m.width_mm) : null,
      height_cm: m ? mmToCm(m.height_mm) : null,
    };
  });
  const allMeasured = f.onHand.length > 0 && f.facts.measurement === 'current';
  const totals = allMeasured ? measuredTotals(f.onHand.map((c) => measured.get(c.barcode)!)) : null;
  const departed = f.tracking.find((t) => t.code === 'departed');
  const c = f.consolidation;
  return {
    order_id: f.order.id,
    shipping_mode: f.content.terms.shipping_mode,
    destination_port: f.content.terms.destination_port,
    warehouse: presentWarehouse(f.warehouse),
    cartons,
    totals: {
      cartons: f.onHand.length,
      quantity: f.onHand.reduce((sum, x) => sum + x.quantity, 0),
      weight_kg: totals?.weight_kg ?? null,
      volume_cbm: totals?.volume_cbm ?? null,
    },
    inspection: f.inspection && {
      result: f.inspection.result,
      required_sample: f.inspection.required_sample,
      sampled: (JSON.parse(f.inspection.sampled_barcodes) as string[]).length,
      notes: f.inspection.notes,
      at: f.inspection.created_at,
      stale: f.facts.inspection_stale,
    },
    consolidation: c && { order_id: c.order_id, mode: c.mode, container_no: c.container_no, seal_no: c.seal_no, carrier: c.carrier, tracking_no: c.tracking_no, at: c.created_at },
    customs: f.customs && { declaration_no: f.customs.declaration_no, at: f.customs.created_at },
    bill_of_lading_no: departed?.bill_of_lading_no ?? null,
    tracking: f.tracking.map((t) => ({ code: t.code, at: t.at, location: t.location })),
    pickup: pickupOf(f),
  };
}
