/**
 * Issue 5's "done when", tried as a new user would in the sandbox: an order created and fast-forwarded from
 * the warehouse page goes from paid to settled while the buyer's tracker, open in another tab, updates live
 * without a reload; every document downloads and the escrow ends at exactly zero. A short delivery is
 * caught by the cross-check and resolved by the supplier's amendment, which the buyer reconfirms in the
 * tracker. Real server process, real SQLite file, Debian's Chromium.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, waitInShadow, watchProblems, type PageProblems } from './browser.js';
import { mintSession, startK100Server, type K100Server } from './servers.js';

let k100: K100Server;
let browser: Browser;

before(async () => {
  [k100, browser] = await Promise.all([startK100Server(), launchChromium()]);
});
after(async () => {
  await Promise.allSettled([browser?.close(), k100?.stop()]);
});

const STORY_TIMEOUT = 90_000;

async function api<T>(token: string, path: string): Promise<T> {
  const response = await fetch(`${k100.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, `${path}: ${response.status} ${await response.clone().text()}`);
  return (await response.json()) as T;
}

/** Waits until the fast-forward log's last line matches `done`, failing early on a "Stopped" line. */
async function waitForLog(page: Page, done: RegExp, timeout = STORY_TIMEOUT): Promise<string> {
  const handle = await page.waitForFunction(
    (source: string) => {
      const last = document.querySelector('#ff-log li:last-child')?.textContent ?? '';
      return /^Stopped/.test(last) || new RegExp(source).test(last) ? last : false;
    },
    { polling: 200, timeout },
    done.source,
  );
  const line = (await handle.jsonValue()) as string;
  assert.doesNotMatch(line, /^Stopped/, line);
  return line;
}

async function openWarehouse(): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage();
  const problems = await watchProblems(page);
  await page.goto(`${k100.url}/warehouse.html`, { waitUntil: 'load' });
  await page.waitForSelector('#ff-buyer option[value="buyer_acme"]', { timeout: 15_000 });
  return { page, problems };
}

/** "New order" on the warehouse page: offer to confirmed contract through the API; the new order's id. */
async function newOrder(warehouse: Page): Promise<string> {
  const before = await warehouse.$$eval('#ff-order option', (options) => options.map((o) => (o as HTMLOptionElement).value));
  await press(warehouse, '#ff-new');
  await waitForLog(warehouse, /^Done\.$/);
  const orderId = await warehouse.$eval('#ff-order', (select) => (select as HTMLSelectElement).value);
  assert.match(orderId, /^ord_/);
  assert.ok(!before.includes(orderId), 'the new order is selected');
  return orderId;
}

async function openTracker(orderId: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage();
  const problems = await watchProblems(page);
  await page.goto(`${k100.url}/?buyer=buyer_acme&order=${orderId}#tracking`, { waitUntil: 'load' });
  await waitInShadow(page, 'k100-shipment-tracker', '[part~="live-indicator"][data-state="live"]', 20_000);
  // Marks this document: if anything reloaded the page, the mark would be gone.
  await page.evaluate(() => ((window as unknown as { storyMark: number }).storyMark = 1));
  return { page, problems };
}

/** Brings the tab to the front first: puppeteer's click waits for frames a background tab never paints. */
async function press(page: Page, selector: string): Promise<void> {
  await page.bringToFront();
  await page.click(selector);
}

const trackerText = (page: Page) => page.evaluate(() => document.querySelector('k100-shipment-tracker')?.shadowRoot?.textContent ?? '');

describe('warehouse story in the sandbox', () => {
  test('fast-forward takes a new order from payment to settlement while the buyer’s tracker updates live', { timeout: STORY_TIMEOUT * 2 }, async () => {
    const warehouse = await openWarehouse();
    const orderId = await newOrder(warehouse.page);
    const tracker = await openTracker(orderId);
    const milestonesDoneAtStart = await tracker.page.$$eval('k100-shipment-tracker >>> [part~="milestone-done"]', (items) => items.length);

    await press(warehouse.page, '#ff-settle');
    await waitForLog(warehouse.page, /^Done\.$/);

    // The tracker reached "settled" through the live stream: no reload, and the last milestone is current.
    await tracker.page.waitForFunction(
      () => {
        const items = document.querySelector('k100-shipment-tracker')?.shadowRoot?.querySelectorAll('[part~="milestone"]') ?? [];
        return items.length > 0 && items[items.length - 1]!.getAttribute('aria-current') === 'step';
      },
      { polling: 200, timeout: 20_000 },
    );
    assert.equal(await tracker.page.evaluate(() => (window as unknown as { storyMark?: number }).storyMark), 1, 'the tracker page was not reloaded');
    const milestonesDone = await tracker.page.$$eval('k100-shipment-tracker >>> [part~="milestone-done"]', (items) => items.length);
    assert.ok(milestonesDone > milestonesDoneAtStart + 8, `milestones done went from ${milestonesDoneAtStart} to ${milestonesDone}`);

    // Every document is listed in the tracker and downloads for the buyer.
    await waitInShadow(tracker.page, 'k100-shipment-tracker', '[part~="download-button"]');
    const listed = await tracker.page.$$eval('k100-shipment-tracker >>> [part~="document"]', (items) => items.length);
    const buyer = await mintSession(k100.url, 'buyer_acme');
    const { data: documents } = await api<{ data: { kind: string; url: string }[] }>(buyer, `/v1/orders/${orderId}/documents`);
    assert.equal(listed, documents.length);
    const kinds = new Set(documents.map((d) => d.kind));
    for (const kind of ['contract', 'packing_list', 'goods_receipt', 'commercial_invoice', 'customs_declaration', 'bill_of_lading']) {
      assert.ok(kinds.has(kind), `documents include ${kind}: ${[...kinds].join(', ')}`);
    }
    for (const document of documents) {
      const response = await fetch(`${k100.url}${document.url}`, { headers: { authorization: `Bearer ${buyer}` } });
      assert.equal(response.status, 200, `${document.kind} downloads`);
      assert.match(response.headers.get('content-disposition') ?? '', /attachment/);
    }

    // Settled: the order says so and the escrow is exactly zero.
    const order = await api<{ status: string; payment_status: string }>(buyer, `/v1/orders/${orderId}`);
    assert.deepEqual([order.status, order.payment_status], ['settled', 'released']);
    const ledger = await api<{ balances: { escrow: number } }>(buyer, `/v1/orders/${orderId}/ledger`);
    assert.equal(ledger.balances.escrow, 0);

    for (const { problems } of [warehouse, tracker]) {
      assert.deepEqual(problems.violations, []);
      assert.deepEqual(problems.errors, []);
    }
    await Promise.all([warehouse.page.close(), tracker.page.close()]);
  });

  test('a short delivery is caught, then resolved by the supplier’s amendment the buyer reconfirms', { timeout: STORY_TIMEOUT * 2 }, async () => {
    const warehouse = await openWarehouse();
    const orderId = await newOrder(warehouse.page);
    await press(warehouse.page, '#ff-short');
    await waitForLog(warehouse.page, /^Done\.$/);
    const caught = await warehouse.page.$$eval('#ff-log li', (items) => items.map((i) => i.textContent ?? '').join('\n'));
    assert.match(caught, /Cross-check: discrepancy \(short/);

    // The console shows the difference in words, and the ownership transfer is not on offer.
    await waitInShadow(warehouse.page, 'k100-warehouse-console', '[part~="difference"]', 20_000);

    // Supplier center: revise the packing list to what arrived and propose the amendment.
    const supplier = await browser.newPage();
    const supplierProblems = await watchProblems(supplier);
    await supplier.goto(`${k100.url}/supplier.html`, { waitUntil: 'load' });
    await supplier.waitForSelector(`demo-supplier-fulfilment option[value="${orderId}"]`, { timeout: 15_000 });
    await supplier.select('demo-supplier-fulfilment select', orderId);
    await supplier.waitForFunction(() => /differences found/.test(document.querySelector('demo-supplier-fulfilment caption')?.textContent ?? ''), { timeout: 10_000 });
    const clickButton = async (text: string) => {
      const buttons = await supplier.$$('demo-supplier-fulfilment button');
      for (const button of buttons) {
        if ((await button.evaluate((b) => b.textContent ?? '')).includes(text)) return button.click();
      }
      assert.fail(`no button "${text}"`);
    };
    await clickButton('Revise packing list to the goods received');
    await supplier.waitForFunction(() => /revised/.test(document.querySelector('demo-supplier-fulfilment .status')?.textContent ?? ''), { timeout: 10_000 });
    await clickButton('Propose amendment');
    await supplier.waitForFunction(() => /Amendment proposed/.test(document.querySelector('demo-supplier-fulfilment .status')?.textContent ?? ''), { timeout: 10_000 });

    // The buyer reconfirms the revised quantities in the tracker; the refund comes out of escrow.
    const buyer = await mintSession(k100.url, 'buyer_acme');
    const escrowBefore = (await api<{ balances: { escrow: number } }>(buyer, `/v1/orders/${orderId}/ledger`)).balances.escrow;
    const tracker = await openTracker(orderId);
    await waitInShadow(tracker.page, 'k100-shipment-tracker', '[part~="signer-input"]');
    await tracker.page.type('k100-shipment-tracker >>> [part~="signer-input"]', 'Jane Buyer');
    await tracker.page.click('k100-shipment-tracker >>> [part~="accept-checkbox"]');
    await tracker.page.click('k100-shipment-tracker >>> [part~="amendment-confirm-button"]');
    await waitInShadow(tracker.page, 'k100-shipment-tracker', '[part~="amendment-outcome"]');
    assert.match(await trackerText(tracker.page), /[0-9a-f]{64}/, 'the confirmed amendment shows its digest');

    const check = await api<{ status: string }>(buyer, `/v1/orders/${orderId}/cross-check`);
    assert.equal(check.status, 'match');
    const ledger = await api<{ balances: { escrow: number; refunded: number } }>(buyer, `/v1/orders/${orderId}/ledger`);
    assert.ok(ledger.balances.escrow < escrowBefore, `escrow went from ${escrowBefore} to ${ledger.balances.escrow}`);

    // Now the fast-forward runs to settlement on the amended contract.
    await press(warehouse.page, '#ff-settle');
    await waitForLog(warehouse.page, /^Done\.$/);
    const settled = await api<{ status: string }>(buyer, `/v1/orders/${orderId}`);
    assert.equal(settled.status, 'settled');
    assert.equal((await api<{ balances: { escrow: number } }>(buyer, `/v1/orders/${orderId}/ledger`)).balances.escrow, 0);

    for (const problems of [warehouse.problems, supplierProblems, tracker.problems]) {
      assert.deepEqual(problems.violations, []);
      assert.deepEqual(problems.errors, []);
    }
    await Promise.all([warehouse.page.close(), supplier.close(), tracker.page.close()]);
  });
});
