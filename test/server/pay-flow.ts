/**
 * K100Pay test helpers: a sandbox app on a movable clock, a confirmed order to pay, intents, sandbox deposits,
 * hand-signed gateway notifications, and the ledger invariants read straight from the database.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signPayload } from '../../server/domain/signatures.js';
import { sandboxGatewaySecret } from '../../server/store/pay-rails.js';
import type { Store } from '../../server/store/db.js';
import { SANDBOX } from '../../server/store/seed.js';
import { addPartner, openTestApp } from './app-harness.js';
import { LED, clauses, confirmedContract, legalEntities, ok, terms, type Deal } from './deal-flow.js';

export { ok };

/** Minutes and seconds as milliseconds, for moving the clock. */
export const MINUTE = 60_000;

export interface PayDeal extends Deal {
  /** The app's clock; move it with `advance`. */
  clock: { now: number };
  advance(ms: number): void;
}

/** A sandbox app (deposits on) whose K100Pay clock tests move, with sessions of every seeded party. */
export async function openPayDeal(): Promise<PayDeal> {
  const clock = { now: Date.now() };
  const t = await openTestApp({ config: { sandbox: true, clock: () => new Date(clock.now) } });
  const [acme, globex, led, textiles, operator] = await Promise.all([
    t.session(SANDBOX.buyers.acme),
    t.session(SANDBOX.buyers.globex),
    t.session(LED),
    t.session(SANDBOX.suppliers.ningboTextiles),
    t.session(SANDBOX.operator),
  ]);
  return { t, acme, globex, led, textiles, operator, clock, advance: (ms) => void (clock.now += ms) };
}

/**
 * A confirmed order of Acme with LED in USD: 425 000 cents, 40 % deposit (170 000 released on funding,
 * 255 000 held). The order id.
 */
export async function confirmedOrder(d: Deal): Promise<string> {
  return (await confirmedContract(d)).order_id as string;
}

export const ORDER_TOTAL = 425_000;
export const ORDER_DEPOSIT = 170_000;
export const ORDER_BALANCE = 255_000;

export function postIntent(d: Deal, orderId: string, body: unknown = { gateway: 'bank_transfer', currency: 'USD' }, key: string | null = randomUUID(), token = d.acme) {
  return d.t.call('POST', `/v1/orders/${orderId}/payment-intents`, { token, body, headers: key === null ? {} : { 'idempotency-key': key } });
}

export async function createIntent(d: Deal, orderId: string, body: unknown = { gateway: 'bank_transfer', currency: 'USD' }): Promise<any> {
  return ok(postIntent(d, orderId, body), 201);
}

/** The sandbox bank sends `amount` for `reference`; the gateway's answer. */
export async function deposit(d: Deal, reference: string, amount: number, currency: string, id?: string): Promise<any> {
  const res = await ok(d.t.call('POST', '/v1/sandbox/deposits', { token: d.acme, body: { reference, amount, currency, ...(id === undefined ? {} : { id }) } }), 202);
  return res.notification;
}

export interface NotifyOptions {
  secret?: string;
  /** Unix seconds for `t`; default the app clock. */
  t?: number;
  header?: string | null;
}

/** A gateway notification signed by hand (or forged), POSTed to the real endpoint. */
export function notify(d: PayDeal, gateway: string, payload: Record<string, unknown> | string, opts: NotifyOptions = {}): Promise<Response> {
  const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const t = opts.t ?? Math.floor(d.clock.now / 1000);
  const header = opts.header === undefined ? signPayload(opts.secret ?? sandboxGatewaySecret(gateway), raw, t) : opts.header;
  return Promise.resolve(
    d.t.app.request(`/v1/gateways/${gateway}/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header === null ? {} : { 'K100-Signature': header }) },
      body: raw,
    }),
  );
}

/** Every ledger row of the database, order-free, to prove a request left money untouched. */
export async function ledgerRows(store: Store): Promise<string[]> {
  const transfers = await store.db.selectFrom('ledger_transfers').selectAll().execute();
  const entries = await store.db.selectFrom('ledger_entries').selectAll().execute();
  return [...transfers, ...entries].map((r) => JSON.stringify(r)).sort();
}

/** Every row of the K100Pay tables plus orders and their timeline, to prove a refused request changed nothing. */
export async function paySnapshot(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ['payment_intents', 'gateway_events', 'idempotency_keys', 'disputes', 'ledger_transfers', 'ledger_entries', 'orders', 'order_events'] as const) {
    out[table] = (await store.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/**
 * The ledger invariants, read straight from the tables: every transfer has ≥ 2 non-zero entries summing to
 * zero; no account but buyer_funding and fx is ever negative (checked after every transfer, in seq order);
 * per order and currency, balances as summed by SQL equal the replay. Returns the final balances.
 */
export async function assertLedgerInvariants(store: Store, orderId?: string): Promise<Map<string, Record<string, number>>> {
  const sums = await store.db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transfers as t', 't.id', 'e.transfer_id')
    .select(['e.transfer_id', (eb) => eb.fn.sum<number>('e.amount').as('total'), (eb) => eb.fn.countAll<number>().as('n')])
    .$if(orderId !== undefined, (qb) => qb.where('t.order_id', '=', orderId!))
    .groupBy('e.transfer_id')
    .execute();
  for (const s of sums) {
    assert.equal(Number(s.total), 0, `transfer ${s.transfer_id} sums to ${s.total}`);
    assert.ok(Number(s.n) >= 2, `transfer ${s.transfer_id} has ${s.n} entries`);
  }
  const transfers = await store.db
    .selectFrom('ledger_transfers')
    .selectAll()
    .$if(orderId !== undefined, (qb) => qb.where('order_id', '=', orderId!))
    .orderBy('order_id')
    .orderBy('seq')
    .execute();
  assert.equal(sums.length, transfers.length, 'every transfer has entries');
  if (orderId === undefined) {
    const orphans = await store.db.selectFrom('ledger_entries as e').leftJoin('ledger_transfers as t', 't.id', 'e.transfer_id').select('e.transfer_id').where('t.id', 'is', null).execute();
    assert.deepEqual(orphans, [], 'every entry belongs to a transfer');
  }
  const ids = transfers.map((t) => t.id);
  const entries = ids.length === 0 ? [] : await store.db.selectFrom('ledger_entries').selectAll().where('transfer_id', 'in', ids).execute();
  const running = new Map<string, Record<string, number>>();
  for (const t of transfers) {
    const key = `${t.order_id}/${t.currency}`;
    const balances = running.get(key) ?? {};
    for (const e of entries.filter((x) => x.transfer_id === t.id)) {
      assert.notEqual(Number(e.amount), 0);
      balances[e.account] = (balances[e.account] ?? 0) + Number(e.amount);
      if (e.account !== 'buyer_funding' && e.account !== 'fx') assert.ok(balances[e.account]! >= 0, `${key} ${e.account} went to ${balances[e.account]} at ${t.kind}`);
    }
    running.set(key, balances);
  }
  return running;
}

/** A session of a buyer of a second partner (its own keys), to show another tenant finds nothing. */
export async function otherPartnerBuyer(d: Deal): Promise<string> {
  await addPartner(d.t.store, { id: 'partner_two', publishableKey: 'pk_test_two', secretKey: 'sk_test_two', origins: [], buyerId: 'buyer_two' });
  const res = await d.t.call('POST', '/v1/sessions', { token: 'sk_test_two', body: { party_id: 'buyer_two' } });
  return ((await ok(res, 201)) as { token: string }).token;
}

/** A confirmed order of Acme with LED (425 000 USD cents) at another deposit percent: LED accepts Acme's first offer. */
export async function confirmedOrderWithDeposit(d: Deal, deposit_percent: number): Promise<string> {
  const n = await ok(d.t.call('POST', '/v1/negotiations', { token: d.acme, body: { supplier_id: LED, terms: terms({ deposit_percent }) } }), 201);
  await ok(d.t.call('POST', `/v1/negotiations/${n.id}/accept`, { token: d.led }));
  const po = await ok(d.t.call('POST', '/v1/purchase-orders', { token: d.acme, body: { negotiation_id: n.id } }), 201);
  const c = await ok(d.t.call('POST', '/v1/contracts', { token: d.led, body: { purchase_order_id: po.id, clauses: clauses(), legal_entities: legalEntities() } }), 201);
  await ok(d.t.call('POST', `/v1/contracts/${c.id}/send`, { token: d.led }));
  const confirmed = await ok(d.t.call('POST', `/v1/contracts/${c.id}/confirm`, { token: d.acme, body: { signer_name: 'Jane Buyer', accept: true } }));
  return confirmed.order_id as string;
}

/** Pays the order exactly through the sandbox bank (bank transfer, USD); the intent. */
export async function payOrder(d: Deal, orderId: string): Promise<any> {
  const intent = await createIntent(d, orderId);
  assert.equal((await deposit(d, intent.reference, intent.amount_due, 'USD')).outcome, 'succeeded');
  return intent;
}
