/** The pure fulfilment rules: step order, who acts, status after each step, next step, milestones; and the warehouse arithmetic. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  allowActor,
  allowMode,
  allowStep,
  MILESTONE_CODES,
  milestonesOf,
  nextStep,
  statusAfter,
  STEP_ACTOR,
  TRACKING_CODES,
  type FulfilmentFacts,
  type FulfilmentStep,
} from '../../server/domain/fulfilment.js';
import { containerCheckDigit, isValidContainerNumber, measuredTotals, requiredSample, weightDiffers, kgToGrams, cmToMm } from '../../server/domain/measures.js';

/** A paid order with nothing done at the warehouse yet (10 % inspection, fcl). */
const paid = (over: Partial<FulfilmentFacts> = {}): FulfilmentFacts => ({
  payment_status: 'escrow_funded',
  status: 'paid',
  warehouse_assigned: true,
  inspection_percent: 10,
  shipping_mode: 'fcl',
  packing_list_revision: null,
  receipts: 0,
  cartons_on_hand: 0,
  measurement: 'none',
  latest_inspection: null,
  inspection_stale: false,
  consolidated: false,
  customs_released: false,
  tracking: [],
  cross_check: 'discrepancy',
  dispute_open: false,
  ...over,
});

/** Everything done up to consolidation's preconditions. */
const ready = (over: Partial<FulfilmentFacts> = {}) =>
  paid({ packing_list_revision: 1, receipts: 1, cartons_on_hand: 9, measurement: 'current', latest_inspection: 'pass', cross_check: 'match', status: 'at_warehouse', ...over });

const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

const STEPS = Object.keys(STEP_ACTOR) as FulfilmentStep[];

describe('allowStep: payment and closure come first', () => {
  test('before payment every step is not_paid; after settlement, release or refund order_closed', () => {
    for (const step of STEPS) {
      assert.equal(code(allowStep(step, paid({ payment_status: 'unpaid', status: 'awaiting_payment' }))), 'not_paid', step);
      assert.equal(code(allowStep(step, ready({ payment_status: 'released', status: 'settled' }))), 'order_closed', step);
      assert.equal(code(allowStep(step, ready({ payment_status: 'refunded', status: 'refunded' }))), 'order_closed', step);
      // A dispute resolved by releasing escrow closes the order though its status never reached settled.
      assert.equal(code(allowStep(step, ready({ payment_status: 'released' }))), 'order_closed', step);
    }
  });

  test('a disputed order is still held: steps go on', () => {
    assert.equal(code(allowStep('receipt', paid({ payment_status: 'disputed' }))), 'ok');
  });

  test('no designated warehouse: operator steps refuse, the packing list does not', () => {
    for (const step of STEPS) {
      const expected = STEP_ACTOR[step] === 'operator' ? 'no_designated_warehouse' : 'ok';
      assert.equal(code(allowStep(step, paid({ warehouse_assigned: false }))), expected, step);
    }
  });
});

describe('allowStep: the order of steps', () => {
  test('receipts and returns until consolidation; inspections and measurements need a receipt', () => {
    assert.equal(code(allowStep('receipt', paid())), 'ok');
    assert.equal(code(allowStep('receipt', ready({ consolidated: true }))), 'step_out_of_order');
    assert.equal(code(allowStep('return', ready({ consolidated: true }))), 'step_out_of_order');
    assert.equal(code(allowStep('inspection', paid())), 'step_out_of_order');
    assert.equal(code(allowStep('measurement', paid())), 'step_out_of_order');
    assert.equal(code(allowStep('inspection', ready())), 'ok');
    assert.equal(code(allowStep('inspection', ready({ inspection_percent: 0 }))), 'inspection_not_agreed');
  });

  test('consolidation needs receipt, current measurement, a passed inspection (if agreed) and a match; once', () => {
    assert.equal(code(allowStep('consolidation', ready())), 'ok');
    assert.equal(code(allowStep('consolidation', paid())), 'step_out_of_order');
    assert.equal(code(allowStep('consolidation', ready({ measurement: 'none' }))), 'step_out_of_order');
    assert.equal(code(allowStep('consolidation', ready({ measurement: 'stale' }))), 'step_out_of_order');
    assert.equal(code(allowStep('consolidation', ready({ latest_inspection: null }))), 'step_out_of_order');
    assert.equal(code(allowStep('consolidation', ready({ latest_inspection: 'fail' }))), 'inspection_failed');
    assert.equal(code(allowStep('consolidation', ready({ latest_inspection: null, inspection_percent: 0 }))), 'ok');
    assert.equal(code(allowStep('consolidation', ready({ cross_check: 'discrepancy' }))), 'cross_check_failed');
    assert.equal(code(allowStep('consolidation', ready({ consolidated: true }))), 'step_out_of_order');
    assert.equal(code(allowStep('consolidation', ready({ inspection_stale: true, inspection_percent: 0 }))), 'ok');
    assert.equal(code(allowMode({ shipping_mode: 'fcl' }, 'lcl')), 'mode_mismatch');
    assert.equal(code(allowMode({ shipping_mode: 'courier' }, 'courier')), 'ok');
  });

  test('cartons received after the latest passed inspection make it stale: consolidation waits for a new inspection of all cartons on hand', () => {
    const late = ready({ cartons_on_hand: 12, inspection_stale: true });
    const r = allowStep('consolidation', late);
    assert.equal(code(r), 'step_out_of_order');
    // ceil(12 × 10 / 100) = 2 of all 12 cartons on hand, the late ones among the population.
    assert.match(r.ok ? '' : r.message, /received after the latest inspection.*inspect again.*at least 2 of all 12 cartons on hand \(10 %\)/);
    assert.deepEqual(nextStep(late), { code: 'inspection', by: 'operator' });
    // The re-inspection itself is allowed (before consolidation), and once current consolidation is open again.
    assert.equal(code(allowStep('inspection', late)), 'ok');
    assert.equal(code(allowStep('consolidation', { ...late, inspection_stale: false })), 'ok');
    // A failed latest inspection stays the stronger reason.
    assert.equal(code(allowStep('consolidation', ready({ latest_inspection: 'fail', inspection_stale: true }))), 'inspection_failed');
  });

  test('customs after consolidation, once; the packing list until customs release', () => {
    assert.equal(code(allowStep('customs_release', ready())), 'step_out_of_order');
    assert.equal(code(allowStep('customs_release', ready({ consolidated: true }))), 'ok');
    assert.equal(code(allowStep('customs_release', ready({ consolidated: true, customs_released: true }))), 'step_out_of_order');
    assert.equal(code(allowStep('packing_list', ready({ consolidated: true }))), 'ok');
    assert.equal(code(allowStep('packing_list', ready({ consolidated: true, customs_released: true }))), 'step_out_of_order');
  });

  test('tracking codes strictly in order, each once, after customs release', () => {
    const cleared = ready({ consolidated: true, customs_released: true });
    assert.equal(code(allowStep('departed', ready({ consolidated: true }))), 'step_out_of_order');
    for (let i = 0; i < TRACKING_CODES.length; i++) {
      const done = TRACKING_CODES.slice(0, i);
      for (let j = 0; j < TRACKING_CODES.length; j++) {
        const expected = j === i ? 'ok' : 'step_out_of_order';
        assert.equal(code(allowStep(TRACKING_CODES[j]!, { ...cleared, tracking: done })), expected, `${TRACKING_CODES[j]} after ${done.join(',')}`);
      }
    }
  });

  test('ownership transfer after pickup, with a match and no open dispute', () => {
    const pickedUp = ready({ consolidated: true, customs_released: true, tracking: [...TRACKING_CODES] });
    assert.equal(code(allowStep('ownership_transfer', pickedUp)), 'ok');
    assert.equal(code(allowStep('ownership_transfer', { ...pickedUp, tracking: TRACKING_CODES.slice(0, 3) })), 'step_out_of_order');
    assert.equal(code(allowStep('ownership_transfer', { ...pickedUp, cross_check: 'discrepancy' })), 'cross_check_failed');
    assert.equal(code(allowStep('ownership_transfer', { ...pickedUp, dispute_open: true, payment_status: 'disputed' })), 'dispute_open');
  });

  test('property: a refusal is always one of the documented codes, and a step on an unpaid or closed order never passes', () => {
    const facts = fc.record({
      payment_status: fc.constantFrom('unpaid', 'escrow_funded', 'disputed', 'released', 'refunded'),
      status: fc.constantFrom('awaiting_payment', 'paid', 'at_warehouse', 'consolidated', 'settled', 'refunded'),
      warehouse_assigned: fc.boolean(),
      inspection_percent: fc.constantFrom(0, 10, 100),
      shipping_mode: fc.constantFrom('fcl' as const, 'lcl' as const, 'courier' as const),
      packing_list_revision: fc.option(fc.integer({ min: 1, max: 5 })),
      receipts: fc.integer({ min: 0, max: 3 }),
      cartons_on_hand: fc.integer({ min: 0, max: 20 }),
      measurement: fc.constantFrom('none' as const, 'stale' as const, 'current' as const),
      latest_inspection: fc.constantFrom(null, 'pass' as const, 'fail' as const),
      inspection_stale: fc.boolean(),
      consolidated: fc.boolean(),
      customs_released: fc.boolean(),
      tracking: fc.integer({ min: 0, max: 4 }).map((n) => TRACKING_CODES.slice(0, n)),
      cross_check: fc.constantFrom('match' as const, 'discrepancy' as const),
      dispute_open: fc.boolean(),
    });
    const documented = new Set(['no_designated_warehouse', 'not_paid', 'order_closed', 'step_out_of_order', 'inspection_not_agreed', 'inspection_failed', 'cross_check_failed', 'dispute_open']);
    fc.assert(
      fc.property(facts, fc.constantFrom(...STEPS), (f, step) => {
        const r = allowStep(step, f);
        if (!r.ok) assert.ok(documented.has(r.code), r.code);
        if (f.payment_status === 'unpaid' || f.payment_status === 'released' || f.payment_status === 'refunded' || f.status === 'settled') assert.equal(r.ok, false);
        if (step === 'ownership_transfer' && r.ok) assert.equal(f.cross_check, 'match');
        if (step === 'consolidation' && r.ok) assert.equal(f.measurement, 'current');
        if (step === 'consolidation' && r.ok && f.inspection_percent > 0) assert.deepEqual([f.latest_inspection, f.inspection_stale], ['pass', false]);
      }),
    );
  });
});

describe('who acts, and where it leads', () => {
  test('the supplier writes the packing list; the operator does everything else', () => {
    assert.equal(code(allowActor('packing_list', 'supplier')), 'ok');
    assert.equal(code(allowActor('packing_list', 'operator')), 'wrong_party');
    for (const step of STEPS.filter((s) => s !== 'packing_list')) {
      assert.equal(code(allowActor(step, 'operator')), 'ok');
      assert.equal(code(allowActor(step, 'buyer')), 'wrong_party');
      assert.equal(code(allowActor(step, 'supplier')), 'wrong_party');
    }
  });

  test('status after each step', () => {
    assert.deepEqual(
      STEPS.map((s) => statusAfter(s, 'at_warehouse')),
      ['at_warehouse', 'at_warehouse', 'at_warehouse', 'at_warehouse', 'at_warehouse', 'consolidated', 'customs_released', 'in_transit', 'arrived', 'ready_for_pickup', 'picked_up', 'settled'],
    );
    assert.equal(statusAfter('packing_list', 'paid'), 'paid');
    assert.equal(statusAfter('receipt', 'paid'), 'at_warehouse');
  });

  test('next step follows the order of the steps', () => {
    assert.deepEqual(nextStep(paid({ payment_status: 'unpaid', status: 'awaiting_payment' })), { code: 'payment', by: 'buyer' });
    assert.deepEqual(nextStep(paid()), { code: 'packing_list', by: 'supplier' });
    assert.deepEqual(nextStep(paid({ packing_list_revision: 1 })), { code: 'receipt', by: 'operator' });
    assert.deepEqual(nextStep(ready({ latest_inspection: null })), { code: 'inspection', by: 'operator' });
    assert.deepEqual(nextStep(ready({ measurement: 'stale' })), { code: 'measurement', by: 'operator' });
    assert.deepEqual(nextStep(ready({ inspection_stale: true, measurement: 'stale' })), { code: 'inspection', by: 'operator' });
    assert.deepEqual(nextStep(ready({ cross_check: 'discrepancy' }), ['short']), { code: 'receipt', by: 'operator' });
    assert.deepEqual(nextStep(ready({ cross_check: 'discrepancy' }), ['excess']), { code: 'return', by: 'operator' });
    assert.deepEqual(nextStep(ready({ cross_check: 'discrepancy' }), ['packing_list_mismatch']), { code: 'packing_list', by: 'supplier' });
    assert.deepEqual(nextStep(ready()), { code: 'consolidation', by: 'operator' });
    assert.deepEqual(nextStep(ready({ consolidated: true })), { code: 'customs_release', by: 'operator' });
    assert.deepEqual(nextStep(ready({ consolidated: true, customs_released: true, tracking: ['departed'] })), { code: 'arrived', by: 'operator' });
    assert.deepEqual(nextStep(ready({ consolidated: true, customs_released: true, tracking: [...TRACKING_CODES] })), { code: 'ownership_transfer', by: 'operator' });
    assert.equal(nextStep(ready({ status: 'settled', payment_status: 'released' })), null);
  });
});

describe('milestonesOf', () => {
  const at = (n: number) => `2026-06-0${n}T10:00:00.000Z`;
  const ev = (code: string, n: number, place: string | null = null) => ({ code, at: at(n), place, actor: null });

  test('done, current, upcoming and skipped, with the latest occurrence of a repeated event', () => {
    const { milestones, current } = milestonesOf(
      [ev('contract_confirmed', 1), ev('payment_received', 2), ev('packing_list_submitted', 3), ev('goods_received', 4, 'Ningbo, CNNGB'), ev('measured', 5), ev('measured', 6)],
      { deposit_percent: 0, inspection_percent: 0 },
    );
    assert.deepEqual(milestones.map((m) => m.code), [...MILESTONE_CODES]);
    const state = Object.fromEntries(milestones.map((m) => [m.code, m.state]));
    assert.deepEqual(
      [state.contract_confirmed, state.payment_received, state.deposit_released, state.goods_received, state.inspected, state.measured, state.consolidated, state.settled],
      ['done', 'done', 'skipped', 'done', 'skipped', 'current', 'upcoming', 'upcoming'],
    );
    assert.equal(current, 'measured');
    assert.equal(milestones.find((m) => m.code === 'measured')!.at, at(6));
    assert.equal(milestones.find((m) => m.code === 'goods_received')!.place, 'Ningbo, CNNGB');
  });

  test('at most one current, and it is the last done', () => {
    fc.assert(
      fc.property(fc.subarray([...MILESTONE_CODES]), fc.boolean(), (codes, zero) => {
        const { milestones, current } = milestonesOf(codes.map((c, i) => ({ code: c, at: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`, place: null, actor: null })), {
          deposit_percent: zero ? 0 : 30,
          inspection_percent: zero ? 0 : 10,
        });
        const currents = milestones.filter((m) => m.state === 'current');
        assert.ok(currents.length <= 1);
        assert.equal(current, codes.length === 0 ? null : MILESTONE_CODES.filter((c) => codes.includes(c)).at(-1));
      }),
    );
  });
});

describe('warehouse arithmetic', () => {
  test('ISO 6346 check digits', () => {
    assert.equal(containerCheckDigit('CSQU305438'), 3);
    assert.ok(isValidContainerNumber('CSQU3054383'));
    assert.ok(!isValidContainerNumber('CSQU3054384'));
    assert.ok(!isValidContainerNumber('csqu3054383'));
    assert.ok(!isValidContainerNumber('CSQX3054383'));
    assert.ok(isValidContainerNumber('MSKU9070323'));
  });

  test('a single wrong character is always caught', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{3}U[0-9]{6}$/), fc.integer({ min: 4, max: 9 }), fc.integer({ min: 1, max: 9 }), (first10, pos, bump) => {
        const valid = first10 + String(containerCheckDigit(first10));
        assert.ok(isValidContainerNumber(valid));
        const digit = (Number(valid[pos]) + bump) % 10;
        const broken = valid.slice(0, pos) + String(digit) + valid.slice(pos + 1);
        // Changing one serial digit changes the weighted sum by a non-multiple of 11 (mod 11 then mod 10 may alias 10 → 0).
        if (containerCheckDigit(broken.slice(0, 10)) !== 0 || containerCheckDigit(first10) !== 0) assert.ok(!isValidContainerNumber(broken), broken);
      }),
    );
  });

  test('sample size: the agreed percent rounded up, at least one', () => {
    assert.equal(requiredSample(9, 10), 1);
    assert.equal(requiredSample(11, 10), 2);
    assert.equal(requiredSample(100, 10), 10);
    assert.equal(requiredSample(0, 10), 1);
    assert.equal(requiredSample(7, 100), 7);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 100 }), (n, p) => {
        const s = requiredSample(n, p);
        assert.ok(s >= 1 && s <= n && s * 100 >= n * p && (s - 1) * 100 < Math.max(n * p, 100));
      }),
    );
  });

  test('units and totals: integers in, kg and CBM out', () => {
    assert.equal(kgToGrams(12.3456), 12346);
    assert.equal(cmToMm(60.04), 600);
    assert.deepEqual(measuredTotals([{ weight_g: 12500, length_mm: 600, width_mm: 400, height_mm: 300 }, { weight_g: 8000, length_mm: 600, width_mm: 400, height_mm: 300 }]), {
      cartons: 2,
      weight_kg: 20.5,
      volume_cbm: 0.144,
    });
    // 5000 cartons of 20 m edges overflow a double's exact range; BigInt keeps the sum exact.
    const huge = Array.from({ length: 5000 }, () => ({ weight_g: 1, length_mm: 20000, width_mm: 20000, height_mm: 20000 }));
    assert.equal(measuredTotals(huge).volume_cbm, 40_000_000);
  });

  test('weight rule: over 2 % and over 0.5 kg apart', () => {
    assert.ok(!weightDiffers(12500, 12700)); // 0.2 kg
    assert.ok(!weightDiffers(100000, 101500)); // 1.5 % of 100 kg
    assert.ok(weightDiffers(12500, 13100)); // 0.6 kg, 4.8 %
    assert.ok(!weightDiffers(20000, 20500)); // exactly 0.5 kg
  });
});
