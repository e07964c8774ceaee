/**
 * A partner page on another origin, under a strict CSP (no unsafe-inline, no eval), embeds the widgets
 * with one script tag and a session token its "backend" minted — against the real server.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'puppeteer-core';
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

function strictCsp(apiUrl: string): string {
  return [
    "default-src 'none'",
    `script-src ${apiUrl}`,
    `connect-src ${apiUrl}`,
    "style-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

describe('embedding on a partner page with a strict CSP', () => {
  test('search, collect and the folder work with one script tag and a minted session', async () => {
    const token = await mintSession(k100.url, 'buyer_globex');
    partner.setPage(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner shop</title>
        <script type="module" src="${k100.url}/widgets/k100-widgets.js"></script></head>
        <body><main>
          <k100-product-search session="${token}" query="led"></k100-product-search>
          <k100-product-folder session="${token}"></k100-product-folder>
        </main></body></html>`,
      strictCsp(k100.url),
    );
    const page = await browser.newPage();
    const problems = await watchProblems(page);
    await page.goto(partner.url, { waitUntil: 'load' });

    // Results come from the real seeded catalog through CORS, the widget found the API by itself.
    await waitInShadow(page, 'k100-product-search', '[part~="card"]');
    const names = await page.$$eval('k100-product-search >>> [part~="card"]', (cards) =>
      cards.map((card) => card.textContent ?? ''),
    );
    assert.ok(names.length > 1, 'several LED products');
    assert.match(names[0] ?? '', /LED/, 'the best match names LED');

    await page.click('k100-product-search >>> [part~="collect-button"]');

    // The folder on the same page refreshes on the collect event and shows the product.
    await waitInShadow(page, 'k100-product-folder', '[part~="item"]');
    const folder = (await (
      await fetch(`${k100.url}/v1/folders/public`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { data: { product_id: string }[] };
    assert.equal(folder.data.length, 1, 'the collect reached the server');

    assert.deepEqual(problems.violations, [], 'no CSP violations');
    assert.deepEqual(problems.errors, [], 'no console errors');
    await page.close();
  });

  test('an origin the partner did not allow gets no data', async () => {
    const token = await mintSession(k100.url, 'buyer_acme');
    const response = await fetch(`${k100.url}/v1/products?q=led`, {
      headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' },
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
  });
});
