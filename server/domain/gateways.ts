/** The K100Pay gateway model and sandbox data: currencies, FX spreads, handling fees, refund costs and exact mid rates. */
import { bpsCeil, isCurrencyCode, isMinor, toMinor } from './money.js';

/** Amounts keyed by currency, each in that currency's minor units: a "minimum 2.00" means nothing across currencies. */
export type PerCurrency = Readonly<Record<string, number>>;

/**
 * Handling fee, in the pay currency: ceil(converted × percent_bps / 10 000) + fixed, then raised to `min` and
 * lowered to `max` where the currency has them. Computed on the converted amount because that is what the
 * gateway moves; rounded up because the buyer bears it (money.ts).
 */
export interface FeeRule {
  percent_bps: number;
  fixed: PerCurrency;
  min: PerCurrency;
  max: PerCurrency;
}

/**
 * What returning funds costs, in the currency received: ceil(received × percent_bps / 10 000) + fixed, lowered
 * to `max` where set, and never more than was received (a refund is never negative). Borne by the buyer.
 */
export interface RefundCostRule {
  percent_bps: number;
  fixed: PerCurrency;
  max: PerCurrency;
}

export interface Gateway {
  id: string;
  name: string;
  description: string;
  /** What the buyer may pay in. A gateway that does not `convert` also requires it to be the contract currency. */
  currencies: readonly string[];
  /** False for a plain transfer into the trust account: no FX, so pay currency must equal contract currency. */
  converts: boolean;
  /** Markup on the mid rate, in basis points, charged to the buyer: customer rate = mid × (1 + spread). */
  spread_bps: number;
  fee: FeeRule;
  refund_cost: RefundCostRule;
  /** How long a quote (rate and fee) holds; funds arriving later are refunded. */
  quote_ttl_seconds: number;
}

/**
 * Sandbox gateways, seeded as-is. Three shapes on purpose: a flat-fee transfer with no FX, a wallet-style FX
 * platform with a wide spread and a percentage fee with floor and cap, and a cheap-spread FX platform with
 * fixed + percent fees that covers a 0-digit (JPY) and a 3-digit (KWD) currency so exponents get exercised.
 */
export const GATEWAYS: readonly Gateway[] = [
  {
    id: 'bank_transfer',
    name: 'Bank transfer',
    description: 'Wire the contract currency straight to the K100Pay bank trust account. No conversion; one flat handling fee.',
    currencies: ['USD', 'EUR', 'GBP', 'CNY', 'HKD', 'JPY'],
    converts: false,
    spread_bps: 0,
    fee: {
      percent_bps: 0,
      fixed: { USD: 2500, EUR: 2000, GBP: 2000, CNY: 15000, HKD: 20000, JPY: 3500 },
      min: {},
      max: {},
    },
    refund_cost: {
      percent_bps: 0,
      fixed: { USD: 3500, EUR: 3000, GBP: 3000, CNY: 25000, HKD: 27500, JPY: 5000 },
      max: {},
    },
    quote_ttl_seconds: 3 * 24 * 3600,
  },
  {
    id: 'globalpay_fx',
    name: 'GlobalPay FX',
    description: 'Pay in CNY, HKD, USD, EUR or SGD from a GlobalPay wallet or card; converted to the contract currency at GlobalPay’s rate.',
    currencies: ['CNY', 'HKD', 'USD', 'EUR', 'SGD'],
    converts: true,
    spread_bps: 80,
    fee: {
      percent_bps: 120,
      fixed: {},
      min: { CNY: 1500, HKD: 1600, USD: 200, EUR: 200, SGD: 300 },
      max: { CNY: 80000, HKD: 90000, USD: 12000, EUR: 11000, SGD: 16000 },
    },
    refund_cost: {
      percent_bps: 50,
      fixed: { CNY: 500, HKD: 500, USD: 100, EUR: 100, SGD: 100 },
      max: { CNY: 20000, HKD: 22000, USD: 3000, EUR: 2800, SGD: 4000 },
    },
    quote_ttl_seconds: 15 * 60,
  },
  {
    id: 'swiftfx',
    name: 'SwiftFX',
    description: 'Low-spread international transfer in EUR, GBP, USD, JPY, KWD or CNY, converted to the contract currency.',
    currencies: ['EUR', 'GBP', 'USD', 'JPY', 'KWD', 'CNY'],
    converts: true,
    spread_bps: 35,
    fee: {
      percent_bps: 45,
      fixed: { EUR: 30, GBP: 25, USD: 35, JPY: 50, KWD: 100, CNY: 250 },
      min: { EUR: 150, GBP: 130, USD: 160, JPY: 250, KWD: 500, CNY: 1200 },
      max: { EUR: 30000, GBP: 26000, USD: 32000, JPY: 4800000, KWD: 10000, CNY: 230000 },
    },
    refund_cost: {
      percent_bps: 0,
      fixed: { EUR: 250, GBP: 220, USD: 270, JPY: 400, KWD: 900, CNY: 1900 },
      max: {},
    },
    quote_ttl_seconds: 30 * 60,
  },
];

export const gatewayById = (id: string): Gateway | undefined => GATEWAYS.find((gateway) => gateway.id === id);

/** Data sanity for a gateway (the sandbox seed and tests run it): every problem found, empty when sound. */
export function gatewayProblems(gateway: Gateway): string[] {
  const problems: string[] = [];
  const bps = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= 10_000;
  if (!/^[a-z][a-z0-9_]*$/.test(gateway.id)) problems.push('id must be a lower-case slug');
  if (gateway.currencies.length === 0) problems.push('no currencies');
  for (const c of gateway.currencies) if (!isCurrencyCode(c)) problems.push(`bad currency ${c}`);
  if (!bps(gateway.spread_bps)) problems.push('spread_bps must be 0..10000');
  if (!gateway.converts && gateway.spread_bps !== 0) problems.push('a gateway that does not convert cannot have a spread');
  if (!bps(gateway.fee.percent_bps)) problems.push('fee.percent_bps must be 0..10000');
  if (!bps(gateway.refund_cost.percent_bps)) problems.push('refund_cost.percent_bps must be 0..10000');
  if (!Number.isSafeInteger(gateway.quote_ttl_seconds) || gateway.quote_ttl_seconds <= 0) problems.push('quote_ttl_seconds must be positive');
  const tables: [string, PerCurrency][] = [
    ['fee.fixed', gateway.fee.fixed], ['fee.min', gateway.fee.min], ['fee.max', gateway.fee.max],
    ['refund_cost.fixed', gateway.refund_cost.fixed], ['refund_cost.max', gateway.refund_cost.max],
  ];
  for (const [name, table] of tables) {
    for (const [c, amount] of Object.entries(table)) {
      if (!gateway.currencies.includes(c)) problems.push(`${name} names ${c}, which the gateway does not take`);
      if (!isMinor(amount)) problems.push(`${name}.${c} is not a minor-unit amount`);
    }
  }
  for (const c of gateway.currencies) {
    const min = gateway.fee.min[c];
    const max = gateway.fee.max[c];
    if (min !== undefined && max !== undefined && min > max) problems.push(`fee.min.${c} exceeds fee.max.${c}`);
  }
  return problems;
}

/** The handling fee for `converted` minor units of `currency` through `gateway` (see FeeRule). */
export function handlingFee(gateway: Gateway, currency: string, converted: number): number {
  const { percent_bps, fixed, min, max } = gateway.fee;
  let fee = bpsCeil(converted, percent_bps) + (fixed[currency] ?? 0);
  fee = Math.max(fee, min[currency] ?? 0);
  const cap = max[currency];
  if (cap !== undefined) fee = Math.min(fee, cap);
  return toMinor(BigInt(fee), 'fee');
}

/**
 * What returning `received` minor units of `currency` costs (see RefundCostRule). A currency the gateway does
 * not list (a buyer wired the wrong one) has no fixed part: we still return the money, charging the percentage only.
 */
export function refundCost(gateway: Gateway, currency: string, received: number): number {
  const { percent_bps, fixed, max } = gateway.refund_cost;
  let cost = bpsCeil(received, percent_bps) + (fixed[currency] ?? 0);
  const cap = max[currency];
  if (cap !== undefined) cost = Math.min(cost, cap);
  return Math.min(cost, received);
}

/**
 * Mid rates as exact decimal strings: `quotes[X]` is how many units (major, not minor) of X one unit of `base`
 * buys, e.g. base USD, quotes.CNY "7.1". Strings, never floats: "0.1" stays one tenth, and they read the same
 * in JSON, SQL and logs. The base's own quote is implicitly "1".
 */
export interface Rates {
  base: string;
  as_of: string;
  quotes: Readonly<Record<string, string>>;
}

/** A positive rational; rates are num/den with den a power of ten when parsed from a decimal. */
export interface Rational {
  num: bigint;
  den: bigint;
}

const DECIMAL = /^(0|[1-9]\d{0,11})(?:\.(\d{1,12}))?$/;

/** An exact positive rational from a decimal string, or null if the text is not a plain positive decimal. */
export function parseRate(text: string): Rational | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  const num = BigInt(`${match[1]}${fraction}`);
  if (num === 0n) return null;
  return { num, den: 10n ** BigInt(fraction.length) };
}

function quoteOf(rates: Rates, currency: string): Rational | null {
  if (currency === rates.base) return { num: 1n, den: 1n };
  const text = rates.quotes[currency];
  return text === undefined ? null : parseRate(text);
}

/** Units of `to` per unit of `from` at mid, exactly (a cross rate through the base), or null if either is missing. */
export function midRate(rates: Rates, from: string, to: string): Rational | null {
  const f = quoteOf(rates, from);
  const t = quoteOf(rates, to);
  if (!f || !t) return null;
  return { num: t.num * f.den, den: t.den * f.num };
}

/** Sandbox mid rates (base USD), seeded as-is; round numbers so worked examples can be checked by hand. */
export const SANDBOX_RATES: Rates = {
  base: 'USD',
  as_of: '2026-01-05T00:00:00.000Z',
  quotes: { EUR: '0.92', GBP: '0.79', CNY: '7.1', HKD: '7.8', SGD: '1.34', JPY: '150', KWD: '0.307' },
};

/** The currencies among `currencies` that `rates` cannot price: the seed must leave this empty for every gateway. */
export function missingRates(rates: Rates, currencies: readonly string[]): string[] {
  return currencies.filter((c) => quoteOf(rates, c) === null);
}
