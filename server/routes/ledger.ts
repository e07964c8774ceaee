/** An order's double-entry ledger, for its buyer and supplier. */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, idParam, json, problems } from '../http/openapi.js';
import { Ledger } from '../schemas/payments.js';
import { ledgerFor } from '../services/ledger.js';

export const ledgerRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/v1/orders/{id}/ledger',
    tags: ['K100Pay'],
    summary: 'The order’s ledger: every transfer (entries summing to zero) and the balances derived from them',
    description:
      'Accounts: `buyer_funding` (money from outside, negative), `gateway_clearing`, `platform_fees`, `fx` (the gateway’s exchange desk), ' +
      '`escrow`, `supplier_released`, `refunds`. `balances` are in the contract currency; `balances_by_currency` covers pay-currency fees and refunds. ' +
      'Any party that is not the order’s buyer or supplier gets 404.',
    ...allow.party('buyer', 'supplier', 'operator'),
    // Operators pass the guard but find no order here (its money is not theirs): 404, as for any stranger.
    'x-k100-callers': ['buyer session (the order’s)', 'supplier session (the order’s)'],
    request: { params: idParam('id', 'ord_2x7fk3mq9d4tq0h7n1bz8w6yec') },
    responses: { 200: json(Ledger, 'The ledger.'), ...problems(401, 403, 404, 422) },
  }),
  async (c) => c.json(await ledgerFor(c.var.store, c.var.session.party.id, c.req.valid('param').id), 200),
);
