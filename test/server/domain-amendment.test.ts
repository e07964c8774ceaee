/** The pure amendment rules: what a revision may change, the exact refund, the totals after it, and its evidence. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amendmentEvidence, canonicalAmendment, linesAfter, planAmendment, totalsAfter, type ContractLine } from '../../server/domain/amendment.js';
import { amendmentRefunded, applyTransfers } from '../../server/domain/ledger.js';

const LINES: ContractLine[] = [
  { product_id: 'prod_panel', product_name: 'LED panel', unit_price: 1800, quantity: 200 },
  { product_id: 'prod_bulb', product_name: 'LED bulb', unit_price: 65, quantity: 1000 },
];
const ESCROW = 255_000;

const errorsOf = (outcome: ReturnType<typeof planAmendment>) => (!outcome.ok && outcome.code === 'invalid_items' ? outcome.errors.map((e) => e.path) : []);

describe('planAmendment', () => {
  test('lower quantities: every line stated, unnamed ones unchanged, refund the exact value difference', () => {
    const outcome = planAmendment(LINES, [{ product_id: 'prod_panel', quantity: 150 }], ESCROW);
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.value.items.map((i) => [i.product_id, i.from_quantity, i.to_quantity]), [['prod_panel', 200, 150], ['prod_bulb', 1000, 1000]]);
    assert.deepEqual([outcome.value.total_before, outcome.value.total_after, outcome.value.refund_amount], [425_000, 335_000, 90_000]);
    assert.deepEqual(linesAfter(outcome.value.items).map((l) => l.quantity), [150, 1000]);
  });

  test('0 drops a line, but not every line', () => {
    assert.ok(planAmendment(LINES, [{ product_id: 'prod_bulb', quantity: 0 }], ESCROW).ok);
    assert.deepEqual(errorsOf(planAmendment(LINES, [{ product_id: 'prod_bulb', quantity: 0 }, { product_id: 'prod_panel', quantity: 0 }], ESCROW)), ['items']);
  });

  test('refused: more than the contract, a product not on it, a duplicate, nothing lower', () => {
    assert.deepEqual(errorsOf(planAmendment(LINES, [{ product_id: 'prod_panel', quantity: 201 }], ESCROW)), ['items.0.quantity']);
    assert.deepEqual(errorsOf(planAmendment(LINES, [{ product_id: 'prod_other', quantity: 1 }], ESCROW)), ['items.0.product_id']);
    assert.deepEqual(
      errorsOf(planAmendment(LINES, [{ product_id: 'prod_panel', quantity: 1 }, { product_id: 'prod_panel', quantity: 2 }], ESCROW)),
      ['items.1.product_id'],
    );
    assert.deepEqual(errorsOf(planAmendment(LINES, [{ product_id: 'prod_panel', quantity: 200 }], ESCROW)), ['items']);
  });

  test('the refund must fit in escrow: exactly escrow is fine, one more is refused', () => {
    assert.ok(planAmendment(LINES, [{ product_id: 'prod_panel', quantity: 150 }], 90_000).ok);
    const refused = planAmendment(LINES, [{ product_id: 'prod_panel', quantity: 150 }], 89_999);
    assert.ok(!refused.ok && refused.code === 'refund_exceeds_escrow');
  });

  test('totals after: the deposit stays, the balance takes the difference', () => {
    assert.deepEqual(totalsAfter({ total: 425_000, deposit_amount: 170_000 }, 90_000), { total: 335_000, balance_amount: 165_000 });
  });
});

describe('amendment evidence', () => {
  const plan = planAmendment(LINES, [{ product_id: 'prod_panel', quantity: 150 }], ESCROW);
  assert.ok(plan.ok);
  const source = {
    id: 'amd_1', contract_id: 'ctr_1', order_id: 'ord_1', number: 1, reason: 'short', items: plan.value.items, currency: 'USD',
    total_before: 425_000, total_after: 335_000, refund_amount: 90_000, proposed_by: 'sup_1', created_at: '2026-01-01T00:00:00.000Z',
  };
  const context = { buyer_id: 'buy_1', supplier_id: 'sup_1', amends_digest: 'a'.repeat(64) };
  const signature = { signer_name: 'Jane', confirmed_at: '2026-01-02T00:00:00.000Z' };

  test('is deterministic, chained to what it amends, and ignores extra row fields', () => {
    const one = amendmentEvidence(source, context, signature);
    assert.deepEqual(amendmentEvidence({ ...source, extra: 'ignored' } as typeof source, context, signature), one);
    assert.match(one.digest, /^[0-9a-f]{64}$/);
    assert.notEqual(amendmentEvidence(source, { ...context, amends_digest: 'b'.repeat(64) }, signature).digest, one.digest);
    assert.notEqual(amendmentEvidence({ ...source, refund_amount: 1 }, context, signature).digest, one.digest);
    assert.equal(canonicalAmendment(source, context, signature).format, 'k100/amendment-evidence/1');
  });

  test('the ledger refund moves escrow to refunds and never beyond escrow', () => {
    const [t] = amendmentRefunded('USD', 255_000, 90_000);
    assert.deepEqual(t!.entries, [{ account: 'escrow', amount: -90_000 }, { account: 'refunds', amount: 90_000 }]);
    assert.ok(applyTransfers({ USD: { escrow: 255_000 } }, [t!]).ok);
    assert.deepEqual(amendmentRefunded('USD', 10, 0), []);
    assert.throws(() => amendmentRefunded('USD', 10, 11), RangeError);
  });
});
