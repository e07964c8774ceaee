/** Reads of an order's documents (rows are written by the steps that issue them, store/warehouse.ts insertDocument). */
import type { Queryable } from './db.js';
import type { OrderDocumentsTable } from './schema.js';

const KIND_ORDER = ['packing_list', 'goods_receipt', 'commercial_invoice', 'customs_declaration', 'bill_of_lading'] as const;

export type DocumentListing = Omit<OrderDocumentsTable, 'data' | 'file'> & { uploaded: boolean };

/** Every document of the order, oldest first, without data or bytes (a list never carries megabytes). */
export async function listOrderDocuments(q: Queryable, orderId: string): Promise<DocumentListing[]> {
  const rows = await q.db
    .selectFrom('order_documents')
    .select(['id', 'order_id', 'kind', 'title', 'number', 'content_type', 'filename', 'created_by', 'created_at'])
    .select((eb) => eb('file', 'is not', null).as('uploaded'))
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .execute();
  // One step can issue several documents at one instant (customs release: invoice and declaration); ids are
  // random, so ties go by kind in the order fulfilment produces them, then number, for a stable list.
  const rank = (kind: string) => KIND_ORDER.indexOf(kind as (typeof KIND_ORDER)[number]);
  return rows
    .map((r) => ({ ...r, number: Number(r.number), uploaded: Boolean(r.uploaded) }))
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || rank(a.kind) - rank(b.kind) || a.number - b.number);
}

/** One document with its data and bytes; the caller checks the order may be read before showing anything. */
export async function getOrderDocument(q: Queryable, id: string): Promise<OrderDocumentsTable | undefined> {
  return q.db.selectFrom('order_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether the order's goods are consolidated: uploads of the carrier's bill of lading wait for it. */
export async function isConsolidated(q: Queryable, orderId: string): Promise<boolean> {
  return (await q.db.selectFrom('consolidations').select('order_id').where('order_id', '=', orderId).executeTakeFirst()) !== undefined;
}
