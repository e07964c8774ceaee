/**
 * Races: N contenders released together behind a barrier, each its own HTTP request through `app.request`
 * (on Postgres each takes its own pool connection, so their transactions truly overlap), rounds driven by a
 * seeded PRNG, and the checks every race owes: exactly one winner, losers a clean problem, never a 500.
 */
import assert from 'node:assert/strict';
import { ok, type Deal } from './deal-flow.js';
import { testDialect } from './harness.js';
import { ORDER_TOTAL, assertLedgerInvariants } from './pay-flow.js';
import { prng } from '../../server/store/bench-catalog.js';
/** Seeded, so a failing round replays with its K100_RACE_SEED. */
export { prng };

/** K100_RACE_SEED replays a failing run; otherwise a fresh seed, printed with any failure. */
export const RACE_SEED = process.env.K100_RACE_SEED === undefined ? Math.floor(Math.random() * 2 ** 32) : Number(process.env.K100_RACE_SEED);

/**
 * Rounds per race kind: K100_RACE_ROUNDS, else `postgres` on Postgres (where the races are real: many
 * connections) and `sqlite` on SQLite (one connection serialises everything, so few rounds prove as much).
 */
export function raceRounds(defaults: { postgres: number; sqlite: number } = { postgres: 100, sqlite: 10 }): number {
  const env = process.env.K100_RACE_ROUNDS;
  if (env !== undefined) {
    const n = Number(env);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`K100_RACE_ROUNDS must be a positive integer, not "${env}"`);
    return n;
  }
  return defaults[testDialect];
}


export type Random = () => number;

export const shuffled = <T>(items: readonly T[], rng: Random): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

/** One contender's answer, read whole so later checks do not race the body stream. */
export interface Answer {
  /** Which contender (its index in the list given to `race`). */
  index: number;
  status: number;
  contentType: string;
  text: string;
  body: any;
}

/**
 * Starts every contender at once: all wait on one barrier, which opens after each has been scheduled; the
 * PRNG shuffles the start order and lets a few yield a macrotask or two first, so the interleavings vary
 * from round to round (and repeat for the same seed).
 */
export async function race(contenders: ReadonlyArray<() => Promise<Response> | Response>, rng: Random): Promise<Answer[]> {
  let open!: () => void;
  const barrier = new Promise<void>((resolve) => (open = resolve));
  const order = shuffled(
    contenders.map((run, index) => ({ run, index })),
    rng,
  );
  const runs = order.map(async ({ run, index }) => {
    const ticks = rng() < 0.5 ? 0 : Math.floor(rng() * 3);
    await barrier;
    for (let i = 0; i < ticks; i++) await new Promise((resolve) => setImmediate(resolve));
    const res = await run();
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    return { index, status: res.status, contentType, text, body: text === '' ? undefined : safeJson(text) };
  });
  open();
  return (await Promise.all(runs)).sort((a, b) => a.index - b.index);
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const describe = (answers: readonly Answer[]) => answers.map((a) => `#${a.index} ${a.status} ${a.text.slice(0, 300)}`).join('\n');

/** A loser's answer: RFC 9457 problem+json with one of `statuses`, never a 5xx. */
export function assertCleanRefusal(a: Answer, statuses: readonly number[] = [409, 422]): void {
  assert.ok(statuses.includes(a.status), `contender #${a.index} answered ${a.status}, expected one of ${statuses.join('/')}: ${a.text}`);
  assert.match(a.contentType, /^application\/problem\+json/, `contender #${a.index}: ${a.text}`);
  assert.equal(a.body?.status, a.status);
  assert.match(String(a.body?.type), /^https:\/\/k100widgets\.dev\/problems\//);
}

/** Exactly one 2xx, every other answer a clean refusal; the winner. */
export function assertOneWinner(answers: readonly Answer[], losers: readonly number[] = [409, 422]): Answer {
  assert.ok(
    answers.every((a) => a.status < 500),
    `a contender failed with a server error:\n${describe(answers)}`,
  );
  const winners = answers.filter((a) => a.status >= 200 && a.status < 300);
  assert.equal(winners.length, 1, `expected exactly one winner:\n${describe(answers)}`);
  for (const a of answers) if (a !== winners[0]) assertCleanRefusal(a, losers);
  return winners[0]!;
}

/** Every answer a 2xx (for races whose contenders may all succeed, like an idempotent collect). */
export function assertAllSucceeded(answers: readonly Answer[]): void {
  assert.ok(
    answers.every((a) => a.status >= 200 && a.status < 300),
    `expected every contender to succeed:\n${describe(answers)}`,
  );
}

/**
 * Runs `rounds` rounds of one race kind, each with its own PRNG drawn from the seed. A failure names the
 * seed and round, so `K100_RACE_SEED=<seed>` replays it.
 */
export async function forEachRound(kind: string, rounds: number, run: (round: number, rng: Random) => Promise<void>): Promise<void> {
  const seeds = prng(RACE_SEED ^ hash(kind));
  for (let round = 0; round < rounds; round++) {
    const rng = prng(Math.floor(seeds() * 2 ** 32));
    try {
      await run(round, rng);
    } catch (err) {
      const message = `race "${kind}" failed in round ${round + 1}/${rounds} on ${testDialect}; replay with K100_RACE_SEED=${RACE_SEED}`;
      console.error(message);
      if (err instanceof Error) err.message = `${message}\n${err.message}`;
      throw err;
    }
  }
}

/** Builds `count` fixtures `parallel` at a time (setup shared cheaply before the races themselves). */
export async function prepare<T>(count: number, make: (i: number) => Promise<T>, parallel = testDialect === 'postgres' ? 4 : 1): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await make(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return out;
}

const hash = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
};

/**
 * The ledger still balances (every transfer sums to zero, nothing overdrawn) and escrow holds exactly what
 * was paid in minus what went out of it to the supplier and back to the buyer (refunds of mismatched or
 * unexpected funds never entered escrow, so they are not counted). The order's balances.
 */
export async function assertEscrowBalanced(d: Deal, orderId: string, paid = ORDER_TOTAL): Promise<Record<string, number>> {
  const balances = (await assertLedgerInvariants(d.t.store, orderId)).get(`${orderId}/USD`) ?? {};
  const escrowRefunds = await d.t.store.db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transfers as t', 't.id', 'e.transfer_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('e.amount'), eb.lit(0)).as('total'))
    .where('t.order_id', '=', orderId)
    .where('t.kind', 'in', ['dispute_refunded', 'amendment_refunded'])
    .where('e.account', '=', 'refunds')
    .executeTakeFirstOrThrow();
  const escrow = balances.escrow ?? 0;
  assert.equal(escrow, paid - (balances.supplier_released ?? 0) - Number(escrowRefunds.total), JSON.stringify(balances));
  const ledger = await ok(d.t.call('GET', `/v1/orders/${orderId}/ledger`, { token: d.acme }));
  assert.equal(ledger.balances.escrow, escrow);
  return balances;
}
