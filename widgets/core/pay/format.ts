/** Formatting the K100Pay widgets share: moments with date and time, and money as a bank form wants it. */
import { currencyDigits, minorToDecimal } from '../format.js';

const formats = new Map<string, Intl.DateTimeFormat>();

/** A moment (ISO 8601 timestamp) with date and time in the reader's time zone. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })));
  return format.format(date);
}

/** Minor units as the plain decimal a bank's amount field takes: 1234567 USD → "12345.67", no symbol or grouping. */
export const plainAmount = (minor: number, currency: string): string => minorToDecimal(minor, currencyDigits(currency));
