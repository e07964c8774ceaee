import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './index.js';
import { K100ProductFolder } from './product-folder.js';
import { K100ProductCollectEvent, type SelectedItem } from '../core/events.js';
import { $, $$, text, waitFor } from '../core/test/helpers.js';
import { PRODUCTS, TOKENS, db, delay, http, problem, resetMockApi, startMockApi, worker } from '../core/test/mock-api.js';
import { runWidgetSuite } from '../core/test/widget-suite.js';

async function mount(attrs: { session?: string; theme?: string; locale?: string; tab?: string } = {}) {
  return fixture<K100ProductFolder>(html`<k100-product-folder
    session=${attrs.session ?? TOKENS.buyer}
    theme=${attrs.theme ?? 'light'}
    locale=${attrs.locale ?? 'en'}
    tab=${attrs.tab ?? 'public'}
  ></k100-product-folder>`);
}

const items = (el: Element) => $$(el, '[part~="item"]');
const item = (el: Element, name: string) => items(el).find((i) => text(i).includes(name))!;
const tabs = (el: Element) => $$<HTMLButtonElement>(el, '[role="tab"]');

function select(el: Element, name: string) {
  item(el, name).querySelector<HTMLInputElement>('[part~="item-checkbox"]')!.click();
}

async function setQuantity(el: K100ProductFolder, name: string, value: string) {
  const input = item(el, name).querySelector<HTMLInputElement>('[part~="quantity-input"]')!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
  return input;
}

before(() => startMockApi());
beforeEach(() => resetMockApi());

describe('<k100-product-folder>', () => {
  runWidgetSuite({
    tag: 'k100-product-folder',
    element: K100ProductFolder,
    mount,
    endpoint: '/v1/folders/public',
    empty: { data: [], next_cursor: null },
    item: '[part~="item"]',
  });

  describe('public folder', () => {
    it('lists collected products with supplier, price and MOQ', async () => {
      db.publicFolder = [PRODUCTS.panel.id, PRODUCTS.towel.id];
      const el = await mount();
      await waitFor(el, '[part~="item"]');
      expect(items(el)).to.have.length(2);
      const panel = text(item(el, 'LED Panel'));
      expect(panel).to.contain('Shenzhen LED Co. · Shenzhen, CN');
      expect(panel).to.contain('$18.50 / unit');
      expect(panel).to.contain('MOQ 50 pcs');
      expect(text(item(el, 'Cotton Towel'))).to.contain('¥1,200 / unit');
    });

    it('removes at once, offers Undo, and sends k100-folder-item-remove', async () => {
      const el = await mount();
      await waitFor(el, '[part~="item"]');
      const removed = oneEvent(el, 'k100-folder-item-remove');
      item(el, 'LED Panel').querySelector<HTMLButtonElement>('[part~="remove-button"]')!.click();
      await el.updateComplete;
      expect(items(el)).to.have.length(0);
      const event = await removed;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ product_id: PRODUCTS.panel.id });
      expect(db.publicFolder).to.deep.equal([]);
      expect(text($(el, '[part~="notice"]'))).to.contain('Removed LED Panel 60×60.');
      await waitFor(el, '[part~="undo-button"]', (b) => el.shadowRoot!.activeElement === b);
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Enter' });
      await waitFor(el, '[part~="item"]');
      await waitFor(el, '[part~="item"]', () => db.publicFolder.includes(PRODUCTS.panel.id));
    });

    it('puts the item back with a message when the removal fails', async () => {
      worker.use(
        http.delete('*/v1/folders/public/items/:id', async () => {
          await delay(100);
          return problem(500, 'internal', 'Internal error');
        }),
      );
      const el = await mount();
      await waitFor(el, '[part~="item"]');
      item(el, 'LED Panel').querySelector<HTMLButtonElement>('[part~="remove-button"]')!.click();
      await el.updateComplete;
      expect(items(el)).to.have.length(0);
      await waitFor(el, '[part~="item"]');
      expect(text($(el, '[part~="notice"]'))).to.equal('Could not remove LED Panel 60×60.');
    });

    it('refreshes when a product is collected anywhere on the page', async () => {
      const el = await mount();
      await waitFor(el, '[part~="item"]');
      db.publicFolder.push(PRODUCTS.strip.id);
      const elsewhere = document.createElement('div');
      document.body.append(elsewhere);
      elsewhere.dispatchEvent(new K100ProductCollectEvent({ product_id: PRODUCTS.strip.id, product: PRODUCTS.strip }));
      elsewhere.remove();
      await waitFor(el, '[part~="item"]', () => items(el).length === 2);
      expect(text(item(el, 'LED Strip'))).to.contain('MOQ 100 pcs');
    });

    it('stops listening for collects once removed from the page', async () => {
      const el = await mount();
      await waitFor(el, '[part~="item"]');
      el.remove();
      const before = db.calls('GET', '/v1/folders/public').length;
      document.dispatchEvent(new K100ProductCollectEvent({ product_id: PRODUCTS.strip.id, product: PRODUCTS.strip }));
      await delay(50);
      expect(db.calls('GET', '/v1/folders/public')).to.have.length(before);
    });
  });

  describe('tabs', () => {
    it('follows the WAI-ARIA tabs pattern with arrow keys, Home and End', async () => {
      const el = await mount();
      await waitFor(el, '[part~="item"]');
      const [publicTab, privateTab] = tabs(el);
      expect(publicTab!.getAttribute('aria-selected')).to.equal('true');
      expect([publicTab!.tabIndex, privateTab!.tabIndex]).to.deep.equal([0, -1]);
      publicTab!.focus();

      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(el.tab).to.equal('private');
      expect(el.shadowRoot!.activeElement).to.equal(privateTab);
      expect(privateTab!.getAttribute('aria-selected')).to.equal('true');
      expect([publicTab!.tabIndex, privateTab!.tabIndex]).to.deep.equal([-1, 0]);
      expect($(el, '#panel-private')!.hidden).to.equal(false);
      expect($(el, '#panel-public')!.hidden).to.equal(true);

      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(el.tab).to.equal('public');
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(el.tab).to.equal('private');
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expect(el.tab).to.equal('public');
      expect(el.shadowRoot!.activeElement).to.equal(publicTab);
    });
  });

  describe('selecting items for a purchase order', () => {
    it('defaults the quantity to the MOQ, totals per currency, and sends k100-folder-select', async () => {
      db.publicFolder = [PRODUCTS.panel.id, PRODUCTS.towel.id, PRODUCTS.strip.id];
      const el = await mount();
      await waitFor(el, '[part~="item"]');
      select(el, 'LED Panel');
      select(el, 'Cotton Towel');
      await el.updateComplete;
      const panelQty = item(el, 'LED Panel').querySelector<HTMLInputElement>('[part~="quantity-input"]')!;
      expect(panelQty.value).to.equal('50');
      expect(text($(el, '[part~="total"]'))).to.equal('Total: $925.00 · ¥600,000');
      await setQuantity(el, 'LED Panel', '60');
      expect(text($(el, '[part~="total"]'))).to.equal('Total: $1,110.00 · ¥600,000');
      expect(text($(el, '[part~="summary"] [role="status"]'))).to.equal('2 items selected');
      await expect(el).to.be.accessible();

      const selected = oneEvent(el, 'k100-folder-select');
      $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
      const event = await selected;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.folder).to.equal('public');
      expect(event.detail.items.map(({ product_id, quantity }: SelectedItem) => ({ product_id, quantity }))).to.deep.equal([
        { product_id: PRODUCTS.panel.id, quantity: 60 },
        { product_id: PRODUCTS.towel.id, quantity: 500 },
      ]);
      expect(event.detail.items[0]!.product.name).to.equal('LED Panel 60×60');
    });

    it('refuses a quantity below the MOQ or not whole, with a visible message', async () => {
      const el = await mount();
      await waitFor(el, '[part~="item"]');
      select(el, 'LED Panel');
      await el.updateComplete;
      let fired = false;
      el.addEventListener('k100-folder-select', () => (fired = true));
      for (const bad of ['49', '50.5', '']) {
        const input = await setQuantity(el, 'LED Panel', bad);
        expect(input.getAttribute('aria-invalid')).to.equal('true');
        expect(text(item(el, 'LED Panel').querySelector('.qty-error'))).to.equal('Enter a whole number of at least 50.');
      }
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
      await el.updateComplete;
      expect(fired).to.equal(false);
      expect(el.shadowRoot!.activeElement).to.equal(item(el, 'LED Panel').querySelector('[part~="quantity-input"]'));
      const input = await setQuantity(el, 'LED Panel', '50');
      expect(input.getAttribute('aria-invalid')).to.equal('false');
    });

    it('forgets the selection when another session takes over', async () => {
      const el = await mount();
      await waitFor(el, '[part~="item"]');
      select(el, 'LED Panel');
      await el.updateComplete;
      expect(item(el, 'LED Panel').querySelector('[part~="quantity-input"]')).to.exist;
      el.session = 'tok_buyer_globex';
      await el.updateComplete;
      expect($(el, '[part~="skeleton"]'), 'another buyer’s folder is never shown meanwhile').to.exist;
      await waitFor(el, '[part~="item"]');
      expect(item(el, 'LED Panel').querySelector('[part~="quantity-input"]')).to.equal(null);
      expect(db.calls('GET', '/v1/folders/public').at(-1)!.authorization).to.equal('Bearer tok_buyer_globex');
    });

    it('does nothing without a selection', async () => {
      const el = await mount();
      await waitFor(el, '[part~="item"]');
      const order = $<HTMLButtonElement>(el, '[part~="order-button"]')!;
      expect(order.getAttribute('aria-disabled')).to.equal('true');
      expect(text($(el, '[part~="summary"] [role="status"]'))).to.equal('Select items to order.');
    });
  });

  describe('private folder', () => {
    it('lists the private products granted to the buyer, without Remove', async () => {
      const el = await mount({ tab: 'private' });
      await waitFor(el, '[part~="item"]');
      expect(text(item(el, 'OEM Desk Lamp'))).to.contain('CN¥45.00 / unit');
      expect(item(el, 'OEM Desk Lamp').querySelector('[part~="remove-button"]')).to.equal(null);
      select(el, 'OEM Desk Lamp');
      await el.updateComplete;
      const selected = oneEvent(el, 'k100-folder-select');
      $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
      const event = await selected;
      expect(event.detail.folder).to.equal('private');
      expect(event.detail.items[0]!.quantity).to.equal(1000);
    });

    it('says so when nothing is granted yet', async () => {
      db.privateFolder = [];
      const el = await mount({ tab: 'private' });
      const empty = await waitFor(el, '[part~="empty"]');
      expect(text(empty)).to.contain('No private products yet.');
    });

    it('requests access from a supplier and lists the pending request', async () => {
      const el = await mount({ tab: 'private' });
      await waitFor(el, '[part~="item"]');
      $<HTMLButtonElement>(el, '[part~="access-toggle"]')!.click();
      const supplier = await waitFor<HTMLSelectElement>(el, '[part~="supplier-select"]');
      expect([...supplier.options].map((o) => text(o))).to.deep.equal([
        'Choose a supplier',
        'Shenzhen LED Co. · Shenzhen, CN',
        'Ningbo Textiles · Ningbo, CN',
      ]);
      await expect(el).to.be.accessible();
      const form = $<HTMLFormElement>(el, '[part~="access-form"]')!;

      form.requestSubmit();
      await el.updateComplete;
      expect(text($(el, '[part~="access-status"]'))).to.equal('Choose a supplier and write a message.');

      supplier.value = 'sup_tex';
      $<HTMLTextAreaElement>(el, '[part~="message-input"]')!.value = 'We would like your OEM towels.';
      const created = oneEvent(el, 'k100-access-request-create');
      form.requestSubmit();
      const event = await created;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.request.supplier.id).to.equal('sup_tex');
      expect(db.accessRequests[0]!.message).to.equal('We would like your OEM towels.');
      expect(text($(el, '[part~="access-status"]'))).to.equal('Request sent to Ningbo Textiles');
      const pending = await waitFor(el, '[part~="pending-list"]');
      expect(text(pending)).to.contain('Ningbo Textiles');
      expect(text(pending)).to.contain('requested Nov 27, 2026');

      supplier.value = 'sup_tex';
      $<HTMLTextAreaElement>(el, '[part~="message-input"]')!.value = 'Again';
      form.requestSubmit();
      await waitFor(el, '[part~="access-status"]', (s) => text(s).includes('already pending'));
      expect(text($(el, '[part~="access-status"]'))).to.equal('A request to Ningbo Textiles is already pending.');
      await expect(el).to.be.accessible();
    });
  });

  describe('locale zh-CN', () => {
    it('renders Chinese text and formats CNY and JPY', async () => {
      db.publicFolder = [PRODUCTS.towel.id];
      const el = await mount({ locale: 'zh-CN' });
      await waitFor(el, '[part~="item"]');
      expect(tabs(el).map((t) => text(t))).to.deep.equal(['公共产品夹', '专属产品夹']);
      expect(text(item(el, 'Cotton Towel'))).to.contain('JP¥1,200 / 件');
      expect(text($(el, '[part~="order-button"]'))).to.equal('创建采购订单');
      select(el, 'Cotton Towel');
      await el.updateComplete;
      expect(text($(el, '[part~="total"]'))).to.equal('合计：JP¥600,000');
      await setQuantity(el, 'Cotton Towel', '10');
      expect(text(item(el, 'Cotton Towel').querySelector('.qty-error'))).to.equal('请输入不少于 500 的整数。');

      tabs(el)[1]!.click();
      await waitFor(el, '[part~="item"]', () => text(items(el)[0]).includes('OEM'));
      expect(text(item(el, 'OEM Desk Lamp'))).to.contain('¥45.00 / 件');
      await expect(el).to.be.accessible();
    });
  });
});
