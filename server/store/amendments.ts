/** Queries for contract amendments (migration 0006): proposals, the buyer's answers, and the contract as amended. */
import type { AmendmentItem } from '../domain/amendment.js';
import type { StoredAmendment } from '../domain/contract-verification.js';
import type { Queryable } from './db.js';
import { preparedQuery } from './prepared.js';
import type { ContractAmendmentsTable } from './schema.js';

export type AmendmentRow = ContractAmendmentsTable;

/** The row with its items parsed and its numbers as numbers (pg returns bigint columns through our parser already). */
export function toStoredAmendment(row: AmendmentRow): StoredAmendment {
  return {
    id: row.id,
    contract_id: row.contract_id,
    order_id: row.order_id,
    number: Number(row.number),
    status: row.status,
    reason: row.reason,
    items: JSON.parse(row.items) as AmendmentItem[],
    currency: row.currency,
    total_before: Number(row.total_before),
    total_after: Number(row.total_after),
    refund_amount: Number(row.refund_amount),
    proposed_by: row.proposed_by,
    created_at: row.created_at,
    signer_name: row.signer_name,
    confirmed_at: row.confirmed_at,
    canonical_json: row.canonical_json,
    digest: row.digest,
  };
}

export async function insertAmendment(q: Queryable, row: AmendmentRow): Promise<void> {
  await q.db.insertInto('contract_amendments').values(row).execute();
}

/** The order's amendments, newest first. */
export async function listAmendments(q: Queryable, orderId: string): Promise<AmendmentRow[]> {
  return q.db.selectFrom('contract_amendments').selectAll().where('order_id', '=', orderId).orderBy('number', 'desc').execute();
}

export async function getAmendment(q: Queryable, orderId: string, id: string): Promise<AmendmentRow | undefined> {
  return q.db.selectFrom('contract_amendments').selectAll().where('order_id', '=', orderId).where('id', '=', id).executeTakeFirst();
}

export async function pendingAmendment(q: Queryable, orderId: string): Promise<AmendmentRow | undefined> {
  return q.db.selectFrom('contract_amendments').selectAll().where('order_id', '=', orderId).where('status', '=', 'proposed').executeTakeFirst();
}

/** Confirmed amendments of a contract, oldest first: what verify and the contract document show. */
export async function confirmedAmendments(q: Queryable, contractId: string): Promise<AmendmentRow[]> {
  return q.db
    .selectFrom('contract_amendments')
    .selectAll()
    .where('contract_id', '=', contractId)
    .where('status', '=', 'confirmed')
    .orderBy('number')
    .execute();
}

/** Every amendment of a contract, oldest first (verify checks the confirmed ones and notices missing ones). */
export async function amendmentsOfContract(q: Queryable, contractId: string): Promise<AmendmentRow[]> {
  return q.db.selectFrom('contract_amendments').selectAll().where('contract_id', '=', contractId).orderBy('number').execute();
}

/** The contract's quantities now: the latest confirmed amendment's `to_quantity` per line, or undefined when none. */
/** Read by every cross-check and order view: compiled once. */
const latestConfirmedOf = preparedQuery((db, contractId: string) =>
  db.selectFrom('contract_amendments').selectAll().where('contract_id', '=', contractId).where('status', '=', 'confirmed').orderBy('number', 'desc').limit(1),
);

export async function latestConfirmedAmendment(q: Queryable, contractId: string): Promise<StoredAmendment | undefined> {
  const [row] = await latestConfirmedOf(q, contractId);
  return row && toStoredAmendment(row);
}

export async function nextAmendmentNumber(q: Queryable, contractId: string): Promise<number> {
  const last = await q.db
    .selectFrom('contract_amendments')
    .select((eb) => eb.fn.max('number').as('number'))
    .where('contract_id', '=', contractId)
    .executeTakeFirst();
  return Number(last?.number ?? 0) + 1;
}

/** Only a proposal changes, once: the database refuses any later update (trigger contract_amendments_final). */
export async function answerAmendment(
  q: Queryable,
  id: string,
  answer:
    | { status: 'confirmed'; signer_name: string; confirmed_at: string; canonical_json: string; digest: string }
    | { status: 'declined'; declined_at: string; decline_comment: string },
): Promise<void> {
  await q.db.updateTable('contract_amendments').set(answer).where('id', '=', id).where('status', '=', 'proposed').execute();
}

/** A confirmed amendment's new total and balance (deposit unchanged); the orders_totals CHECK keeps them summing. */
export async function setOrderTotals(q: Queryable, orderId: string, totals: { total: number; balance_amount: number }, at: string): Promise<void> {
  await q.db.updateTable('orders').set({ total: totals.total, balance_amount: totals.balance_amount, updated_at: at }).where('id', '=', orderId).execute();
}
