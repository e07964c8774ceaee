/**
 * The lazy loader: one small script tag that defines nothing itself. It watches the page for `k100-*`
 * tags (in the document and in every open shadow root it can reach) and imports a widget's entry the first
 * time its tag appears, also when a framework renders it later. A tag someone already defined (a second
 * copy of our script, or the partner's own element) is left alone and its entry never fetched.
 */

/** Each tag's entry. Static specifiers, so the CDN build and a partner's bundler can split on them. */
const ENTRIES: Record<string, () => Promise<unknown>> = {
  'k100-provider': () => import('./provider/index.js'),
  'k100-product-search': () => import('./product-search/index.js'),
  'k100-product-folder': () => import('./product-folder/index.js'),
  'k100-purchase-order': () => import('./purchase-order/index.js'),
  'k100-contract-drafter': () => import('./contract-drafter/index.js'),
  'k100-contract-review': () => import('./contract-review/index.js'),
  'k100-pay-checkout': () => import('./pay-checkout/index.js'),
  'k100-shipment-tracker': () => import('./shipment-tracker/index.js'),
  'k100-order-status': () => import('./order-status/index.js'),
  'k100-warehouse-console': () => import('./warehouse-console/index.js'),
};

/**
 * The shared chunks each entry imports, relative to this file, which the CDN build writes in place of the
 * placeholder (see `loaderPreloads` in vite.config.ts). Announcing them as `modulepreload` links with the
 * entry's import lets the browser fetch entry and chunks at once instead of entry first, then its chunks.
 * Unbuilt (tests from source) and in the npm build (the partner's bundler decides) it stays the placeholder.
 */
const PRELOADS: string = '__K100_PRELOADS__';
const preloads: Record<string, string[]> = PRELOADS.startsWith('{') ? JSON.parse(PRELOADS) : {};

const SELECTOR = Object.keys(ENTRIES).join(',');
const requested = new Set<string>();
const preloaded = new Set<string>();
const watched = new WeakSet<Node>();

function preload(file: string): void {
  if (preloaded.has(file)) return;
  preloaded.add(file);
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = new URL(file, import.meta.url).href;
  document.head.append(link);
}

function load(tag: string): void {
  if (requested.has(tag)) return;
  requested.add(tag);
  if (customElements.get(tag)) return;
  for (const file of preloads[tag] ?? []) preload(file);
  ENTRIES[tag]!().then(
    // A widget may render other widgets inside its own shadow root: look there once it has rendered.
    () => customElements.whenDefined(tag).then(() => {
      for (const host of findAll(document, tag)) void settled(host).then(() => host.shadowRoot && watch(host.shadowRoot));
    }),
    (error: unknown) => {
      requested.delete(tag);
      console.error(`k100 loader: ${tag} failed to load`, error);
    },
  );
}

/** Waits for a Lit element's first render (`updateComplete`), or nothing for other elements. */
function settled(element: Element): Promise<unknown> {
  return Promise.resolve((element as Element & { updateComplete?: Promise<unknown> }).updateComplete);
}

/** Elements matching `selector` under `root`, including in the open shadow roots it holds (not `root`). */
function findAll(root: ParentNode, selector: string): Element[] {
  const found = [...root.querySelectorAll(selector)];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...findAll(element.shadowRoot, selector));
  }
  return found;
}

/** Loads every widget under `root` (an element itself counts) and starts watching the shadow roots there. */
function scan(root: Element | ShadowRoot | Document): void {
  if (root instanceof Element && root.localName in ENTRIES) load(root.localName);
  for (const element of root.querySelectorAll(SELECTOR)) load(element.localName);
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) watch(element.shadowRoot);
  if (root instanceof Element && root.shadowRoot) watch(root.shadowRoot);
}

const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) scan(node);
  }
});

function watch(root: Document | ShadowRoot): void {
  if (watched.has(root)) return;
  watched.add(root);
  observer.observe(root, { childList: true, subtree: true });
  scan(root);
}

watch(document);

// For TypeScript: importing the loader types every tag and event, as importing them all would (type-only).
export type * from './index.js';
