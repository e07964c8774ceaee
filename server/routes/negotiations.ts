/** Negotiations: the buyer opens one with a first offer, the parties alternate offers, one accepts or the buyer withdraws. */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, idParam, json, jsonBody, problems } from '../http/openapi.js';
import { CreateNegotiation, CreateOffer, Negotiation, NegotiationList, NegotiationListQuery } from '../schemas/negotiations.js';
import { closeNegotiation, loadNegotiation, makeOffer, negotiationPage, presentNegotiation, startNegotiation } from '../services/negotiations.js';

const Params = idParam('id', 'neg_2x7fk3mq9d4tq0h7n1bz8w6yec');
const TAGS = ['Negotiations'];
const STATE_CHANGE_PROBLEMS = problems(400, 401, 403, 404, 409, 413, 415, 422);

export const negotiationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/negotiations',
      tags: TAGS,
      summary: 'Open a negotiation with a supplier, with your first offer',
      description:
        'Every line item must be a product you can see (private ones only with a grant) sold by that supplier; otherwise 422 at `terms.items.<i>.product_id`. Totals are computed by the server; any sent are ignored.',
      ...allow.party('buyer'),
      request: { body: jsonBody(CreateNegotiation) },
      responses: { 201: json(Negotiation, 'The open negotiation; `Location` names it.'), ...problems(400, 401, 403, 404, 413, 415, 422) },
    }),
    async (c) => {
      const { supplier_id, terms, message } = c.req.valid('json');
      const buyerId = c.var.session.party.id;
      const loaded = await startNegotiation(c.var.store, { buyerId, supplierId: supplier_id, terms, message });
      c.header('Location', `/v1/negotiations/${loaded.record.id}`);
      return c.json(presentNegotiation(loaded, buyerId), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/negotiations',
      tags: TAGS,
      summary: 'A buyer’s negotiations, or a supplier’s inbox; newest first',
      description: 'List items carry the latest offer but not the whole history.',
      ...allow.party('buyer', 'supplier'),
      request: { query: NegotiationListQuery },
      responses: { 200: json(NegotiationList, 'A page of negotiations.'), ...problems(400, 401, 403, 422) },
    }),
    async (c) => c.json(await negotiationPage(c.var.store, c.var.session.party, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/negotiations/{id}',
      tags: TAGS,
      summary: 'One negotiation with its offer history, whose turn it is and what you may do',
      ...allow.party('buyer', 'supplier'),
      request: { params: Params },
      responses: { 200: json(Negotiation, 'The negotiation.'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const partyId = c.var.session.party.id;
      return c.json(presentNegotiation(await loadNegotiation(c.var.store, partyId, c.req.valid('param').id), partyId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/negotiations/{id}/offers',
      tags: TAGS,
      summary: 'Counter with a full set of terms (only when it is your turn)',
      description: '409 `not_your_turn` after your own offer; 409 `already_accepted` / `withdrawn` once closed.',
      ...allow.party('buyer', 'supplier'),
      request: { params: Params, body: jsonBody(CreateOffer) },
      responses: { 201: json(Negotiation, 'The negotiation with the new offer.'), ...STATE_CHANGE_PROBLEMS },
    }),
    async (c) => {
      const partyId = c.var.session.party.id;
      const { terms, message } = c.req.valid('json');
      const loaded = await makeOffer(c.var.store, { partyId, id: c.req.valid('param').id, terms, message });
      return c.json(presentNegotiation(loaded, partyId), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/negotiations/{id}/accept',
      tags: TAGS,
      summary: 'Accept the latest offer, freezing it as the consensus',
      description: 'Only the party who did not make the latest offer (else 409 `cannot_accept_own_offer`).',
      ...allow.party('buyer', 'supplier'),
      request: { params: Params },
      responses: { 200: json(Negotiation, 'The accepted negotiation with its `consensus`.'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const partyId = c.var.session.party.id;
      const loaded = await closeNegotiation(c.var.store, { partyId, id: c.req.valid('param').id, action: 'accept' });
      return c.json(presentNegotiation(loaded, partyId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/negotiations/{id}/withdraw',
      tags: TAGS,
      summary: 'Withdraw an open negotiation (buyer)',
      ...allow.party('buyer', 'supplier'),
      description: 'The supplier gets 403 `wrong_party`: it declines by not accepting.',
      request: { params: Params },
      responses: { 200: json(Negotiation, 'The withdrawn negotiation.'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const partyId = c.var.session.party.id;
      const loaded = await closeNegotiation(c.var.store, { partyId, id: c.req.valid('param').id, action: 'withdraw' });
      return c.json(presentNegotiation(loaded, partyId), 200);
    },
  );
