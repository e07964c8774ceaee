/**
 * The sandbox as a new user tries it after `npm start`: the buyer page shows the seeded catalog under the
 * server's own strict CSP, and a private product granted in the supplier center shows up in the buyer's
 * Private Product Folder.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, waitInShadow, watchProblems } from './browser.js';
import { startK100Server, type K100Server } from './servers.js';

let k100: K100Server;
let browser: Browser;

before(async () => {
  [k100, browser] = await Promise.all([startK100Server(), launchChromium()]);
});
after(async () => {
  await Promise.allSettled([browser?.close(), k100?.stop()]);
});

async function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (nodes) => nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

describe('sandbox demo', () => {
  test('the buyer page serves a strict CSP and shows the seeded catalog', async () => {
    const response = await fetch(`${k100.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);

    const page = await browser.newPage();
    const problems = await watchProblems(page);
    await page.goto(`${k100.url}/`, { waitUntil: 'load' });
    await waitInShadow(page, 'k100-product-search', '[part~="card"]');
    assert.ok((await texts(page, 'k100-product-search >>> [part~="card"]')).length > 0);
    assert.deepEqual(problems.violations, []);
    assert.deepEqual(problems.errors, []);
    await page.close();
  });

  test('a grant made in the supplier center reaches the buyer’s private folder', async () => {
    const supplierPage = await browser.newPage();
    const problems = await watchProblems(supplierPage);
    await supplierPage.goto(`${k100.url}/supplier.html`, { waitUntil: 'load' });
    await supplierPage.waitForSelector('demo-supplier-center input[name="product_ids"]', { timeout: 15_000 });
    const productLabel = await supplierPage.$eval(
      'demo-supplier-center label.check',
      (label) => (label.textContent ?? '').trim(),
    );
    await supplierPage.click('demo-supplier-center input[name="product_ids"]');
    await supplierPage.select('demo-supplier-center select[name="buyer_id"]', 'buyer_globex');
    await supplierPage.click('demo-supplier-center button[type="submit"]');
    await supplierPage.waitForFunction(
      () => /Granted/.test(document.querySelector('demo-supplier-center .status')?.textContent ?? ''),
      { timeout: 10_000 },
    );
    assert.deepEqual(problems.violations, []);
    await supplierPage.close();

    const buyerPage = await browser.newPage();
    await buyerPage.goto(`${k100.url}/`, { waitUntil: 'load' });
    await buyerPage.waitForSelector('#persona option[value="buyer_globex"]');
    await buyerPage.select('#persona', 'buyer_globex');
    await buyerPage.waitForNetworkIdle({ idleTime: 300 });
    await waitInShadow(buyerPage, 'k100-product-folder', '[part~="tab"]:nth-of-type(2)');
    await buyerPage.click('k100-product-folder >>> [part~="tab"]:nth-of-type(2)');
    await buyerPage.waitForFunction(
      (name: string) => {
        const folder = document.querySelector('k100-product-folder');
        return (folder?.shadowRoot?.textContent ?? '').includes(name);
      },
      { timeout: 10_000, polling: 100 },
      productLabel,
    );
    await buyerPage.close();
  });
});
