/**
 * The operator's console, worked by hand: a paid order with the supplier's packing list is taken from
 * receipt to settlement through `<k100-warehouse-console>` on the sandbox's warehouse page (scan, receive,
 * inspect a random sample, measure, consolidate, clear customs, record the voyage, transfer ownership),
 * while the buyer's `<k100-shipment-tracker>` in another tab follows live without a reload. The order is
 * set up over the API as the sandbox's own story does. Real server process, real SQLite file, Debian's
 * Chromium.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
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

const BUYER = 'buyer_acme';
const SUPPLIER = 'supplier_shenzhen_led';
const OPERATOR = 'operator_ningbo_wh';
const CONSOLE = 'k100-warehouse-console';
const TRACKER = 'k100-shipment-tracker';
/** A valid ISO 6346 container number (check digit 3). */
const CONTAINER_NO = 'CSQU3054383';

async function call<T>(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${k100.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface Carton {
  barcode: string;
  product_id: string;
  quantity: number;
}

/**
 * Offer to confirmed contract, paid exactly through the sandbox bank, and the supplier's packing list:
 * the API's own steps, each party with its own session, as the sandbox's fast-forward does them.
 */
async function paidOrderWithPackingList(): Promise<{ orderId: string; cartons: Carton[] }> {
  const [buyer, supplier] = await Promise.all([mintSession(k100.url, BUYER), mintSession(k100.url, SUPPLIER)]);
  const { data: products } = await call<{ data: { id: string; unit_price: number; currency: string }[] }>(
    buyer,
    'GET',
    `/v1/products?supplier_id=${SUPPLIER}&limit=20`,
  );
  const picked = products.filter((p) => p.currency === 'USD').slice(0, 2);
  assert.equal(picked.length, 2, 'the LED supplier has two USD products');
  const terms = {
    currency: 'USD',
    items: picked.map((p, i) => ({ product_id: p.id, quantity: i === 0 ? 60 : 240, unit_price: p.unit_price })),
    incoterm: 'FOB',
    delivery_date: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    deposit_percent: 30,
    inspection_percent: 10,
    shipping_mode: 'fcl',
    destination_port: 'NLRTM',
  };
  const negotiation = await call<{ id: string }>(buyer, 'POST', '/v1/negotiations', { supplier_id: SUPPLIER, terms, message: 'Console e2e order' });
  await call(supplier, 'POST', `/v1/negotiations/${negotiation.id}/accept`);
  const po = await call<{ id: string }>(buyer, 'POST', '/v1/purchase-orders', { negotiation_id: negotiation.id });
  const full = await call<{ legal_entity_defaults: unknown }>(supplier, 'GET', `/v1/purchase-orders/${po.id}`);
  const contract = await call<{ id: string }>(supplier, 'POST', '/v1/contracts', {
    purchase_order_id: po.id,
    clauses: [{ title: 'Packing', body: 'Export cartons, one barcode label per carton.' }],
    legal_entities: full.legal_entity_defaults,
  });
  await call(supplier, 'POST', `/v1/contracts/${contract.id}/send`);
  const { order_id: orderId } = await call<{ order_id: string }>(buyer, 'POST', `/v1/contracts/${contract.id}/confirm`, {
    signer_name: 'E2E Buyer',
    accept: true,
  });

  const intent = await call<{ reference: string; amount_due: number; currency: string }>(
    buyer,
    'POST',
    `/v1/orders/${orderId}/payment-intents`,
    { gateway: 'bank_transfer', currency: 'USD' },
    { 'idempotency-key': randomUUID() },
  );
  await call(buyer, 'POST', '/v1/sandbox/deposits', { reference: intent.reference, amount: intent.amount_due, currency: intent.currency });
  const paid = await call<{ payment_status: string }>(buyer, 'GET', `/v1/orders/${orderId}`);
  assert.equal(paid.payment_status, 'escrow_funded');

  // Two cartons per line, quantities adding up to the contract's.
  const tag = String(Date.now()).slice(-5);
  const cartons: Carton[] = terms.items.flatMap((item, line) =>
    [1, 2].map((n) => ({ barcode: `CTN-${tag}-${line + 1}-0${n}`, product_id: item.product_id, quantity: item.quantity / 2 })),
  );
  await call(supplier, 'POST', `/v1/orders/${orderId}/packing-list`, { cartons });
  return { orderId, cartons };
}

/** Brings the tab to the front first: puppeteer's click waits for frames a background tab never paints. */
async function press(page: Page, selector: string): Promise<void> {
  await page.bringToFront();
  await page.click(selector);
}

/** Types into an (emptied) field of the console. */
async function fill(page: Page, part: string, text: string): Promise<void> {
  await page.bringToFront();
  const field = await page.$(`${CONSOLE} >>> ${part}`);
  assert.ok(field, `the console shows ${part}`);
  await field.click({ count: 3 });
  await field.press('Backspace');
  await field.type(text);
}

/**
 * Waits until the console shows `selector` and no step is in flight (a busy console ignores a submit),
 * failing at once with the text of any refusal shown instead.
 */
async function untilConsole(page: Page, selector: string, timeout = 20_000): Promise<void> {
  const handle = await page.waitForFunction(
    (host: string, s: string) => {
      const root = document.querySelector(host)?.shadowRoot;
      if (!root) return false;
      const errors = [...root.querySelectorAll('[part~="form-error"], [part~="field-error"], [part~="error"]')]
        .map((e) => e.textContent?.trim())
        .filter(Boolean);
      if (errors.length) return `refused: ${errors.join(' | ')}`;
      return root.querySelector(s) && !root.querySelector('[aria-busy="true"]') ? 'ok' : false;
    },
    { polling: 100, timeout },
    CONSOLE,
    selector,
  );
  assert.equal(await handle.jsonValue(), 'ok', `waiting for ${selector}`);
}

const countIn = (page: Page, host: string, selector: string) =>
  page.evaluate((h: string, s: string) => document.querySelector(h)?.shadowRoot?.querySelectorAll(s).length ?? 0, host, selector);

describe('warehouse console in the sandbox', () => {
  test('an operator works a paid order from receipt to settlement while the buyer’s tracker updates live', { timeout: 120_000 }, async () => {
    const { orderId, cartons } = await paidOrderWithPackingList();

    // The buyer's tracker, open in its own tab and marked so a reload would show.
    const tracker = await browser.newPage();
    const trackerProblems = await watchProblems(tracker);
    await tracker.goto(`${k100.url}/?buyer=${BUYER}&order=${orderId}#tracking`, { waitUntil: 'load' });
    await waitInShadow(tracker, TRACKER, '[part~="live-indicator"][data-state="live"]', 20_000);
    await tracker.evaluate(() => ((window as unknown as { consoleMark: number }).consoleMark = 1));
    const milestonesDoneAtStart = await countIn(tracker, TRACKER, '[part~="milestone-done"]');

    // The warehouse page, signed in as the operator, with the order opened in the console.
    const page = await browser.newPage();
    const problems: PageProblems = await watchProblems(page);
    await page.goto(`${k100.url}/warehouse.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => !!document.querySelector('#k100')?.getAttribute('session'), { polling: 100, timeout: 15_000 });
    assert.equal(await page.$eval('#persona', (s) => (s as HTMLSelectElement).value), OPERATOR);
    await page.evaluate((host: string, id: string) => document.querySelector(host)!.setAttribute('order-id', id), CONSOLE, orderId);
    await untilConsole(page, '#section-receipt.is-open [part~="scan-input"]');

    // Receipt: every carton scanned (Enter per barcode), then recorded.
    for (const carton of cartons) {
      await fill(page, '[part~="scan-input"]', carton.barcode);
      await page.keyboard.press('Enter');
    }
    await page.waitForFunction(
      (host: string, n: number) => document.querySelector(host)?.shadowRoot?.querySelectorAll('[part~="pending-carton"]').length === n,
      { polling: 100, timeout: 10_000 },
      CONSOLE,
      cartons.length,
    );
    assert.equal(await countIn(page, CONSOLE, '[part~="scan-flag"]'), 0, 'no scan was flagged');
    await press(page, `${CONSOLE} >>> [part~="receipt-button"]`);
    await untilConsole(page, '#section-inspection.is-open [part~="sample-checkbox"]');
    assert.equal(await countIn(page, CONSOLE, '[part~="sample-checkbox"]'), cartons.length, 'every carton is on hand');
    assert.equal(await countIn(page, CONSOLE, '[part~="pending-carton"]'), 0, 'nothing is left pending');

    // Inspection: a random sample of the required size, passed.
    await press(page, `${CONSOLE} >>> [part~="random-sample-button"]`);
    const sampled = await page.$$eval(`${CONSOLE} >>> [part~="sample-checkbox"]`, (boxes) => boxes.filter((b) => (b as HTMLInputElement).checked).length);
    assert.equal(sampled, 1, '10% of 4 cartons rounds up to one');
    await press(page, `${CONSOLE} >>> #wh-result`);
    await press(page, `${CONSOLE} >>> [part~="inspection-button"]`);
    await untilConsole(page, '[part~="latest-inspection"].ok');

    // Measurements: every carton's weight and dimensions, with live totals.
    for (let i = 0; i < cartons.length; i++) {
      for (const [column, value] of [['weight_kg', `${18 + i}.5`], ['length_cm', '60'], ['width_cm', '40'], ['height_cm', '45']] as const) {
        await fill(page, `#wh-m-${i}-${column}`, value);
      }
    }
    const totals = await page.$eval(`${CONSOLE} >>> [part~="measurement-totals"]`, (p) => p.textContent ?? '');
    assert.match(totals, /80/, `totals in kg: ${totals}`);
    assert.match(totals, /0\.432/, `totals in CBM: ${totals}`);
    await press(page, `${CONSOLE} >>> [part~="measurements-button"]`);
    await untilConsole(page, '#section-consolidation.is-open');

    // Consolidation into a container (ISO 6346 checked while typing) under seal.
    await fill(page, '[part~="container-no-input"]', CONTAINER_NO);
    assert.match(await page.$eval(`${CONSOLE} >>> [part~="container-check"]`, (p) => p.textContent ?? ''), /✓/);
    await fill(page, '[part~="seal-no-input"]', 'SL1234567');
    await press(page, `${CONSOLE} >>> [part~="consolidation-button"]`);
    await untilConsole(page, '#section-customs.is-open');
    assert.match(await page.$eval(`${CONSOLE} >>> #section-consolidation [part~="step-summary"]`, (p) => p.textContent ?? ''), new RegExp(CONTAINER_NO));

    // Export customs release.
    await fill(page, '[part~="declaration-input"]', '310120260000012345');
    await press(page, `${CONSOLE} >>> [part~="customs-button"]`);
    await untilConsole(page, '#section-tracking.is-open');

    // The voyage, one event at a time; the departure carries the bill of lading number.
    const voyage = [
      { location: 'Ningbo-Zhoushan (CNNGB)', bl: 'NGBRTM12345678' },
      { location: 'Destination port NLRTM' },
      { location: 'Port of NLRTM' },
      { location: 'Port of NLRTM, gate out' },
    ];
    for (const [i, event] of voyage.entries()) {
      const shown = await page.$eval(`${CONSOLE} >>> [part~="location-input"]`, (input) => (input as HTMLInputElement).value);
      assert.equal(shown, '', 'the location field starts empty for each event');
      await fill(page, '[part~="location-input"]', event.location);
      if (event.bl) await fill(page, '[part~="bill-of-lading-input"]', event.bl);
      await press(page, `${CONSOLE} >>> [part~="tracking-button"]`);
      await untilConsole(page, i < voyage.length - 1 ? `[part~="tracking-events"] li:nth-child(${i + 1})` : '#section-tracking.is-done');
      await page.waitForFunction(
        (host: string, n: number) => document.querySelector(host)?.shadowRoot?.querySelectorAll('[part~="tracking-events"] li').length === n,
        { polling: 100, timeout: 10_000 },
        CONSOLE,
        i + 1,
      );
    }

    // Ownership transfer, confirmed first: the escrow is released and the order settles.
    await untilConsole(page, '#section-transfer.is-open [part~="transfer-button"]:not([disabled])');
    await press(page, `${CONSOLE} >>> [part~="transfer-button"]`);
    await untilConsole(page, '[part~="transfer-confirm"] [part~="confirm-transfer-button"]');
    await press(page, `${CONSOLE} >>> [part~="confirm-transfer-button"]`);
    await untilConsole(page, '#section-transfer.is-done [part~="settled"]');
    const settledText = await page.$eval(`${CONSOLE} >>> [part~="settled"]`, (p) => p.textContent ?? '');
    assert.match(settledText, /\$|USD/, `the settled state says what was released: ${settledText}`);

    // The tracker reached the last milestone live: no reload, and it is the current step.
    await tracker.bringToFront();
    await tracker.waitForFunction(
      (host: string) => {
        const items = document.querySelector(host)?.shadowRoot?.querySelectorAll('[part~="milestone"]') ?? [];
        return items.length > 0 && items[items.length - 1]!.getAttribute('aria-current') === 'step';
      },
      { polling: 200, timeout: 20_000 },
      TRACKER,
    );
    assert.equal(await tracker.evaluate(() => (window as unknown as { consoleMark?: number }).consoleMark), 1, 'the tracker page was not reloaded');
    const milestonesDone = await countIn(tracker, TRACKER, '[part~="milestone-done"]');
    assert.ok(milestonesDone > milestonesDoneAtStart + 8, `milestones done went from ${milestonesDoneAtStart} to ${milestonesDone}`);

    // Settled by the API's own account, the escrow exactly zero.
    const buyer = await mintSession(k100.url, BUYER);
    const order = await call<{ status: string; payment_status: string }>(buyer, 'GET', `/v1/orders/${orderId}`);
    assert.deepEqual([order.status, order.payment_status], ['settled', 'released']);
    const ledger = await call<{ balances: { escrow: number } }>(buyer, 'GET', `/v1/orders/${orderId}/ledger`);
    assert.equal(ledger.balances.escrow, 0);

    for (const p of [problems, trackerProblems]) {
      assert.deepEqual(p.violations, []);
      assert.deepEqual(p.errors, []);
    }
    await Promise.all([page.close(), tracker.close()]);
  });
});
