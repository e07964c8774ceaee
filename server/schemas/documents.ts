/** An order's documents over HTTP: the list entry (generated, uploaded, or the confirmed contract) and the upload query. */
import { z } from '@hono/zod-openapi';
import { Timestamp } from './common.js';

export const DocumentKind = z
  .enum(['contract', 'goods_receipt', 'packing_list', 'commercial_invoice', 'customs_declaration', 'bill_of_lading'])
  .openapi('DocumentKind');

export const OrderDocument = z
  .object({
    id: z.string().openapi({ description: '`doc_…`, or the contract id for kind `contract`.' }),
    kind: DocumentKind,
    title: z.string(),
    number: z.number().int().openapi({ description: '1-based per order and kind.' }),
    content_type: z.string().openapi({ example: 'text/html; charset=utf-8' }),
    filename: z.string(),
    created_at: Timestamp,
    url: z.string().openapi({ description: 'Where to download it: `/v1/documents/<id>`, or `/v1/contracts/<id>/document`.', example: '/v1/documents/doc_2x7fk3mq9d4tq0h7n1bz8w6yec' }),
  })
  .openapi('OrderDocument');
export type OrderDocument = z.infer<typeof OrderDocument>;

export const OrderDocumentList = z.object({ data: z.array(OrderDocument) }).openapi('OrderDocumentList');

/** Names a browser will not misread: no quotes, slashes or control characters reach Content-Disposition. */
export const UPLOAD_FILENAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/;

export const UploadQuery = z
  .object({
    kind: z.literal('bill_of_lading', { error: 'only `bill_of_lading` can be uploaded' }),
    filename: z
      .string()
      .regex(UPLOAD_FILENAME, 'use letters, digits, spaces, dots, dashes and underscores (at most 200), starting with a letter or digit')
      .optional(),
  })
  .strict();
