import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './index.js';
import { K100ProductSearch } from './product-search.js';
import { $, $$, text, waitFor, until } from '../core/test/helpers.js';
import { PRODUCTS, TOKENS, db, delay, http, problem, product, resetMockApi, startMockApi, worker } from '../core/test/mock-api.js';
import { runWidgetSuite } from '../core/test/widget-suite.js';

async function mount(
  attrs: { session?: string; theme?: string; locale?: string; publishableKey?: string; currency?: string } = {},
) {
  const session = 'session' in attrs ? attrs.session : TOKENS.buyer;
  return fixture<K100ProductSearch>(html`<k100-product-search
    session=${session ?? ''}
    theme=${attrs.theme ?? 'light'}
    locale=${attrs.locale ?? 'en'}
    publishable-key=${attrs.publishableKey ?? ''}
    currency=${attrs.currency ?? 'USD'}
  ></k100-product-search>`);
}

const cards = (el: Element) => $$(el, '[part~="card"]');
const card = (el: Element, name: string) => cards(el).find((c) => text(c).includes(name))!;
const collectButton = (el: Element, name: string) => card(el, name).querySelector<HTMLButtonElement>('[part~="collect-button"]')!;

/** Waits for results with a collect button on each card (the buyer's folder has loaded). */
async function ready(el: K100ProductSearch) {
  await waitFor(el, '[part~="collect-button"]');
  return el;
}

before(() => startMockApi());
beforeEach(() => resetMockApi());

describe('<k100-product-search>', () => {
  runWidgetSuite({
    tag: 'k100-product-search',
    element: K100ProductSearch,
    mount,
    endpoint: '/v1/products',
    empty: { data: [], next_cursor: null },
    item: '[part~="card"]',
  });

  describe('results', () => {
    it('shows name, supplier, price per unit, MOQ, category and a Private badge', async () => {
      const el = await ready(await mount());
      expect(cards(el)).to.have.length(4);
      const strip = text(card(el, 'LED Strip'));
      expect(strip).to.contain('Shenzhen LED Co. · Shenzhen, CN');
      expect(strip).to.contain('$2.50 / unit');
      expect(strip).to.contain('MOQ 100 pcs');
      expect(strip).to.contain('led-lighting');
      expect(card(el, 'LED Strip').querySelector('[part~="badge"]')).to.equal(null);
      expect(text(card(el, 'OEM Desk Lamp').querySelector('[part~="badge"]'))).to.equal('Private');
      expect(text(card(el, 'Cotton Towel'))).to.contain('¥1,200 / unit');
    });

    it('announces the number of results in a live region', async () => {
      const el = await ready(await mount());
      const status = $(el, '[role="status"]')!;
      expect(text(status)).to.equal('4 products shown.');
    });

    it('pages with Load more and keeps focus on the button', async () => {
      db.products = Array.from({ length: 25 }, (_, i) => product({ id: `p${i}`, name: `Widget ${i}` }));
      const el = await ready(await mount());
      expect(cards(el)).to.have.length(20);
      expect(text($(el, '[role="status"]'))).to.contain('More are available.');
      const more = $<HTMLButtonElement>(el, '[part~="load-more-button"]')!;
      more.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(el, '[part~="card"]:nth-child(25)');
      expect(db.calls('GET', '/v1/products').at(-1)!.params.get('cursor')).to.equal('20');
      expect(text($(el, '[part~="load-more-button"]'))).to.equal('All products shown');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="load-more-button"]'));
      await expect(el).to.be.accessible();
    });
  });

  describe('searching', () => {
    it('searches ~250 ms after typing stops, once', async () => {
      const el = await ready(await mount());
      const before = db.calls('GET', '/v1/products').length;
      const input = $<HTMLInputElement>(el, '[part~="search-input"]')!;
      // Keystrokes in one task: through sendKeys, each is its own round trip to the browser, and on a busy
      // machine two of them can land more than 250 ms apart, when searching the prefix is right.
      input.focus();
      let typedAt = 0; // taken before each keystroke, so the debounce started no earlier
      for (const letter of 'towel') {
        input.value += letter;
        typedAt = performance.now();
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: letter, inputType: 'insertText' }));
      }
      await waitFor(el, '[part~="card"]', () => cards(el).length === 1);
      const searches = db.calls('GET', '/v1/products').slice(before);
      expect(searches.map((r) => r.params.get('q'))).to.deep.equal(['towel']);
      expect(searches[0]!.at - typedAt, 'ms from the last keystroke to the search').to.be.at.least(249);
      expect(el.query).to.equal('towel');
    });

    it('searches at once on Enter', async () => {
      const el = await ready(await mount());
      $<HTMLInputElement>(el, '[part~="search-input"]')!.focus();
      await sendKeys({ type: 'lamp' });
      await sendKeys({ press: 'Enter' });
      expect(el.query, 'Enter applies the search without the typing pause').to.equal('lamp');
      await until(() => db.calls('GET', '/v1/products').at(-1)!.params.get('q') === 'lamp', 'no search for lamp');
      await waitFor(el, '[part~="card"]', () => cards(el).length === 1);
    });

    it('filters by category from /v1/categories', async () => {
      const el = await ready(await mount());
      const select = await waitFor<HTMLSelectElement>(el, '[part~="category-select"]', (s) => s.options.length > 1);
      expect([...select.options].map((o) => text(o))).to.deep.equal(['All categories', 'led-lighting (3)', 'textiles (1)']);
      select.value = 'textiles';
      select.dispatchEvent(new Event('change'));
      await waitFor(el, '[part~="card"]', () => cards(el).length === 1);
      expect(db.calls('GET', '/v1/products').at(-1)!.params.get('category')).to.equal('textiles');
    });

    it('sends prices typed in major units as minor units of the currency', async () => {
      const el = await ready(await mount());
      const min = $<HTMLInputElement>(el, '[part~="min-price-input"]')!;
      min.value = '12.5';
      min.dispatchEvent(new Event('change'));
      await waitFor(el, '[part~="card"]', () => cards(el).length === 2);
      expect(db.calls('GET', '/v1/products').at(-1)!.params.get('min_price')).to.equal('1250');

      const yen = await mount({ currency: 'JPY' });
      const max = await waitFor<HTMLInputElement>(yen, '[part~="max-price-input"]');
      expect(text(max.closest('label'))).to.contain('Max price (JPY)');
      max.value = '1200';
      max.dispatchEvent(new Event('change'));
      await until(() => db.calls('GET', '/v1/products').at(-1)!.params.get('max_price') === '1200', 'no search up to 1200');
    });

    it('flags a minimum above the maximum', async () => {
      const el = await ready(await mount());
      for (const [part, value] of [['min', '50'], ['max', '10']]) {
        const input = $<HTMLInputElement>(el, `[part~="${part}-price-input"]`)!;
        input.value = value!;
        input.dispatchEvent(new Event('change'));
      }
      await el.updateComplete;
      expect(text($(el, '#price-error'))).to.equal('The minimum price is above the maximum.');
      expect($(el, '[part~="max-price-input"]')!.getAttribute('aria-invalid')).to.equal('true');
      await until(() => db.calls('GET', '/v1/products').some((r) => r.params.get('min_price') === '5000'), 'no search from 50');
      await el.updateComplete;
      const last = db.calls('GET', '/v1/products').at(-1)!.params;
      expect([last.get('min_price'), last.get('max_price')]).to.deep.equal(['5000', null]);
      expect($(el, '[part~="error"]')).to.equal(null);
    });
  });

  describe('collect', () => {
    /** Holds every request to `path` until the returned function is called, then answers as usual. */
    function hold(path: string): () => void {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // Answering nothing passes the request on to the mock API's own handler.
      worker.use(http.get(`*${path}`, async () => void (await held)));
      return release;
    }

    for (const path of ['/v1/folders/public', '/v1/me']) {
      it(`shows the results while ${path} is still loading, and Collect once it has`, async () => {
        const release = hold(path);
        const el = await mount();
        await waitFor(el, '[part~="card"]');
        expect(cards(el)).to.have.length(4);
        expect($(el, '[part~="collect-button"]')).to.equal(null);
        release();
        await ready(el);
        expect(text(collectButton(el, 'LED Panel'))).to.equal('Collected ✓');
        expect(text(collectButton(el, 'LED Strip'))).to.equal('Collect');
      });
    }

    it('shows products already in the buyer’s folder as collected', async () => {
      const el = await ready(await mount());
      const panel = collectButton(el, 'LED Panel');
      expect(text(panel)).to.equal('Collected ✓');
      expect(panel.getAttribute('aria-disabled')).to.equal('true');
      expect(text(collectButton(el, 'LED Strip'))).to.equal('Collect');
    });

    it('collects with the keyboard and sends k100-product-collect', async () => {
      const el = await ready(await mount());
      collectButton(el, 'LED Strip').focus();
      const collected = oneEvent(el, 'k100-product-collect');
      await sendKeys({ press: 'Enter' });
      expect(text(collectButton(el, 'LED Strip'))).to.equal('Collected ✓');
      const event = await collected;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.product_id).to.equal(PRODUCTS.strip.id);
      expect(event.detail.product.name).to.equal('LED Strip 5 m');
      expect(db.publicFolder).to.include(PRODUCTS.strip.id);
      await expect(el).to.be.accessible();
    });

    it('shows Collected at once and rolls back with a message when the server refuses', async () => {
      worker.use(
        http.put('*/v1/folders/public/items/:id', async () => {
          await delay(150);
          return problem(500, 'internal', 'Internal error');
        }),
      );
      const el = await ready(await mount());
      collectButton(el, 'LED Strip').click();
      await el.updateComplete;
      expect(text(collectButton(el, 'LED Strip'))).to.equal('Collected ✓');
      await waitFor(el, '[part~="collect-error"]');
      expect(text(collectButton(el, 'LED Strip'))).to.equal('Collect');
      expect(text(card(el, 'LED Strip').querySelector('[part~="collect-error"]'))).to.equal(
        'Could not collect this product. Try again.',
      );
      await expect(el).to.be.accessible();
    });

    it('offers Collect again once the folder removes the product', async () => {
      const el = await ready(await mount());
      document.body.dispatchEvent(
        new CustomEvent('k100-folder-item-remove', { detail: { product_id: PRODUCTS.panel.id }, bubbles: true }),
      );
      await el.updateComplete;
      expect(text(collectButton(el, 'LED Panel'))).to.equal('Collect');
    });

    it('offers no Collect with only a publishable key, and sends the key', async () => {
      const el = await mount({ session: '', publishableKey: TOKENS.publishable });
      await waitFor(el, '[part~="card"]');
      await aTimeout(50);
      expect($(el, '[part~="collect-button"]')).to.equal(null);
      expect(db.calls('GET', '/v1/products')[0]!.authorization).to.equal(`Bearer ${TOKENS.publishable}`);
      expect(db.calls('GET', '/v1/me')).to.have.length(0);
    });

    it('offers no Collect to a supplier session', async () => {
      const el = await mount({ session: TOKENS.supplier });
      await waitFor(el, '[part~="card"]');
      await waitFor(el, '[part~="card"]', () => db.calls('GET', '/v1/me').length === 1);
      await el.updateComplete;
      expect($(el, '[part~="collect-button"]')).to.equal(null);
    });

    it('a 401 while collecting switches to the expired state', async () => {
      const el = await ready(await mount());
      worker.use(http.put('*/v1/folders/public/items/:id', () => problem(401, 'session-expired', 'Session expired')));
      const told = oneEvent(el, 'k100-session-expired');
      collectButton(el, 'LED Strip').click();
      await told;
      await waitFor(el, '[part~="expired"]');
    });
  });

  describe('locale zh-CN', () => {
    it('renders Chinese text and formats CNY and JPY', async () => {
      const el = await ready(await mount({ locale: 'zh-CN' }));
      expect(text($(el, '[part~="search-button"]'))).to.equal('搜索');
      expect(text(collectButton(el, 'LED Strip'))).to.equal('收藏');
      expect(text(collectButton(el, 'LED Panel'))).to.equal('已收藏 ✓');
      expect(text(card(el, 'OEM Desk Lamp'))).to.contain('¥45.00 / 件');
      expect(text(card(el, 'OEM Desk Lamp'))).to.contain('起订量 1,000 件');
      expect(text(card(el, 'OEM Desk Lamp').querySelector('[part~="badge"]'))).to.equal('专属');
      expect(text(card(el, 'Cotton Towel'))).to.contain('JP¥1,200 / 件');
      expect(text($(el, '[role="status"]'))).to.equal('已显示 4 件产品。');
      expect($(el, '[part~="base"]')!.getAttribute('lang')).to.equal('zh-CN');
      await expect(el).to.be.accessible();
    });

    it('falls back to English for an unknown locale', async () => {
      const el = await ready(await mount({ locale: 'fr-FR' }));
      expect(text($(el, '[part~="search-button"]'))).to.equal('Search');
    });
  });

  describe('untrusted text', () => {
    it('renders a hostile product name as text and creates no element', async () => {
      const hostile = '<img src=x onerror="window.__pwned=1"></script><b>bold</b>';
      db.products = [product({ id: 'p_evil', name: hostile })];
      const el = await mount();
      await waitFor(el, '[part~="card"]');
      const evil = card(el, '<img');
      expect(text(evil.querySelector('[part~="name"]'))).to.equal(hostile);
      expect(evil.querySelector('img, b, script')).to.equal(null);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  });
});
