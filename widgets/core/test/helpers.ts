/** Small helpers for widget browser tests: reach into the shadow root and wait for a state. */
import { waitUntil } from '@open-wc/testing';

/** The first match inside the widget's shadow root, or null. */
export function $<E extends Element = HTMLElement>(el: Element, selector: string): E | null {
  return el.shadowRoot!.querySelector<E>(selector);
}

export function $$<E extends Element = HTMLElement>(el: Element, selector: string): E[] {
  return [...el.shadowRoot!.querySelectorAll<E>(selector)];
}

/** Waits until `selector` matches inside the shadow root (and `check` holds), then returns the match. */
export async function waitFor<E extends Element = HTMLElement>(
  el: Element,
  selector: string,
  check: (match: E) => boolean = () => true,
): Promise<E> {
  await waitUntil(
    () => {
      const match = $<E>(el, selector);
      return match !== null && check(match);
    },
    `timed out waiting for ${selector}`,
    { timeout: 4000 },
  );
  return $<E>(el, selector)!;
}

/** Visible text of an element with whitespace collapsed. */
export function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
