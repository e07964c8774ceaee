/** Registration that tolerates a second copy of our script on the page. */

/** Defines `tag` unless something already did (partner pages do load scripts twice). */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
