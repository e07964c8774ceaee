/**
 * Issue 9 item 6, in real Chromium against the real server: every widget on a partner page under a strict
 * CSP (no inline script or style, no eval, Trusted Types required) paints its data with zero violations;
 * the session token lives only in Authorization headers to the API; and hostile text in every user-text
 * field the API stores is shown literally and stays inert.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from './browser.js';
import { seedHostileWorld, type HostileWorld } from './hostile.js';
import { auditDom, bidiBleeds, recordPage, storageDump, tokenParts, type PageRecord } from './page-audit.js';
import { startK100Server, startPartnerSite, type K100Server, type PartnerSite } from './servers.js';

let k100: K100Server;
let partner: PartnerSite;
let browser: Browser;
let world: HostileWorld;

before(async () => {
  [k100, partner, browser] = await Promise.all([startK100Server(), startPartnerSite(), launchChromium()]);
  world = await seedHostileWorld(k100.url);
});
after(async () => {
  await Promise.allSettled([browser?.close(), partner?.stop(), k100?.stop()]);
});

/**
 * The strictest policy a partner could set: scripts and requests only to the K100 origin, no styles at all
 * (the widgets style themselves through adopted constructable style sheets, which CSP does not govern),
 * images only from the API or data: URLs, and Trusted Types for every DOM sink.
 */
function strictCsp(api: string): string {
  return [
    "default-src 'none'",
    `script-src ${api}`,
    `connect-src ${api}`,
    `img-src ${api} data:`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    // Lit makes one policy, for its own template strings; no other may be created.
    'trusted-types lit-html',
  ].join('; ');
}

type Party = keyof HostileWorld['tokens'];

interface Mount {
  name: string;
  party: Party;
  /** The widget's markup, inside a `<k100-provider>` that gets the session after load. */
  markup: (w: HostileWorld) => string;
  /** Hostile fields (keys of `world.fields`) the widget must show literally once it has painted. */
  shows: string[];
  /** Seeded text (not user-editable through the API) that proves the widget painted its data. */
  paints?: (w: HostileWorld) => string[];
  /** Clicks to drive the widget further once it painted: deep selectors, optionally with text the target holds. */
  drive?: (string | [string, RegExp])[];
  /** Hostile fields shown once driven. */
  thenShows?: string[];
}

const PRODUCTS = ['product1.name', 'product2.name'];
const CONTRACT = [
  'clause.title', 'clause.body', 'clause2.title', 'clause2.body',
  'seller.name', 'seller.address', 'seller.registration_no', 'buyer.name', 'buyer.address', 'buyer.registration_no',
];
/** Party names come from the seed: no endpoint edits them. */
const LED_NAME = 'Shenzhen Brightway LED Co., Ltd.';
const ACME_NAME = 'Acme Trading BV';
const TEXTILES_NAME = 'Ningbo Harbour Textiles Co., Ltd.';

const MOUNTS: Mount[] = [
  {
    name: 'product-search',
    party: 'buyer',
    markup: (w) => `<k100-product-search query="${w.productWord}"></k100-product-search>`,
    // Cards show names; descriptions are searched, not shown.
    shows: PRODUCTS,
    drive: ['k100-product-search >>> [part~="collect-button"]'],
  },
  { name: 'product-folder', party: 'buyer', markup: () => `<k100-product-folder></k100-product-folder>`, shows: PRODUCTS },
  {
    name: 'product-folder (private tab, access requests)',
    party: 'buyer',
    markup: () => `<k100-product-folder tab="private"></k100-product-folder>`,
    // The pending list names the supplier; the buyer's own message is not echoed back.
    shows: [],
    paints: () => [TEXTILES_NAME],
  },
  {
    name: 'purchase-order (buyer)',
    party: 'buyer',
    markup: (w) => `<k100-purchase-order negotiation-id="${w.negotiationId}"></k100-purchase-order>`,
    shows: [...PRODUCTS, 'negotiation.message', 'negotiation.notes', 'offer.message', 'offer.notes'],
  },
  {
    name: 'purchase-order (supplier list)',
    party: 'supplier',
    markup: () => `<k100-purchase-order></k100-purchase-order>`,
    shows: [],
    paints: () => [ACME_NAME],
    // The deal with the counter-offer, not the second order's (accepted as first offered).
    drive: [['k100-purchase-order >>> [part~="negotiation"]', /2 offers/]],
    thenShows: [...PRODUCTS, 'negotiation.message', 'negotiation.notes', 'offer.message', 'offer.notes'],
  },
  {
    name: 'contract-drafter',
    party: 'supplier',
    markup: (w) => `<k100-contract-drafter contract-id="${w.contractId}"></k100-contract-drafter>`,
    shows: [...PRODUCTS, 'offer.notes', ...CONTRACT, 'change_request.comment'],
  },
  {
    name: 'contract-review',
    party: 'buyer',
    markup: (w) => `<k100-contract-review contract-id="${w.contractId}"></k100-contract-review>`,
    shows: [...PRODUCTS, 'offer.notes', ...CONTRACT, 'change_request.comment', 'contract.signer_name'],
    // The document comes through fetch with the session in a header, then a blob: link.
    drive: ['k100-contract-review >>> [part~="download-button"]'],
  },
  {
    name: 'pay-checkout',
    party: 'buyer',
    markup: (w) => `<k100-pay-checkout order-id="${w.orderId}"></k100-pay-checkout>`,
    shows: [],
    paints: (w) => [w.orderId, LED_NAME],
  },
  { name: 'order-status', party: 'buyer', markup: () => `<k100-order-status></k100-order-status>`, shows: [], paints: (w) => [w.orderId, LED_NAME] },
  {
    name: 'shipment-tracker',
    party: 'buyer',
    markup: (w) => `<k100-shipment-tracker order-id="${w.orderId}"></k100-shipment-tracker>`,
    shows: [...PRODUCTS, 'tracking.location', 'consolidation.carrier', 'consolidation.tracking_no'],
  },
  {
    name: 'shipment-tracker (amendment to answer)',
    party: 'buyer',
    markup: (w) => `<k100-shipment-tracker order-id="${w.amendedOrderId}"></k100-shipment-tracker>`,
    shows: [...PRODUCTS, 'amendment.reason'],
  },
  {
    name: 'warehouse-console',
    party: 'operator',
    markup: (w) => `<k100-warehouse-console order-id="${w.orderId}"></k100-warehouse-console>`,
    // The packing-list note, return reason and inspection notes are kept but shown by no widget.
    shows: [...PRODUCTS, 'tracking.location', 'consolidation.carrier', 'consolidation.tracking_no'],
  },
  { name: 'warehouse-console (order list)', party: 'operator', markup: () => `<k100-warehouse-console></k100-warehouse-console>`, shows: [], paints: (w) => [w.orderId, ACME_NAME] },
];

interface Mounted {
  page: Page;
  record: PageRecord;
}

/** The partner page: one script tag and the widget, no token in the markup; the partner's own code hands it over. */
async function mount(m: Mount): Promise<Mounted> {
  partner.setPage(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
      <script type="module" src="${k100.url}/widgets/k100-widgets.js"></script></head>
      <body><main><k100-provider>${m.markup(world)}</k100-provider></main></body></html>`,
    strictCsp(k100.url),
  );
  const page = await browser.newPage();
  await page.setViewport({ width: 1024, height: 800 });
  const record = await recordPage(page);
  await page.goto(partner.url, { waitUntil: 'load' });
  // Stands in for the partner's script that fetched a session from its backend: a property, never markup.
  await page.waitForFunction(() => !!customElements.get('k100-provider'), { timeout: 15_000 });
  await page.evaluate((token: string) => {
    (document.querySelector('k100-provider') as HTMLElement & { session: string }).session = token;
  }, world.tokens[m.party]);
  return { page, record };
}

/** Waits until every field the widget owes is on screen, or fails naming the missing ones. */
async function waitForFields(page: Page, m: Mount, shows = m.shows, paints = m.paints?.(world) ?? []): Promise<void> {
  const wanted = [...shows.map((f) => [f, world.fields[f]!]), ...paints.map((text) => [text, text])];
  assert.ok(wanted.length > 0, `${m.name} checks that it painted something`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { texts } = await auditDom(page);
    const missing = wanted.filter(([, text]) => !texts.some((t) => t.includes(text!))).map(([name]) => name);
    if (missing.length === 0) return;
    if (Date.now() > deadline) {
      const shown = Object.keys(world.fields).filter((f) => texts.some((t) => t.includes(world.fields[f]!)));
      assert.fail(`${m.name} never showed ${missing.join(', ')}; it shows ${shown.join(', ') || 'none'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('widgets on a strict-CSP partner page, with hostile text everywhere', () => {
  for (const m of MOUNTS) {
    test(m.name, async () => {
      const { page, record } = await mount(m);
      try {
        await waitForFields(page, m);
        for (const step of m.drive ?? []) {
          const [selector, pattern] = typeof step === 'string' ? [step, /./] : step;
          const targets = await page.$$(selector);
          const texts = await Promise.all(targets.map((t) => t.evaluate((n) => n.textContent ?? '')));
          const target = targets[texts.findIndex((t) => pattern.test(t))];
          assert.ok(target, `${m.name}: nothing to click at ${selector} matching ${pattern}`);
          await target.click();
          await page.waitForNetworkIdle({ idleTime: 300 });
        }
        if (m.thenShows) await waitForFields(page, m, m.thenShows, []);
        await page.waitForNetworkIdle({ idleTime: 300 });
        const dom = await auditDom(page);
        const texts = dom.texts.join('\n');

        assert.deepEqual(record.violations, [], 'no CSP or Trusted Types violation');
        assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, 'no payload ran');
        assert.deepEqual(dom.injected, [], 'no element or handler from a payload');
        for (const f of [...m.shows, ...(m.thenShows ?? [])]) assert.ok(texts.includes(world.fields[f]!), `${f} shown literally`);
        assert.equal(dom.overflowsX, false, 'no long word pushes the page sideways');
        assert.deepEqual(await bidiBleeds(page, Object.values(world.fields)), [], 'no bidi override reaches the text around it');
        assert.deepEqual(record.console.filter((line) => /^(error|pageerror)/.test(line)), [], 'no console errors');

        // The token: only in Authorization headers, only to the API.
        const token = world.tokens[m.party];
        const parts = tokenParts(token);
        const leaks = (where: string, text: string) => parts.filter((p) => text.includes(p)).map(() => where);
        const found: string[] = [];
        for (const r of record.requests) {
          found.push(...leaks(`url ${r.url}`, r.url), ...leaks(`body of ${r.url}`, r.body));
          for (const [name, value] of Object.entries(r.headers)) {
            if (name === 'authorization' && value === `Bearer ${token}` && r.url.startsWith(`${k100.url}/`)) continue;
            found.push(...leaks(`header ${name} to ${r.url}`, value));
          }
        }
        found.push(...leaks('an attribute', dom.attributes.join('\n')), ...leaks('the page text', texts));
        found.push(...leaks('storage', (await storageDump(page)).join('\n')), ...leaks('the console', record.console.join('\n')));
        assert.deepEqual(found, [], 'the token leaked nowhere');
        assert.ok(
          record.requests.some((r) => r.url.startsWith(`${k100.url}/v1/`) && r.headers['authorization'] === `Bearer ${token}`),
          'the widget did call the API with the session',
        );
      } finally {
        await page.close();
      }
    });
  }

  test('the server logged no session token', () => {
    const log = k100.log();
    for (const token of Object.values(world.tokens)) assert.deepEqual(tokenParts(token).slice(1).filter((p) => log.includes(p)), []);
  });

  test('a javascript: or data: image URL is refused by the API, so no widget ever gets one', async () => {
    for (const url of ['javascript:window.__pwned=1', 'data:image/svg+xml,<svg onload=alert(1)>', 'JAVASCRIPT:alert(1)']) {
      const response = await fetch(`${k100.url}/v1/products`, {
        method: 'POST',
        headers: { authorization: `Bearer ${world.tokens.supplier}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Lamp', category: 'lighting', moq: 1, unit_price: 100, currency: 'USD', images: [url] }),
      });
      assert.equal(response.status, 422, url);
    }
  });
});
