/**
 * Issues the documents fulfilment steps produce, as order_documents rows holding a data snapshot (the shapes of
 * domain/documents.ts), inside the step's transaction. Rendering and download belong to services/documents.ts.
 */
import {
  documentFilename,
  documentTitle,
  GENERATED_CONTENT_TYPE,
  type DocumentDataOf,
  type DocumentKind,
  type DocumentParty,
  type DocumentWarehouse,
} from '../domain/documents.js';
import { newId } from '../domain/ids.js';
import { measuredTotals } from '../domain/measures.js';
import type { Queryable } from '../store/db.js';
import type { OrderRecord } from '../store/orders.js';
import type { WarehousesTable } from '../store/schema.js';
import { insertDocument } from '../store/warehouse.js';
import type { Fulfilment } from './fulfilment.js';

/** Inserts one generated document; its id. */
export async function issueDocument<K extends DocumentKind>(
  q: Queryable,
  input: { orderId: string; kind: K; data: DocumentDataOf[K]; createdBy: string; at: string },
): Promise<string> {
  const id = newId('doc');
  await insertDocument(
    q,
    { id, order_id: input.orderId, kind: input.kind, data: JSON.stringify(input.data), file: null, content_type: GENERATED_CONTENT_TYPE, created_by: input.createdBy, created_at: input.at },
    (number) => ({ title: documentTitle(input.kind, number), filename: documentFilename(input.kind, input.orderId, number) }),
  );
  return id;
}

export const partiesOf = (order: OrderRecord): { buyer: DocumentParty; supplier: DocumentParty } => ({
  buyer: { id: order.buyer_id, name: order.buyer_name },
  supplier: { id: order.supplier_id, name: order.supplier_name },
});

export const documentWarehouse = (w: WarehousesTable): DocumentWarehouse => ({ id: w.id, name: w.name, port: w.port, address: w.address });

/** Quantities received and on hand per product, in contract order then others. */
function onHandLines(f: Fulfilment): Array<{ product_id: string; product_name: string | null; quantity: number }> {
  return f.crossCheck.lines.filter((l) => l.received_quantity > 0).map((l) => ({ product_id: l.product_id, product_name: l.product_name, quantity: l.received_quantity }));
}

/**
 * The commercial invoice and the export declaration customs release issues: the goods on hand at the
 * contract's prices, the seller and buyer as the contract names them, the measured weight and volume.
 */
export async function issueCustomsDocuments(
  q: Queryable,
  f: Fulfilment,
  input: { declarationNo: string; operatorId: string; at: string },
): Promise<string[]> {
  const { terms, legal_entities } = f.content;
  const prices = new Map(f.items.map((i) => [i.product_id, i.unit_price]));
  const lines = onHandLines(f);
  const invoiceLines = lines.map((l) => {
    const unit_price = prices.get(l.product_id) ?? 0;
    return { ...l, unit_price, amount: unit_price * l.quantity };
  });
  const invoice = await issueDocument(q, {
    orderId: f.order.id,
    kind: 'commercial_invoice',
    createdBy: input.operatorId,
    at: input.at,
    data: {
      invoice_no: `CI-${f.order.id.slice(f.order.id.indexOf('_') + 1, f.order.id.indexOf('_') + 11).toUpperCase()}`,
      order_id: f.order.id,
      contract_id: f.order.contract_id,
      seller: legal_entities.seller,
      buyer: legal_entities.buyer,
      incoterm: terms.incoterm,
      currency: terms.currency,
      lines: invoiceLines,
      total: invoiceLines.reduce((sum, l) => sum + l.amount, 0),
      destination_port: terms.destination_port,
      issued_at: input.at,
    },
  });
  const measured = new Map((f.measurement?.cartons ?? []).map((c) => [c.barcode, c]));
  const totals = measuredTotals(f.onHand.flatMap((c) => measured.get(c.barcode) ?? []));
  const c = f.consolidation!;
  const declaration = await issueDocument(q, {
    orderId: f.order.id,
    kind: 'customs_declaration',
    createdBy: input.operatorId,
    at: input.at,
    data: {
      declaration_no: input.declarationNo,
      order_id: f.order.id,
      exporter: legal_entities.seller,
      consignee: legal_entities.buyer,
      port_of_loading: f.warehouse!.port,
      destination_port: terms.destination_port,
      mode: c.mode,
      container_no: c.container_no,
      seal_no: c.seal_no,
      carrier: c.carrier,
      tracking_no: c.tracking_no,
      lines,
      packages: f.onHand.length,
      gross_weight_kg: totals.weight_kg,
      volume_cbm: totals.volume_cbm,
      released_at: input.at,
    },
  });
  return [invoice, declaration];
}
