/**
 * Contract amendments as transactions: the supplier proposes revised quantities, the buyer confirms (evidence,
 * audit chain, refund from escrow, new order totals, all in one money transaction) or declines.
 */
import { nextEntry } from '../domain/audit-chain.js';
import type { JsonValue } from '../domain/canonical-json.js';
import {
  amendmentEvidence,
  linesAfter,
  planAmendment,
  totalsAfter,
  type AmendmentItem,
  type ContractLine,
  type RequestedQuantity,
} from '../domain/amendment.js';
import { currentVersion, type Contract } from '../domain/contract.js';
import { productNames } from '../domain/contract-evidence.js';
import { newId } from '../domain/ids.js';
import { amendmentRefunded, balanceOf } from '../domain/ledger.js';
import { RefusedError, refuse } from '../domain/refusal.js';
import { notFound, validationFailed } from '../problem.js';
import type { Amendment } from '../schemas/amendments.js';
import {
  answerAmendment,
  getAmendment,
  insertAmendment,
  latestConfirmedAmendment,
  listAmendments,
  nextAmendmentNumber,
  pendingAmendment,
  setOrderTotals,
  toStoredAmendment,
  type AmendmentRow,
} from '../store/amendments.js';
import { appendAuditEntry, latestAuditEntry } from '../store/audit-log.js';
import { lockContract } from '../store/contracts.js';
import type { Queryable, Store } from '../store/db.js';
import { appendTransfers, orderBalances } from '../store/ledger.js';
import { inMoneyTransaction } from '../store/money-transaction.js';
import { appendOrderEvent, getOrderFor, getOrderForParty } from '../store/orders.js';
import { lockOrder } from '../store/payments.js';
import type { OrdersTable, PartyKind } from '../store/schema.js';
import { consolidationOf } from '../store/warehouse.js';
import { loadContract } from './contract-state.js';
import { idempotencyKeyOf, respondIdempotently, type IdempotentAnswer } from './idempotent.js';
import { payProblem } from './pay-problems.js';
import { notifyPartners } from './payment-events.js';

/** The contract's lines as confirmed: product names from its snapshots, in item order. */
export function confirmedLines(contract: Contract): ContractLine[] {
  const version = currentVersion(contract);
  const names = productNames(version.terms, version.products);
  return version.terms.items.map((item, i) => ({
    product_id: item.product_id,
    product_name: names[i]!.name,
    unit_price: item.unit_price,
    quantity: item.quantity,
  }));
}

/** The contract as it stands: its latest confirmed amendment, or else its confirmed version. */
export async function currentContractLines(q: Queryable, contract: Contract): Promise<ContractLine[]> {
  const latest = await latestConfirmedAmendment(q, contract.id);
  return latest ? linesAfter(latest.items) : confirmedLines(contract);
}

/**
 * Amendments move money out of escrow, so they need it held (funded, or disputed and not yet resolved):
 * before payment there is nothing to refund; after release, refund or settlement the order is closed.
 */
function refuseUnlessHeld(order: Pick<OrdersTable, 'payment_status' | 'status'>): void {
  if (order.status === 'settled' || order.payment_status === 'released' || order.payment_status === 'refunded') {
    throw new RefusedError(refuse('order_closed', 'The order is closed (escrow released or refunded): its contract can no longer be amended.'));
  }
  if (order.payment_status !== 'escrow_funded' && order.payment_status !== 'disputed') {
    throw new RefusedError(refuse('not_paid', 'The contract can be amended once the order is paid and escrow holds the money.'));
  }
}

/**
 * Consolidation needs the cross-check to match, so the goods packed are exactly the contract's, and after it no
 * carton can be returned: lowering a quantity then would leave an excess nobody can resolve, and the order could
 * never be settled. The way out of a discrepancy by amendment is before consolidation only.
 */
async function refuseOnceConsolidated(q: Queryable, orderId: string): Promise<void> {
  if (await consolidationOf(q, orderId)) {
    throw new RefusedError(
      refuse('step_out_of_order', 'The goods are consolidated as the contract states; its quantities can no longer be amended (nothing can be returned any more).'),
    );
  }
}

/** The order, locked, if `partyId` is its buyer or supplier as `role` says; else 404 (never a hint it exists). */
async function lockOrderAs(q: Queryable, partyId: string, role: 'buyer' | 'supplier', orderId: string): Promise<OrdersTable> {
  const found = await getOrderFor(q, partyId, orderId);
  if (!found || (role === 'buyer' ? found.buyer_id : found.supplier_id) !== partyId) throw notFound('order');
  const order = await lockOrder(q, orderId);
  if (!order) throw notFound('order');
  return order;
}

/** Appends to the contract's hash chain, after the entries of confirmation: amendments are contract events too. */
async function audit(q: Queryable, contractId: string, event: 'amendment_proposed' | 'amendment_confirmed' | 'amendment_declined', actorId: string, at: string, data: { readonly [key: string]: JsonValue }): Promise<void> {
  await lockContract(q, contractId);
  const latest = await latestAuditEntry(q, contractId);
  await appendAuditEntry(q, nextEntry(latest, { contract_id: contractId, event, actor_id: actorId, at, data }));
}

async function orderEvent(q: Queryable, orderId: string, code: 'amendment_proposed' | 'amendment_declined' | 'contract_amended', at: string, actorId: string, details: Record<string, unknown>): Promise<void> {
  await appendOrderEvent(q, { order_id: orderId, code, at, actor_id: actorId, details: JSON.stringify(details) });
}

const escrowOf = async (q: Queryable, order: OrdersTable): Promise<number> => balanceOf(await orderBalances(q, order.id), order.currency, 'escrow');

export function presentAmendment(row: AmendmentRow): Amendment {
  const a = toStoredAmendment(row);
  return {
    id: a.id,
    order_id: a.order_id,
    contract_id: a.contract_id,
    number: a.number,
    status: a.status,
    reason: a.reason,
    items: a.items.map((i) => ({ product_id: i.product_id, product_name: i.product_name, unit_price: i.unit_price, from_quantity: i.from_quantity, to_quantity: i.to_quantity })),
    currency: a.currency,
    total_before: a.total_before,
    total_after: a.total_after,
    refund_amount: a.refund_amount,
    created_at: a.created_at,
    confirmed_at: a.confirmed_at,
    signer_name: a.signer_name,
    digest: a.digest,
  };
}

const changed = (items: readonly AmendmentItem[]) =>
  items.filter((i) => i.to_quantity !== i.from_quantity).map((i) => ({ product_id: i.product_id, from_quantity: i.from_quantity, to_quantity: i.to_quantity }));

/** The supplier revises quantities down; nothing moves until the buyer confirms. */
export function proposeAmendmentFor(
  store: Store,
  input: { supplierId: string; orderId: string; items: RequestedQuantity[]; reason: string; now: Date },
): Promise<Amendment> {
  const at = input.now.toISOString();
  return inMoneyTransaction(store, async (q) => {
    const order = await lockOrderAs(q, input.supplierId, 'supplier', input.orderId);
    refuseUnlessHeld(order);
    await refuseOnceConsolidated(q, order.id);
    const pending = await pendingAmendment(q, order.id);
    if (pending) {
      throw payProblem(409, 'amendment_pending', `Amendment ${pending.number} is waiting for the buyer; it must be confirmed or declined first.`, {
        extensions: { amendment_id: pending.id },
      });
    }
    const { contract } = await loadContract(q, input.supplierId, order.contract_id);
    const plan = planAmendment(await currentContractLines(q, contract), input.items, await escrowOf(q, order));
    if (!plan.ok && plan.code === 'invalid_items') throw validationFailed(plan.errors, 'The revised quantities do not fit the contract.');
    if (!plan.ok) {
      throw payProblem(422, 'refund_exceeds_escrow', plan.message, { field: 'items', extensions: { refund_amount: plan.refund_amount, escrow: plan.escrow } });
    }
    const row: AmendmentRow = {
      id: newId('amd'),
      order_id: order.id,
      contract_id: order.contract_id,
      number: await nextAmendmentNumber(q, order.contract_id),
      status: 'proposed',
      reason: input.reason,
      items: JSON.stringify(plan.value.items),
      currency: order.currency,
      total_before: plan.value.total_before,
      total_after: plan.value.total_after,
      refund_amount: plan.value.refund_amount,
      proposed_by: input.supplierId,
      created_at: at,
      signer_name: null,
      confirmed_at: null,
      canonical_json: null,
      digest: null,
      declined_at: null,
      decline_comment: null,
    };
    await insertAmendment(q, row);
    const summary = { amendment_id: row.id, number: row.number, changes: changed(plan.value.items), refund_amount: row.refund_amount, currency: row.currency };
    await audit(q, order.contract_id, 'amendment_proposed', input.supplierId, at, { ...summary, reason: row.reason });
    await orderEvent(q, order.id, 'amendment_proposed', at, input.supplierId, { ...summary, reason: row.reason });
    return presentAmendment(row);
  });
}

async function proposalOf(q: Queryable, orderId: string, amendmentId: string): Promise<AmendmentRow> {
  const row = await getAmendment(q, orderId, amendmentId);
  if (!row) throw notFound('amendment');
  if (row.status !== 'proposed') throw payProblem(409, 'amendment_not_pending', `Amendment ${row.number} is already ${row.status}.`);
  return row;
}

/** The buyer's confirmation request: the optional Idempotency-Key (checked by the service) with the request's method, path and validated body. */
export interface ConfirmAmendmentInput {
  buyerId: string;
  orderId: string;
  amendmentId: string;
  body: { signer_name: string; accept: true };
  key?: string | undefined;
  method: string;
  path: string;
  now: Date;
}

/**
 * The buyer's confirmation, like the contract's: explicit, with evidence (canonical JSON chained to the digest
 * it amends) recorded in the contract's audit chain; the value difference goes back from escrow, and the
 * order's total and balance follow, all in one money transaction. Under an Idempotency-Key (optional here) a
 * retry replays the first answer instead of meeting `amendment_not_pending`, and refunds nothing again.
 */
export function confirmAmendmentFor(store: Store, input: ConfirmAmendmentInput): Promise<IdempotentAnswer> {
  const key = idempotencyKeyOf(input.key, { required: false });
  const at = input.now.toISOString();
  return inMoneyTransaction(store, (q) =>
    respondIdempotently(
      q,
      { partyId: input.buyerId, key, method: input.method, path: input.path, body: input.body, at },
      async () => ({ status: 200, body: await confirmIn(q, input, at) }),
    ),
  );
}

async function confirmIn(q: Queryable, input: ConfirmAmendmentInput, at: string): Promise<Amendment> {
  const signer_name = input.body.signer_name;
  const order = await lockOrderAs(q, input.buyerId, 'buyer', input.orderId);
  refuseUnlessHeld(order);
  const row = await proposalOf(q, order.id, input.amendmentId);
  await refuseOnceConsolidated(q, order.id);
  const escrow = await escrowOf(q, order);
  const refund = Number(row.refund_amount);
  if (refund > escrow) {
    // Escrow shrank since the proposal (a dispute refunded part of it): the proposal no longer fits.
    throw payProblem(409, 'escrow_insufficient', `This amendment refunds ${refund}, but escrow now holds only ${escrow}.`);
  }
  const { contract } = await loadContract(q, input.buyerId, order.contract_id);
  const previous = await latestConfirmedAmendment(q, contract.id);
  const amends_digest = previous?.digest ?? contract.confirmation?.digest;
  if (!amends_digest) throw new Error(`contract ${contract.id} of order ${order.id} has no confirmation digest`);
  const evidence = amendmentEvidence(
    toStoredAmendment(row),
    { buyer_id: contract.buyer_id, supplier_id: contract.supplier_id, amends_digest },
    { signer_name, confirmed_at: at },
  );
  await answerAmendment(q, row.id, { status: 'confirmed', signer_name, confirmed_at: at, ...evidence });
  await audit(q, contract.id, 'amendment_confirmed', input.buyerId, at, {
    amendment_id: row.id,
    number: Number(row.number),
    signer_name,
    digest: evidence.digest,
  });
  await appendTransfers(q, order.id, amendmentRefunded(order.currency, escrow, refund), {}, at);
  const totals = totalsAfter({ total: Number(order.total), deposit_amount: Number(order.deposit_amount) }, refund);
  await setOrderTotals(q, order.id, totals, at);
  const details = {
    amendment_id: row.id,
    number: Number(row.number),
    digest: evidence.digest,
    refund_amount: refund,
    total_before: Number(row.total_before),
    total_after: Number(row.total_after),
    currency: order.currency,
  };
  await orderEvent(q, order.id, 'contract_amended', at, input.buyerId, details);
  await notifyPartners(q, order, 'contract.amended', at, { contract_id: contract.id, ...details });
  return presentAmendment((await getAmendment(q, order.id, row.id))!);
}

/** The buyer declines with a comment; nothing else changes, and the supplier may propose again. */
export function declineAmendmentFor(
  store: Store,
  input: { buyerId: string; orderId: string; amendmentId: string; comment: string; now: Date },
): Promise<Amendment> {
  const at = input.now.toISOString();
  return inMoneyTransaction(store, async (q) => {
    const order = await lockOrderAs(q, input.buyerId, 'buyer', input.orderId);
    refuseUnlessHeld(order);
    const row = await proposalOf(q, order.id, input.amendmentId);
    await answerAmendment(q, row.id, { status: 'declined', declined_at: at, decline_comment: input.comment });
    const details = { amendment_id: row.id, number: Number(row.number), comment: input.comment };
    await audit(q, order.contract_id, 'amendment_declined', input.buyerId, at, details);
    await orderEvent(q, order.id, 'amendment_declined', at, input.buyerId, details);
    return presentAmendment((await getAmendment(q, order.id, row.id))!);
  });
}

/** Every amendment of the order, newest first, for whoever may read the order. */
export async function amendmentsFor(store: Store, party: { id: string; kind: PartyKind }, orderId: string): Promise<{ data: Amendment[] }> {
  if (!(await getOrderForParty(store, party, orderId))) throw notFound('order');
  return { data: (await listAmendments(store, orderId)).map(presentAmendment) };
}
