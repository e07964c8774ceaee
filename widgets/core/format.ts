/** Locale-aware money, numbers and dates through cached `Intl` formatters; money stays integer minor units. */

const cache = new Map<string, unknown>();

function cached<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  return cached(`m${locale}|${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency }));
}

/** Fraction digits of an ISO 4217 currency: 2 for USD, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  return moneyFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Integer minor units as an exact decimal string ("1250", 2 → "12.50"), never through a float. */
export function minorToDecimal(minor: number, digits: number): `${number}` {
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  const sign = minor < 0 ? '-' : '';
  const cut = text.length - digits;
  return `${sign}${text.slice(0, cut)}${digits ? `.${text.slice(cut)}` : ''}` as `${number}`;
}

/** Formats integer minor units in the currency's own fraction digits: 125000 USD → "$1,250.00". */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = moneyFormat(locale, currency);
  return format.format(minorToDecimal(minor, format.resolvedOptions().maximumFractionDigits ?? 2));
}

/**
 * Parses an amount typed in major units ("12.5") into integer minor units (1250 for USD), rounding
 * half up past the currency's digits. Returns undefined for empty or malformed input.
 */
export function majorToMinor(input: string, currency: string): number | undefined {
  const match = /^(\d{1,13})(?:\.(\d*))?$/.exec(input.trim());
  if (!match) return undefined;
  const digits = currencyDigits(currency);
  const fraction = (match[2] ?? '').padEnd(digits + 1, '0');
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.slice(0, digits) || 0);
  return Number(fraction[digits]) >= 5 ? minor + 1 : minor;
}

export function formatNumber(value: number, locale: string): string {
  return cached(`n${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/** A date (ISO 8601 string) in the locale's medium style. */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cached(`d${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(date);
}

export function pluralRules(locale: string): Intl.PluralRules {
  return cached(`p${locale}`, () => new Intl.PluralRules(locale));
}
