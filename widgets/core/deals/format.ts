/** Formatting the deal widgets share: calendar days, timestamps, percentages and the names of terms values. */
import type { K100Element } from '../element.js';
import type { MessageKey } from '../i18n.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** A calendar day ("2026-12-15"), the same day everywhere: formatted in UTC, never shifted by the time zone. */
export function formatDay(day: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A moment (ISO 8601 timestamp) with date and time, in the reader's time zone. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export const INCOTERMS = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] as const;
export const SHIPPING_MODES = ['fcl', 'lcl', 'courier'] as const;

/** "FOB · Free on Board" in the widget's language. */
export function incotermName(host: K100Element, code: string): string {
  const known = (INCOTERMS as readonly string[]).includes(code);
  return known ? `${code} · ${host.t(`incoterm${code}` as MessageKey)}` : code;
}

export function shippingModeName(host: K100Element, mode: string): string {
  return (SHIPPING_MODES as readonly string[]).includes(mode) ? host.t(`shipping_${mode}` as MessageKey) : mode;
}

export function percent(host: K100Element, value: number): string {
  return host.t('percentValue', { value });
}
