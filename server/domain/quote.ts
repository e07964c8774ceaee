/** Payment quotes (contract total → exact amount due in the pay currency) and typo-proof payment references. */
import { sha256Hex } from './canonical-json.js';
import { handlingFee, midRate, type Gateway, type Rates } from './gateways.js';
import { assertMinor, ceilDiv, currencyExponent, fitsMinor, pow10 } from './money.js';
import { accepted, refusePay, type PayResult } from './pay-refusal.js';

/**
 * The customer rate is rounded UP to this many decimals before use, and the rounded value is what the quote
 * shows and what the amount is computed from: the buyer can reproduce amount_due from the breakdown with a
 * calculator. Twelve decimals keep ≥ 6 significant digits even for VND→KWD-sized ratios (~1e-5).
 */
export const RATE_DECIMALS = 12;
const RATE_SCALE = pow10(RATE_DECIMALS);

export interface QuoteInput {
  /** Minor units of the contract currency. */
  contract_total: number;
  contract_currency: string;
  gateway: Gateway;
  pay_currency: string;
  rates: Rates;
  /** ISO 8601 instant the quote is made. */
  now: string;
}

/** The handling-fee rule as it applies to the pay currency, so widgets can phrase it in any locale. */
export interface AppliedFeeRule {
  percent_bps: number;
  fixed: number;
  min: number | null;
  max: number | null;
}

export interface QuoteBreakdown {
  contract_total: number;
  contract_currency: string;
  /** Mid rate (pay units per contract unit), rounded half-up to RATE_DECIMALS; shown for transparency only. */
  mid_rate: string;
  spread_bps: number;
  /** The customer rate actually applied: mid × (1 + spread), rounded up to RATE_DECIMALS; "1" when no FX. */
  rate: string;
  /** ceil(contract_total × rate), in pay-currency minor units. */
  converted_amount: number;
  fee: number;
  fee_rule: AppliedFeeRule;
}

export interface Quote {
  gateway: string;
  /** converted_amount + fee: the one exact amount the buyer must send. */
  amount_due: number;
  currency: string;
  breakdown: QuoteBreakdown;
  expires_at: string;
}

export type QuoteRefusal = 'currency_not_supported' | 'rate_unavailable' | 'amount_too_large' | 'nothing_to_pay';

function instant(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not an ISO 8601 instant: ${iso}`);
  return ms;
}

/** A non-negative integer `scaled` / 10^RATE_DECIMALS as plain decimal text without trailing zeros. */
export function formatScaledRate(scaled: bigint): string {
  const whole = scaled / RATE_SCALE;
  const fraction = (scaled % RATE_SCALE).toString().padStart(RATE_DECIMALS, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/**
 * The exact amount a buyer pays to settle `contract_total` through `gateway` in `pay_currency`:
 *   rate      = ceil_12dp(mid × (10 000 + spread_bps) / 10 000)          (1 when no conversion happens)
 *   converted = ceil(contract_total / 10^e(contract) × rate × 10^e(pay))  (minor units of pay currency)
 *   fee       = handlingFee(gateway, pay_currency, converted)             (ceil, min, max: gateways.ts)
 *   amount_due = converted + fee, valid until now + quote_ttl_seconds.
 * Every step rounds up because the buyer bears FX and fees; the converted amount is therefore never below
 * the exact product at the gateway's true customer rate.
 */
export function quotePayment(input: QuoteInput): PayResult<Quote, QuoteRefusal> {
  const { contract_total, contract_currency, gateway, pay_currency, rates } = input;
  assertMinor(contract_total, 'contract_total');
  const now = instant(input.now, 'now');
  if (!gateway.currencies.includes(pay_currency)) {
    return refusePay('currency_not_supported', `${gateway.name} does not take ${pay_currency}; choose one of ${gateway.currencies.join(', ')}.`);
  }
  const same = pay_currency === contract_currency;
  if (!same && !gateway.converts) {
    return refusePay('currency_not_supported', `${gateway.name} takes the contract currency ${contract_currency} only.`);
  }
  // Same currency: nothing is converted, so no spread is charged even on an FX gateway.
  let scaled = RATE_SCALE;
  let midText = '1';
  if (!same) {
    const mid = midRate(rates, contract_currency, pay_currency);
    if (!mid) return refusePay('rate_unavailable', `No ${contract_currency}→${pay_currency} rate is available right now.`);
    scaled = ceilDiv(mid.num * BigInt(10_000 + gateway.spread_bps) * RATE_SCALE, mid.den * 10_000n);
    midText = formatScaledRate((mid.num * RATE_SCALE * 2n + mid.den) / (mid.den * 2n));
  }
  const converted = ceilDiv(
    BigInt(contract_total) * scaled * pow10(currencyExponent(pay_currency)),
    RATE_SCALE * pow10(currencyExponent(contract_currency)),
  );
  if (!fitsMinor(converted)) return refusePay('amount_too_large', 'The converted amount is too large to pay in one transfer.');
  const fee = handlingFee(gateway, pay_currency, Number(converted));
  const due = converted + BigInt(fee);
  if (!fitsMinor(due)) return refusePay('amount_too_large', 'The amount due is too large to pay in one transfer.');
  if (due === 0n) return refusePay('nothing_to_pay', 'This contract has nothing to pay.');
  return accepted({
    gateway: gateway.id,
    amount_due: Number(due),
    currency: pay_currency,
    breakdown: {
      contract_total,
      contract_currency,
      mid_rate: midText,
      spread_bps: same ? 0 : gateway.spread_bps,
      rate: formatScaledRate(scaled),
      converted_amount: Number(converted),
      fee,
      fee_rule: {
        percent_bps: gateway.fee.percent_bps,
        fixed: gateway.fee.fixed[pay_currency] ?? 0,
        min: gateway.fee.min[pay_currency] ?? null,
        max: gateway.fee.max[pay_currency] ?? null,
      },
    },
    expires_at: new Date(now + gateway.quote_ttl_seconds * 1000).toISOString(),
  });
}

/*
 * Payment references: `K100-XXXX-XXXX-XXXX-C`, twelve Crockford base32 symbols (60 bits of
 * sha256(orderId, seq)) and one check symbol. Crockford's alphabet has no I, L, O or U, so what a person
 * mistypes as O/I/L is read back as 0/1/1, and case and hyphens do not matter.
 *
 * Check symbol: not Crockford's mod-37, whose symbols * ~ $ = are outside the SWIFT "x" character set and get
 * stripped from wire memos (4 references in 37 would arrive unmatchable). Instead a weighted sum over GF(32)
 * (polynomial x^5 + x^2 + 1; weights α^1..α^12 for the data, 1 for the check symbol; valid when the sum is 0),
 * which needs only the 32 ordinary symbols and, because all weights are distinct and non-zero, rejects every
 * single-symbol substitution and every transposition of two different symbols, adjacent or not.
 *
 * Uniqueness: 60 bits make an accidental clash ~1e-6 likely by a million intents, not impossible; storage
 * keeps a unique index on reference and, on a clash, takes the next seq.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_SYMBOLS = 12;
const PREFIX = 'K100';

function gfMul(a: number, b: number): number {
  let product = 0;
  for (let x = a, y = b; y > 0; y >>= 1) {
    if (y & 1) product ^= x;
    x <<= 1;
    if (x & 0b100000) x ^= 0b100101; // reduce by x^5 + x^2 + 1
  }
  return product;
}

/** α^(i+1) · symbol, summed (XOR) over the data symbols. */
function checkValue(values: readonly number[]): number {
  let sum = 0;
  let weight = 1;
  for (const value of values) {
    weight = gfMul(weight, 2);
    sum ^= gfMul(weight, value);
  }
  return sum;
}

const group = (symbols: string) => `${PREFIX}-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}-${symbols.slice(12)}`;

/** The payment reference of intent number `seq` (1-based) of order `orderId`; the same inputs give the same reference. */
export function reference(orderId: string, seq: number): string {
  if (!orderId) throw new RangeError('orderId is required');
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError('seq must be a positive integer');
  const bits = BigInt(`0x${sha256Hex(`${orderId}\u0000${seq}`).slice(0, 15)}`); // 60 bits
  const values = Array.from({ length: DATA_SYMBOLS }, (_, i) => Number((bits >> BigInt(5 * (DATA_SYMBOLS - 1 - i))) & 31n));
  return group([...values, checkValue(values)].map((v) => CROCKFORD[v]).join(''));
}

/**
 * A reference as a person or a bank memo may have typed it (any case, spaces or hyphens anywhere, O/I/L for
 * 0/1/1), in canonical form; refused if it is not K100 + 13 symbols or its check symbol does not match.
 */
export function parseReference(input: string): PayResult<string, 'reference_invalid'> {
  const squeezed = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const body = squeezed.startsWith(PREFIX) ? squeezed.slice(PREFIX.length) : null;
  if (body === null || body.length !== DATA_SYMBOLS + 1 || [...body].some((ch) => !CROCKFORD.includes(ch))) {
    return refusePay('reference_invalid', 'A K100Pay reference looks like K100-XXXX-XXXX-XXXX-C.');
  }
  const values = [...body].map((ch) => CROCKFORD.indexOf(ch));
  if (checkValue(values.slice(0, DATA_SYMBOLS)) !== values[DATA_SYMBOLS]) {
    return refusePay('reference_invalid', 'This reference has a typo: its check symbol does not match.');
  }
  return accepted(group(body));
}
