/**
 * The lazy loader (`/widgets/loader.js`) on a partner page on another origin, against the real server and
 * its built widgets: a widget a framework adds after load gets defined and renders real data, widgets the
 * page never uses are never fetched, and a tag the page already defined is left alone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, waitInShadow, watchProblems } from './browser.js';
import { mintSession, startK100Server, startPartnerSite, type K100Server, type PartnerSite } from './servers.js';

let k100: K100Server;
let partner: PartnerSite;
let browser: Browser;

before(async () => {
  [k100, partner, browser] = await Promise.all([startK100Server(), startPartnerSite(), launchChromium()]);
});
after(async () => {
  await Promise.allSettled([browser?.close(), partner?.stop(), k100?.stop()]);
});

/** The widget files the page requested, as paths under /widgets/ (`product-search.js`, `chunks/core-….js`). */
function widgetRequests(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/widgets/')) files.push(pathname.slice('/widgets/'.length));
  });
  return files;
}

function pageWithLoader(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner app</title>${head}
    <script type="module" src="${k100.url}/widgets/loader.js"></script></head><body>${body}</body></html>`;
}

/** The partner page's CSP: scripts, preloads and API calls from the K100 origin only, no inline script. */
function csp(): string {
  return `default-src 'none'; script-src ${k100.url}; connect-src ${k100.url}; style-src 'self'; img-src 'self'`;
}

describe('the lazy loader', () => {
  test('defines a widget added after load, preloading its chunks, and fetches no other widget', async () => {
    const token = await mintSession(k100.url, 'buyer_globex');
    partner.setPage(pageWithLoader('<main id="app"></main>'), csp());
    const page = await browser.newPage();
    const problems = await watchProblems(page);
    const requested = widgetRequests(page);
    await page.goto(partner.url, { waitUntil: 'load' });
    // Loaded, and nothing defined yet: the loader registers nothing itself.
    assert.deepEqual(requested, ['loader.js']);
    assert.equal(await page.evaluate(() => customElements.get('k100-product-search') === undefined), true);

    // A framework renders the widget later, into the page the loader already watches.
    await page.evaluate((session: string) => {
      const search = document.createElement('k100-product-search');
      search.setAttribute('session', session);
      search.setAttribute('query', 'led');
      document.getElementById('app')!.append(search);
    }, token);
    await waitInShadow(page, 'k100-product-search', '[part~="card"]');

    assert.ok(requested.includes('product-search.js'), `the search entry was fetched (${requested.join(', ')})`);
    assert.ok(requested.some((file) => /^chunks\/core-.*\.js$/.test(file)), 'its shared core chunk was fetched');
    // The core chunk was announced as a modulepreload along with the entry, not discovered after it.
    const preloads = await page.$$eval('link[rel="modulepreload"]', (links) => links.map((link) => new URL((link as HTMLLinkElement).href).pathname));
    assert.ok(preloads.some((path) => /^\/widgets\/chunks\/core-.*\.js$/.test(path)), `core is preloaded (${preloads.join(', ')})`);

    const otherWidgets = requested.filter((file) => !file.startsWith('chunks/') && !['loader.js', 'product-search.js'].includes(file));
    assert.deepEqual(otherWidgets, [], 'no entry of a widget the page does not use');
    assert.ok(!requested.some((file) => /^chunks\/(deals|ship|forms)-/.test(file)), `no deal, shipping or form code (${requested.join(', ')})`);
    assert.deepEqual(problems, { violations: [], errors: [] });
    await page.close();
  });

  test('a widget inside the open shadow root of a component the page adds later is loaded too', async () => {
    const token = await mintSession(k100.url, 'buyer_globex');
    partner.setPage(pageWithLoader('<main id="app"></main>'), csp());
    const page = await browser.newPage();
    await page.goto(partner.url, { waitUntil: 'load' });
    // The partner's own component renders our widget into its open shadow root, then is mounted.
    await page.evaluate((session: string) => {
      const host = document.createElement('div');
      const folder = document.createElement('k100-product-folder');
      folder.setAttribute('session', session);
      host.attachShadow({ mode: 'open' }).append(folder);
      document.getElementById('app')!.append(host);
    }, token);
    await page.waitForFunction(
      () => !!document.querySelector('#app > div')?.shadowRoot?.querySelector('k100-product-folder')?.shadowRoot,
      { polling: 100, timeout: 15_000 },
    );
    assert.equal(await page.evaluate(() => !!customElements.get('k100-product-folder')), true);
    await page.close();
  });

  test('skips a tag the page already defined: its entry is never fetched', async () => {
    // The partner's own element under one of our names, defined before the loader runs.
    partner.setPage(
      pageWithLoader(
        '<k100-product-folder id="theirs"></k100-product-folder><k100-product-search query="led"></k100-product-search>'),
      csp(),
    );
    const page = await browser.newPage();
    const requested = widgetRequests(page);
    await page.evaluateOnNewDocument(() => {
      customElements.define('k100-product-folder', class extends HTMLElement {});
    });
    await page.goto(partner.url, { waitUntil: 'load' });
    // The other tag on the page loads: the loader did run and scan the page.
    await page.waitForFunction(() => !!customElements.get('k100-product-search'), { polling: 100, timeout: 15_000 });
    assert.ok(!requested.includes('product-folder.js'), `product-folder.js was not fetched (${requested.join(', ')})`);
    assert.equal(
      await page.evaluate(() => document.getElementById('theirs')!.shadowRoot === null),
      true,
      "the partner's element stays theirs",
    );
    await page.close();
  });
});
