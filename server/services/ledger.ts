/** An order's ledger as its buyer and supplier read it: every transfer with its entries, and balances derived from them. */
import { summarise, type LedgerSummary } from '../domain/ledger.js';
import { notFound } from '../problem.js';
import type { Ledger } from '../schemas/payments.js';
import type { Store } from '../store/db.js';
import { orderTransfers } from '../store/ledger.js';
import { getOrderFor } from '../store/orders.js';

const ZERO: LedgerSummary = { escrow: 0, released: 0, refunded: 0, fees: 0 };

export async function ledgerFor(store: Store, partyId: string, orderId: string): Promise<Ledger> {
  const order = await getOrderFor(store, partyId, orderId);
  if (!order) throw notFound('order');
  const transfers = await orderTransfers(store, orderId);
  const byCurrency = summarise(transfers);
  return {
    order_id: order.id,
    currency: order.currency,
    transfers: transfers.map((t) => ({ id: t.id, kind: t.kind, currency: t.currency, created_at: t.created_at, entries: t.entries.map((e) => ({ account: e.account, amount: e.amount })) })),
    balances: byCurrency[order.currency] ?? ZERO,
    balances_by_currency: byCurrency,
  };
}
