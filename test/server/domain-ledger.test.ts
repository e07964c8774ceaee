/** The order ledger and escrow lifecycle: transfer rules, worked flows, dispute refusals, and invariants over random histories. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ACCOUNTS,
  OVERDRAFTABLE,
  applyTransfers,
  balanceOf,
  checkTransfer,
  escrowFunded,
  fundsReceived,
  mismatchRefunded,
  sumEntries,
  summarise,
  type Account,
  type Balances,
  type Transfer,
} from '../../server/domain/ledger.js';
import {
  fundEscrow,
  openDispute,
  releaseOnOwnershipTransfer,
  resolveDispute,
  unfundedEscrow,
  type EscrowActor,
  type EscrowState,
  type Resolution,
} from '../../server/domain/disputes.js';
import { GATEWAYS, SANDBOX_RATES, gatewayById, type Gateway } from '../../server/domain/gateways.js';
import { quotePayment, type Quote } from '../../server/domain/quote.js';
import { assessFunds, refundFor, type IntentStatus } from '../../server/domain/settlement.js';

const SEED = Number(process.env.FC_SEED ?? 20_260_105);
const RUNS = 1000;
const params = { seed: SEED, numRuns: RUNS };
const NOW = '2026-01-05T10:00:00.000Z';

const gateway = (id: string): Gateway => gatewayById(id) ?? assert.fail(`no gateway ${id}`);
const ok = <T>(r: { ok: true; value: T } | { ok: false; code: string; message: string }): T => {
  if (!r.ok) assert.fail(`refused ${r.code}: ${r.message}`);
  return r.value;
};
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'accepted' : r.code);
const apply = (b: Balances, ts: readonly Transfer[]): Balances => {
  const r = applyTransfers(b, ts);
  if (!r.ok) assert.fail(`ledger refused transfer ${r.index}: ${r.code} ${r.message}`);
  return r.value;
};
/** Balances without zero accounts or empty currencies, so two equal ledgers compare equal however they were built. */
function nonZero(b: Balances): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [currency, accounts] of Object.entries(b)) {
    const kept = Object.fromEntries(Object.entries(accounts).filter(([, v]) => v !== 0));
    if (Object.keys(kept).length) out[currency] = kept as Record<string, number>;
  }
  return out;
}

describe('checkTransfer', () => {
  const t = (entries: { account: Account; amount: number }[], over: Partial<Transfer> = {}): Transfer => ({ kind: 'funds_received', currency: 'USD', entries, ...over });
  it('accepts a balanced transfer and names every broken rule', () => {
    assert.deepEqual(checkTransfer(t([{ account: 'buyer_funding', amount: -5 }, { account: 'gateway_clearing', amount: 5 }])), []);
    assert.deepEqual(checkTransfer(t([])), ['a transfer needs at least two entries']);
    assert.deepEqual(checkTransfer(t([{ account: 'escrow', amount: 5 }])), ['a transfer needs at least two entries', 'entries sum to 5, not 0']);
    assert.deepEqual(checkTransfer(t([{ account: 'escrow', amount: -5 }, { account: 'refunds', amount: 4 }])), ['entries sum to -1, not 0']);
    assert.deepEqual(checkTransfer(t([{ account: 'escrow', amount: 0 }, { account: 'refunds', amount: 0 }])), ['escrow: zero entry', 'refunds: zero entry']);
    assert.deepEqual(checkTransfer(t([{ account: 'escrow', amount: -1.5 }, { account: 'refunds', amount: 1.5 }])), [
      'escrow: -1.5 is not a safe integer',
      'refunds: 1.5 is not a safe integer',
    ]);
    assert.deepEqual(checkTransfer(t([{ account: 'escrow', amount: -1 }, { account: 'escrow', amount: 1 }])), ['escrow appears twice']);
    assert.deepEqual(checkTransfer(t([{ account: 'bank' as Account, amount: -1 }, { account: 'escrow', amount: 1 }], { kind: 'gift' as never, currency: 'usd' })), [
      'unknown kind gift',
      'bad currency usd',
      'unknown account bank',
    ]);
  });

  it('refuses an overdraft of a non-overdraftable account and leaves the balances untouched (all or nothing)', () => {
    const before = apply({}, fundsReceived('USD', 100));
    const frozen = JSON.stringify(before);
    const r = applyTransfers(before, [
      { kind: 'fee_collected', currency: 'USD', entries: [{ account: 'gateway_clearing', amount: -60 }, { account: 'platform_fees', amount: 60 }] },
      { kind: 'fee_collected', currency: 'USD', entries: [{ account: 'gateway_clearing', amount: -41 }, { account: 'platform_fees', amount: 41 }] },
    ]);
    assert.deepEqual(r.ok ? 'accepted' : [r.code, r.index], ['overdraft', 1]);
    assert.equal(JSON.stringify(before), frozen);
    assert.deepEqual([...OVERDRAFTABLE].sort(), ['buyer_funding', 'fx']);
  });
});

describe('worked flows', () => {
  it('GlobalPay FX: CNY in, USD escrow, 30 % deposit, balance released on ownership transfer', () => {
    const quote = ok(quotePayment({ contract_total: 125_297, contract_currency: 'USD', gateway: gateway('globalpay_fx'), pay_currency: 'CNY', rates: SANDBOX_RATES, now: NOW }));
    const funded = ok(fundEscrow(unfundedEscrow('USD'), { ...quote.breakdown, pay_currency: 'CNY' }, 30));
    const released = ok(releaseOnOwnershipTransfer(funded.state, 'operator'));
    const transfers = [...fundsReceived('CNY', quote.amount_due), ...funded.transfers, ...released.transfers];
    // Between funding and release: the deposit is out, the balance held.
    assert.deepEqual(summarise([...fundsReceived('CNY', quote.amount_due), ...funded.transfers]).USD, { escrow: 87_708, released: 37_589, refunded: 0, fees: 0 });
    assert.deepEqual(transfers, [
      { kind: 'funds_received', currency: 'CNY', entries: [{ account: 'buyer_funding', amount: -907_487 }, { account: 'gateway_clearing', amount: 907_487 }] },
      { kind: 'fee_collected', currency: 'CNY', entries: [{ account: 'gateway_clearing', amount: -10_761 }, { account: 'platform_fees', amount: 10_761 }] },
      { kind: 'fx_converted', currency: 'CNY', entries: [{ account: 'gateway_clearing', amount: -896_726 }, { account: 'fx', amount: 896_726 }] },
      { kind: 'escrow_funded', currency: 'USD', entries: [{ account: 'fx', amount: -125_297 }, { account: 'escrow', amount: 125_297 }] },
      { kind: 'deposit_released', currency: 'USD', entries: [{ account: 'escrow', amount: -37_589 }, { account: 'supplier_released', amount: 37_589 }] },
      { kind: 'balance_released', currency: 'USD', entries: [{ account: 'escrow', amount: -87_708 }, { account: 'supplier_released', amount: 87_708 }] },
    ]);
    assert.deepEqual(nonZero(apply({}, transfers)), {
      CNY: { buyer_funding: -907_487, platform_fees: 10_761, fx: 896_726 },
      USD: { fx: -125_297, supplier_released: 125_297 },
    });
    assert.deepEqual(summarise(transfers), {
      CNY: { escrow: 0, released: 0, refunded: 0, fees: 10_761 },
      USD: { escrow: 0, released: 125_297, refunded: 0, fees: 0 },
    });
  });

  it('Bank transfer one cent short: refunded minus the refund cost, escrow never touched', () => {
    const arrival = { amount: 127_796, currency: 'USD', at: NOW };
    const intent = { amount_due: 127_797, currency: 'USD', expires_at: '2026-01-08T10:00:00.000Z', status: 'awaiting_funds' as const };
    assert.equal(ok(assessFunds(intent, arrival)).outcome, 'mismatch');
    const transfers = [...fundsReceived('USD', 127_796), ...mismatchRefunded(refundFor(arrival, gateway('bank_transfer')))];
    assert.deepEqual(transfers[1], {
      kind: 'mismatch_refunded',
      currency: 'USD',
      entries: [{ account: 'gateway_clearing', amount: -127_796 }, { account: 'refunds', amount: 124_296 }, { account: 'platform_fees', amount: 3500 }],
    });
    assert.deepEqual(summarise(transfers), { USD: { escrow: 0, released: 0, refunded: 124_296, fees: 3500 } });
  });

  it('0 % deposit releases nothing on funding; 100 % leaves nothing to hold or dispute', () => {
    const q = { pay_currency: 'EUR', converted_amount: 10_000, fee: 0, contract_currency: 'EUR', contract_total: 10_000 };
    const zero = ok(fundEscrow(unfundedEscrow('EUR'), q, 0));
    assert.deepEqual(zero.transfers.map((t) => t.kind), ['escrow_funded']);
    assert.equal(zero.state.escrow, 10_000);
    const full = ok(fundEscrow(unfundedEscrow('EUR'), q, 100));
    assert.deepEqual(full.transfers.map((t) => t.kind), ['escrow_funded', 'deposit_released']);
    assert.equal(code(openDispute(full.state, 'buyer')), 'escrow_empty');
    assert.deepEqual(ok(releaseOnOwnershipTransfer(full.state, 'operator')).transfers, []);
  });
});

describe('dispute rules', () => {
  const held: EscrowState = { currency: 'USD', phase: 'held', escrow: 87_708, dispute_open: false };
  const disputed = { ...held, dispute_open: true };

  it('only the buyer, only while escrow holds funds, before release, one at a time', () => {
    assert.deepEqual(ok(openDispute(held, 'buyer')), disputed);
    for (const actor of ['supplier', 'operator', 'admin'] as const) assert.equal(code(openDispute(held, actor)), 'wrong_party');
    assert.equal(code(openDispute(unfundedEscrow('USD'), 'buyer')), 'escrow_not_funded');
    assert.equal(code(openDispute({ ...held, phase: 'released', escrow: 0 }, 'buyer')), 'escrow_released');
    assert.equal(code(openDispute({ ...held, phase: 'refunded', escrow: 0 }, 'buyer')), 'escrow_refunded');
    assert.equal(code(openDispute(disputed, 'buyer')), 'dispute_open');
  });

  it('an admin refunds wholly or partly from escrow, releases to the supplier, or dismisses', () => {
    const whole = ok(resolveDispute(disputed, 'admin', { kind: 'refund_whole' }));
    assert.deepEqual(whole.state, { ...held, phase: 'refunded', escrow: 0 });
    assert.deepEqual(whole.transfers, [{ kind: 'dispute_refunded', currency: 'USD', entries: [{ account: 'escrow', amount: -87_708 }, { account: 'refunds', amount: 87_708 }] }]);
    const part = ok(resolveDispute(disputed, 'admin', { kind: 'refund_part', amount: 700 }));
    assert.deepEqual(part.state, { ...held, escrow: 87_008 });
    assert.deepEqual(ok(resolveDispute(disputed, 'admin', { kind: 'refund_part', amount: 87_708 })).state.phase, 'refunded');
    const release = ok(resolveDispute(disputed, 'admin', { kind: 'release' }));
    assert.deepEqual([release.state.phase, release.transfers[0]?.kind], ['released', 'balance_released']);
    assert.deepEqual(ok(resolveDispute(disputed, 'admin', { kind: 'dismiss' })), { state: held, transfers: [] });
    assert.equal(code(resolveDispute(disputed, 'buyer', { kind: 'refund_whole' })), 'wrong_party');
    assert.equal(code(resolveDispute(held, 'admin', { kind: 'refund_whole' })), 'no_open_dispute');
    assert.equal(code(resolveDispute(disputed, 'admin', { kind: 'refund_part', amount: 87_709 })), 'refund_exceeds_escrow');
    for (const amount of [0, -1, 1.5, Number.NaN]) assert.equal(code(resolveDispute(disputed, 'admin', { kind: 'refund_part', amount })), 'refund_amount_invalid');
  });

  it('after release: no dispute, no refund; release waits for an open dispute to be resolved', () => {
    const released = ok(releaseOnOwnershipTransfer(held, 'operator')).state;
    assert.equal(code(openDispute(released, 'buyer')), 'escrow_released');
    assert.equal(code(resolveDispute(released, 'admin', { kind: 'refund_whole' })), 'no_open_dispute');
    assert.equal(code(releaseOnOwnershipTransfer(released, 'operator')), 'escrow_released');
    assert.equal(code(releaseOnOwnershipTransfer(disputed, 'operator')), 'dispute_open');
    assert.equal(code(releaseOnOwnershipTransfer(held, 'buyer')), 'wrong_party');
    assert.equal(code(releaseOnOwnershipTransfer(unfundedEscrow('USD'), 'operator')), 'escrow_not_funded');
    assert.equal(code(fundEscrow(held, { pay_currency: 'USD', converted_amount: 1, fee: 0, contract_currency: 'USD', contract_total: 1 }, 0)), 'not_awaiting_funds');
  });
});

// ---- Random histories: an order's whole payment life driven through the real domain functions. ----

type Op =
  | { op: 'intent'; g: number; c: number }
  | { op: 'arrive'; kind: 'exact' | 'under' | 'over' | 'currency' | 'late' | 'stray'; delta: number }
  | { op: 'dispute'; actor: EscrowActor }
  | { op: 'resolve'; actor: EscrowActor; kind: Resolution['kind']; permille: number }
  | { op: 'ownership'; actor: EscrowActor };

const actorArb = (main: EscrowActor) => fc.oneof({ weight: 5, arbitrary: fc.constant(main) }, { weight: 1, arbitrary: fc.constantFrom<EscrowActor>('buyer', 'supplier', 'operator', 'admin') });
const intentArb = fc.record({ op: fc.constant('intent' as const), g: fc.nat(), c: fc.nat() });
const arriveArb = fc.record({
  op: fc.constant('arrive' as const),
  kind: fc.constantFrom('exact', 'exact', 'under', 'over', 'currency', 'late', 'stray'),
  delta: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 10 ** 9 })),
});
const disputeArb = fc.record({ op: fc.constant('dispute' as const), actor: actorArb('buyer') });
const resolveArb = fc.record({
  op: fc.constant('resolve' as const),
  actor: actorArb('admin'),
  kind: fc.constantFrom('refund_whole', 'refund_whole', 'refund_part', 'refund_part', 'release', 'dismiss'),
  permille: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1200 })),
});
const ownershipArb = fc.record({ op: fc.constant('ownership' as const), actor: actorArb('operator') });
const anyOp = (weights: [number, number, number, number, number]): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: weights[0], arbitrary: intentArb },
    { weight: weights[1], arbitrary: arriveArb },
    { weight: weights[2], arbitrary: disputeArb },
    { weight: weights[3], arbitrary: resolveArb },
    { weight: weights[4], arbitrary: ownershipArb },
  );
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CNY', 'HKD', 'SGD', 'JPY', 'KWD'];
/**
 * A history: anything at all before paying (intents, wrong deposits, early disputes), then usually a quote paid
 * exactly, then anything after (disputes and resolutions weighted up, the ownership transfer down, so most
 * histories spend a while with funds held). Any op may come in any phase; only the weights change.
 */
const orderArb = fc.record({
  total: fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 10 ** 13 })),
  currency: fc.constantFrom(...CURRENCIES),
  pct: fc.oneof(fc.constantFrom(0, 100), fc.integer({ min: 0, max: 100 })),
  before: fc.array(anyOp([4, 6, 1, 1, 1]), { maxLength: 10 }),
  pay: fc.option(fc.tuple(intentArb, fc.constant({ op: 'arrive' as const, kind: 'exact' as const, delta: 1 })), { freq: 6 }),
  after: fc.array(anyOp([1, 3, 4, 5, 1]), { maxLength: 16 }),
}).map(({ before, pay, after, ...order }) => ({ ...order, ops: [...before, ...(pay ?? []), ...after] as Op[] }));

interface World {
  total: number;
  currency: string;
  pct: number;
  escrow: EscrowState;
  intent: { quote: Quote; status: IntentStatus; gateway: Gateway } | null;
  transfers: Transfer[];
  balances: Balances;
  arrived: Record<string, number>;
}

const stats = { ops: 0, funded: 0, fx_funded: 0, refunds: 0, disputes: 0, partial: 0, whole: 0, released: 0, refusals: 0 };

function book(w: World, transfers: readonly Transfer[]): void {
  for (const t of transfers) assert.deepEqual(checkTransfer(t), [], JSON.stringify(t));
  w.balances = apply(w.balances, transfers);
  w.transfers.push(...transfers);
}

function arrive(w: World, op: Extract<Op, { op: 'arrive' }>): void {
  const intent = w.intent;
  // Money with no intent behind it (or an unknown reference): still real, still booked, still refunded.
  if (!intent || op.kind === 'stray') {
    const split = refundFor({ amount: op.delta, currency: w.currency }, gateway('bank_transfer'));
    w.arrived[w.currency] = (w.arrived[w.currency] ?? 0) + op.delta;
    book(w, [...fundsReceived(w.currency, op.delta), ...mismatchRefunded(split, 'unexpected')]);
    return void stats.refunds++;
  }
  const { quote } = intent;
  const other = quote.currency === 'USD' ? 'EUR' : 'USD';
  const amount = op.kind === 'under' ? Math.max(1, quote.amount_due - op.delta) : op.kind === 'over' ? quote.amount_due + op.delta : quote.amount_due;
  const currency = op.kind === 'currency' ? other : quote.currency;
  const at = op.kind === 'late' ? new Date(Date.parse(quote.expires_at) + 1).toISOString() : NOW;
  const arrival = { amount, currency, at };
  w.arrived[currency] = (w.arrived[currency] ?? 0) + amount;
  const received = fundsReceived(currency, amount);
  const assessed = assessFunds({ amount_due: quote.amount_due, currency: quote.currency, expires_at: quote.expires_at, status: intent.status }, arrival);
  const refund = (reason: 'mismatch' | 'expired' | 'unexpected') => {
    stats.refunds++;
    book(w, [...received, ...mismatchRefunded(refundFor(arrival, intent.gateway), reason)]);
  };
  if (!assessed.ok) return refund('unexpected');
  assert.equal(assessed.value.outcome === 'exact', amount === quote.amount_due && currency === quote.currency && op.kind !== 'late');
  if (assessed.value.outcome === 'expired') return void ((intent.status = 'expired'), refund('expired'));
  if (assessed.value.outcome === 'mismatch') return void ((intent.status = 'failed'), refund('mismatch'));
  const funded = ok(fundEscrow(w.escrow, { ...quote.breakdown, pay_currency: quote.currency }, w.pct));
  book(w, [...received, ...funded.transfers]);
  intent.status = 'succeeded';
  w.escrow = funded.state;
  stats.funded++;
  if (quote.currency !== w.currency) stats.fx_funded++;
  // The deposit released on funding is exactly splitDeposit's floor.
  const deposit = funded.transfers.filter((t) => t.kind === 'deposit_released').reduce((s, t) => s + t.entries[1]!.amount, 0);
  assert.equal(BigInt(deposit), (BigInt(w.total) * BigInt(w.pct)) / 100n);
}

function step(w: World, op: Op): void {
  stats.ops++;
  const s = w.escrow;
  const held = s.phase === 'held';
  const phaseRefusal = s.phase === 'awaiting_funds' ? 'escrow_not_funded' : s.phase === 'released' ? 'escrow_released' : 'escrow_refunded';
  switch (op.op) {
    case 'intent': {
      if (s.phase !== 'awaiting_funds') return; // the route refuses a new intent once paid; not this module's rule
      const g = GATEWAYS[op.g % GATEWAYS.length]!;
      const pay = g.converts ? g.currencies[op.c % g.currencies.length]! : w.currency;
      const r = quotePayment({ contract_total: w.total, contract_currency: w.currency, gateway: g, pay_currency: pay, rates: SANDBOX_RATES, now: NOW });
      if (!r.ok) return void (stats.refusals++, assert.ok(['currency_not_supported', 'amount_too_large'].includes(r.code), r.code));
      if (w.intent?.status === 'awaiting_funds') w.intent.status = 'canceled';
      w.intent = { quote: r.value, status: 'awaiting_funds', gateway: g };
      return;
    }
    case 'arrive':
      return arrive(w, op);
    case 'dispute': {
      const r = openDispute(s, op.actor);
      const expected = op.actor !== 'buyer' ? 'wrong_party' : !held ? phaseRefusal : s.dispute_open ? 'dispute_open' : s.escrow === 0 ? 'escrow_empty' : 'accepted';
      assert.equal(code(r), expected);
      if (r.ok) return void ((w.escrow = r.value), stats.disputes++);
      return void stats.refusals++;
    }
    case 'resolve': {
      const amount = Math.floor((s.escrow * op.permille) / 1000);
      const resolution: Resolution = op.kind === 'refund_part' ? { kind: 'refund_part', amount } : { kind: op.kind };
      const r = resolveDispute(s, op.actor, resolution);
      const expected =
        op.actor !== 'admin' ? 'wrong_party'
        : !held || !s.dispute_open ? 'no_open_dispute'
        : op.kind === 'refund_part' && amount === 0 ? 'refund_amount_invalid'
        : op.kind === 'refund_part' && amount > s.escrow ? 'refund_exceeds_escrow'
        : 'accepted';
      assert.equal(code(r), expected);
      if (!r.ok) return void stats.refusals++;
      if (op.kind === 'refund_part') stats.partial++;
      if (op.kind === 'refund_whole') stats.whole++;
      book(w, r.value.transfers);
      w.escrow = r.value.state;
      return;
    }
    case 'ownership': {
      const r = releaseOnOwnershipTransfer(s, op.actor);
      const expected = op.actor !== 'operator' ? 'wrong_party' : !held ? phaseRefusal : s.dispute_open ? 'dispute_open' : 'accepted';
      assert.equal(code(r), expected);
      if (!r.ok) return void stats.refusals++;
      stats.released++;
      book(w, r.value.transfers);
      w.escrow = r.value.state;
    }
  }
}

const kindTotal = (w: World, kind: Transfer['kind'], account: Account) =>
  w.transfers.filter((t) => t.kind === kind && t.currency === w.currency).reduce((s, t) => s + (t.entries.find((e) => e.account === account)?.amount ?? 0), 0);

function checkInvariants(w: World): void {
  // Balances are exactly the sum of the entries, whatever order they were applied in.
  assert.deepEqual(nonZero(w.balances), nonZero(sumEntries(w.transfers)));
  for (const [currency, accounts] of Object.entries(w.balances)) {
    let sum = 0;
    for (const account of ACCOUNTS) {
      const v = accounts[account] ?? 0;
      sum += v;
      if (!OVERDRAFTABLE.has(account)) assert.ok(v >= 0, `${account} ${currency} went negative: ${v}`);
    }
    assert.equal(sum, 0, `${currency} does not sum to zero`);
    // Every arrival is classified in the step it arrives: nothing lingers in clearing.
    assert.equal(accounts.gateway_clearing ?? 0, 0);
    // All the buyer sent is accounted for, per currency.
    assert.equal(-(accounts.buyer_funding ?? 0) + 0, w.arrived[currency] ?? 0); // + 0: no -0
    if (currency !== w.currency) assert.equal(accounts.escrow ?? 0, 0, 'escrow held a foreign currency');
  }
  const escrow = balanceOf(w.balances, w.currency, 'escrow');
  assert.equal(escrow, w.escrow.escrow);
  assert.ok(escrow >= 0, `escrow ${escrow}`);
  const released = kindTotal(w, 'deposit_released', 'supplier_released') + kindTotal(w, 'balance_released', 'supplier_released');
  const disputeRefunds = kindTotal(w, 'dispute_refunded', 'refunds');
  assert.equal(released, balanceOf(w.balances, w.currency, 'supplier_released'));
  // Contract money is conserved: what was funded is released, refunded by dispute, or still held.
  assert.equal(released + disputeRefunds + escrow, w.escrow.phase === 'awaiting_funds' ? 0 : w.total);
  if (w.escrow.phase === 'released' || w.escrow.phase === 'refunded') assert.equal(escrow, 0);
  // summarise is the ledger's public `balances`: each figure is its account's balance, in every currency.
  const summary = summarise(w.transfers);
  for (const [currency, accounts] of Object.entries(w.balances)) {
    assert.deepEqual(summary[currency], {
      escrow: accounts.escrow ?? 0,
      released: accounts.supplier_released ?? 0,
      refunded: accounts.refunds ?? 0,
      fees: accounts.platform_fees ?? 0,
    });
  }
}

describe('ledger invariants over random order histories', () => {
  it(`hold after every operation and close to escrow == 0 after settlement (${RUNS} histories)`, (t) => {
    fc.assert(
      fc.property(orderArb, ({ total, currency, pct, ops }) => {
        const w: World = { total, currency, pct, escrow: unfundedEscrow(currency), intent: null, transfers: [], balances: {}, arrived: {} };
        for (const op of ops) {
          step(w, op);
          checkInvariants(w);
        }
        // Settle whatever is still held: resolve an open dispute by dismissal, then the ownership transfer.
        if (w.escrow.phase === 'held') {
          if (w.escrow.dispute_open) step(w, { op: 'resolve', actor: 'admin', kind: 'dismiss', permille: 0 });
          step(w, { op: 'ownership', actor: 'operator' });
          checkInvariants(w);
          assert.equal(balanceOf(w.balances, currency, 'escrow'), 0);
          assert.equal(kindTotal(w, 'deposit_released', 'supplier_released') + kindTotal(w, 'balance_released', 'supplier_released') + kindTotal(w, 'dispute_refunded', 'refunds'), total);
        }
      }),
      params,
    );
    t.diagnostic(`generated: ${JSON.stringify(stats)}`);
    // The histories must really exercise funding, FX, refunds, disputes and release, or they prove little.
    for (const [name, n] of Object.entries(stats)) assert.ok(n > 50, `${name} reached only ${n} times`);
  });

  it(`applyTransfers refuses exactly the transfers that overdraw, and otherwise equals the sum of entries (${RUNS} cases)`, (t) => {
    // One source (mostly an overdraftable one, so most histories are legal) paying one to three other accounts.
    const sourceArb = fc.oneof({ weight: 6, arbitrary: fc.constantFrom<Account>(...OVERDRAFTABLE) }, { weight: 1, arbitrary: fc.constantFrom(...ACCOUNTS) });
    const transferArb = fc
      .tuple(sourceArb, fc.uniqueArray(fc.constantFrom(...ACCOUNTS), { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 3, maxLength: 3 }), fc.constantFrom('USD', 'CNY'))
      .map(([source, sinks, amounts, currency]): Transfer => {
        const to = sinks.filter((a) => a !== source).map((account, i) => ({ account, amount: amounts[i]! }));
        return { kind: 'funds_received', currency, entries: [{ account: source, amount: -to.reduce((s, e) => s + e.amount, 0) }, ...to] };
      })
      .filter((x) => x.entries.length >= 2);
    let refused = 0;
    fc.assert(
      fc.property(fc.array(transferArb, { minLength: 1, maxLength: 12 }), (transfers) => {
        const r = applyTransfers({}, transfers);
        // Oracle: run the sums by hand and find the first transfer after which a protected account is negative.
        const sums: Record<string, number> = {};
        let firstBad = -1;
        transfers.forEach((tr, i) => {
          for (const e of tr.entries) sums[`${tr.currency}:${e.account}`] = (sums[`${tr.currency}:${e.account}`] ?? 0) + e.amount;
          if (firstBad < 0 && Object.entries(sums).some(([k, v]) => v < 0 && !OVERDRAFTABLE.has(k.split(':')[1] as Account))) firstBad = i;
        });
        if (firstBad >= 0) {
          refused++;
          assert.deepEqual(r.ok ? 'accepted' : [r.code, r.index], ['overdraft', firstBad]);
        } else {
          assert.ok(r.ok, `refused ${JSON.stringify(r)}`);
          assert.deepEqual(nonZero(r.value), nonZero(sumEntries(transfers)));
        }
      }),
      params,
    );
    t.diagnostic(`refused ${refused} of ${RUNS}`);
    assert.ok(refused > RUNS / 10 && refused < RUNS * 0.95, `refused ${refused}`);
  });

  it('builds the same-currency funding straight into escrow, and FX funding through fx in both currencies', () => {
    assert.deepEqual(escrowFunded({ pay_currency: 'USD', converted_amount: 500, fee: 25, contract_currency: 'USD', contract_total: 500 }).map((t) => [t.kind, t.currency]), [
      ['fee_collected', 'USD'],
      ['escrow_funded', 'USD'],
    ]);
    assert.throws(() => escrowFunded({ pay_currency: 'USD', converted_amount: 501, fee: 0, contract_currency: 'USD', contract_total: 500 }), RangeError);
  });
});
