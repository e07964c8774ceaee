/**
 * Money races under real concurrency (on Postgres, each contender its own connection): release vs refund vs
 * dispute, double releases and refunds, one intent's notifications, one idempotency key. Each round one
 * winner, clean refusals for the rest, and a ledger that still balances.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SANDBOX } from '../../server/store/seed.js';
import { ORDER_TOTAL, confirmedOrderWithDeposit, createIntent, notify, ok, openPayDeal, payOrder, postIntent, type PayDeal } from './pay-flow.js';
import { assertAllSucceeded, assertEscrowBalanced, assertOneWinner, forEachRound, prepare, race, raceRounds, shuffled, type Random } from './race-harness.js';

let d: PayDeal;
before(async () => {
  d = await openPayDeal();
});
after(() => d.t.close());

const ROUNDS = raceRounds();
/** The smaller kinds share the budget: the headline race gets every round, these a third (at least 5). */
const SIDE_ROUNDS = raceRounds({ postgres: 34, sqlite: 5 });

const dispute = (orderId: string) => d.t.call('POST', `/v1/orders/${orderId}/disputes`, { token: d.acme, body: { reason: 'Colour differs from the sample.' } });
const resolve = (orderId: string, disputeId: string, resolution: unknown) =>
  d.t.call('POST', `/v1/orders/${orderId}/disputes/${disputeId}/resolve`, { token: SANDBOX.secretKey, body: { resolution, note: 'Race' } });

/** A paid order (a 40 % deposit, so escrow holds the rest) with the buyer's dispute open. */
async function disputedOrder(): Promise<{ orderId: string; disputeId: string }> {
  const orderId = await confirmedOrderWithDeposit(d, 40);
  await payOrder(d, orderId);
  const opened = await ok(dispute(orderId), 201);
  return { orderId, disputeId: opened.id };
}

const paymentStatus = async (orderId: string) => (await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }))).payment_status as string;

async function transferKinds(orderId: string): Promise<string[]> {
  const rows = await d.t.store.db.selectFrom('ledger_transfers').select('kind').where('order_id', '=', orderId).orderBy('seq').execute();
  return rows.map((r) => r.kind);
}

describe('races on escrow', () => {
  test(`release vs refund vs a second dispute on a disputed order: one resolution (${ROUNDS} rounds)`, async () => {
    const orders = await prepare(ROUNDS, disputedOrder);
    await forEachRound('release-refund-dispute', ROUNDS, async (round, rng) => {
      const { orderId, disputeId } = orders[round]!;
      const answers = await race(
        [() => resolve(orderId, disputeId, { kind: 'release' }), () => resolve(orderId, disputeId, { kind: 'refund_whole' }), () => dispute(orderId)],
        rng,
      );
      const winner = assertOneWinner(answers);
      // The second dispute never wins: the first is open until resolved, and then escrow is empty.
      assert.notEqual(winner.index, 2);
      const released = winner.index === 0;
      assert.equal(winner.body.resolution.kind, released ? 'release' : 'refund_whole');
      assert.equal(await paymentStatus(orderId), released ? 'released' : 'refunded');
      const balances = await assertEscrowBalanced(d, orderId);
      assert.equal(balances.escrow ?? 0, 0);
      assert.equal(balances.supplier_released, released ? ORDER_TOTAL : 0.4 * ORDER_TOTAL);
      const disputes = await ok(d.t.call('GET', `/v1/orders/${orderId}/disputes`, { token: d.acme }));
      assert.deepEqual(disputes.data.map((x: { status: string }) => x.status), ['resolved']);
    });
  });

  for (const [name, resolution, transferKind] of [
    ['two releases', { kind: 'release' }, 'balance_released'],
    ['two refunds', { kind: 'refund_part', amount: 100_000 }, 'dispute_refunded'],
  ] as const) {
    test(`${name} of one dispute: money moves once (${SIDE_ROUNDS} rounds)`, async () => {
      const orders = await prepare(SIDE_ROUNDS, disputedOrder);
      await forEachRound(name, SIDE_ROUNDS, async (round, rng) => {
        const { orderId, disputeId } = orders[round]!;
        const before = await transferKinds(orderId);
        assertOneWinner(await race([() => resolve(orderId, disputeId, resolution), () => resolve(orderId, disputeId, resolution)], rng));
        const added = (await transferKinds(orderId)).slice(before.length);
        assert.deepEqual(added, [transferKind]);
        const balances = await assertEscrowBalanced(d, orderId);
        if (resolution.kind === 'refund_part') assert.equal(balances.refunds, 100_000);
        else assert.equal(balances.supplier_released, ORDER_TOTAL);
      });
    });
  }
});

describe('races on funding', () => {
  const DEAL_ROUNDS = Math.ceil(SIDE_ROUNDS / 6);
  test(`four buyers each run three deals from negotiation to paid and disputed, side by side: none refused (${DEAL_ROUNDS} rounds)`, async () => {
    await forEachRound('deals-side-by-side', DEAL_ROUNDS, async (_round, rng) => {
      const orderIds: string[] = [];
      // Negotiation to confirmed order, intent, exact deposit, dispute: money transactions of different
      // orders overlapping with each other and with the deal's other writes.
      const dealToDispute = async () => {
        for (let i = 0; i < 2; i++) await ok(dealToDisputeOnce(), 201);
        return dealToDisputeOnce();
      };
      const dealToDisputeOnce = async () => {
        const orderId = await confirmedOrderWithDeposit(d, 40);
        orderIds.push(orderId);
        const intent = await ok(postIntent(d, orderId), 201);
        const paid = await ok(d.t.call('POST', '/v1/sandbox/deposits', { token: d.acme, body: { reference: intent.reference, amount: intent.amount_due, currency: 'USD' } }), 202);
        assert.equal(paid.notification.outcome, 'succeeded');
        return dispute(orderId);
      };
      assertAllSucceeded(await race(Array.from({ length: 4 }, () => dealToDispute), rng));
      for (const orderId of orderIds) {
        assert.equal((await assertEscrowBalanced(d, orderId)).escrow, 0.6 * ORDER_TOTAL);
        assert.equal(await paymentStatus(orderId), 'disputed');
      }
    });
  });

  test(`one intent's notifications, repeated and distinct, arrive together: exactly one credit (${SIDE_ROUNDS} rounds)`, async () => {
    const fixtures = await prepare(SIDE_ROUNDS, async () => {
      const orderId = await confirmedOrderWithDeposit(d, 40);
      return { orderId, intent: await createIntent(d, orderId) };
    });
    await forEachRound('notifications', SIDE_ROUNDS, async (round, rng) => {
      const { orderId, intent } = fixtures[round]!;
      const payload = (event_id: string) => ({ event_id, reference: intent.reference, amount: intent.amount_due, currency: 'USD', received_at: new Date(d.clock.now).toISOString() });
      // Two deliveries of one event (a gateway retry) and two other events paying the same reference.
      const repeated = `gwe_${randomUUID()}`;
      const events = shuffled([repeated, repeated, `gwe_${randomUUID()}`, `gwe_${randomUUID()}`], rng);
      const answers = await race(events.map((id) => () => notify(d, 'bank_transfer', payload(id))), rng);
      assertAllSucceeded(answers);
      const outcomes = answers.map((a) => (a.body.duplicate ? 'duplicate' : a.body.outcome)).sort();
      assert.deepEqual(outcomes, ['duplicate', 'refunded', 'refunded', 'succeeded'], answers.map((a) => a.text).join('\n'));
      const kinds = await transferKinds(orderId);
      assert.equal(kinds.filter((k) => k === 'escrow_funded').length, 1, kinds.join());
      const balances = await assertEscrowBalanced(d, orderId);
      assert.equal(balances.escrow, 0.6 * ORDER_TOTAL);
      assert.equal(await paymentStatus(orderId), 'escrow_funded');
      const events_ = await d.t.store.db.selectFrom('gateway_events').select('event_id').where('order_id', '=', orderId).execute();
      assert.equal(events_.length, 3);
    });
  });

  test(`one idempotency key sent several times at once: one intent, identical answers (${SIDE_ROUNDS} rounds)`, async () => {
    const orders = await prepare(SIDE_ROUNDS, () => confirmedOrderWithDeposit(d, 40));
    await forEachRound('idempotency-key', SIDE_ROUNDS, async (round, rng: Random) => {
      const orderId = orders[round]!;
      const key = randomUUID();
      const answers = await race(Array.from({ length: 4 }, () => () => postIntent(d, orderId, { gateway: 'bank_transfer', currency: 'USD' }, key)), rng);
      assertAllSucceeded(answers);
      assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
      assert.equal(new Set(answers.map((a) => a.text)).size, 1, answers.map((a) => a.text).join('\n'));
      const intents = await ok(d.t.call('GET', `/v1/orders/${orderId}/payment-intents`, { token: d.acme }));
      assert.equal(intents.data.length, 1);
      assert.equal(intents.data[0].id, answers[0]!.body.id);
      assert.deepEqual(await transferKinds(orderId), []);
    });
  });
});
