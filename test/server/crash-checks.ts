/**
 * What must hold after every crash: read straight from the database while the server is down (integrity,
 * ledger, nothing half-written), and through the API once it is back (every acknowledged change readable,
 * nothing gone backwards, contract evidence verifying).
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { STEP_EVENT } from '../../server/domain/fulfilment.js';
import { ORDER_STATUSES } from '../../server/schemas/orders.js';
import { openStore } from '../../server/store/db.js';
import type { Client, OrderRecord, Tokens } from './crash-flow.js';
import { assertLedgerInvariants } from './pay-flow.js';

/** A step's table, whose rows each come with exactly one timeline event of the step's code. */
const STEP_TABLES = {
  packing_list_submitted: 'packing_lists',
  goods_received: 'receipts',
  inspected: 'inspections',
  measured: 'measurements',
  consolidated: 'consolidations',
  customs_released: 'customs_releases',
} as const;

/** Documents each step issues, one per event. */
const STEP_DOCUMENTS: Record<string, string> = {
  packing_list_submitted: 'packing_list',
  goods_received: 'goods_receipt',
  customs_released: 'customs_declaration',
  departed: 'bill_of_lading',
};

const TRACKING_CODES = ['departed', 'arrived', 'ready_for_pickup', 'picked_up'];

/**
 * Opens the database the dead server left, runs every check, closes it. `endpointId`: the webhook endpoint
 * registered before any order, which must have exactly one delivery of every event.
 */
export async function checkDatabase(databaseUrl: string, endpointId: string | undefined): Promise<void> {
  const store = openStore(databaseUrl);
  try {
    if (store.dialect === 'sqlite') {
      const rows = (await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(store.db)).rows;
      assert.deepEqual(rows.map((r) => r.integrity_check), ['ok'], 'PRAGMA integrity_check');
    }
    const balances = await assertLedgerInvariants(store);
    const db = store.db;
    const [orders, events, intents, transfers, webhookEvents, deliveries, contracts, documents, tracking, gatewayEvents] = await Promise.all([
      db.selectFrom('orders').selectAll().execute(),
      db.selectFrom('order_events').selectAll().execute(),
      db.selectFrom('payment_intents').selectAll().execute(),
      db.selectFrom('ledger_transfers').selectAll().execute(),
      db.selectFrom('webhook_events').selectAll().execute(),
      db.selectFrom('webhook_deliveries').selectAll().execute(),
      db.selectFrom('contracts').select(['id', 'status']).execute(),
      db.selectFrom('order_documents').select(['order_id', 'kind']).execute(),
      db.selectFrom('tracking_events').selectAll().execute(),
      db.selectFrom('gateway_events').selectAll().execute(),
    ]);
    const stepRows: Record<string, Array<{ order_id: string }>> = {};
    for (const [code, table] of Object.entries(STEP_TABLES)) stepRows[code] = await db.selectFrom(table).select('order_id').execute();
    const hooks = webhookEvents.map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> }));
    const count = <T>(rows: readonly T[], test: (r: T) => boolean) => rows.filter(test).length;

    for (const order of orders) {
      const where = `order ${order.id} (${order.status})`;
      const timeline = events.filter((e) => e.order_id === order.id);
      const codes = (code: string) => count(timeline, (e) => e.code === code);
      const hooksOf = (type: string, test: (d: Record<string, unknown>) => boolean = () => true) =>
        count(hooks, (h) => h.type === type && h.data.order_id === order.id && test(h.data));
      // The contract's confirmation opened the order in one transaction with its event and webhook.
      assert.equal(contracts.find((c) => c.id === order.contract_id)?.status, 'confirmed', `${where}: its contract is confirmed`);
      assert.equal(codes('contract_confirmed'), 1, `${where}: one contract_confirmed event`);
      assert.equal(hooksOf('contract.confirmed'), 1, `${where}: one contract.confirmed webhook`);

      // Payment: the intent, the gateway event, the ledger, the order, the timeline and the webhook, or none of them.
      const paid = intents.filter((i) => i.order_id === order.id && i.status === 'succeeded');
      assert.ok(paid.length <= 1, `${where}: at most one succeeded intent`);
      const isPaid = paid.length === 1 ? 1 : 0;
      assert.equal(order.payment_status === 'unpaid' ? 0 : 1, isPaid, `${where}: payment_status ${order.payment_status} with ${paid.length} succeeded intents`);
      assert.equal(codes('payment_received'), isPaid, `${where}: payment_received events`);
      assert.equal(hooksOf('payment.succeeded'), isPaid, `${where}: payment.succeeded webhooks`);
      assert.equal(count(transfers, (t) => t.order_id === order.id && t.kind === 'escrow_funded'), isPaid, `${where}: escrow_funded transfers`);
      assert.equal(count(gatewayEvents, (g) => g.order_id === order.id && g.outcome === 'succeeded'), isPaid, `${where}: succeeded gateway events`);
      const deposits = isPaid && Number(order.deposit_amount) > 0 ? 1 : 0;
      assert.equal(codes('deposit_released'), deposits, `${where}: deposit_released events`);
      assert.equal(hooksOf('escrow.released', (d) => d.kind === 'deposit'), deposits, `${where}: deposit escrow.released webhooks`);

      // Every warehouse step: its rows, its one timeline event, its documents and its milestone webhook together.
      for (const code of Object.values(STEP_EVENT)) {
        assert.equal(hooksOf('shipment.milestone', (d) => d.code === code), codes(code), `${where}: ${code} webhooks match its events`);
        const kind = STEP_DOCUMENTS[code];
        if (kind) assert.equal(count(documents, (d) => d.order_id === order.id && d.kind === kind), codes(code), `${where}: ${kind} documents match ${code} events`);
      }
      for (const [code, rows] of Object.entries(stepRows)) {
        assert.equal(count(rows, (r) => r.order_id === order.id), codes(code), `${where}: ${STEP_TABLES[code as keyof typeof STEP_TABLES]} rows match ${code} events`);
      }
      for (const code of TRACKING_CODES) assert.equal(count(tracking, (t) => t.order_id === order.id && t.code === code), codes(code), `${where}: ${code} tracking rows match events`);

      // Settlement: the transfer event, the balance release, the status, and both webhooks.
      const settled = order.status === 'settled' ? 1 : 0;
      assert.equal(codes('ownership_transferred'), settled, `${where}: ownership_transferred events`);
      assert.equal(codes('settled'), settled, `${where}: settled events`);
      assert.equal(hooksOf('order.settled'), settled, `${where}: order.settled webhooks`);
      assert.equal(hooksOf('escrow.released', (d) => d.kind === 'balance'), settled && Number(order.balance_amount) > 0 ? 1 : 0, `${where}: balance escrow.released webhooks`);
      const escrow = balances.get(`${order.id}/${order.currency}`)?.escrow ?? 0;
      assert.equal(escrow, settled ? 0 : isPaid ? Number(order.balance_amount) : 0, `${where}: escrow balance`);
      // The status moves with its event.
      const last = [...timeline].sort((a, b) => Number(a.seq) - Number(b.seq)).map((e) => e.code);
      assert.deepEqual(timeline.map((e) => Number(e.seq)).sort((a, b) => a - b), timeline.map((_, i) => i + 1), `${where}: timeline seq has no gaps`);
      assert.ok(ORDER_STATUSES.includes(order.status as (typeof ORDER_STATUSES)[number]), `${where}: known status`);
      if (order.status === 'in_transit') assert.ok(last.includes('departed'), `${where}: in transit without a departure`);
    }
    // A confirmed contract without its order would be half a confirmation.
    for (const c of contracts.filter((x) => x.status === 'confirmed')) assert.ok(orders.some((o) => o.contract_id === c.id), `confirmed contract ${c.id} has its order`);
    if (endpointId !== undefined) {
      for (const e of webhookEvents) {
        assert.equal(count(deliveries, (d) => d.event_id === e.id && d.endpoint_id === endpointId), 1, `event ${e.id} (${e.type}) has one delivery to the endpoint`);
      }
    }
  } finally {
    await store.close();
  }
}

const rank = (status: string) => ORDER_STATUSES.indexOf(status as (typeof ORDER_STATUSES)[number]);
const CONTRACT_RANK = ['draft', 'sent', 'confirmed'];

/** Through the restarted server: every acknowledged change of every order is there, and nothing went back. */
export async function checkAcknowledged(client: Client, tokens: Tokens, records: readonly OrderRecord[]): Promise<number> {
  let checked = 0;
  const get = async (path: string, token: string) => {
    const r = await client.send('GET', path, { token });
    assert.equal(r.status, 200, `GET ${path}: ${r.text}`);
    return r.body;
  };
  for (const o of records) {
    if (o.negotiationId) {
      const n = await get(`/v1/negotiations/${o.negotiationId}`, tokens.acme);
      if (o.accepted) assert.equal(n.status, 'accepted', `negotiation ${o.negotiationId} stays accepted`);
      checked++;
    }
    if (o.purchaseOrderId) {
      await get(`/v1/purchase-orders/${o.purchaseOrderId}`, tokens.acme);
      checked++;
    }
    if (o.contractId) {
      const c = await get(`/v1/contracts/${o.contractId}`, tokens.acme);
      assert.ok(CONTRACT_RANK.indexOf(c.status) >= CONTRACT_RANK.indexOf(o.contractStatus!), `contract ${o.contractId} is ${c.status}, acknowledged ${o.contractStatus}`);
      checked++;
    }
    if (o.contractStatus === 'confirmed') {
      const v = await get(`/v1/contracts/${o.contractId}/verify`, tokens.acme);
      assert.equal(v.valid, true, `contract ${o.contractId} evidence verifies: ${JSON.stringify(v)}`);
      const order = await get(`/v1/orders/${o.orderId}`, tokens.acme);
      const have = new Set((order.timeline as Array<{ code: string }>).map((e) => e.code));
      for (const code of o.codes) assert.ok(have.has(code), `order ${o.orderId}: acknowledged ${code} is on its timeline`);
      assert.ok(rank(order.status) >= rank(o.lastStatus ?? 'awaiting_payment'), `order ${o.orderId} went from ${o.lastStatus} back to ${order.status}`);
      o.lastStatus = order.status;
      if (o.paid) assert.notEqual(order.payment_status, 'unpaid', `order ${o.orderId}: acknowledged payment`);
      if (o.intentId) {
        const intents = await get(`/v1/orders/${o.orderId}/payment-intents`, tokens.acme);
        assert.ok(JSON.stringify(intents).includes(o.intentId), `order ${o.orderId}: acknowledged intent ${o.intentId}`);
      }
      const ledger = await get(`/v1/orders/${o.orderId}/ledger`, tokens.acme);
      for (const t of ledger.transfers as Array<{ entries: Array<{ amount: number }> }>) assert.equal(t.entries.reduce((s, e) => s + e.amount, 0), 0, 'each transfer sums to zero');
      if (o.codes.has('settled')) assert.equal(ledger.balances.escrow, 0, `order ${o.orderId}: settled with escrow at zero`);
      checked += o.codes.size + 1;
    }
  }
  return checked;
}
