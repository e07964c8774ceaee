/**
 * Property tests on the real database (fast-check): random sequences of intents, deposits (exact, short, excess,
 * wrong currency, duplicate, late), disputes, resolutions and releases keep the ledger's invariants; duplicate
 * and interleaved gateway notifications leave the same ledger as one clean delivery.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { releaseBalance } from '../../server/services/escrow.js';
import { RefusedError } from '../../server/domain/refusal.js';
import { SANDBOX } from '../../server/store/seed.js';
import { testDialect } from './harness.js';
import { MINUTE, ORDER_DEPOSIT, ORDER_TOTAL, assertLedgerInvariants, confirmedOrder, ok, openPayDeal, postIntent, type PayDeal } from './pay-flow.js';

let d: PayDeal;
before(async () => {
  d = await openPayDeal();
});
after(() => d.t.close());

/** Each case is dozens of real transactions; 40 sequences × up to 12 steps runs in seconds on either database. */
const RUNS = 40;

const PAY_WITH = [
  { gateway: 'bank_transfer', currency: 'USD' },
  { gateway: 'globalpay_fx', currency: 'CNY' },
  { gateway: 'globalpay_fx', currency: 'USD' },
  { gateway: 'swiftfx', currency: 'JPY' },
  { gateway: 'swiftfx', currency: 'KWD' },
] as const;

type Step =
  | { op: 'intent'; with: number }
  | { op: 'deposit'; kind: 'exact' | 'short' | 'excess' | 'wrong_currency'; delta: number }
  | { op: 'duplicate' }
  | { op: 'late' }
  | { op: 'advance'; minutes: number }
  | { op: 'dispute' }
  | { op: 'resolve'; kind: 'refund_whole' | 'refund_part' | 'release' | 'dismiss'; part: number }
  | { op: 'release' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('intent' as const), with: fc.integer({ min: 0, max: PAY_WITH.length - 1 }) }), weight: 3 },
  {
    arbitrary: fc.record({ op: fc.constant('deposit' as const), kind: fc.constantFrom('exact', 'exact', 'exact', 'short', 'excess', 'wrong_currency'), delta: fc.integer({ min: 1, max: 5_000_000 }) }),
    weight: 4,
  },
  fc.constant({ op: 'duplicate' as const }),
  fc.constant({ op: 'late' as const }),
  fc.record({ op: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 40 }) }),
  { arbitrary: fc.constant({ op: 'dispute' as const }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('resolve' as const), kind: fc.constantFrom('refund_whole', 'refund_part', 'release', 'dismiss'), part: fc.integer({ min: 1, max: 300_000 }) }), weight: 2 },
  fc.constant({ op: 'release' as const }),
);

let events = 0;
const eventId = () => `evt_prop_${testDialect}_${++events}`;

/** The order's money as the invariants see it: ledger rules, intents' refund arithmetic, status ↔ escrow. */
async function checkOrder(orderId: string): Promise<void> {
  const balances = await assertLedgerInvariants(d.t.store, orderId);
  for (const [key, accounts] of balances) assert.equal(accounts.gateway_clearing ?? 0, 0, `${key}: every received unit is classified`);
  const usd = balances.get(`${orderId}/USD`) ?? {};
  const intents = await d.t.store.db.selectFrom('payment_intents').selectAll().where('order_id', '=', orderId).execute();
  for (const i of intents) {
    if (i.refund_amount !== null) assert.equal(Number(i.refund_amount) + Number(i.refund_cost), Number(i.received_amount), `${i.id}: refund + cost = received`);
    if (i.status === 'succeeded') assert.deepEqual([Number(i.received_amount), i.received_currency], [Number(i.amount_due), i.currency]);
  }
  assert.ok(intents.filter((i) => i.status === 'succeeded').length <= 1, 'one payment per order');
  const order = await d.t.store.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
  const escrow = usd.escrow ?? 0;
  const released = usd.supplier_released ?? 0;
  const disputeRefunds = await d.t.store.db.selectFrom('ledger_transfers as t').innerJoin('ledger_entries as e', 'e.transfer_id', 't.id')
    .select((eb) => eb.fn.sum<number>('e.amount').as('total')).where('t.order_id', '=', orderId).where('t.kind', '=', 'dispute_refunded').where('e.account', '=', 'refunds').executeTakeFirst();
  const refundedFromEscrow = Number(disputeRefunds?.total ?? 0);
  switch (order.payment_status) {
    case 'unpaid':
      assert.deepEqual([escrow, released], [0, 0]);
      break;
    case 'escrow_funded':
    case 'disputed':
      assert.equal(released, ORDER_DEPOSIT);
      assert.equal(escrow, ORDER_TOTAL - ORDER_DEPOSIT - refundedFromEscrow);
      break;
    case 'released':
    case 'refunded':
      assert.equal(escrow, 0, 'a settled order’s escrow is exactly zero');
      assert.equal(released + refundedFromEscrow, ORDER_TOTAL);
      break;
    default:
      assert.fail(`unexpected payment status ${order.payment_status}`);
  }
}

async function run(orderId: string, s: Step, state: { intent?: any; lastEvent?: { id: string; reference: string; amount: number; currency: string } }): Promise<void> {
  const sendDeposit = async (reference: string, amount: number, currency: string, id = eventId()) => {
    state.lastEvent = { id, reference, amount, currency };
    const res = await d.t.call('POST', '/v1/sandbox/deposits', { token: d.acme, body: { id, reference, amount, currency } });
    assert.equal(res.status, 202, await res.clone().text());
    return ((await res.json()) as { notification: { outcome: string | null } }).notification.outcome;
  };
  const order = async () => d.t.store.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
  switch (s.op) {
    case 'intent': {
      const res = await postIntent(d, orderId, PAY_WITH[s.with]);
      assert.ok([201, 409].includes(res.status), await res.clone().text());
      if (res.status === 201) state.intent = await res.json();
      return;
    }
    case 'deposit': {
      const i = state.intent;
      if (!i) return;
      const awaiting = (await order()).payment_status === 'unpaid' && i.status === 'awaiting_funds' && Date.parse(i.expires_at) >= d.clock.now;
      const current = await d.t.store.db.selectFrom('payment_intents').select('status').where('id', '=', i.id).executeTakeFirstOrThrow();
      const amount = s.kind === 'short' ? Math.max(1, i.amount_due - s.delta) : s.kind === 'excess' ? i.amount_due + s.delta : i.amount_due;
      const currency = s.kind === 'wrong_currency' ? (i.currency === 'EUR' ? 'GBP' : 'EUR') : i.currency;
      const outcome = await sendDeposit(i.reference, amount, currency);
      if (!awaiting || current.status !== 'awaiting_funds') assert.ok(['refunded', 'expired'].includes(outcome!), `${outcome} for funds nobody awaited`);
      else if (s.kind === 'exact') assert.equal(outcome, 'succeeded');
      else if (amount === i.amount_due && currency === i.currency) assert.equal(outcome, 'succeeded');
      else assert.equal(outcome, 'failed');
      return;
    }
    case 'duplicate': {
      if (!state.lastEvent) return;
      const before = await d.t.store.db.selectFrom('ledger_transfers').select('id').where('order_id', '=', orderId).execute();
      const e = state.lastEvent;
      assert.equal(await sendDeposit(e.reference, e.amount, e.currency, e.id), null, 'a duplicate changes nothing');
      assert.equal((await d.t.store.db.selectFrom('ledger_transfers').select('id').where('order_id', '=', orderId).execute()).length, before.length);
      return;
    }
    case 'late': {
      const i = state.intent;
      if (!i) return;
      d.clock.now = Math.max(d.clock.now, Date.parse(i.expires_at) + 1000);
      const outcome = await sendDeposit(i.reference, i.amount_due, i.currency);
      assert.ok(['expired', 'refunded'].includes(outcome!), String(outcome));
      return;
    }
    case 'advance':
      d.advance(s.minutes * MINUTE);
      return;
    case 'dispute': {
      const res = await d.t.call('POST', `/v1/orders/${orderId}/disputes`, { token: d.acme, body: { reason: 'property test' } });
      assert.ok([201, 409].includes(res.status), await res.clone().text());
      return;
    }
    case 'resolve': {
      const open = await d.t.store.db.selectFrom('disputes').select('id').where('order_id', '=', orderId).where('status', '=', 'open').executeTakeFirst();
      if (!open) return;
      const resolution = s.kind === 'refund_part' ? { kind: s.kind, amount: s.part } : { kind: s.kind };
      const res = await d.t.call('POST', `/v1/orders/${orderId}/disputes/${open.id}/resolve`, { token: SANDBOX.secretKey, body: { resolution } });
      assert.ok([200, 422].includes(res.status), await res.clone().text());
      return;
    }
    case 'release':
      await releaseBalance(d.t.store, orderId, { kind: 'operator', id: SANDBOX.operator }, new Date(d.clock.now)).catch((e: unknown) => {
        if (!(e instanceof RefusedError)) throw e;
      });
      return;
  }
}

describe('ledger invariants over random payment histories', () => {
  test(`${RUNS} generated sequences keep every invariant after every step`, async () => {
    let cases = 0;
    let steps = 0;
    const ends: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 12 }), async (sequence) => {
        cases += 1;
        const orderId = await confirmedOrder(d);
        const state = {};
        await run(orderId, { op: 'intent', with: 0 }, state);
        for (const s of sequence) {
          steps += 1;
          await run(orderId, s, state);
          await checkOrder(orderId);
        }
        const end = await d.t.store.db.selectFrom('orders').select('payment_status').where('id', '=', orderId).executeTakeFirstOrThrow();
        ends[end.payment_status] = (ends[end.payment_status] ?? 0) + 1;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    console.log(`[payments-properties:${testDialect}] ${cases} generated sequences, ${steps} steps, invariants checked after each; final payment statuses ${JSON.stringify(ends)}`);
    assert.equal(cases, RUNS);
  });
});

describe('duplicate and interleaved notifications', () => {
  /** The order's ledger without ids or times: what a delivery order must not change. */
  const shape = async (orderId: string) =>
    (await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }))).transfers.map((t: { kind: string; currency: string; entries: unknown }) => ({ kind: t.kind, currency: t.currency, entries: t.entries }));

  const kinds = fc.array(fc.constantFrom('exact', 'short', 'excess'), { minLength: 1, maxLength: 3 });

  test('delivering each event once, in order, and delivering them interleaved across orders with retries give the same ledgers', async () => {
    let cases = 0;
    let deliveries = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(kinds, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), async (plans, schedule) => {
        cases += 1;
        // Per plan, two orders with identical intents: one gets a clean delivery, the other the messy one.
        const pairs = [];
        for (const plan of plans) {
          const [clean, messy] = [await confirmedOrder(d), await confirmedOrder(d)];
          const intents = [(await ok(postIntent(d, clean), 201)), (await ok(postIntent(d, messy), 201))];
          const events = (intent: any) =>
            plan.map((k) => ({ id: eventId(), reference: intent.reference, amount: k === 'short' ? intent.amount_due - 1 : k === 'excess' ? intent.amount_due + 1 : intent.amount_due, currency: 'USD' }));
          pairs.push({ clean, messy, cleanEvents: events(intents[0]), messyEvents: events(intents[1]) });
        }
        const send = async (e: { id: string; reference: string; amount: number; currency: string }) => {
          deliveries += 1;
          await ok(d.t.call('POST', '/v1/sandbox/deposits', { token: d.acme, body: e }), 202);
        };
        for (const p of pairs) for (const e of p.cleanEvents) await send(e);
        // Messy: orders interleaved by the schedule; after each first delivery, retries of earlier events.
        const queues = pairs.map((p) => [...p.messyEvents]);
        const sent: Array<{ id: string; reference: string; amount: number; currency: string }> = [];
        let tick = 0;
        while (queues.some((q) => q.length > 0)) {
          const open = queues.filter((q) => q.length > 0);
          const next = open[schedule[tick++ % schedule.length]! % open.length]!.shift()!;
          await send(next);
          sent.push(next);
          if (schedule[tick % schedule.length]! % 2 === 0) await send(sent[schedule[(tick + 1) % schedule.length]! % sent.length]!);
        }
        for (const e of sent) await send(e);
        for (const p of pairs) assert.deepEqual(await shape(p.messy), await shape(p.clean));
      }),
      { numRuns: 15, endOnFailure: true },
    );
    console.log(`[payments-properties:${testDialect}] ${cases} generated delivery schedules, ${deliveries} notifications`);
  });
});
