/**
 * What a page holds and sent, for the hardening suite: every text, attribute and element through all shadow
 * roots, the page's storage, and a log of its requests and console output, to look for injected markup and
 * leaked session tokens.
 */
import type { Page } from 'puppeteer-core';

export interface PageRecord {
  violations: string[];
  console: string[];
  requests: { url: string; headers: Record<string, string>; body: string }[];
}

/** Records CSP violations (event and console), every console line and uncaught error, and every request. */
export async function recordPage(page: Page): Promise<PageRecord> {
  const record: PageRecord = { violations: [], console: [], requests: [] };
  await page.exposeFunction('__k100ReportViolation', (text: string) => record.violations.push(text));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __k100ReportViolation(t: string): void }).__k100ReportViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  page.on('console', (message) => {
    record.console.push(`${message.type()}: ${message.text()}`);
    // Chromium reports some refusals (Trusted Types among them) only on the console.
    if (/Content Security Policy|Trusted Type/i.test(message.text())) record.violations.push(message.text());
  });
  page.on('pageerror', (error) => record.console.push(`pageerror: ${String(error)}`));
  page.on('request', (request) => {
    record.requests.push({ url: request.url(), headers: request.headers(), body: request.postData() ?? '' });
  });
  return record;
}

export interface DomAudit {
  /** Every text node, and the value of every form control, in the document and all shadow roots. */
  texts: string[];
  /** `tag attr=value` for every attribute of every element, shadow roots included. */
  attributes: string[];
  /** Elements a payload could have made: scripts inside widgets, event-handler attributes, `javascript:` links. */
  injected: string[];
  /** Whether the page scrolls sideways (a long word pushed a widget wider than the viewport). */
  overflowsX: boolean;
}

/** Walks the document and every shadow root below it. */
export function auditDom(page: Page): Promise<DomAudit> {
  return page.evaluate(() => {
    const audit = { texts: [] as string[], attributes: [] as string[], injected: [] as string[], overflowsX: false };
    // A queue, not a recursive helper: tsx wraps named inner functions in a `__name` call the page lacks.
    const roots: (Document | ShadowRoot)[] = [document];
    for (let root = roots.shift(); root; root = roots.shift()) {
      const inShadow = root !== document;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) {
          audit.texts.push(node.nodeValue ?? '');
          continue;
        }
        const element = node as Element;
        const tag = element.localName;
        if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) audit.texts.push(element.value);
        for (const { name, value } of Array.from(element.attributes)) {
          audit.attributes.push(`${tag} ${name}=${value}`);
          if (name.startsWith('on')) audit.injected.push(`<${tag} ${name}>`);
          if (/^\s*javascript:/i.test(value) && ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)) {
            audit.injected.push(`<${tag} ${name}=${value}>`);
          }
        }
        if (inShadow && ['script', 'iframe', 'object', 'embed'].includes(tag)) audit.injected.push(`<${tag}> in a shadow root`);
        if (tag === 'img' && element.getAttribute('src') === 'x') audit.injected.push('<img src=x>');
        if (element.shadowRoot) roots.push(element.shadowRoot);
      }
    }
    audit.overflowsX = document.documentElement.scrollWidth > document.documentElement.clientWidth;
    return audit;
  });
}

/** Every place in the page's own storage a token could be kept: web storage, cookies, IndexedDB, Cache Storage. */
export function storageDump(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out: string[] = [`cookie: ${document.cookie}`];
    for (const [name, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]] as const) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i) ?? '';
        out.push(`${name} ${key}=${storage.getItem(key)}`);
      }
    }
    for (const db of await indexedDB.databases()) out.push(`indexedDB ${db.name}`);
    for (const key of await caches.keys()) out.push(`caches ${key}`);
    return out;
  });
}

/** The token's three parts (header, claims, signature): none may show up anywhere but an Authorization header. */
export function tokenParts(token: string): string[] {
  return token.split('.').filter((part) => part.length >= 8);
}

/**
 * Where a right-to-left override inside one of `values` reaches text the widget wrote after it. The override
 * runs to the end of its paragraph unless something isolates it: an element (`<bdi>`, `unicode-bidi: isolate`
 * or `plaintext`) or U+2068 … U+2069 around it. Otherwise "Rotterdam‮" next to a date shows the date
 * backwards. One line per bleed.
 */
export function bidiBleeds(page: Page, values: string[]): Promise<string[]> {
  return page.evaluate((values: string[]) => {
    const out: string[] = [];
    const isolating = ['isolate', 'isolate-override', 'plaintext'];
    const roots: (Document | ShadowRoot)[] = [document];
    for (let root = roots.shift(); root; root = roots.shift()) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node instanceof Element) {
          if (node.shadowRoot) roots.push(node.shadowRoot);
          continue;
        }
        const text = node.nodeValue ?? '';
        // The longest match: a product's full name holds the hostile field it was made from.
        const value = values.filter((v) => v.includes('\u202E') && text.includes(v)).sort((a, b) => b.length - a.length)[0];
        // FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE around it closes any override inside.
        if (!value || text.includes(`\u2068${value}\u2069`)) continue;
        // Up to the paragraph (the nearest non-inline box), unless something on the way isolates the value.
        let container: Element | null = node.parentElement;
        let isolated = false;
        while (container) {
          const style = getComputedStyle(container);
          if (isolating.includes(style.unicodeBidi)) {
            isolated = true;
            break;
          }
          if (!style.display.startsWith('inline') && style.display !== 'contents') break;
          container = container.parentElement;
        }
        if (isolated || !container) continue;
        const range = document.createRange();
        range.setStart(node, text.indexOf(value) + value.length);
        range.setEndAfter(container.lastChild ?? container);
        const after = range.toString().trim();
        if (after) out.push(`<${container.localName} part="${container.getAttribute('part') ?? ''}"> … ${JSON.stringify(after.slice(0, 60))}`);
      }
    }
    return out;
  }, values);
}
