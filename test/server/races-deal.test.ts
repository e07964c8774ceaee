/**
 * Deal races under real concurrency: collects into one folder, offers on one negotiation turn, two PO issues
 * from one consensus, confirmations of one contract. Each round one winner (or, for the idempotent collect,
 * one effect), clean refusals for the rest, and the stored state as one request alone would leave it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SANDBOX, SEED_PRODUCTS } from '../../server/store/seed.js';
import { LED, clauses, legalEntities, ok, openDeal, terms, type Deal } from './deal-flow.js';
import { assertAllSucceeded, assertCleanRefusal, assertOneWinner, forEachRound, prepare, race, raceRounds } from './race-harness.js';

let d: Deal;
before(async () => {
  d = await openDeal();
});
after(() => d.t.close());

const ROUNDS = raceRounds({ postgres: 34, sqlite: 5 });

const negotiate = () => ok(d.t.call('POST', '/v1/negotiations', { token: d.acme, body: { supplier_id: LED, terms: terms() } }), 201);
const accepted = async () => {
  const n = await negotiate();
  return ok(d.t.call('POST', `/v1/negotiations/${n.id}/accept`, { token: d.led }));
};
const issuePo = (negotiationId: string) => d.t.call('POST', '/v1/purchase-orders', { token: d.acme, body: { negotiation_id: negotiationId } });

describe('races in the deal', () => {
  test(`one product collected by several requests at once: one item, one 201, the same added_at (${ROUNDS} rounds)`, async () => {
    const products = SEED_PRODUCTS.filter((p) => p.visibility === 'public');
    await forEachRound('collect', ROUNDS, async (round, rng) => {
      const product = products[round % products.length]!;
      await ok(d.t.call('DELETE', `/v1/folders/public/items/${product.id}`, { token: d.acme }), 204);
      const answers = await race(Array.from({ length: 4 }, () => () => d.t.call('PUT', `/v1/folders/public/items/${product.id}`, { token: d.acme })), rng);
      assertAllSucceeded(answers);
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 201]);
      assert.equal(new Set(answers.map((a) => a.body.added_at)).size, 1);
      const rows = await d.t.store.db.selectFrom('folder_items').selectAll().where('buyer_id', '=', SANDBOX.buyers.acme).where('product_id', '=', product.id).execute();
      assert.equal(rows.length, 1);
      const folder = await ok(d.t.call('GET', '/v1/folders/public', { token: d.acme }));
      assert.equal(folder.data.filter((i: { product_id: string }) => i.product_id === product.id).length, 1);
    });
  });

  test(`the supplier's two counter-offers and an accept on one turn: one of them happens (${ROUNDS} rounds)`, async () => {
    const negotiations = await prepare(ROUNDS, negotiate);
    await forEachRound('offers', ROUNDS, async (round, rng) => {
      const n = negotiations[round]!;
      const offer = (deposit_percent: number) => () =>
        d.t.call('POST', `/v1/negotiations/${n.id}/offers`, { token: d.led, body: { terms: terms({ deposit_percent }), message: `Deposit ${deposit_percent} %` } });
      const answers = await race([offer(40), offer(50), () => d.t.call('POST', `/v1/negotiations/${n.id}/accept`, { token: d.led })], rng);
      const winner = assertOneWinner(answers);
      const now = await ok(d.t.call('GET', `/v1/negotiations/${n.id}`, { token: d.acme }));
      if (winner.index === 2) {
        assert.equal(now.status, 'accepted');
        assert.equal(now.offers.length, 1);
      } else {
        assert.equal(now.status, 'open');
        assert.deepEqual(now.offers.map((o: { by: string }) => o.by), ['buyer', 'supplier']);
        assert.equal(now.offers[1].terms.deposit_percent, winner.index === 0 ? 40 : 50);
      }
      const rows = await d.t.store.db.selectFrom('offers').select('seq').where('negotiation_id', '=', n.id).orderBy('seq').execute();
      assert.deepEqual(rows.map((r) => Number(r.seq)), now.offers.map((_: unknown, i: number) => i + 1));
    });
  });

  test(`two purchase orders issued from one negotiation at once: one PO (${ROUNDS} rounds)`, async () => {
    const negotiations = await prepare(ROUNDS, accepted);
    await forEachRound('po-issue', ROUNDS, async (round, rng) => {
      const n = negotiations[round]!;
      const winner = assertOneWinner(await race([() => issuePo(n.id), () => issuePo(n.id), () => issuePo(n.id)], rng));
      const rows = await d.t.store.db.selectFrom('purchase_orders').select('id').where('negotiation_id', '=', n.id).execute();
      assert.deepEqual(rows.map((r) => r.id), [winner.body.id]);
      const again = await ok(d.t.call('GET', `/v1/negotiations/${n.id}`, { token: d.acme }));
      assert.equal(again.purchase_order_id, winner.body.id);
    });
  });

  test(`the buyer's two confirmations and a change request on one sent contract, the supplier confirming too: one outcome, evidence once (${ROUNDS} rounds)`, async () => {
    const contracts = await prepare(ROUNDS, async () => {
      const n = await accepted();
      const po = await ok(issuePo(n.id), 201);
      const c = await ok(d.t.call('POST', '/v1/contracts', { token: d.led, body: { purchase_order_id: po.id, clauses: clauses(), legal_entities: legalEntities() } }), 201);
      return ok(d.t.call('POST', `/v1/contracts/${c.id}/send`, { token: d.led }));
    });
    await forEachRound('confirmations', ROUNDS, async (round, rng) => {
      const c = contracts[round]!;
      const confirm = (token: string, signer_name: string) => () => d.t.call('POST', `/v1/contracts/${c.id}/confirm`, { token, body: { signer_name, accept: true } });
      const answers = await race(
        [
          confirm(d.acme, 'Jane Buyer'),
          confirm(d.acme, 'John Buyer'),
          () => d.t.call('POST', `/v1/contracts/${c.id}/request-changes`, { token: d.acme, body: { comment: 'One week earlier.' } }),
          confirm(d.led, 'Li Supplier'),
        ],
        rng,
      );
      // Only the buyer confirms: the supplier's attempt is refused as the wrong party whatever the state.
      assertCleanRefusal(answers[3]!, [403, 409]);
      const winner = assertOneWinner(answers.slice(0, 3));
      const now = await ok(d.t.call('GET', `/v1/contracts/${c.id}`, { token: d.acme }));
      const orders = await d.t.store.db.selectFrom('orders').select('id').where('contract_id', '=', c.id).execute();
      const audit = await d.t.store.db.selectFrom('contract_audit_log').select('event').where('contract_id', '=', c.id).orderBy('seq').execute();
      if (winner.index === 2) {
        assert.equal(now.status, 'changes_requested');
        assert.equal(now.digest ?? null, null);
        assert.deepEqual(orders, []);
      } else {
        assert.equal(now.status, 'confirmed');
        assert.match(now.digest, /^[0-9a-f]{64}$/);
        assert.equal(now.digest, winner.body.digest);
        assert.deepEqual(orders.map((o) => o.id), [now.order_id]);
        assert.equal(audit.filter((e) => e.event.includes('confirm')).length, 1, audit.map((e) => e.event).join());
      }
      assert.equal(audit.filter((e) => e.event.includes('change')).length, winner.index === 2 ? 1 : 0, audit.map((e) => e.event).join());
      const verified = await ok(d.t.call('GET', `/v1/contracts/${c.id}/verify`, { token: d.acme }));
      assert.equal(verified.valid, true, JSON.stringify(verified));
    });
  });
});
