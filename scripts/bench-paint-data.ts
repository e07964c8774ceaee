/**
 * The seeded data `bench-paint.ts` paints: sessions of the three parties and, over the real server's API
 * as a partner and its users would create them, a folder with products, a negotiation with a counter-offer,
 * a drafted contract, and a confirmed, paid order with a packing list.
 */
import { randomUUID } from 'node:crypto';
import { SANDBOX } from '../server/store/seed.js';
import { mintSession } from '../test/e2e/servers.js';
// The API tests' deal: two seeded LED products, USD, FOB, deposit and inspection.
import { clauses, terms as dealTerms } from '../test/server/deal-flow.js';

const BUYER = SANDBOX.buyers.acme;
const SUPPLIER = SANDBOX.suppliers.shenzhenLed;
const OPERATOR = SANDBOX.operator;

export interface PaintData {
  buyer: string;
  supplier: string;
  operator: string;
  negotiationId: string;
  draftContractId: string;
  confirmedContractId: string;
  orderId: string;
}

type Call = <T = any>(token: string, method: string, path: string, body?: unknown) => Promise<T>;

function caller(apiUrl: string): Call {
  return async (token, method, path, body) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${apiUrl}${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`bench-paint seed: ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as never;
  };
}

/** Negotiation → purchase order → drafted contract; the ids on the way. */
async function draftedDeal(call: Call, s: { buyer: string; supplier: string }, counter: boolean) {
  const terms = dealTerms();
  const negotiation = await call<{ id: string }>(s.buyer, 'POST', '/v1/negotiations', { supplier_id: SUPPLIER, terms, message: 'Bench order' });
  if (counter) {
    await call(s.supplier, 'POST', `/v1/negotiations/${negotiation.id}/offers`, { terms: { ...terms, deposit_percent: 40 }, message: 'Deposit 40 %' });
    await call(s.buyer, 'POST', `/v1/negotiations/${negotiation.id}/accept`);
  } else {
    await call(s.supplier, 'POST', `/v1/negotiations/${negotiation.id}/accept`);
  }
  const po = await call<{ id: string }>(s.buyer, 'POST', '/v1/purchase-orders', { negotiation_id: negotiation.id });
  const full = await call<{ legal_entity_defaults: unknown }>(s.supplier, 'GET', `/v1/purchase-orders/${po.id}`);
  const contract = await call<{ id: string }>(s.supplier, 'POST', '/v1/contracts', {
    purchase_order_id: po.id,
    clauses: clauses(),
    legal_entities: full.legal_entity_defaults,
  });
  return { negotiationId: negotiation.id, contractId: contract.id, items: terms.items };
}

export async function seedPaintData(apiUrl: string): Promise<PaintData> {
  const call = caller(apiUrl);
  const [buyer, supplier, operator] = await Promise.all([mintSession(apiUrl, BUYER), mintSession(apiUrl, SUPPLIER), mintSession(apiUrl, OPERATOR)]);
  const s = { buyer, supplier };

  // The buyer's public folder holds a few products, so the folder has items and search shows some collected.
  const { data: some } = await call<{ data: { id: string }[] }>(buyer, 'GET', '/v1/products?limit=4');
  for (const product of some) await call(buyer, 'PUT', `/v1/folders/public/items/${product.id}`);

  const draft = await draftedDeal(call, s, true);
  const paid = await draftedDeal(call, s, false);
  await call(supplier, 'POST', `/v1/contracts/${paid.contractId}/send`);
  const { order_id: orderId } = await call<{ order_id: string }>(buyer, 'POST', `/v1/contracts/${paid.contractId}/confirm`, {
    signer_name: 'Bench Buyer',
    accept: true,
  });
  const intent = await call<{ reference: string; amount_due: number; currency: string }>(
    buyer, 'POST', `/v1/orders/${orderId}/payment-intents`, { gateway: 'bank_transfer', currency: 'USD' });
  await call(buyer, 'POST', '/v1/sandbox/deposits', { reference: intent.reference, amount: intent.amount_due, currency: intent.currency });
  const cartons = paid.items.flatMap((item, line) =>
    [1, 2].map((n) => ({ barcode: `BENCH-${line + 1}-0${n}`, product_id: item.product_id, quantity: item.quantity / 2 })),
  );
  await call(supplier, 'POST', `/v1/orders/${orderId}/packing-list`, { cartons });

  return {
    buyer,
    supplier,
    operator,
    negotiationId: draft.negotiationId,
    draftContractId: draft.contractId,
    confirmedContractId: paid.contractId,
    orderId,
  };
}
