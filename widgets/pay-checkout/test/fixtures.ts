/** Mounting and reading `<k100-pay-checkout>` in its browser tests. */
import { fixture, html } from '@open-wc/testing';
import '../index.js';
import type { K100PayCheckout } from '../pay-checkout.js';
import { $, text, waitFor } from '../../core/test/helpers.js';
import { TOKENS } from '../../core/test/mock-api.js';
import { payDb } from '../../core/test/mock-pay.js';

export type Attrs = { session?: string; theme?: string; locale?: string; orderId?: string };

export async function mount(attrs: Attrs = {}) {
  return fixture<K100PayCheckout>(html`<k100-pay-checkout
    session=${attrs.session ?? TOKENS.buyer}
    theme=${attrs.theme ?? 'light'}
    locale=${attrs.locale ?? 'en'}
    order-id=${attrs.orderId ?? 'ord_1'}
  ></k100-pay-checkout>`);
}

export const within = (node: Element | null, selector: string) => [...(node?.querySelectorAll(selector) ?? [])].map((n) => text(n));
/** Each `label value` row of a part's `<dl>`. */
export const figures = (el: Element, part: string) =>
  [...($(el, `[part~="${part}"]`)?.querySelectorAll('dl > div') ?? [])].map((row) => `${text(row.querySelector('dt'))} ${text(row.querySelector('dd'))}`);
/** Whether focus is on the first match of `selector` (a boolean: a failing DOM comparison can stall the runner). */
export const focused = (el: Element, selector: string) => {
  const active = el.shadowRoot!.activeElement;
  return !!active && active === $(el, selector);
};
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export async function pick(el: K100PayCheckout, gateway: string, currency?: string) {
  const radio = await waitFor<HTMLInputElement>(el, `#gw-${gateway}`);
  radio.click();
  await el.updateComplete;
  if (currency) {
    const select = $<HTMLSelectElement>(el, '[part~="currency-select"]')!;
    select.value = currency;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
  }
}

/** Mounts the checkout on an intent awaiting funds (`expiresIn` seconds from now). */
export async function mountAwaiting(expiresIn?: number, attrs: Attrs = {}) {
  const intent = payDb.quote('ord_1', 'globalpay_fx', 'CNY', expiresIn);
  const el = await mount(attrs);
  await waitFor(el, '[part~="breakdown"]');
  return { el, intent };
}


let visibility: DocumentVisibilityState = 'visible';

/**
 * Makes the page report itself visible (or hidden) to the checkout, whose polling pauses on hidden pages.
 * The runner opens test files side by side in tabs of which only one is really visible.
 */
export function setVisibility(state: DocumentVisibilityState, notify = true): void {
  visibility = state;
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  if (notify) document.dispatchEvent(new Event('visibilitychange'));
}

/** Gives the page back its own `document.visibilityState`. */
export function restoreVisibility(): void {
  delete (document as { visibilityState?: unknown }).visibilityState;
}
