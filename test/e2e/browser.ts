/** Debian's Chromium driven by puppeteer-core; never a downloaded browser. */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageProblems {
  violations: string[];
  errors: string[];
}

/** Collects CSP violations (reported by the page itself) and console errors and uncaught exceptions. */
export async function watchProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { violations: [], errors: [] };
  await page.exposeFunction('__k100ReportViolation', (text: string) => problems.violations.push(text));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __k100ReportViolation(t: string): void }).__k100ReportViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`,
      );
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(message.text());
  });
  page.on('pageerror', (error) => problems.errors.push(String(error)));
  return problems;
}

/**
 * Waits until `host`'s shadow root holds `selector`. Polls: puppeteer's waitForSelector watches DOM
 * mutations of the document, which do not fire for changes inside shadow roots.
 */
export async function waitInShadow(page: Page, host: string, selector: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (h: string, s: string) => !!document.querySelector(h)?.shadowRoot?.querySelector(s),
    { polling: 100, timeout },
    host,
    selector,
  );
}
