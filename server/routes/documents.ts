/** An order's documents: list, download (print-ready HTML or the uploaded file), and the operator's bill of lading upload. */
import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { DOCUMENT_CSP } from '../domain/document-style.js';
import { nowOf } from '../http/clock.js';
import { createRouter, idParam, json, problems } from '../http/openapi.js';
import { OrderDocument, OrderDocumentList, UploadQuery } from '../schemas/documents.js';
import { UPLOAD_TYPES, documentFor, documentsFor, uploadBillOfLading } from '../services/documents.js';

const OrderParams = idParam('id', 'ord_2x7fk3mq9d4tq0h7n1bz8w6yec');
const DocumentParams = idParam('id', 'doc_2x7fk3mq9d4tq0h7n1bz8w6yec');
const TAGS = ['Documents'];
const READERS = 'The buyer, the supplier, and operators of the order’s warehouse once it is paid; anyone else gets 404.';
/**
 * Uploaded bytes are the operator's, not ours: never rendered inline, never sniffed into something else, and
 * sandboxed (no script, no same origin) should a browser open one anyway.
 */
const UPLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";
const binary = z.string().openapi({ type: 'string', format: 'binary' });

export const documentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders/{id}/documents',
      tags: TAGS,
      summary: 'The order’s documents, oldest first, the confirmed contract leading',
      description: `${READERS} The contract (kind \`contract\`) is listed for its buyer and supplier, with its own download URL.`,
      ...allow.party('buyer', 'supplier', 'operator'),
      request: { params: OrderParams },
      responses: { 200: json(OrderDocumentList, 'Documents with their download URLs.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json(await documentsFor(c.var.store, c.var.session.party, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents/{id}',
      tags: TAGS,
      summary: 'Download one document',
      description:
        `${READERS} Generated documents are print-ready HTML (A4) under a CSP that runs no script and loads nothing; ` +
        'uploads are the stored bytes with their content type. Always an attachment.',
      ...allow.party('buyer', 'supplier', 'operator'),
      request: { params: DocumentParams },
      responses: {
        200: {
          description: 'The document.',
          content: { 'text/html': { schema: z.string() }, ...Object.fromEntries(UPLOAD_TYPES.map((t) => [t, { schema: binary }])) },
        },
        ...problems(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const doc = await documentFor(c.var.store, c.var.session.party, c.req.valid('param').id);
      const disposition = `attachment; filename="${doc.filename}"`;
      if (doc.generated) {
        return c.body(doc.html, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': disposition, 'Content-Security-Policy': DOCUMENT_CSP });
      }
      return c.body(doc.bytes, 200, {
        'Content-Type': doc.content_type,
        'Content-Disposition': disposition,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': UPLOAD_CSP,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders/{id}/documents',
      tags: TAGS,
      summary: 'Upload the carrier’s bill of lading (operator of the order’s warehouse)',
      description:
        'The body is the file itself: `application/pdf`, `image/png` or `image/jpeg`, checked against its first bytes (422 otherwise), at most 1 MB (413). ' +
        '`kind` must be `bill_of_lading`; `filename` is optional and must end in the extension of the type (`.pdf`, `.png`, `.jpg`/`.jpeg`; 422 otherwise). ' +
        '409 `step_out_of_order` before consolidation.',
      ...allow.party('operator'),
      request: {
        params: OrderParams,
        query: UploadQuery,
        body: { required: true, content: Object.fromEntries(UPLOAD_TYPES.map((t) => [t, { schema: binary }])) },
      },
      responses: { 201: json(OrderDocument, 'The stored document; `Location` names its download.'), ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const { filename } = c.req.valid('query');
      const document = await uploadBillOfLading(c.var.store, {
        operator: c.var.session.party,
        orderId: c.req.valid('param').id,
        contentType: c.req.header('content-type'),
        bytes: new Uint8Array(await c.req.arrayBuffer()),
        filename,
        now: nowOf(c),
      });
      c.header('Location', document.url);
      return c.json(document, 201);
    },
  );
