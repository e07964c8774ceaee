/**
 * Message catalogs (`en` built in, `zh-CN` loaded on demand) with plural forms and `{name}`
 * interpolation; unknown locales and missing messages fall back to `en`.
 */
import { formatNumber, pluralRules } from './format.js';
import type { dealMessages } from './deals/messages.js';
import type { payMessages } from './pay/messages.js';

/** A message is plain text or a set of plural forms picked by the `count` parameter. */
export type Message = string | { one?: string; other: string };
export type Params = Record<string, string | number>;

/** Built-in English: the states every widget shows and text several widgets use (one widget's own text lives in its `messages.ts`). */
export const en = {
  loading: 'Loading…',
  errorTitle: 'Something went wrong while loading.',
  errorHint: 'Check your connection and try again.',
  retry: 'Retry',
  expiredTitle: 'Your session has expired',
  expiredHint: 'Sign in again to continue.',

  perUnit: '{price} / unit',
  moq: { one: 'MOQ {count} pc', other: 'MOQ {count} pcs' },
  loadMore: 'Load more',
  loadingMore: 'Loading more…',

  quantity: 'Quantity',
  remove: 'Remove',
  removed: 'Removed {name}.',

  supplier: 'Supplier',
  message: 'Message',
  sending: 'Sending…',
} satisfies Record<string, Message>;

/** Keys of the built-in catalog, which every locale's main catalog covers. */
export type BaseKey = keyof typeof en;
/** Every key a widget may ask for: the built-in ones and those of catalogs added with `addMessages`. */
/**
 * Keys a widget's own catalog adds (`declare module` + `interface MessageRegistry extends Record<keyof
 * typeof itsMessages, true>`), so text only one widget shows lives with it and stays type-checked.
 */
export interface MessageRegistry {}
export type MessageKey = BaseKey | keyof typeof dealMessages | keyof typeof payMessages | keyof MessageRegistry;
export type Catalog = Record<BaseKey, Message>;
export type Messages = Partial<Record<MessageKey, Message>>;
type CatalogLoader = () => Promise<{ default: Messages }>;

const catalogs: Record<string, Messages> = { en: { ...en } };

// Other catalogs load on demand, so an English page never downloads Chinese text.
const loaders: Record<string, CatalogLoader[]> = {
  'zh-CN': [() => import('./locales/zh-CN.js')],
};
const loading = new Map<CatalogLoader, Promise<unknown>>();

/**
 * Adds a widget family's messages: English at once, other locales loaded on demand like the built-in
 * ones. Lets widgets that only some pages load keep their text out of everyone's first download.
 */
export function addMessages(english: Messages, others: Record<string, CatalogLoader>): void {
  Object.assign(catalogs['en']!, english);
  for (const [locale, load] of Object.entries(others)) (loaders[locale] ??= []).push(load);
}

/** Starts loading a locale's catalogs; undefined when there is nothing (left) to wait for. */
export function loadCatalog(locale: string): Promise<unknown> | undefined {
  const pending = loaders[locale]?.map((load) => {
    let done = loading.get(load);
    if (!done) {
      done = load()
        // Offline or blocked: English stands in rather than never rendering.
        .then((module) => Object.assign((catalogs[locale] ??= {}), module.default), () => {})
        .then(() => (loaders[locale] = loaders[locale]!.filter((other) => other !== load)));
      loading.set(load, done);
    }
    return done;
  });
  return pending?.length ? Promise.all(pending) : undefined;
}

/** The catalog locale to use for a BCP 47 tag: any Chinese tag gets `zh-CN`, anything unknown `en`. */
export function resolveLocale(locale: string | undefined): string {
  if (!locale) return 'en';
  if (locale in catalogs || locale in loaders) return locale;
  return /^zh\b/i.test(locale) ? 'zh-CN' : 'en';
}

/** Bidi controls and right-to-left letters: a value holding any can reorder the message text around it. */
const BIDI_SENSITIVE = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * Puts a value between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE when it could reorder its
 * surroundings: an unclosed right-to-left override in a product name would otherwise run to the end of the
 * line and show the quantity after it backwards. Plain text is returned as it is.
 */
export function isolateBidi(value: string): string {
  return BIDI_SENSITIVE.test(value) ? `\u2068${value}\u2069` : value;
}

/**
 * Looks a message up, picks its plural form from `params.count`, and fills in `{name}` placeholders
 * (text values bidi-isolated, see `isolateBidi`).
 */
export function translate(locale: string, key: MessageKey, params?: Params): string {
  const resolved = resolveLocale(locale);
  const message: Message = catalogs[resolved]?.[key] ?? catalogs['en']![key] ?? key;
  const text =
    typeof message === 'string'
      ? message
      : (message[pluralRules(resolved).select(Number(params?.['count'] ?? 0)) as 'one'] ?? message.other);
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params?.[name];
    if (value === undefined) return placeholder;
    return typeof value === 'number' ? formatNumber(value, resolved) : isolateBidi(value);
  });
}
