/**
 * An order's documents for whoever may read the order: the list (the confirmed contract first), downloads
 * (generated ones rendered from their snapshot, uploads as stored), and the operator's bill of lading upload.
 */
import { createHash } from 'node:crypto';
import { renderOrderDocument } from '../domain/document-render.js';
import { GENERATED_CONTENT_TYPE, type DocumentDataOf, type DocumentKind } from '../domain/documents.js';
import { newId } from '../domain/ids.js';
import { RefusedError, refuse } from '../domain/refusal.js';
import { HttpProblem, invalidField, notFound } from '../problem.js';
import type { OrderDocument } from '../schemas/documents.js';
import type { Store } from '../store/db.js';
import { getOrderDocument, isConsolidated, listOrderDocuments, type DocumentListing } from '../store/documents.js';
import { getOrderForParty } from '../store/orders.js';
import { lockOrder } from '../store/payments.js';
import type { PartyKind } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { insertDocument } from '../store/warehouse.js';

export interface Reader {
  id: string;
  kind: PartyKind;
}

const present = (d: DocumentListing): OrderDocument => ({
  id: d.id,
  kind: d.kind,
  title: d.title,
  number: d.number,
  content_type: d.content_type,
  filename: d.filename,
  created_at: d.created_at,
  url: `/v1/documents/${d.id}`,
});

/**
 * Oldest first, the confirmed contract leading (it precedes every fulfilment document). The contract is listed
 * for its buyer and supplier only: its download route is theirs, and an entry an operator cannot open is noise.
 */
export async function documentsFor(store: Store, reader: Reader, orderId: string): Promise<{ data: OrderDocument[] }> {
  const order = await getOrderForParty(store, reader, orderId);
  if (!order) throw notFound('order');
  const data = (await listOrderDocuments(store, orderId)).map(present);
  if (reader.kind === 'operator') return { data };
  const contract = await store.db
    .selectFrom('contracts')
    .select(['id', 'current_version', 'confirmed_at'])
    .where('id', '=', order.contract_id)
    .executeTakeFirstOrThrow();
  const entry: OrderDocument = {
    id: contract.id,
    kind: 'contract',
    title: 'E-procurement contract',
    number: 1,
    content_type: GENERATED_CONTENT_TYPE,
    filename: `contract-${contract.id}-v${contract.current_version}.html`,
    created_at: contract.confirmed_at ?? order.created_at,
    url: `/v1/contracts/${contract.id}/document`,
  };
  return { data: [entry, ...data] };
}

export type DocumentDownload =
  | { generated: true; html: string; filename: string }
  | { generated: false; bytes: Uint8Array<ArrayBuffer>; content_type: string; filename: string };

/** A document, if the caller may read its order; otherwise 404 exactly like a document that does not exist. */
export async function documentFor(store: Store, reader: Reader, id: string): Promise<DocumentDownload> {
  const row = await getOrderDocument(store, id);
  if (!row || !(await getOrderForParty(store, reader, row.order_id))) throw notFound('document');
  if (row.file !== null) return { generated: false, bytes: new Uint8Array(row.file), content_type: row.content_type, filename: row.filename };
  const kind = row.kind as DocumentKind;
  const html = renderOrderDocument(
    { id: row.id, kind, title: row.title, number: Number(row.number), order_id: row.order_id, created_at: row.created_at },
    JSON.parse(row.data) as DocumentDataOf[typeof kind],
  );
  return { generated: true, html, filename: row.filename };
}

export const MAX_UPLOAD_BYTES = 1024 * 1024;

/** What an upload may be, and the first bytes each format always starts with. */
const FORMATS = {
  'application/pdf': { extension: 'pdf', extensions: ['pdf'], magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
  'image/png': { extension: 'png', extensions: ['png'], magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  'image/jpeg': { extension: 'jpg', extensions: ['jpg', 'jpeg'], magic: [[0xff, 0xd8, 0xff]] },
} as const satisfies Record<string, { extension: string; extensions: readonly string[]; magic: number[][] }>;
export type UploadType = keyof typeof FORMATS;
export const UPLOAD_TYPES = Object.keys(FORMATS) as UploadType[];

/** The declared type, if it is one we take (parameters such as `; name=` ignored). */
export function uploadType(contentType: string | undefined): UploadType | null {
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return (UPLOAD_TYPES as string[]).includes(essence) ? (essence as UploadType) : null;
}

/**
 * Whether a filename ends in an extension of `type`. Magic bytes only check the start of a file: `%PDF-` followed
 * by HTML passes them, and saved as `page.html` it would run as a page once opened from disk.
 */
export function filenameFits(type: UploadType, filename: string): boolean {
  const dot = filename.lastIndexOf('.');
  return dot > 0 && (FORMATS[type].extensions as readonly string[]).includes(filename.slice(dot + 1).toLowerCase());
}

/** Whether the bytes really are what the header says: a browser would otherwise trust whichever looks right. */
export function matchesMagic(type: UploadType, bytes: Uint8Array): boolean {
  return FORMATS[type].magic.some((magic) => magic.every((b, i) => bytes[i] === b));
}

const unsupported = () =>
  new HttpProblem({
    status: 415,
    slug: 'unsupported-media-type',
    title: 'Unsupported media type',
    detail: `Send the file as the body with Content-Type ${UPLOAD_TYPES.join(', ')}.`,
  });

const invalidFile = (message: string) =>
  new HttpProblem({ status: 422, slug: 'validation', title: 'Validation failed', detail: message, errors: [{ path: 'body', message }] });

/**
 * The operator of the order's warehouse uploads the carrier's bill of lading once the goods are consolidated.
 * The declared type must be one we serve back safely and must match the file's magic bytes.
 */
export function uploadBillOfLading(
  store: Store,
  input: { operator: Reader; orderId: string; contentType: string | undefined; bytes: Uint8Array; filename?: string | undefined; now: Date },
): Promise<OrderDocument> {
  const type = uploadType(input.contentType);
  if (type === null) throw unsupported();
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw new HttpProblem({ status: 413, slug: 'payload-too-large', title: 'Payload too large', detail: `Uploads are limited to ${MAX_UPLOAD_BYTES} bytes.` });
  }
  if (input.bytes.byteLength === 0) throw invalidFile('The file is empty.');
  if (!matchesMagic(type, input.bytes)) throw invalidFile(`The file is not a ${type} file (its first bytes say otherwise).`);
  if (input.filename !== undefined && !filenameFits(type, input.filename)) {
    throw invalidField('filename', `must end in .${FORMATS[type].extensions.join(' or .')} for a ${type} file`);
  }
  const at = input.now.toISOString();
  return inTransaction(store, async (q) => {
    const order = await getOrderForParty(q, input.operator, input.orderId);
    if (!order) throw notFound('order');
    // Held like every step: the number is the last of its kind + 1, so two uploads (or an upload and the
    // departure's B/L record) at once must not both take it.
    await lockOrder(q, order.id);
    if (!(await isConsolidated(q, order.id))) {
      throw new RefusedError(refuse('step_out_of_order', 'The bill of lading can be uploaded once the goods are consolidated.'));
    }
    const id = newId('doc');
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    await insertDocument(
      q,
      {
        id,
        order_id: order.id,
        kind: 'bill_of_lading',
        data: JSON.stringify({ uploaded: true, size: input.bytes.byteLength, sha256 }),
        file: Buffer.from(input.bytes),
        content_type: type,
        created_by: input.operator.id,
        created_at: at,
      },
      (number) => ({
        title: `Bill of lading ${number} (uploaded file)`,
        filename: input.filename ?? `bill-of-lading-${order.id}-${number}.${FORMATS[type].extension}`,
      }),
    );
    const stored = (await listOrderDocuments(q, order.id)).find((d) => d.id === id)!;
    return present(stored);
  });
}
