/**
 * The issue-3 story through the widgets alone, on the sandbox pages and the real server: folder → offer →
 * counter-offer → accept → e-PO → draft → send → request changes → revise → resend → confirm →
 * verified evidence → document download.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { launchChromium, watchProblems, type PageProblems } from './browser.js';
import { startK100Server, type K100Server } from './servers.js';

let k100: K100Server;
let browser: Browser;
const downloads = mkdtempSync(join(tmpdir(), 'k100-downloads-'));

before(async () => {
  [k100, browser] = await Promise.all([startK100Server(), launchChromium()]);
});
after(async () => {
  await Promise.allSettled([browser?.close(), k100?.stop()]);
  rmSync(downloads, { recursive: true, force: true });
});

const text = (handle: ElementHandle) => handle.evaluate((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim());

/** Polls for a (deep) selector, optionally until one match's text fits: shadow DOM changes fire no document mutations. */
async function find(page: Page, selector: string, pattern?: RegExp, timeout = 15_000): Promise<ElementHandle> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const handle of await page.$$(selector)) {
      if (!pattern || pattern.test(await text(handle))) return handle as ElementHandle;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${selector}${pattern ? ` matching ${pattern}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const click = async (page: Page, selector: string, pattern?: RegExp) => (await find(page, selector, pattern)).click();
async function fill(page: Page, selector: string, value: string): Promise<void> {
  const field = await find(page, selector);
  await field.evaluate((n) => {
    (n as HTMLInputElement).value = '';
    n.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  });
  await field.type(value);
}
/** Pages in one browser share focus; the one acted on must be in front or its timers and rAF stall. */
async function refresh(page: Page, widget: string): Promise<void> {
  await page.bringToFront();
  await click(page, `${widget} >>> [part~="refresh-button"]`);
  await page.waitForNetworkIdle({ idleTime: 300 });
}

async function open(path: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const problems = await watchProblems(page);
  await page.goto(`${k100.url}${path}`, { waitUntil: 'load' });
  return { page, problems };
}

test('a buyer and a supplier go from folder to a confirmed, verified, downloadable contract', async () => {
  const { page: buyer, problems: buyerProblems } = await open('/');
  // Collect two of the LED supplier's products and order them.
  await fill(buyer, 'k100-product-search >>> input[name="q"]', 'LED panel');
  await buyer.keyboard.press('Enter');
  await find(buyer, 'k100-product-search >>> [part~="card"]', /Brightway/);
  const cards = await buyer.$$('k100-product-search >>> [part~="card"]');
  let collected = 0;
  for (const card of cards) {
    if (collected === 2 || !/Brightway/.test(await text(card))) continue;
    await (await card.$('[part~="collect-button"]'))!.click();
    collected++;
  }
  assert.equal(collected, 2);
  await find(buyer, 'k100-product-folder >>> [part~="item"]:nth-of-type(2)');
  for (const box of await buyer.$$('k100-product-folder >>> [part~="item-checkbox"]')) await box.click();
  await click(buyer, 'k100-product-folder >>> [part~="order-button"]');

  // The first offer.
  await find(buyer, 'k100-purchase-order >>> [part~="offer-form"]');
  await (await find(buyer, 'k100-purchase-order >>> [name="delivery_date"]')).evaluate((n) => {
    (n as HTMLInputElement).value = '2027-03-15';
    n.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  });
  await fill(buyer, 'k100-purchase-order >>> [name="destination_port"]', 'NLRTM');
  await fill(buyer, 'k100-purchase-order >>> [name="message"]', 'First order, <b>bold</b> terms.');
  await click(buyer, 'k100-purchase-order >>> [part~="submit-button"]');
  await find(buyer, 'k100-purchase-order >>> [part~="timeline"]', /<b>bold<\/b>/);

  // The supplier counters with a higher price and deposit; the differences are shown.
  const { page: supplier, problems: supplierProblems } = await open('/supplier.html');
  await click(supplier, 'k100-purchase-order >>> [part~="negotiation"]');
  await click(supplier, 'k100-purchase-order >>> [part~="counter-button"]');
  await fill(supplier, 'k100-purchase-order >>> [name="deposit_percent"]', '40');
  await click(supplier, 'k100-purchase-order >>> [part~="submit-button"]');
  const differences = await find(supplier, 'k100-purchase-order >>> [part~="offer-differences"]', /40/);
  assert.match(await text(differences), /30/, 'old deposit shown next to the new one');

  // The buyer accepts and issues the e-PO.
  await refresh(buyer, 'k100-purchase-order');
  await click(buyer, 'k100-purchase-order >>> [part~="accept-button"]');
  await click(buyer, 'k100-purchase-order >>> [part~="confirm-button"]');
  await click(buyer, 'k100-purchase-order >>> [part~="issue-button"]');
  await find(buyer, 'k100-purchase-order >>> [part~="notice"]', /purchase order/i);

  // The supplier drafts the contract from the PO and sends it.
  await refresh(supplier, 'k100-contract-drafter');
  await click(supplier, 'k100-contract-drafter >>> [part~="purchase-order"]');
  await click(supplier, 'k100-contract-drafter >>> [part~="draft-button"]');
  await click(supplier, 'k100-contract-drafter >>> [part~="send-button"]');
  await find(supplier, 'k100-contract-drafter >>> [part~="notice"]', /version 1/);

  // The buyer asks for a change.
  await refresh(buyer, 'k100-contract-review');
  await click(buyer, 'k100-contract-review >>> [part~="contract"]');
  await fill(buyer, 'k100-contract-review >>> [part~="comment-input"]', 'Please add a 24-month warranty.');
  await click(buyer, 'k100-contract-review >>> [part~="request-changes-button"]');
  await find(buyer, 'k100-contract-review >>> [part~="notice"]', /change/i);

  // The supplier sees the comment, adds a clause (version 2) and resends.
  await refresh(supplier, 'k100-contract-drafter');
  await find(supplier, 'k100-contract-drafter >>> [part~="change-requests"]', /24-month warranty/);
  await click(supplier, 'k100-contract-drafter >>> [part~="add-clause-button"]');
  const clause = (await supplier.$$('k100-contract-drafter >>> [part~="clause-editor"]')).at(-1)!;
  await (await clause.$('input'))!.type('Warranty');
  await (await clause.$('textarea'))!.type('The seller warrants the goods for 24 months from delivery.');
  await click(supplier, 'k100-contract-drafter >>> [part~="send-button"]');
  await find(supplier, 'k100-contract-drafter >>> [part~="notice"]', /version 2/);

  // The buyer sees what changed since version 1, confirms, and gets verified evidence and the document.
  await refresh(buyer, 'k100-contract-review');
  await find(buyer, 'k100-contract-review >>> [part~="changes"]', /Warranty/);
  const confirm = await find(buyer, 'k100-contract-review >>> [part~="confirm-button"]');
  assert.equal(await confirm.evaluate((n) => n.getAttribute('aria-disabled')), 'true', 'confirm waits for name and acceptance');
  await fill(buyer, 'k100-contract-review >>> [part~="signer-input"]', 'Ada Lovelace');
  await click(buyer, 'k100-contract-review >>> [part~="accept-checkbox"]');
  await click(buyer, 'k100-contract-review >>> [part~="confirm-button"]');
  await find(buyer, 'k100-contract-review >>> [part~="verification"]', /verified/i, 20_000);
  const digest = await text(await find(buyer, 'k100-contract-review >>> [part~="digest"]', /[0-9a-f]{64}/));

  const cdp = await buyer.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await click(buyer, 'k100-contract-review >>> [part~="download-button"]');
  const deadline = Date.now() + 10_000;
  while (!readdirSync(downloads).some((f) => f.endsWith('.html')) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const file = readdirSync(downloads).find((f) => f.endsWith('.html'));
  assert.ok(file, 'the contract document was downloaded');
  const documentHtml = readFileSync(join(downloads, file), 'utf8');
  assert.match(documentHtml, /Ada Lovelace/);
  assert.ok(documentHtml.includes(digest.match(/[0-9a-f]{64}/)![0]), 'the document carries the digest the widget shows');

  for (const problems of [buyerProblems, supplierProblems]) {
    assert.deepEqual(problems.violations, [], 'no CSP violations');
    assert.deepEqual(problems.errors, [], 'no console errors');
  }
});
