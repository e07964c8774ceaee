/** The order ledger: who reads it, balances derived from entries, the balance release, and the rules the database itself enforces. */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { newId } from '../../server/domain/ids.js';
import { ACCOUNTS, OVERDRAFTABLE, TRANSFER_KINDS } from '../../server/domain/ledger.js';
import { LEDGER_ACCOUNTS, OVERDRAFTABLE_ACCOUNTS } from '../../server/store/migrations/0003_payments.js';
// 0006 widened the kinds (amendment refunds): its list is the one the database now enforces.
import { LEDGER_TRANSFER_KINDS } from '../../server/store/migrations/0006_amendments.js';
import { releaseBalance } from '../../server/services/escrow.js';
import { RefusedError } from '../../server/domain/refusal.js';
import { inMoneyTransaction } from '../../server/store/money-transaction.js';
import { SANDBOX } from '../../server/store/seed.js';
import { expectProblem } from './app-harness.js';
import {
  ORDER_BALANCE,
  ORDER_DEPOSIT,
  ORDER_TOTAL,
  assertLedgerInvariants,
  confirmedOrder,
  confirmedOrderWithDeposit,
  ok,
  openPayDeal,
  otherPartnerBuyer,
  payOrder,
  type PayDeal,
} from './pay-flow.js';

let d: PayDeal;
beforeEach(async () => {
  await d?.t.close();
  d = await openPayDeal();
});
after(() => d.t.close());

const OPERATOR = { kind: 'operator' as const, id: SANDBOX.operator };
const ledgerOf = (orderId: string, token = d.acme) => ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token }));

describe('reading the ledger', () => {
  test('the buyer and the supplier read it; other buyers, suppliers, operators and partners get 404', async () => {
    const orderId = await confirmedOrder(d);
    const empty = await ledgerOf(orderId);
    assert.deepEqual(empty, { order_id: orderId, currency: 'USD', transfers: [], balances: { escrow: 0, released: 0, refunded: 0, fees: 0 }, balances_by_currency: {} });
    await payOrder(d, orderId);
    assert.deepEqual(await ledgerOf(orderId, d.led), await ledgerOf(orderId, d.acme));
    for (const token of [d.globex, d.textiles, d.operator, await otherPartnerBuyer(d)]) {
      await expectProblem(await d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token }), 404, 'not-found');
    }
    await expectProblem(await d.t.call('GET', `/v1/orders/${orderId}/ledger`), 401, 'unauthorized');
  });
});

describe('releaseBalance (the ownership transfer’s release)', () => {
  test('releases what escrow holds: escrow exactly 0, the supplier has the total, the order is settled; then nothing more moves', async () => {
    const orderId = await confirmedOrder(d);
    await assert.rejects(releaseBalance(d.t.store, orderId, OPERATOR), (e: unknown) => e instanceof RefusedError && e.refusal.code === 'escrow_not_funded');
    await payOrder(d, orderId);
    await assert.rejects(releaseBalance(d.t.store, orderId, { kind: 'buyer', id: SANDBOX.buyers.acme }), (e: unknown) => e instanceof RefusedError && e.refusal.code === 'wrong_party');

    assert.deepEqual(await releaseBalance(d.t.store, orderId, OPERATOR), { order_id: orderId, released: ORDER_BALANCE, currency: 'USD' });
    const ledger = await ledgerOf(orderId);
    assert.deepEqual(ledger.balances, { escrow: 0, released: ORDER_TOTAL, refunded: 0, fees: 2500 });
    assert.equal(ledger.transfers.at(-1).kind, 'balance_released');
    const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.led }));
    assert.equal(order.payment_status, 'released');
    const last = order.timeline.at(-1);
    assert.deepEqual(last, { seq: last.seq, code: 'settled', at: last.at, actor: last.actor, place: null, details: { balance_released: ORDER_BALANCE, currency: 'USD', by: 'ownership_transfer' } });
    assert.equal(order.timeline.at(-1).actor.kind, 'operator');

    const balances = await assertLedgerInvariants(d.t.store);
    assert.equal(balances.get(`${orderId}/USD`)!.escrow, 0);
    await assert.rejects(releaseBalance(d.t.store, orderId, OPERATOR), (e: unknown) => e instanceof RefusedError && e.refusal.code === 'escrow_released');
    await expectProblem(await d.t.call('POST', `/v1/orders/${orderId}/disputes`, { token: d.acme, body: { reason: 'Too late' } }), 409, 'escrow-released');
  });

  test('0 % deposit: funding releases nothing (no deposit event), the ownership transfer releases it all', async () => {
    const orderId = await confirmedOrderWithDeposit(d, 0);
    await payOrder(d, orderId);
    const funded = await ledgerOf(orderId);
    assert.deepEqual(funded.balances, { escrow: ORDER_TOTAL, released: 0, refunded: 0, fees: 2500 });
    assert.ok(!funded.transfers.some((t: { kind: string }) => t.kind === 'deposit_released'));
    const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
    assert.deepEqual(order.timeline.map((e: { code: string }) => e.code), ['contract_confirmed', 'payment_received']);
    await releaseBalance(d.t.store, orderId, OPERATOR);
    assert.deepEqual((await ledgerOf(orderId)).balances, { escrow: 0, released: ORDER_TOTAL, refunded: 0, fees: 2500 });
  });

  test('100 % deposit: everything is released on funding and escrow is already 0; the release moves nothing but settles', async () => {
    const orderId = await confirmedOrderWithDeposit(d, 100);
    await payOrder(d, orderId);
    assert.deepEqual((await ledgerOf(orderId)).balances, { escrow: 0, released: ORDER_TOTAL, refunded: 0, fees: 2500 });
    await expectProblem(await d.t.call('POST', `/v1/orders/${orderId}/disputes`, { token: d.acme, body: { reason: 'x' } }), 409, 'escrow-empty');
    assert.equal((await releaseBalance(d.t.store, orderId, OPERATOR)).released, 0);
    assert.equal((await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }))).payment_status, 'released');
  });
});

describe('what the database refuses', () => {
  /** A paid order and one of its transfers, to tamper with. */
  async function paidLedger() {
    const orderId = await confirmedOrder(d);
    await payOrder(d, orderId);
    const transfer = await d.t.store.db.selectFrom('ledger_transfers').selectAll().where('order_id', '=', orderId).where('kind', '=', 'escrow_funded').executeTakeFirstOrThrow();
    return { orderId, transfer };
  }

  test('entries, transfers and gateway events cannot be updated or deleted (triggers)', async () => {
    const { transfer } = await paidLedger();
    const before = await d.t.store.db.selectFrom('ledger_entries').selectAll().orderBy('transfer_id').orderBy('account').execute();
    const attempts = [
      sql`UPDATE ledger_entries SET amount = amount + 1 WHERE transfer_id = ${transfer.id}`,
      sql`DELETE FROM ledger_entries WHERE transfer_id = ${transfer.id}`,
      sql`UPDATE ledger_transfers SET kind = 'dispute_refunded' WHERE id = ${transfer.id}`,
      sql`DELETE FROM ledger_transfers WHERE id = ${transfer.id}`,
      sql`UPDATE gateway_events SET amount = 1`,
      sql`DELETE FROM gateway_events`,
    ];
    for (const statement of attempts) await assert.rejects(statement.execute(d.t.store.db), /append-only/);
    assert.deepEqual(await d.t.store.db.selectFrom('ledger_entries').selectAll().orderBy('transfer_id').orderBy('account').execute(), before);
  });

  /** Writes raw rows the way the single insert path does (entries, then the transfer), in one money transaction. */
  const rawTransfer = (orderId: string, entries: Array<{ account: string; amount: number }>, kind = 'dispute_refunded', transferId = newId('trf')) =>
    inMoneyTransaction(d.t.store, async (q) => {
      if (entries.length > 0) await q.db.insertInto('ledger_entries').values(entries.map((e) => ({ transfer_id: transferId, ...e }))).execute();
      const seq = 100 + Math.floor(Math.random() * 1000);
      await q.db.insertInto('ledger_transfers').values({ id: transferId, order_id: orderId, seq, kind, currency: 'USD', intent_id: null, dispute_id: null, created_at: new Date().toISOString() }).execute();
    });

  test('a transfer that does not sum to zero, has one entry, or overdraws escrow is refused, and nothing is left behind', async () => {
    const { orderId, transfer } = await paidLedger();
    const rows = async () => (await d.t.store.db.selectFrom('ledger_entries').select('transfer_id').execute()).length;
    const count = await rows();
    await assert.rejects(rawTransfer(orderId, [{ account: 'escrow', amount: -100 }, { account: 'refunds', amount: 99 }]), /sum|zero/);
    await assert.rejects(rawTransfer(orderId, [{ account: 'refunds', amount: 100 }]), /sum|zero/);
    await assert.rejects(rawTransfer(orderId, [{ account: 'escrow', amount: -(ORDER_BALANCE + 1) }, { account: 'refunds', amount: ORDER_BALANCE + 1 }]), /overdraw/);
    await assert.rejects(rawTransfer(orderId, [{ account: 'escrow', amount: 0 }, { account: 'refunds', amount: 0 }]));
    // Entries for a transfer that is already written: a closed transfer cannot grow.
    await assert.rejects(
      inMoneyTransaction(d.t.store, (q) => q.db.insertInto('ledger_entries').values([{ transfer_id: transfer.id, account: 'refunds', amount: 1 }]).execute()),
      /closed/,
    );
    // Entries with no transfer at all: the deferred foreign key refuses the commit.
    await assert.rejects(inMoneyTransaction(d.t.store, (q) => q.db.insertInto('ledger_entries').values([{ transfer_id: 'trf_orphan', account: 'refunds', amount: 1 }, { transfer_id: 'trf_orphan', account: 'escrow', amount: -1 }]).execute()));
    assert.equal(await rows(), count);
    // A sound one goes through the same raw path, proving the refusals above were about the rules.
    await rawTransfer(orderId, [{ account: 'escrow', amount: -100 }, { account: 'refunds', amount: 100 }]);
    await assertLedgerInvariants(d.t.store);
  });
});

describe('the migration’s frozen lists', () => {
  test('still match the domain’s chart of accounts and transfer kinds (a change needs a new migration)', () => {
    assert.deepEqual([...LEDGER_ACCOUNTS].sort(), [...ACCOUNTS].sort());
    assert.deepEqual([...LEDGER_TRANSFER_KINDS].sort(), [...TRANSFER_KINDS].sort());
    assert.deepEqual([...OVERDRAFTABLE_ACCOUNTS].sort(), [...OVERDRAFTABLE].sort());
  });
});

describe('balances are derived', () => {
  test('balances equal the sum of the entries as SQL adds them, per currency', async () => {
    const orderId = await confirmedOrder(d);
    await payOrder(d, orderId);
    const ledger = await ledgerOf(orderId);
    const sums = await d.t.store.db
      .selectFrom('ledger_entries as e')
      .innerJoin('ledger_transfers as t', 't.id', 'e.transfer_id')
      .select(['e.account', (eb) => eb.fn.sum<number>('e.amount').as('total')])
      .where('t.order_id', '=', orderId)
      .where('t.currency', '=', 'USD')
      .groupBy('e.account')
      .execute();
    const total = (account: string) => Number(sums.find((s) => s.account === account)?.total ?? 0);
    assert.deepEqual(ledger.balances, { escrow: total('escrow'), released: total('supplier_released'), refunded: total('refunds'), fees: total('platform_fees') });
    assert.equal(total('buyer_funding'), -(ORDER_TOTAL + 2500));
    assert.equal(total('gateway_clearing'), 0);
    assert.equal(ledger.balances.released, ORDER_DEPOSIT);
  });
});
