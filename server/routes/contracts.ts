/** E-contracts: the supplier drafts from a PO, revises and sends; the buyer requests changes or confirms; both verify and download. */
import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { DOCUMENT_CSP } from '../domain/contract-document.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import {
  ConfirmContract,
  Contract,
  ContractList,
  ContractListQuery,
  ContractVerification,
  CreateContract,
  RequestChanges,
  UpdateContract,
} from '../schemas/contracts.js';
import { contractDocumentFor, verifyContractFor } from '../services/contract-evidence.js';
import { loadContract } from '../services/contract-state.js';
import {
  confirmContractFor,
  contractPage,
  draftContractFor,
  presentContract,
  requestContractChanges,
  reviseContractFor,
  sendContractFor,
} from '../services/contracts.js';

const Params = idParam('id', 'ctr_2x7fk3mq9d4tq0h7n1bz8w6yec');
const TAGS = ['Contracts'];
const BODY_PROBLEMS = problems(400, 401, 403, 404, 409, 413, 415, 422);
/** send takes no fields; an empty object (or no body) keeps room for a note later. */
const NoFields = z.strictObject({}).openapi('NoFields');
const optionalBody = { required: false, content: { 'application/json': { schema: NoFields } } };

export const contractRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/contracts',
      tags: TAGS,
      summary: 'Draft the e-contract of one of your purchase orders',
      description: 'Version 1 takes its terms from the PO consensus (none are accepted in the body). 409 `contract_exists` for a second draft.',
      ...allow.party('supplier'),
      request: { body: jsonBody(CreateContract) },
      responses: { 201: json(Contract, 'The draft; `Location` names it.'), ...BODY_PROBLEMS },
    }),
    async (c) => {
      const supplierId = c.var.session.party.id;
      const { purchase_order_id, clauses, legal_entities } = c.req.valid('json');
      const loaded = await draftContractFor(c.var.store, { supplierId, purchaseOrderId: purchase_order_id, clauses, legal_entities });
      c.header('Location', `/v1/contracts/${loaded.record.id}`);
      return c.json(presentContract(loaded, supplierId), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/contracts',
      tags: TAGS,
      summary: 'Your contracts (buyer: to review; supplier: drafted), newest first',
      ...allow.party('buyer', 'supplier'),
      request: { query: ContractListQuery },
      responses: { 200: json(ContractList, 'A page of contracts.'), ...problems(400, 401, 403, 422) },
    }),
    async (c) => c.json(await contractPage(c.var.store, c.var.session.party, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/contracts/{id}',
      tags: TAGS,
      summary: 'One contract: current content, all versions, differences, change requests, confirmation',
      ...allow.party('buyer', 'supplier'),
      request: { params: Params },
      responses: { 200: json(Contract, 'The contract.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const partyId = c.var.session.party.id;
      return c.json(presentContract(await loadContract(c.var.store, partyId, c.req.valid('param').id), partyId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/contracts/{id}',
      tags: TAGS,
      summary: 'Edit the contract (supplier, while a draft or after changes were requested)',
      description:
        'The first edit after `changes_requested` starts a new version. 409 `not_editable` while sent, `contract_confirmed` once confirmed.',
      ...allow.party('supplier'),
      request: { params: Params, body: jsonBody(UpdateContract) },
      responses: { 200: json(Contract, 'The edited contract.'), ...BODY_PROBLEMS },
    }),
    async (c) => {
      const supplierId = c.var.session.party.id;
      const loaded = await reviseContractFor(c.var.store, { supplierId, id: c.req.valid('param').id, patch: c.req.valid('json') });
      return c.json(presentContract(loaded, supplierId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/contracts/{id}/send',
      tags: TAGS,
      summary: 'Send the draft to the buyer for review',
      ...allow.party('buyer', 'supplier'),
      request: { params: Params, body: optionalBody },
      responses: { 200: json(Contract, 'The sent contract.'), ...BODY_PROBLEMS },
    }),
    async (c) => {
      const supplierId = c.var.session.party.id;
      return c.json(presentContract(await sendContractFor(c.var.store, { supplierId, id: c.req.valid('param').id }), supplierId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/contracts/{id}/request-changes',
      tags: TAGS,
      summary: 'Send the contract back to the supplier with a comment (buyer)',
      ...allow.party('buyer', 'supplier'),
      request: { params: Params, body: jsonBody(RequestChanges) },
      responses: { 200: json(Contract, 'The contract, now `changes_requested`.'), ...BODY_PROBLEMS },
    }),
    async (c) => {
      const buyerId = c.var.session.party.id;
      const loaded = await requestContractChanges(c.var.store, { buyerId, id: c.req.valid('param').id, comment: c.req.valid('json').comment });
      return c.json(presentContract(loaded, buyerId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/contracts/{id}/confirm',
      tags: TAGS,
      summary: 'Confirm the sent contract: signer name and explicit acceptance (buyer)',
      description:
        'Stores the canonical JSON and its SHA-256 `digest`, makes the contract immutable, and opens the order (`order_id`).',
      ...allow.party('buyer', 'supplier'),
      request: { params: Params, body: jsonBody(ConfirmContract) },
      responses: { 200: json(Contract, 'The confirmed contract.'), ...BODY_PROBLEMS },
    }),
    async (c) => {
      const buyerId = c.var.session.party.id;
      const { signer_name, accept } = c.req.valid('json');
      const loaded = await confirmContractFor(c.var.store, { buyerId, id: c.req.valid('param').id, signer_name, accept });
      return c.json(presentContract(loaded, buyerId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/contracts/{id}/verify',
      tags: TAGS,
      summary: 'Recompute the audit chain, each version’s content and (once confirmed) the digest; report where they break',
      ...allow.party('buyer', 'supplier'),
      request: { params: Params },
      responses: { 200: json(ContractVerification, '`valid` and every check; `failures` says where.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => c.json(await verifyContractFor(c.var.store, c.var.session.party.id, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/contracts/{id}/document',
      tags: TAGS,
      summary: 'Download the confirmed contract as a print-ready HTML document',
      description: 'An attachment under a CSP that runs no script and loads nothing. 409 `not_confirmed` before confirmation.',
      ...allow.party('buyer', 'supplier'),
      request: { params: Params },
      responses: {
        200: { description: 'The document.', content: { 'text/html': { schema: z.string() } } },
        ...problems(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { html, filename } = await contractDocumentFor(c.var.store, c.var.session.party.id, c.req.valid('param').id);
      return c.body(html, 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Content-Security-Policy': DOCUMENT_CSP,
      });
    },
  );
