/** K100Pay money rules: exponents and rounding, gateways, quotes, references, the exact-amount rule, refunds and the escrow split. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GATEWAYS, SANDBOX_RATES, gatewayById, gatewayProblems, missingRates, parseRate, type Gateway, type Rates } from '../../server/domain/gateways.js';
import { addMinor, bpsCeil, bpsFloor, ceilDiv, currencyExponent, formatMinor, toMinor } from '../../server/domain/money.js';
import { parseReference, quotePayment, reference, type Quote } from '../../server/domain/quote.js';
import { assessFunds, refundFor, releasePlan, type IntentStatus } from '../../server/domain/settlement.js';
import { PAY_REFUSAL_STATUS } from '../../server/domain/pay-refusal.js';

/** One fixed seed for every property; fast-check prints it (and the shrunk path) in any failure. FC_SEED overrides. */
const SEED = Number(process.env.FC_SEED ?? 20_260_105);
const RUNS = 1000;
const params = { seed: SEED, numRuns: RUNS };
const MAX = Number.MAX_SAFE_INTEGER;
const NOW = '2026-01-05T10:00:00.000Z';

const gateway = (id: string): Gateway => gatewayById(id) ?? assert.fail(`no gateway ${id}`);
const ok = <T>(r: { ok: true; value: T } | { ok: false; code: string; message: string }): T => {
  if (!r.ok) assert.fail(`refused ${r.code}: ${r.message}`);
  return r.value;
};

// assert.ok always gets a message here: without one, Node re-reads and parses this file to quote the failing
// expression, which under tsx takes seconds per failure and stalls fast-check's shrinking for many minutes.

// --- Test-side oracles, written independently of the code under test (plain BigInt arithmetic on decimals). ---
const pow = (n: number) => 10n ** BigInt(n);
function dec(text: string): [bigint, bigint] {
  const [whole, frac = ''] = text.split('.');
  return [BigInt(`${whole}${frac}`), pow(frac.length)];
}
const ceilQ = (n: bigint, d: bigint) => (n % d === 0n ? n / d : n / d + 1n);
const EXPONENTS: Record<string, number> = { USD: 2, EUR: 2, GBP: 2, CNY: 2, HKD: 2, SGD: 2, JPY: 0, KWD: 3 };
const CURRENCIES = Object.keys(EXPONENTS);

describe('money', () => {
  it('knows ISO 4217 exponents from its own table', () => {
    assert.deepEqual(['JPY', 'KRW', 'VND', 'ISK', 'CLP'].map(currencyExponent), [0, 0, 0, 0, 0]);
    assert.deepEqual(['BHD', 'KWD', 'OMR', 'JOD', 'TND'].map(currencyExponent), [3, 3, 3, 3, 3]);
    assert.deepEqual(['USD', 'EUR', 'CNY', 'HKD', 'GBP'].map(currencyExponent), [2, 2, 2, 2, 2]);
    assert.equal(currencyExponent('CLF'), 4);
    assert.throws(() => currencyExponent('usd'), RangeError);
  });

  it('formats, rounds in the named direction and refuses to lose units', () => {
    assert.deepEqual([formatMinor(123456, 'USD'), formatMinor(5, 'EUR'), formatMinor(1234, 'JPY'), formatMinor(1500, 'KWD')], ['1234.56', '0.05', '1234', '1.500']);
    assert.deepEqual([bpsCeil(10_001, 100), bpsFloor(10_001, 100), bpsCeil(10_000, 100), bpsFloor(0, 9999)], [101, 100, 100, 0]);
    assert.equal(ceilDiv(0n, 7n), 0n);
    assert.equal(addMinor(MAX - 1, 1), MAX);
    assert.throws(() => addMinor(MAX, 1), RangeError);
    assert.throws(() => toMinor(-1n, 'x'), RangeError);
    assert.throws(() => bpsCeil(1.5, 1), RangeError);
  });
});

describe('gateways', () => {
  it('are at least three sound gateways with different currencies, spreads and fee rules, all priced by the sandbox rates', () => {
    assert.ok(GATEWAYS.length >= 3, 'fewer than three gateways');
    assert.equal(new Set(GATEWAYS.map((g) => g.id)).size, GATEWAYS.length);
    for (const g of GATEWAYS) {
      assert.deepEqual(gatewayProblems(g), [], g.id);
      assert.deepEqual(missingRates(SANDBOX_RATES, g.currencies), [], g.id);
    }
    assert.equal(new Set(GATEWAYS.map((g) => g.spread_bps)).size, GATEWAYS.length);
    assert.equal(new Set(GATEWAYS.map((g) => JSON.stringify(g.fee))).size, GATEWAYS.length);
    assert.equal(new Set(GATEWAYS.map((g) => g.currencies.join())).size, GATEWAYS.length);
    assert.equal(gateway('bank_transfer').converts, false);
  });

  it('finds a broken gateway', () => {
    const bad = { ...gateway('swiftfx'), spread_bps: -1, fee: { ...gateway('swiftfx').fee, min: { EUR: 5, XXX: 1 }, max: { EUR: 4 } } };
    assert.deepEqual(gatewayProblems(bad), [
      'spread_bps must be 0..10000',
      'fee.min names XXX, which the gateway does not take',
      'fee.min.EUR exceeds fee.max.EUR',
    ]);
  });

  it('parses rates exactly and refuses anything that is not a plain positive decimal', () => {
    assert.deepEqual(parseRate('7.1'), { num: 71n, den: 10n });
    assert.deepEqual(parseRate('0.000000000001'), { num: 1n, den: 10n ** 12n });
    for (const bad of ['0', '0.0', '-1', '1e3', '01.5', '1.', '.5', ' 1', '1.0000000000001', 'NaN']) assert.equal(parseRate(bad), null, bad);
  });
});

describe('quotePayment: worked examples, one per gateway, computed by hand', () => {
  it('bank_transfer: USD 1 252.97 paid in USD: no FX, flat USD 25.00 fee', () => {
    const q = ok(quotePayment({ contract_total: 125_297, contract_currency: 'USD', gateway: gateway('bank_transfer'), pay_currency: 'USD', rates: SANDBOX_RATES, now: NOW }));
    assert.deepEqual(q, {
      gateway: 'bank_transfer',
      amount_due: 127_797,
      currency: 'USD',
      breakdown: {
        contract_total: 125_297, contract_currency: 'USD', mid_rate: '1', spread_bps: 0, rate: '1', converted_amount: 125_297, fee: 2500,
        fee_rule: { percent_bps: 0, fixed: 2500, min: null, max: null },
      },
      expires_at: '2026-01-08T10:00:00.000Z',
    } satisfies Quote);
  });

  it('globalpay_fx: USD 1 252.97 paid in CNY at 7.1 × 1.008 = 7.1568, fee 1.2 % rounded up', () => {
    // 1 252.97 × 7.1568 = 8 967.255696 CNY → 896 726 fen (up); fee ⌈896 726 × 1.2 %⌉ = ⌈10 760.712⌉ = 10 761 fen.
    const q = ok(quotePayment({ contract_total: 125_297, contract_currency: 'USD', gateway: gateway('globalpay_fx'), pay_currency: 'CNY', rates: SANDBOX_RATES, now: NOW }));
    assert.equal(q.breakdown.mid_rate, '7.1');
    assert.equal(q.breakdown.rate, '7.1568');
    assert.equal(q.breakdown.converted_amount, 896_726);
    assert.equal(q.breakdown.fee, 10_761);
    assert.equal(q.amount_due, 907_487);
    assert.equal(q.expires_at, '2026-01-05T10:15:00.000Z');
  });

  it('swiftfx: EUR 10 000.00 paid in JPY (0 decimals) at 150 / 0.92 × 1.0035, rate rounded up at 12 decimals', () => {
    // 150.525 / 0.92 = 163.614130434782608… → 163.614130434783; × 10 000 = 1 636 141.30434783 → ¥1 636 142;
    // fee ⌈1 636 142 × 0.45 %⌉ + ¥50 = 7 363 + 50 = ¥7 413.
    const q = ok(quotePayment({ contract_total: 1_000_000, contract_currency: 'EUR', gateway: gateway('swiftfx'), pay_currency: 'JPY', rates: SANDBOX_RATES, now: NOW }));
    assert.equal(q.breakdown.rate, '163.614130434783');
    assert.equal(q.breakdown.mid_rate, '163.04347826087');
    assert.equal(q.breakdown.converted_amount, 1_636_142);
    assert.equal(q.breakdown.fee, 7413);
    assert.equal(q.amount_due, 1_643_555);
    assert.equal(q.expires_at, '2026-01-05T10:30:00.000Z');
  });

  it('swiftfx: CNY 710.00 paid in KWD (3 decimals) where the minimum fee applies', () => {
    // 0.307 / 7.1 × 1.0035 = 0.04339077464788… → 0.043390774648; × 710 = 30.80745000008 KWD → 30 808 fils;
    // ⌈30 808 × 0.45 %⌉ + 100 = 139 + 100 = 239 < minimum 500 fils.
    const q = ok(quotePayment({ contract_total: 71_000, contract_currency: 'CNY', gateway: gateway('swiftfx'), pay_currency: 'KWD', rates: SANDBOX_RATES, now: NOW }));
    assert.equal(q.breakdown.rate, '0.043390774648');
    assert.equal(q.breakdown.converted_amount, 30_808);
    assert.equal(q.breakdown.fee, 500);
    assert.equal(q.amount_due, 31_308);
  });

  it('caps a percentage fee at the maximum, and charges no spread when an FX gateway takes the contract currency', () => {
    const q = ok(quotePayment({ contract_total: 50_000_000_00, contract_currency: 'USD', gateway: gateway('globalpay_fx'), pay_currency: 'USD', rates: SANDBOX_RATES, now: NOW }));
    assert.deepEqual([q.breakdown.rate, q.breakdown.spread_bps, q.breakdown.converted_amount, q.breakdown.fee], ['1', 0, 50_000_000_00, 12_000]);
  });

  it('refuses what a gateway cannot do, with codes that map to statuses', () => {
    const base = { contract_total: 1000, contract_currency: 'USD', rates: SANDBOX_RATES, now: NOW };
    const refusal = (r: ReturnType<typeof quotePayment>) => (r.ok ? 'accepted' : r.code);
    assert.equal(refusal(quotePayment({ ...base, gateway: gateway('bank_transfer'), pay_currency: 'EUR' })), 'currency_not_supported');
    assert.equal(refusal(quotePayment({ ...base, gateway: gateway('globalpay_fx'), pay_currency: 'JPY' })), 'currency_not_supported');
    const noCny: Rates = { ...SANDBOX_RATES, quotes: { EUR: '0.92' } };
    assert.equal(refusal(quotePayment({ ...base, gateway: gateway('globalpay_fx'), pay_currency: 'CNY', rates: noCny })), 'rate_unavailable');
    assert.equal(refusal(quotePayment({ ...base, contract_total: MAX, gateway: gateway('swiftfx'), pay_currency: 'JPY' })), 'amount_too_large');
    assert.equal(PAY_REFUSAL_STATUS.currency_not_supported, 422);
    assert.equal(PAY_REFUSAL_STATUS.rate_unavailable, 409);
  });
});

// A random rate table: every currency but the base gets a random positive decimal, or none (to hit rate_unavailable).
const rateText = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 12n - 1n }), fc.integer({ min: 0, max: 12 }))
  .map(([n, d]) => (d === 0 ? `${n}` : `${n / pow(d)}.${(n % pow(d)).toString().padStart(d, '0')}`));
const ratesArb: fc.Arbitrary<Rates> = fc
  .tuple(...CURRENCIES.filter((c) => c !== 'USD').map((c) => fc.option(rateText, { freq: 12 }).map((r) => [c, r] as const)))
  .map((pairs) => ({ base: 'USD', as_of: NOW, quotes: Object.fromEntries(pairs.filter(([, r]) => r !== null)) as Record<string, string> }));
const totalArb = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: MAX }));
const quoteCase = fc
  .record({
    g: fc.constantFrom(...GATEWAYS),
    rates: ratesArb,
    total: totalArb,
    contract: fc.constantFrom(...CURRENCIES),
    pick: fc.nat(),
    mode: fc.constantFrom('listed', 'listed', 'listed', 'same', 'stray'),
    stray: fc.constantFrom(...CURRENCIES),
  })
  .map(({ g, rates, total, contract, pick, mode, stray }) => {
    // Mostly a currency the gateway takes (the contract's own for a non-converting gateway); sometimes anything.
    const listed = g.converts ? g.currencies[pick % g.currencies.length]! : contract;
    const pay = mode === 'stray' ? stray : mode === 'same' ? contract : listed;
    return { g, rates, total, contract, pay };
  });

function oracleMid(rates: Rates, from: string, to: string): [bigint, bigint] | null {
  const q = (c: string) => (c === rates.base ? ([1n, 1n] as [bigint, bigint]) : rates.quotes[c] === undefined ? null : dec(rates.quotes[c]!));
  const f = q(from);
  const t = q(to);
  return f && t ? [t[0] * f[1], t[1] * f[0]] : null;
}

describe('quotePayment properties', () => {
  it(`amount_due == converted + fee, converted never below the exact product and reproducible from the shown rate (${RUNS} cases)`, (t) => {
    const seen = { accepted: 0, fx: 0, refused: 0 };
    fc.assert(
      fc.property(quoteCase, ({ g, rates, total, contract, pay }) => {
        const r = quotePayment({ contract_total: total, contract_currency: contract, gateway: g, pay_currency: pay, rates, now: NOW });
        const same = pay === contract;
        const mid = same ? ([1n, 1n] as [bigint, bigint]) : oracleMid(rates, contract, pay);
        if (!g.currencies.includes(pay) || (!same && !g.converts)) return void (seen.refused++, assert.equal(r.ok ? '' : r.code, 'currency_not_supported'));
        if (!mid) return void (seen.refused++, assert.equal(r.ok ? '' : r.code, 'rate_unavailable'));
        const spread = same ? 0n : BigInt(g.spread_bps);
        // Exact customer rate E = mid × (10 000 + spread) / 10 000 and exact pay-minor amount total × E × 10^eP / 10^eC.
        const [en, ed] = [mid[0] * (10_000n + spread), mid[1] * 10_000n];
        const [pn, pd] = [BigInt(total) * en * pow(EXPONENTS[pay]!), ed * pow(EXPONENTS[contract]!)];
        // The oracle's own quote: E rounded up at 12 decimals, the product rounded up, the fee rule spelled out.
        const shown = ceilQ(en * 10n ** 12n, ed);
        const oracleConverted = ceilQ(BigInt(total) * shown * pow(EXPONENTS[pay]!), 10n ** 12n * pow(EXPONENTS[contract]!));
        const feeFor = (converted: bigint) => {
          const raw = ceilQ(converted * BigInt(g.fee.percent_bps), 10_000n) + BigInt(g.fee.fixed[pay] ?? 0);
          const floor = BigInt(g.fee.min[pay] ?? 0);
          const cap = g.fee.max[pay];
          const fee = raw > floor ? raw : floor;
          return cap !== undefined && fee > BigInt(cap) ? BigInt(cap) : fee;
        };
        const tooLarge = oracleConverted > BigInt(MAX) || oracleConverted + feeFor(oracleConverted) > BigInt(MAX);
        if (!r.ok) {
          seen.refused++;
          assert.equal(r.code, tooLarge ? 'amount_too_large' : 'accepted');
          return;
        }
        assert.equal(tooLarge, false, 'accepted an amount beyond MAX_SAFE_INTEGER');
        seen.accepted++;
        if (!same) seen.fx++;
        const q = r.value;
        const { converted_amount: converted, fee } = q.breakdown;
        assert.equal(q.amount_due, converted + fee);
        assert.equal(q.currency, pay);
        assert.ok(Number.isSafeInteger(q.amount_due) && q.amount_due > 0, `amount_due ${q.amount_due}`);
        assert.ok(BigInt(converted) * pd >= pn, 'converted below the exact product');
        const [rn, rd] = dec(q.breakdown.rate);
        assert.ok(rn * ed >= en * rd && (rn * ed - en * rd) * 10n ** 12n < rd * ed, 'shown rate is not the exact rate rounded up at 12 decimals');
        assert.equal(BigInt(converted), ceilQ(BigInt(total) * rn * pow(EXPONENTS[pay]!), rd * pow(EXPONENTS[contract]!)), 'not reproducible from the shown rate');
        assert.equal(BigInt(converted), oracleConverted);
        assert.equal(BigInt(fee), feeFor(BigInt(converted)));
        assert.equal(Date.parse(q.expires_at) - Date.parse(NOW), g.quote_ttl_seconds * 1000);
      }),
      params,
    );
    t.diagnostic(`generated: ${JSON.stringify(seen)}`);
    // A property that never reaches its main branch proves nothing: make sure it did.
    assert.ok(seen.accepted > RUNS / 3 && seen.fx > RUNS / 5 && seen.refused > 20, JSON.stringify(seen));
  });
});

describe('payment references', () => {
  it('look like K100-XXXX-XXXX-XXXX-C, are stable, and differ per intent', () => {
    const a = reference('ord_abc', 1);
    assert.match(a, /^K100-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/);
    assert.equal(reference('ord_abc', 1), a);
    assert.notEqual(reference('ord_abc', 2), a);
    assert.notEqual(reference('ord_abd', 1), a);
    assert.throws(() => reference('ord_abc', 0), RangeError);
  });

  it('are read back however a person types them, and typos are refused', () => {
    const a = reference('ord_abc', 1);
    const sloppy = a.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    assert.equal(ok(parseReference(`  ${sloppy} `)), a);
    for (const bad of ['', 'K100', a.slice(0, -1), `${a}0`, a.replace('K100', 'K200'), a.replace(/-(.)$/, '-U')]) {
      assert.equal(parseReference(bad).ok, false, bad);
    }
  });

  it(`reject every single-symbol substitution and every transposition (${RUNS} references, ~480 typos each)`, (t) => {
    const SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let typos = 0;
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 1000 }), (orderId, seq) => {
        const ref = reference(orderId, seq);
        assert.equal(ok(parseReference(ref)), ref);
        const symbols = [...ref.replace(/-/g, '').slice(4)];
        const spell = (s: string[]) => `K100${s.join('')}`;
        for (let i = 0; i < symbols.length; i++) {
          for (const sub of SYMBOLS) {
            if (sub === symbols[i]) continue;
            const typo = [...symbols];
            typo[i] = sub;
            typos++;
            assert.equal(parseReference(spell(typo)).ok, false, `${ref}: substitution at ${i}`);
          }
          for (let j = i + 1; j < symbols.length; j++) {
            if (symbols[i] === symbols[j]) continue;
            const typo = [...symbols];
            [typo[i], typo[j]] = [typo[j]!, typo[i]!];
            typos++;
            assert.equal(parseReference(spell(typo)).ok, false, `${ref}: transposition ${i}<->${j}`);
          }
        }
      }),
      params,
    );
    t.diagnostic(`typos refused: ${typos}`);
    assert.ok(typos > RUNS * 450, `only ${typos} typos tried`);
  });
});

describe('assessFunds: the exact-amount rule', () => {
  const intent = { amount_due: 907_487, currency: 'CNY', expires_at: '2026-01-05T10:15:00.000Z', status: 'awaiting_funds' as const };
  const at = '2026-01-05T10:05:00.000Z';
  const outcome = (amount: number, currency = 'CNY', when = at) => {
    const r = assessFunds(intent, { amount, currency, at: when });
    return r.ok ? r.value : r.code;
  };

  it('funds escrow only with exactly amount_due in the intent currency, on time (the expiry instant included)', () => {
    assert.deepEqual(outcome(907_487), { outcome: 'exact' });
    assert.deepEqual(outcome(907_487, 'CNY', intent.expires_at), { outcome: 'exact' });
    assert.deepEqual(outcome(907_486), { outcome: 'mismatch', reason: 'underpaid', expected: 907_487, received: 907_486 });
    assert.deepEqual(outcome(907_488), { outcome: 'mismatch', reason: 'overpaid', expected: 907_487, received: 907_488 });
    assert.deepEqual(outcome(907_487, 'HKD'), { outcome: 'mismatch', reason: 'wrong_currency', expected: 907_487, received: 907_487 });
    assert.deepEqual(outcome(907_487, 'CNY', '2026-01-05T10:15:00.001Z'), { outcome: 'expired' });
    for (const status of ['succeeded', 'failed', 'expired', 'canceled'] as const) {
      const r = assessFunds({ ...intent, status }, { amount: 907_487, currency: 'CNY', at });
      assert.equal(r.ok ? 'accepted' : r.code, 'not_awaiting_funds');
    }
    assert.throws(() => outcome(0), RangeError);
    assert.throws(() => outcome(1.5), RangeError);
  });

  it(`says exact for exactly amount_due and never otherwise (${RUNS} cases)`, (t) => {
    const kinds = ['exact', 'under', 'over', 'currency', 'late', 'status'] as const;
    const counts: Record<string, number> = {};
    fc.assert(
      fc.property(
        fc.record({
          due: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: MAX })),
          currency: fc.constantFrom(...CURRENCIES),
          other: fc.constantFrom(...CURRENCIES),
          kind: fc.constantFrom(...kinds),
          delta: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: MAX })),
          lateMs: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 10 ** 10 })),
          earlyMs: fc.integer({ min: 0, max: 10 ** 9 }),
          status: fc.constantFrom<IntentStatus>('succeeded', 'failed', 'expired', 'canceled'),
        }),
        ({ due, currency, other, kind, delta, lateMs, earlyMs, status }) => {
          const expiresMs = Date.parse('2026-01-05T10:15:00.000Z');
          const onTime = new Date(expiresMs - earlyMs).toISOString();
          const i = { amount_due: due, currency, expires_at: new Date(expiresMs).toISOString(), status: 'awaiting_funds' as IntentStatus };
          const cur = other === currency ? (currency === 'USD' ? 'EUR' : 'USD') : other;
          const amount = kind === 'under' ? Math.max(1, due - delta) : kind === 'over' ? Math.min(MAX, due + delta) : due;
          const arrival = { amount, currency: kind === 'currency' ? cur : currency, at: kind === 'late' ? new Date(expiresMs + lateMs).toISOString() : onTime };
          const r = assessFunds(kind === 'status' ? { ...i, status } : i, arrival);
          const got = r.ok ? (r.value.outcome === 'mismatch' ? r.value.reason : r.value.outcome) : r.code;
          const expected = {
            exact: 'exact',
            under: amount === due ? 'exact' : 'underpaid',
            over: amount === due ? 'exact' : 'overpaid',
            currency: 'wrong_currency',
            late: 'expired',
            status: 'not_awaiting_funds',
          }[kind];
          counts[got] = (counts[got] ?? 0) + 1;
          assert.equal(got, expected);
          assert.equal(got === 'exact', amount === due && arrival.currency === currency && kind !== 'late' && kind !== 'status');
        },
      ),
      params,
    );
    t.diagnostic(`outcomes: ${JSON.stringify(counts)}`);
    for (const outcomeName of ['exact', 'underpaid', 'overpaid', 'wrong_currency', 'expired', 'not_awaiting_funds']) {
      assert.ok((counts[outcomeName] ?? 0) > RUNS / 12, `${outcomeName} reached only ${counts[outcomeName] ?? 0} times`);
    }
  });
});

describe('refundFor', () => {
  it('keeps each gateway’s refund cost, worked by hand', () => {
    // Bank transfer: USD 1 277.96 (one cent short) back minus the flat USD 35.00.
    assert.deepEqual(refundFor({ amount: 127_796, currency: 'USD' }, gateway('bank_transfer')), { currency: 'USD', refund: 124_296, refund_cost: 3500 });
    // GlobalPay: one fen too much; ⌈907 488 × 0.5 %⌉ + 500 = 4 538 + 500 = 5 038 fen.
    assert.deepEqual(refundFor({ amount: 907_488, currency: 'CNY' }, gateway('globalpay_fx')), { currency: 'CNY', refund: 902_450, refund_cost: 5038 });
    // GlobalPay caps the cost: ⌈100 000 000 × 0.5 %⌉ + 500 fen = 500 500 → capped at 20 000.
    assert.deepEqual(refundFor({ amount: 100_000_000, currency: 'CNY' }, gateway('globalpay_fx')).refund_cost, 20_000);
    // SwiftFX: ¥300 cannot pay a ¥400 cost: the buyer gets nothing back and owes nothing more.
    assert.deepEqual(refundFor({ amount: 300, currency: 'JPY' }, gateway('swiftfx')), { currency: 'JPY', refund: 0, refund_cost: 300 });
    // A currency the gateway does not take: the percentage only (here 0 %), so everything goes back.
    assert.deepEqual(refundFor({ amount: 5000, currency: 'CHF' }, gateway('swiftfx')), { currency: 'CHF', refund: 5000, refund_cost: 0 });
  });

  it(`refund + refund_cost == received exactly, refund ≥ 0, cost within the rule (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...GATEWAYS),
        fc.constantFrom(...CURRENCIES, 'CHF'),
        fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: MAX })),
        (g, currency, amount) => {
          const { refund, refund_cost } = refundFor({ amount, currency }, g);
          assert.ok(Number.isSafeInteger(refund) && Number.isSafeInteger(refund_cost), `${refund} / ${refund_cost}`);
          assert.equal(refund + refund_cost, amount);
          assert.ok(refund >= 0 && refund_cost >= 0, `refund ${refund}, cost ${refund_cost}`);
          let rule = ceilQ(BigInt(amount) * BigInt(g.refund_cost.percent_bps), 10_000n) + BigInt(g.refund_cost.fixed[currency] ?? 0);
          const cap = g.refund_cost.max[currency];
          if (cap !== undefined && rule > BigInt(cap)) rule = BigInt(cap);
          assert.equal(BigInt(refund_cost), rule < BigInt(amount) ? rule : BigInt(amount));
        },
      ),
      params,
    );
  });
});

describe('releasePlan', () => {
  it('splits the contract total into the deposit released on funding and the balance held', () => {
    assert.deepEqual(releasePlan(30, 125_297), { deposit_release: 37_589, balance_held: 87_708 });
    assert.deepEqual(releasePlan(0, 125_297), { deposit_release: 0, balance_held: 125_297 });
    assert.deepEqual(releasePlan(100, 125_297), { deposit_release: 125_297, balance_held: 0 });
  });

  it(`deposit + balance == total, deposit = ⌊total × pct / 100⌋ (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: MAX })), fc.integer({ min: 0, max: 100 }), (total, pct) => {
        const { deposit_release, balance_held } = releasePlan(pct, total);
        assert.equal(deposit_release + balance_held, total);
        assert.equal(BigInt(deposit_release), (BigInt(total) * BigInt(pct)) / 100n);
        assert.ok(balance_held >= 0, `balance ${balance_held}`);
      }),
      params,
    );
  });
});
