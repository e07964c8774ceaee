/** Small helpers for widget browser tests: reach into the shadow root and wait for a state. */
import { waitUntil } from '@open-wc/testing';

/** The first match inside the widget's shadow root, or null. */
export function $<E extends Element = HTMLElement>(el: Element, selector: string): E | null {
  return el.shadowRoot!.querySelector<E>(selector);
}

export function $$<E extends Element = HTMLElement>(el: Element, selector: string): E[] {
  return [...el.shadowRoot!.querySelectorAll<E>(selector)];
}

/**
 * How long a wait may take before it fails. open-wc's `waitUntil` defaults to 1 s, which a request through
 * msw's worker plus a render can exceed on two busy cores (~1 s seen at load 20); 4 s leaves room under
 * mocha's 8 s per test. Wait for the condition itself, never for a fixed delay.
 */
const WAIT_MS = 4000;

/** Waits until `predicate` holds, polling; fails with `message` after WAIT_MS. */
export function until(predicate: () => unknown, message?: string): Promise<void> {
  return waitUntil(predicate, message, { timeout: WAIT_MS });
}

/** Waits until `selector` matches inside the shadow root (and `check` holds), then returns the match. */
export async function waitFor<E extends Element = HTMLElement>(
  el: Element,
  selector: string,
  check: (match: E) => boolean = () => true,
): Promise<E> {
  await until(() => {
    const match = $<E>(el, selector);
    return match !== null && check(match);
  }, `timed out waiting for ${selector}`);
  return $<E>(el, selector)!;
}

/** Visible text of an element with whitespace collapsed. */
export function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
