/**
 * Escrow after funding: the buyer's disputes, an admin's resolution, and the balance release the warehouse's
 * ownership transfer triggers, each one money transaction driven by the rules of domain/disputes.ts.
 */
import { openDispute, releaseOnOwnershipTransfer, resolveDispute, type EscrowActor, type EscrowPhase, type EscrowState, type Resolution } from '../domain/disputes.js';
import { newId } from '../domain/ids.js';
import { balanceOf } from '../domain/ledger.js';
import { notFound } from '../problem.js';
import type { Dispute } from '../schemas/escrow.js';
import type { Queryable, Store } from '../store/db.js';
import { closeDispute, disputeOfOrder, disputesOfOrder, insertDispute, openDisputeOf } from '../store/disputes.js';
import { appendTransfers, orderBalances } from '../store/ledger.js';
import { inMoneyTransaction } from '../store/money-transaction.js';
import { getOrderFor } from '../store/orders.js';
import { lockOrder, setOrderPayment } from '../store/payments.js';
import type { DisputesTable, OrdersTable } from '../store/schema.js';
import { RefusedError, refuse, unwrap } from '../domain/refusal.js';
import { payProblem } from './pay-problems.js';
import { notifyPartners, timeline } from './payment-events.js';

/** orders.payment_status: unpaid → escrow_funded (⇄ disputed) → released | refunded. */
const PHASE_OF: Record<string, EscrowPhase> = {
  unpaid: 'awaiting_funds',
  escrow_funded: 'held',
  disputed: 'held',
  released: 'released',
  refunded: 'refunded',
};
const STATUS_OF: Record<EscrowPhase, string> = { awaiting_funds: 'unpaid', held: 'escrow_funded', released: 'released', refunded: 'refunded' };

/** The domain's view of an order's escrow, from the order row, the ledger entries and the open dispute. */
export async function escrowState(q: Queryable, order: OrdersTable): Promise<EscrowState> {
  const phase = PHASE_OF[order.payment_status];
  if (phase === undefined) throw new Error(`order ${order.id} has unknown payment status ${order.payment_status}`);
  return {
    currency: order.currency,
    phase,
    escrow: balanceOf(await orderBalances(q, order.id), order.currency, 'escrow'),
    dispute_open: (await openDisputeOf(q, order.id)) !== undefined,
  };
}

export function presentDispute(row: DisputesTable, currency: string): Dispute {
  const resolution = row.resolution === null ? null : (JSON.parse(row.resolution) as { kind: Resolution['kind']; amount: number; note: string | null });
  return {
    id: row.id,
    order_id: row.order_id,
    status: row.status,
    reason: row.reason,
    opened_by: row.opened_by,
    created_at: row.created_at,
    resolution: resolution && { kind: resolution.kind, amount: resolution.amount, currency, note: resolution.note },
    resolved_at: row.resolved_at,
  };
}

/** The buyer disputes while escrow holds money; the order's payment status reads `disputed` until resolved. */
export function openDisputeFor(store: Store, input: { partyId: string; orderId: string; reason: string; now: Date }): Promise<Dispute> {
  const at = input.now.toISOString();
  return inMoneyTransaction(store, async (q) => {
    if (!(await getOrderFor(q, input.partyId, input.orderId))) throw notFound('order');
    const order = (await lockOrder(q, input.orderId))!;
    const actor: EscrowActor = order.buyer_id === input.partyId ? 'buyer' : 'supplier';
    // A settled order (ownership transferred) is closed to everything, disputes included.
    if (order.status === 'settled' && actor === 'buyer') throw new RefusedError(refuse('order_closed', 'This order is settled: the ownership transfer released escrow, so it can no longer be disputed.'));
    unwrap(openDispute(await escrowState(q, order), actor));
    const row: DisputesTable = { id: newId('dsp'), order_id: order.id, opened_by: input.partyId, reason: input.reason, status: 'open', resolution: null, created_at: at, resolved_at: null };
    await insertDispute(q, row);
    await setOrderPayment(q, order.id, { payment_status: 'disputed' }, at);
    await timeline(q, order, 'dispute_opened', at, input.partyId, { dispute_id: row.id, reason: input.reason });
    return presentDispute(row, order.currency);
  });
}

/** The order's disputes, newest first, for its buyer and supplier. */
export async function disputesFor(store: Store, partyId: string, orderId: string): Promise<{ data: Dispute[] }> {
  const order = await getOrderFor(store, partyId, orderId);
  if (!order) throw notFound('order');
  return { data: (await disputesOfOrder(store, orderId)).map((d) => presentDispute(d, order.currency)) };
}

/**
 * K100Pay's admin resolution, authenticated as the partner's secret key (server to server): only orders whose
 * buyer belongs to that partner are found. Moves money through the ledger as resolveDispute decides.
 */
export function resolveDisputeFor(
  store: Store,
  input: { partnerId: string; orderId: string; disputeId: string; resolution: Resolution; note?: string | undefined; now: Date },
): Promise<Dispute> {
  const at = input.now.toISOString();
  return inMoneyTransaction(store, async (q) => {
    const order = await lockOrder(q, input.orderId);
    const buyer = order && (await q.db.selectFrom('parties').select('partner_id').where('id', '=', order.buyer_id).executeTakeFirst());
    if (!order || buyer?.partner_id !== input.partnerId) throw notFound('order');
    const dispute = await disputeOfOrder(q, order.id, input.disputeId);
    if (!dispute) throw notFound('dispute');
    if (dispute.status !== 'open') throw payProblem(409, 'no_open_dispute', 'This dispute is already resolved.');
    const before = await escrowState(q, order);
    const step = unwrap(resolveDispute(before, 'admin', input.resolution));
    await appendTransfers(q, order.id, step.transfers, { dispute_id: dispute.id }, at);
    const moved = before.escrow - step.state.escrow;
    const resolution = { kind: input.resolution.kind, amount: moved, note: input.note ?? null };
    await closeDispute(q, dispute.id, JSON.stringify(resolution), at);
    await setOrderPayment(q, order.id, { payment_status: STATUS_OF[step.state.phase], ...(step.state.phase === 'refunded' ? { status: 'refunded' } : {}) }, at);
    await timeline(q, order, 'dispute_resolved', at, null, { dispute_id: dispute.id, ...resolution, currency: order.currency });
    if (input.resolution.kind === 'release') await afterRelease(q, order, moved, at, 'dispute_resolution');
    return presentDispute({ ...dispute, status: 'resolved', resolution: JSON.stringify(resolution), resolved_at: at }, order.currency);
  });
}

/** Who releases the balance: the warehouse operator recording the ownership transfer. */
export interface ReleaseActor {
  kind: EscrowActor;
  /** The operator's party id, for the timeline. */
  id: string | null;
}

export interface ReleaseResult {
  order_id: string;
  released: number;
  currency: string;
}

/**
 * Releases what escrow still holds to the supplier, inside the caller's money transaction (the ownership
 * transfer runs it in its own, so both commit together). After it, disputes and refunds are refused
 * (`escrow_released`) and the order's escrow is exactly zero.
 */
export async function releaseBalanceIn(q: Queryable, orderId: string, actor: ReleaseActor, at: string): Promise<ReleaseResult> {
  const order = await lockOrder(q, orderId);
  if (!order) throw notFound('order');
  const step = unwrap(releaseOnOwnershipTransfer(await escrowState(q, order), actor.kind));
  const [released] = await appendTransfers(q, order.id, step.transfers, {}, at);
  const amount = released ? Math.abs(released.entries.find((e) => e.account === 'escrow')!.amount) : 0;
  await setOrderPayment(q, order.id, { payment_status: 'released' }, at);
  await afterRelease(q, order, amount, at, 'ownership_transfer', actor.id);
  return { order_id: order.id, released: amount, currency: order.currency };
}

/** `releaseBalance` in a money transaction of its own; what the warehouse issue's ownership transfer calls. */
export function releaseBalance(store: Store, orderId: string, actor: ReleaseActor, now: Date = new Date()): Promise<ReleaseResult> {
  return inMoneyTransaction(store, (q) => releaseBalanceIn(q, orderId, actor, now.toISOString()));
}

async function afterRelease(q: Queryable, order: OrdersTable, amount: number, at: string, by: 'ownership_transfer' | 'dispute_resolution', actorId: string | null = null): Promise<void> {
  await timeline(q, order, 'settled', at, actorId, { balance_released: amount, currency: order.currency, by });
  if (amount > 0) await notifyPartners(q, order, 'escrow.released', at, { kind: 'balance', amount, currency: order.currency, by });
}
