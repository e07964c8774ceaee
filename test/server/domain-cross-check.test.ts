/** The three-way cross-check, as a pure function: contract vs packing list vs goods on hand, and declared vs measured weight. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { crossCheck, type CrossCheckInput, type PackingListCarton, type ReceivedCarton } from '../../server/domain/cross-check.js';

const CONTRACT = [
  { product_id: 'prod_panel', product_name: 'LED panel', quantity: 200 },
  { product_id: 'prod_bulb', product_name: 'LED bulb', quantity: 1000 },
];

const carton = (barcode: string, product_id: string, quantity: number, gross_weight_g: number | null = null): PackingListCarton => ({ barcode, product_id, quantity, gross_weight_g });
const LIST: PackingListCarton[] = [carton('P1', 'prod_panel', 100, 12500), carton('P2', 'prod_panel', 100, 12500), carton('B1', 'prod_bulb', 1000, 8000)];
const got = (cartons: PackingListCarton[], returned: string[] = []): ReceivedCarton[] => cartons.map((c) => ({ barcode: c.barcode, product_id: c.product_id, quantity: c.quantity, returned: returned.includes(c.barcode) }));

const input = (over: Partial<CrossCheckInput> = {}): CrossCheckInput => ({
  contract: CONTRACT,
  packing_list: { revision: 1, cartons: LIST },
  received: got(LIST),
  measured_weights: new Map(),
  other_product_names: new Map(),
  ...over,
});

describe('crossCheck', () => {
  test('everything agrees: match, one line per product', () => {
    const r = crossCheck(input());
    assert.equal(r.status, 'match');
    assert.equal(r.packing_list_revision, 1);
    assert.deepEqual(r.differences, []);
    assert.deepEqual(r.lines, [
      { product_id: 'prod_panel', product_name: 'LED panel', contract_quantity: 200, packing_list_quantity: 200, received_quantity: 200 },
      { product_id: 'prod_bulb', product_name: 'LED bulb', contract_quantity: 1000, packing_list_quantity: 1000, received_quantity: 1000 },
    ]);
  });

  test('short: a carton did not arrive', () => {
    const r = crossCheck(input({ received: got(LIST.slice(1)) }));
    assert.equal(r.status, 'discrepancy');
    assert.deepEqual(r.differences, [{ kind: 'short', product_id: 'prod_panel', product_name: 'LED panel', expected: 200, packing_list: 200, received: 100 }]);
  });

  test('excess: one carton too many; returning it makes it match again', () => {
    const extra = carton('P3', 'prod_panel', 100);
    const r = crossCheck(input({ received: got([...LIST, extra]) }));
    assert.deepEqual(r.differences, [{ kind: 'excess', product_id: 'prod_panel', product_name: 'LED panel', expected: 200, packing_list: 200, received: 300 }]);
    assert.equal(crossCheck(input({ received: got([...LIST, extra], ['P3']) })).status, 'match');
  });

  test('wrong product: not on the contract, named from the catalog when known', () => {
    const wrong = carton('X1', 'prod_other', 10);
    const r = crossCheck(input({ received: got([...LIST, wrong]), other_product_names: new Map([['prod_other', 'Desk lamp']]) }));
    assert.deepEqual(r.differences, [{ kind: 'unexpected_product', product_id: 'prod_other', product_name: 'Desk lamp', received: 10 }]);
    assert.deepEqual(r.lines.at(-1), { product_id: 'prod_other', product_name: 'Desk lamp', contract_quantity: 0, packing_list_quantity: 0, received_quantity: 10 });
    const unknown = crossCheck(input({ received: got([...LIST, wrong]) }));
    assert.equal((unknown.differences[0] as { product_name: string | null }).product_name, null);
  });

  test('packing list missing, or listing other quantities than the contract', () => {
    assert.deepEqual(crossCheck(input({ packing_list: null })).differences, [{ kind: 'packing_list_missing' }]);
    const r = crossCheck(input({ packing_list: { revision: 2, cartons: LIST.slice(1) } }));
    assert.deepEqual(r.differences, [{ kind: 'packing_list_mismatch', product_id: 'prod_panel', product_name: 'LED panel', contract: 200, packing_list: 100 }]);
    assert.equal(r.packing_list_revision, 2);
  });

  test('weight: declared vs measured, only beyond 2 % and 0.5 kg; returned cartons are not weighed against', () => {
    const measured = new Map([['P1', 13200], ['P2', 12700], ['B1', 8000]]);
    const r = crossCheck(input({ measured_weights: measured }));
    assert.deepEqual(r.differences, [{ kind: 'weight_mismatch', barcode: 'P1', declared_kg: 12.5, measured_kg: 13.2 }]);
  });

  test('an amended contract line of 0 drops the product: goods of it are then unexpected', () => {
    const amended = [CONTRACT[0]!, { ...CONTRACT[1]!, quantity: 0 }];
    const r = crossCheck(input({ contract: amended, packing_list: { revision: 2, cartons: LIST.slice(0, 2) }, received: got(LIST.slice(0, 2)) }));
    assert.equal(r.status, 'match');
  });

  test('property: match exactly when received on hand, packing list and contract agree per product (no weights)', () => {
    const products = ['p1', 'p2', 'p3'];
    const arb = fc.record({
      contract: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }),
      listed: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }),
      received: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }),
      returned: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
    });
    fc.assert(
      fc.property(arb, ({ contract, listed, received, returned }) => {
        const cartons = (counts: number[], prefix: string) => products.flatMap((p, i) => Array.from({ length: counts[i]! }, (_, n) => carton(`${prefix}${p}-${n}`, p, 10)));
        const receivedCartons = [
          ...got(cartons(received, 'R')),
          ...got(cartons(returned, 'X'), cartons(returned, 'X').map((c) => c.barcode)),
        ];
        const r = crossCheck({
          contract: products.map((p, i) => ({ product_id: p, product_name: p, quantity: contract[i]! * 10 })),
          packing_list: { revision: 1, cartons: cartons(listed, 'L') },
          received: receivedCartons,
          measured_weights: new Map(),
          other_product_names: new Map(),
        });
        const agree = products.every((_, i) => contract[i] === listed[i] && contract[i] === received[i]);
        assert.equal(r.status, agree ? 'match' : 'discrepancy');
        assert.equal(r.status === 'match', r.differences.length === 0);
        for (const line of r.lines) assert.equal(line.received_quantity, received[products.indexOf(line.product_id)]! * 10);
      }),
    );
  });
});
