/** Integer minor-unit money: ISO 4217 exponents, exact BigInt products and rounding whose direction is named. */

/**
 * Rounding policy for all of K100Pay: what the buyer owes rounds UP (`ceil`), what anyone is paid out rounds
 * DOWN (`floor`). A fraction of a minor unit can then only ever stay with the platform's trust account, so
 * the platform never has to fund a shortfall out of its own money, and every sum still closes exactly
 * because the other side of a split is always computed as a subtraction, never rounded on its own.
 */

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * ISO 4217 minor-unit digits for the currencies whose exponent is not 2. An explicit table rather than
 * Intl.NumberFormat: ICU versions disagree (older ones gave ISK and several others 2 digits), and money
 * math must not change with the runtime. Source: ISO 4217 list one (SIX), 2024.
 */
const EXPONENT: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0,
  VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

const CODE = /^[A-Z]{3}$/;

/** True for a well-formed ISO 4217 alphabetic code (the format only; the registry is the gateways' business). */
export const isCurrencyCode = (code: string): boolean => CODE.test(code);

/** Minor-unit digits of `code`: 0 for JPY, 3 for KWD, 2 for any other well-formed code. */
export function currencyExponent(code: string): number {
  if (!isCurrencyCode(code)) throw new RangeError(`not an ISO 4217 code: ${JSON.stringify(code)}`);
  return EXPONENT[code] ?? 2;
}

export const pow10 = (digits: number): bigint => 10n ** BigInt(digits);

/** A safe non-negative integer: the only thing an amount may be. */
export const isMinor = (amount: unknown): amount is number =>
  typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0;

export function assertMinor(amount: number, what: string): void {
  if (!isMinor(amount)) throw new RangeError(`${what} must be a safe non-negative integer of minor units, got ${amount}`);
}

/** Back from BigInt, refusing to round: anything beyond MAX_SAFE_INTEGER would silently lose units. */
export function toMinor(amount: bigint, what: string): number {
  if (amount < 0n || amount > SAFE) throw new RangeError(`${what} is outside 0..Number.MAX_SAFE_INTEGER`);
  return Number(amount);
}

/** Like toMinor, but says whether it fits instead of throwing (for rules that refuse rather than crash). */
export const fitsMinor = (amount: bigint): boolean => amount >= 0n && amount <= SAFE;

/** ⌈n / d⌉ for n ≥ 0, d > 0. BigInt division truncates, which is floor only for non-negative operands. */
export function ceilDiv(n: bigint, d: bigint): bigint {
  if (n < 0n || d <= 0n) throw new RangeError('ceilDiv needs n >= 0 and d > 0');
  return (n + d - 1n) / d;
}

/** ⌊n / d⌋ for n ≥ 0, d > 0. */
export function floorDiv(n: bigint, d: bigint): bigint {
  if (n < 0n || d <= 0n) throw new RangeError('floorDiv needs n >= 0 and d > 0');
  return n / d;
}

function checkBps(bps: number): void {
  if (!Number.isSafeInteger(bps) || bps < 0) throw new RangeError(`basis points must be a non-negative integer, got ${bps}`);
}

/** ceil(amount × bps / 10 000): a charge the buyer owes (handling fee, refund cost). */
export function bpsCeil(amount: number, bps: number): number {
  assertMinor(amount, 'amount');
  checkBps(bps);
  return toMinor(ceilDiv(BigInt(amount) * BigInt(bps), 10_000n), 'charge');
}

/** floor(amount × bps / 10 000): a share paid out (a release, a payout). */
export function bpsFloor(amount: number, bps: number): number {
  assertMinor(amount, 'amount');
  checkBps(bps);
  return toMinor(floorDiv(BigInt(amount) * BigInt(bps), 10_000n), 'share');
}

/** Checked sum of amounts: throws rather than let a total pass MAX_SAFE_INTEGER. */
export function addMinor(...amounts: number[]): number {
  let sum = 0n;
  for (const amount of amounts) {
    assertMinor(amount, 'addend');
    sum += BigInt(amount);
  }
  return toMinor(sum, 'sum');
}

/** Plain decimal text of an amount, e.g. 123456 USD → "1234.56", 1234 JPY → "1234", 1500 KWD → "1.500". */
export function formatMinor(amount: number, currency: string): string {
  assertMinor(amount, 'amount');
  const digits = currencyExponent(currency);
  if (digits === 0) return String(amount);
  const text = String(amount).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
