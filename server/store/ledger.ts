/**
 * The order ledger as stored: the single insert path for transfers (checked by the domain first, by the
 * database's triggers again) and the reads that derive balances from entries.
 */
import { applyTransfers, type Account, type Balances, type Transfer, type TransferKind } from '../domain/ledger.js';
import { newId } from '../domain/ids.js';
import type { Queryable } from './db.js';

export interface StoredTransfer extends Transfer {
  id: string;
  seq: number;
  created_at: string;
  intent_id: string | null;
  dispute_id: string | null;
}

/** Balances of one order from its entries (never stored), per currency and account. */
export async function orderBalances(q: Queryable, orderId: string): Promise<Balances> {
  const rows = await q.db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transfers as t', 't.id', 'e.transfer_id')
    .select(['t.currency', 'e.account', (eb) => eb.fn.sum<number>('e.amount').as('balance')])
    .where('t.order_id', '=', orderId)
    .groupBy(['t.currency', 'e.account'])
    .execute();
  const out: Record<string, Partial<Record<Account, number>>> = {};
  for (const r of rows) (out[r.currency] ??= {})[r.account as Account] = Number(r.balance);
  return out;
}

export interface TransferLinks {
  intent_id?: string | null;
  dispute_id?: string | null;
}

/**
 * Appends `transfers` to the order's ledger, in order, inside the caller's money transaction (which holds the
 * order's row lock, so seq and the balance check cannot race). The domain's applyTransfers refuses an unsound
 * or overdrawing batch before anything is written; a refusal there is a bug, so it throws a plain Error.
 * Entries go in before their transfer row: the transfer's insert trigger re-checks zero-sum and overdraft.
 */
export async function appendTransfers(q: Queryable, orderId: string, transfers: readonly Transfer[], links: TransferLinks, at: string): Promise<StoredTransfer[]> {
  if (transfers.length === 0) return [];
  const checked = applyTransfers(await orderBalances(q, orderId), transfers);
  if (!checked.ok) throw new Error(`ledger refused transfer ${checked.index} of order ${orderId}: ${checked.message}`);
  const last = await q.db
    .selectFrom('ledger_transfers')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  let seq = Number(last?.seq ?? 0);
  const stored: StoredTransfer[] = [];
  for (const t of transfers) {
    const id = newId('trf');
    seq += 1;
    await q.db
      .insertInto('ledger_entries')
      .values(t.entries.map((e) => ({ transfer_id: id, account: e.account, amount: e.amount })))
      .execute();
    const row = { id, order_id: orderId, seq, kind: t.kind, currency: t.currency, intent_id: links.intent_id ?? null, dispute_id: links.dispute_id ?? null, created_at: at };
    await q.db.insertInto('ledger_transfers').values(row).execute();
    stored.push({ ...t, id, seq, created_at: at, intent_id: row.intent_id, dispute_id: row.dispute_id });
  }
  return stored;
}

/** Every transfer of the order with its entries, oldest first. */
export async function orderTransfers(q: Queryable, orderId: string): Promise<StoredTransfer[]> {
  const transfers = await q.db.selectFrom('ledger_transfers').selectAll().where('order_id', '=', orderId).orderBy('seq').execute();
  if (transfers.length === 0) return [];
  const entries = await q.db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('transfer_id', 'in', transfers.map((t) => t.id))
    .execute();
  const byTransfer = new Map<string, { account: Account; amount: number }[]>();
  for (const e of entries) {
    const list = byTransfer.get(e.transfer_id) ?? [];
    list.push({ account: e.account as Account, amount: Number(e.amount) });
    byTransfer.set(e.transfer_id, list);
  }
  return transfers.map((t) => ({
    id: t.id,
    seq: Number(t.seq),
    kind: t.kind as TransferKind,
    currency: t.currency,
    created_at: t.created_at,
    intent_id: t.intent_id,
    dispute_id: t.dispute_id,
    // Debits first, then credits, each by account name: a stable order for the API and for comparisons.
    entries: (byTransfer.get(t.id) ?? []).sort((a, b) => Math.sign(a.amount) - Math.sign(b.amount) || a.account.localeCompare(b.account)),
  }));
}
