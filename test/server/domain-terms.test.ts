/** Terms validation, pricing and rounding, and field-level differences of terms, clauses and legal entities. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Clauses, LegalEntity, Terms, type TermsItem } from '../../server/schemas/terms.js';
import { diffClauses, diffLegalEntities, diffTerms, priceTerms, splitDeposit } from '../../server/domain/terms.js';
import { clauses, legalEntities, terms } from './domain-fixtures.js';

const MAX = Number.MAX_SAFE_INTEGER;

/** The dotted issue paths of a failed parse; a success here is a test failure. */
function failingPaths(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } }, input: unknown) {
  const result = schema.safeParse(input);
  assert.equal(result.success, false, `expected ${JSON.stringify(input)?.slice(0, 200)} to be refused`);
  return [...new Set(result.error!.issues.map((issue) => issue.path.map(String).join('.')))];
}

const items = (n: number): TermsItem[] =>
  Array.from({ length: n }, (_, i) => ({ product_id: `prod_${i}`, quantity: 1, unit_price: 1 }));

describe('Terms schema', () => {
  it('accepts valid terms, normalises the port and strips client-sent totals', () => {
    const parsed = Terms.parse({ ...terms({ destination_port: ' cnsha ' }), subtotal: 1, totals: { subtotal: 1 } });
    assert.equal(parsed.destination_port, 'CNSHA');
    assert.equal('subtotal' in parsed, false);
    assert.equal('totals' in parsed, false);
  });

  it('accepts the edges of every range', () => {
    for (const ok of [
      terms({ deposit_percent: 0, inspection_percent: 100 }),
      terms({ deposit_percent: 100, inspection_percent: 0 }),
      terms({ items: [{ product_id: 'p', quantity: 10_000_000, unit_price: 0 }] }),
      terms({ items: items(100) }),
      terms({ delivery_date: '2028-02-29', notes: 'x'.repeat(2000) }),
      ...['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'].map((incoterm) => terms({ incoterm } as never)),
      ...['fcl', 'lcl', 'courier'].map((shipping_mode) => terms({ shipping_mode } as never)),
    ]) {
      assert.equal(Terms.safeParse(ok).success, true, JSON.stringify(ok).slice(0, 200));
    }
  });

  const base = terms();
  const item0 = base.items[0]!;
  const bad: [string, unknown, string][] = [
    ['currency lower case', { ...base, currency: 'usd' }, 'currency'],
    ['currency missing', { ...base, currency: undefined }, 'currency'],
    ['no items', { ...base, items: [] }, 'items'],
    ['101 items', { ...base, items: items(101) }, 'items'],
    ['items not a list', { ...base, items: 'prod_a' }, 'items'],
    ['zero quantity', { ...base, items: [{ ...item0, quantity: 0 }] }, 'items.0.quantity'],
    ['fractional quantity', { ...base, items: [{ ...item0, quantity: 1.5 }] }, 'items.0.quantity'],
    ['quantity over 10 000 000', { ...base, items: [{ ...item0, quantity: 10_000_001 }] }, 'items.0.quantity'],
    ['quantity as text', { ...base, items: [{ ...item0, quantity: '5' }] }, 'items.0.quantity'],
    ['negative price', { ...base, items: [base.items[0], { ...base.items[1], unit_price: -1 }] }, 'items.1.unit_price'],
    ['fractional price', { ...base, items: [{ ...item0, unit_price: 12.5 }] }, 'items.0.unit_price'],
    ['bad product id', { ...base, items: [{ ...item0, product_id: 'prod a!' }] }, 'items.0.product_id'],
    ['duplicate product', { ...base, items: [item0, { ...item0, quantity: 2 }] }, 'items.1.product_id'],
    ['line total overflow', { ...base, items: [{ ...item0, quantity: 2, unit_price: MAX }] }, 'items.0.unit_price'],
    ['subtotal overflow', { ...base, items: [{ ...item0, quantity: 1, unit_price: MAX }, { product_id: 'p2', quantity: 1, unit_price: 1 }] }, 'items'],
    ['unknown incoterm', { ...base, incoterm: 'FOBB' }, 'incoterm'],
    ['lower-case incoterm', { ...base, incoterm: 'fob' }, 'incoterm'],
    ['Incoterms 2010 DAT', { ...base, incoterm: 'DAT' }, 'incoterm'],
    ['impossible date', { ...base, delivery_date: '2027-02-29' }, 'delivery_date'],
    ['31 April', { ...base, delivery_date: '2026-04-31' }, 'delivery_date'],
    ['unpadded date', { ...base, delivery_date: '2026-4-1' }, 'delivery_date'],
    ['date with time', { ...base, delivery_date: '2026-12-15T00:00:00Z' }, 'delivery_date'],
    ['deposit over 100', { ...base, deposit_percent: 101 }, 'deposit_percent'],
    ['negative deposit', { ...base, deposit_percent: -1 }, 'deposit_percent'],
    ['fractional deposit', { ...base, deposit_percent: 12.5 }, 'deposit_percent'],
    ['inspection over 100', { ...base, inspection_percent: 101 }, 'inspection_percent'],
    ['inspection missing', { ...base, inspection_percent: undefined }, 'inspection_percent'],
    ['air freight', { ...base, shipping_mode: 'air' }, 'shipping_mode'],
    ['port too short', { ...base, destination_port: 'NLRT' }, 'destination_port'],
    ['port with a space', { ...base, destination_port: 'NL RTM' }, 'destination_port'],
    ['port with a digit 0', { ...base, destination_port: 'NLR0M' }, 'destination_port'],
    ['port with a digit country', { ...base, destination_port: 'N1RTM' }, 'destination_port'],
    ['notes too long', { ...base, notes: 'x'.repeat(2001) }, 'notes'],
  ];
  for (const [name, input, path] of bad) {
    it(`refuses ${name} at "${path}" only`, () => {
      assert.deepEqual(failingPaths(Terms, input), [path]);
    });
  }

  it('says what is wrong in words a person can act on', () => {
    const messages = (input: unknown) => Terms.safeParse(input).error!.issues.map((i) => i.message);
    assert.deepEqual(messages({ ...base, deposit_percent: undefined }), ['is required']);
    assert.deepEqual(messages({ ...base, deposit_percent: 101 }), ['must be 0 to 100']);
    assert.deepEqual(messages({ ...base, items: [item0, item0] }), ['appears twice; give each product one line']);
    assert.match(messages({ ...base, incoterm: 'XXX' })[0]!, /Incoterms 2020.*EXW.*CIF/);
    assert.match(messages({ ...base, delivery_date: '2027-02-29' })[0]!, /real calendar date/);
    assert.match(messages({ ...base, destination_port: 'x' })[0]!, /UN\/LOCODE/);
  });
});

describe('Clauses and legal entities', () => {
  it('refuses an empty title, a huge body and too many clauses at their paths', () => {
    assert.deepEqual(failingPaths(Clauses, [{ title: '  ', body: 'b' }]), ['0.title']);
    assert.deepEqual(failingPaths(Clauses, [{ title: 't', body: 'b' }, { title: 't', body: 'x'.repeat(20_001) }]), ['1.body']);
    assert.deepEqual(failingPaths(Clauses, Array.from({ length: 101 }, () => ({ title: 't', body: 'b' }))), ['']);
    assert.deepEqual(failingPaths(Clauses, []), ['']);
    assert.equal(Clauses.safeParse(clauses()).success, true);
  });

  it('normalises the country and refuses alpha-3 codes', () => {
    assert.equal(LegalEntity.parse({ ...legalEntities().buyer, country: 'nl' }).country, 'NL');
    assert.deepEqual(failingPaths(LegalEntity, { ...legalEntities().buyer, country: 'NLD' }), ['country']);
    assert.deepEqual(failingPaths(LegalEntity, { ...legalEntities().buyer, name: '' }), ['name']);
  });
});

describe('priceTerms', () => {
  it('computes line totals, subtotal, deposit and balance', () => {
    const priced = priceTerms(terms());
    assert.deepEqual(priced.items.map((i) => i.line_total), [125_000, 297]);
    // 125 297 × 30 % = 37 589.1 → deposit 37 589, balance 87 708.
    assert.deepEqual(priced.totals, { subtotal: 125_297, deposit_amount: 37_589, balance_amount: 87_708 });
  });

  it('never trusts totals the client sent', () => {
    const forged = { ...terms(), items: [{ ...terms().items[0]!, line_total: 1 }], totals: { subtotal: 1, deposit_amount: 0, balance_amount: 1 } };
    const priced = priceTerms(forged as never);
    assert.equal(priced.items[0]!.line_total, 125_000);
    assert.equal(priced.totals.subtotal, 125_000);
  });

  it('refuses totals beyond Number.MAX_SAFE_INTEGER instead of rounding them', () => {
    assert.throws(() => priceTerms(terms({ items: [{ product_id: 'p', quantity: 2, unit_price: MAX }] })), RangeError);
    assert.throws(
      () => priceTerms(terms({ items: [{ product_id: 'p', quantity: 1, unit_price: MAX }, { product_id: 'q', quantity: 1, unit_price: 1 }] })),
      RangeError,
    );
    assert.deepEqual(priceTerms(terms({ items: [{ product_id: 'p', quantity: 1, unit_price: MAX }] })).totals.subtotal, MAX);
  });

  it('splits exactly: deposit = floor(subtotal × pct / 100) and deposit + balance = subtotal, for thousands of cases', () => {
    // Deterministic LCG amounts from 0 to near MAX_SAFE_INTEGER; the oracle is the definition of floor in BigInt.
    let seed = 20_261_127n;
    const next = () => (seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n);
    const amounts = [0, 1, 99, 100, 101, 12_345, MAX - 1, MAX];
    for (let i = 0; i < 60; i++) amounts.push(Number(next() % BigInt(MAX)), Number(next() % 1_000_000n));
    let checked = 0;
    for (const subtotal of amounts) {
      for (let pct = 0; pct <= 100; pct++) {
        const { deposit_amount, balance_amount } = splitDeposit(subtotal, pct);
        assert.ok(Number.isSafeInteger(deposit_amount) && Number.isSafeInteger(balance_amount));
        assert.equal(deposit_amount + balance_amount, subtotal);
        const exact = BigInt(subtotal) * BigInt(pct);
        assert.ok(BigInt(deposit_amount) * 100n <= exact && exact < (BigInt(deposit_amount) + 1n) * 100n, `${subtotal} @ ${pct}%`);
        checked++;
      }
    }
    assert.ok(checked > 10_000);
  });

  it('agrees with priceTerms end to end on many line combinations', () => {
    for (let q = 1; q <= 40; q++) {
      for (const price of [0, 1, 7, 99, 1250, 33_333]) {
        const pct = (q * 7) % 101;
        const t = terms({ deposit_percent: pct, items: [{ product_id: 'a', quantity: q, unit_price: price }, { product_id: 'b', quantity: 3, unit_price: 1 }] });
        const { totals } = priceTerms(t);
        const subtotal = q * price + 3;
        assert.equal(totals.subtotal, subtotal);
        assert.equal(totals.deposit_amount, Math.floor((subtotal * pct) / 100));
        assert.equal(totals.deposit_amount + totals.balance_amount, subtotal);
      }
    }
  });
});

describe('diffTerms', () => {
  it('finds nothing between equal terms, nor when only the line order differs', () => {
    assert.deepEqual(diffTerms(terms(), terms()), []);
    assert.deepEqual(diffTerms(terms(), terms({ items: [...terms().items].reverse() })), []);
  });

  it('reports each changed field by path, items by product id, in a stable order', () => {
    const after = terms({
      deposit_percent: 20,
      currency: 'EUR',
      notes: 'Pallets, please.',
      items: [
        { product_id: 'prod_c', quantity: 5, unit_price: 10 },
        { product_id: 'prod_a', quantity: 120, unit_price: 1250 },
      ],
    });
    assert.deepEqual(diffTerms(terms(), after), [
      { path: 'currency', before: 'USD', after: 'EUR', kind: 'changed' },
      { path: 'items[prod_a].quantity', before: 100, after: 120, kind: 'changed' },
      { path: 'items[prod_b]', before: { product_id: 'prod_b', quantity: 3, unit_price: 99 }, after: null, kind: 'removed' },
      { path: 'items[prod_c]', before: null, after: { product_id: 'prod_c', quantity: 5, unit_price: 10 }, kind: 'added' },
      { path: 'deposit_percent', before: 30, after: 20, kind: 'changed' },
      { path: 'notes', before: null, after: 'Pallets, please.', kind: 'added' },
    ]);
  });

  it('gives the same output whatever order either side lists its lines in, and mirrors when reversed', () => {
    const a = terms();
    const b = terms({ items: [{ product_id: 'prod_b', quantity: 4, unit_price: 99 }, { product_id: 'prod_z', quantity: 1, unit_price: 1 }] });
    const expected = diffTerms(a, b);
    assert.deepEqual(diffTerms({ ...a, items: [...a.items].reverse() }, { ...b, items: [...b.items].reverse() }), expected);
    const flip = { added: 'removed', removed: 'added', changed: 'changed' } as const;
    assert.deepEqual(
      diffTerms(b, a),
      expected.map((d) => ({ path: d.path, before: d.after, after: d.before, kind: flip[d.kind] })),
    );
  });
});

describe('diffClauses and diffLegalEntities', () => {
  it('compares clauses by index and reports added and removed clauses', () => {
    const edited = clauses();
    edited[2] = { ...edited[2]!, body: 'Arbitration in Hong Kong.' };
    assert.deepEqual(diffClauses(clauses(), edited), [
      { path: 'clauses[2].body', before: 'Handled through the Expert Advisor (STS).', after: 'Arbitration in Hong Kong.', kind: 'changed' },
    ]);
    const extra = { title: 'Warranty', body: 'Two years.' };
    assert.deepEqual(diffClauses(clauses(), [...clauses(), extra]), [{ path: 'clauses[3]', before: null, after: extra, kind: 'added' }]);
    assert.deepEqual(diffClauses(clauses(), clauses().slice(0, 2)), [
      { path: 'clauses[2]', before: clauses()[2], after: null, kind: 'removed' },
    ]);
  });

  it('compares legal entities field by field, optional fields included', () => {
    const after = legalEntities();
    after.buyer = { ...after.buyer, registration_no: 'KVK 123', address: 'Rotterdam' };
    assert.deepEqual(diffLegalEntities(legalEntities(), after), [
      { path: 'legal_entities.buyer.address', before: 'Wilhelminakade 1, Rotterdam', after: 'Rotterdam', kind: 'changed' },
      { path: 'legal_entities.buyer.registration_no', before: null, after: 'KVK 123', kind: 'added' },
    ]);
  });
});
