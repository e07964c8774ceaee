/** Orders: opened by a confirmed contract inside its transaction, then read by both parties (and, once paid, the warehouse) with their timeline. */
import { AGREEMENTS, currentVersion, type ConfirmedContract } from '../domain/contract.js';
import { newId } from '../domain/ids.js';
import { priceTerms } from '../domain/terms.js';
import { notFound } from '../problem.js';
import { milestonesOf, type NextStep } from '../domain/fulfilment.js';
import type { Order, OrderAgreements, OrderSummary, TimelineEvent } from '../schemas/orders.js';
import type { Terms } from '../schemas/terms.js';
import type { Queryable, Store } from '../store/db.js';
import type { PartyKind } from '../store/schema.js';
import { contractContentOf, contractContents, designatedWarehouseId, warehouseById, warehouseOfOperator } from '../store/warehouse.js';
import { nextStepOf } from './fulfilment.js';
import { presentWarehouse } from './shipment.js';
import {
  appendOrderEvent,
  getOrderForParty,
  insertOrder,
  latestOrderEvents,
  listOrderEvents,
  listOrders,
  type OrderEventRecord,
  type OrderRecord,
} from '../store/orders.js';
import type { DealListQuery, Page } from '../store/paging.js';
import { sideOf } from './negotiations.js';

/** Where every order starts: the contract is binding, K100Pay has not been paid. */
export const OPENED = { status: 'awaiting_payment', payment_status: 'unpaid' } as const;

/**
 * Opens the order of a just-confirmed contract, in the caller's transaction, with `contract_confirmed`
 * as its first timeline event. The agreements record who bound themselves to Expert Advisor (STS)
 * fulfilment and K100Pay, and when: the buyer by confirming, the supplier by sending that version.
 */
export async function openOrder(q: Queryable, contract: ConfirmedContract, at: string): Promise<string> {
  const id = newId('ord');
  const current = currentVersion(contract);
  const { currency, totals } = priceTerms(current.terms);
  const { signer_name, confirmed_at, digest } = contract.confirmation;
  const agreements: OrderAgreements = {
    expert_advisor_sts_fulfilment: AGREEMENTS.expert_advisor_sts_fulfilment,
    k100pay_payment_and_settlement: AGREEMENTS.k100pay_payment_and_settlement,
    statement: AGREEMENTS.statement,
    contract_digest: digest,
    buyer: { party_id: contract.buyer_id, signer_name, agreed_at: confirmed_at },
    supplier: { party_id: contract.supplier_id, agreed_at: current.sent_at ?? confirmed_at },
  };
  await insertOrder(q, {
    id,
    // The warehouse that will work the goods, fixed now: changing the setting later moves no open order.
    warehouse_id: await designatedWarehouseId(q),
    contract_id: contract.id,
    purchase_order_id: contract.purchase_order_id,
    negotiation_id: contract.negotiation_id,
    buyer_id: contract.buyer_id,
    supplier_id: contract.supplier_id,
    ...OPENED,
    currency,
    total: totals.subtotal,
    deposit_amount: totals.deposit_amount,
    balance_amount: totals.balance_amount,
    agreements: JSON.stringify(agreements),
    created_at: at,
    updated_at: at,
  });
  await appendOrderEvent(q, {
    order_id: id,
    code: 'contract_confirmed',
    at,
    actor_id: contract.buyer_id,
    details: JSON.stringify({ contract_id: contract.id, version: current.version, digest, signer_name }),
  });
  return id;
}

/** One timeline entry as every reader sees it (the order page and live streams). */
export function presentEvent(e: OrderEventRecord): TimelineEvent {
  return {
    seq: Number(e.seq),
    code: e.code,
    at: e.at,
    actor: e.actor_id !== null && e.actor_kind !== null && e.actor_name !== null ? { id: e.actor_id, kind: e.actor_kind, name: e.actor_name } : null,
    place: e.place ?? null,
    details: JSON.parse(e.details) as Record<string, unknown>,
  };
}

function presentSummary(o: OrderRecord, latest: OrderEventRecord, terms: Terms, next: NextStep | null): OrderSummary {
  return {
    id: o.id,
    status: o.status,
    shipping_mode: terms.shipping_mode,
    destination_port: terms.destination_port,
    inspection_percent: terms.inspection_percent,
    next_step: next,
    payment_status: o.payment_status,
    contract_id: o.contract_id,
    purchase_order_id: o.purchase_order_id,
    negotiation_id: o.negotiation_id,
    buyer: { id: o.buyer_id, name: o.buyer_name },
    supplier: { id: o.supplier_id, name: o.supplier_name },
    currency: o.currency,
    total: Number(o.total),
    deposit_amount: Number(o.deposit_amount),
    balance_amount: Number(o.balance_amount),
    latest_event: presentEvent(latest),
    created_at: o.created_at,
    updated_at: o.updated_at,
  };
}

export type OrderReader = { id: string; kind: PartyKind };

/**
 * One order with its agreements, whole timeline and milestones; 404 unless the caller may read it (its buyer,
 * its supplier, or an operator of its warehouse once paid).
 */
export async function getOrder(store: Store, party: OrderReader, id: string): Promise<Order> {
  const order = await getOrderForParty(store, party, id);
  if (!order) throw notFound('order');
  const [events, content, warehouse] = await Promise.all([
    listOrderEvents(store, id),
    contractContentOf(store, order.contract_id),
    warehouseById(store, order.warehouse_id),
  ]);
  const next = await nextStepOf(store, order, content);
  const timeline = events.map(presentEvent);
  const { milestones, current } = milestonesOf(timeline, content.terms);
  return {
    ...presentSummary(order, events.at(-1)!, content.terms, next),
    agreements: JSON.parse(order.agreements) as OrderAgreements,
    warehouse: presentWarehouse(warehouse),
    timeline,
    milestones,
    current_milestone: current,
  };
}

/** A page of the caller's orders: a buyer's or a supplier's own, an operator's warehouse's paid ones. */
export async function orderPage(store: Store, party: OrderReader, query: DealListQuery): Promise<Page<OrderSummary>> {
  let page: Page<OrderRecord>;
  if (party.kind === 'operator') {
    const warehouseId = await warehouseOfOperator(store, party.id);
    page = warehouseId === null ? { data: [], next_cursor: null } : await listOrders(store, { warehouse_id: warehouseId }, query);
  } else {
    page = await listOrders(store, sideOf({ id: party.id, kind: party.kind }), query);
  }
  const [latest, contents] = await Promise.all([
    latestOrderEvents(store, page.data.map((o) => o.id)),
    contractContents(store, page.data.map((o) => o.contract_id)),
  ]);
  const next = await Promise.all(page.data.map((o) => nextStepOf(store, o, contents.get(o.contract_id))));
  return { data: page.data.map((o, i) => presentSummary(o, latest.get(o.id)!, contents.get(o.contract_id)!.terms, next[i]!)), next_cursor: page.next_cursor };
}
