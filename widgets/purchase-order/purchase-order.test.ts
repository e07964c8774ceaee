import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './index.js';
import { K100PurchaseOrder } from './purchase-order.js';
import { K100FolderSelectEvent, type SelectedItem } from '../core/events.js';
import type { Terms } from '../core/deals/api.js';
import { $, $$, text, waitFor } from '../core/test/helpers.js';
import { PRODUCTS, TOKENS, db, http, problem, resetMockApi, startMockApi, worker } from '../core/test/mock-api.js';
import { deals } from '../core/test/mock-deals.js';
import { sampleTerms } from '../core/test/deal-fixtures.js';
import { runWidgetSuite } from '../core/test/widget-suite.js';

type Attrs = { session?: string; theme?: string; locale?: string; negotiationId?: string };

async function mount(attrs: Attrs = {}) {
  return fixture<K100PurchaseOrder>(html`<k100-purchase-order
    session=${attrs.session ?? TOKENS.buyer}
    theme=${attrs.theme ?? 'light'}
    locale=${attrs.locale ?? 'en'}
    negotiation-id=${attrs.negotiationId ?? ''}
  ></k100-purchase-order>`);
}

const select = (items: [keyof typeof PRODUCTS, number][]): SelectedItem[] =>
  items.map(([key, quantity]) => ({ product_id: PRODUCTS[key].id, quantity, product: PRODUCTS[key] }));

function folderSelect(items: SelectedItem[]) {
  document.dispatchEvent(new K100FolderSelectEvent({ folder: 'public', items }));
}

async function fill(el: K100PurchaseOrder, name: string, value: string) {
  const control = $<HTMLInputElement>(el, `[name="${name}"]`)!;
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  return control;
}

const field = (el: Element, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`)!;
const errorOf = (el: Element, name: string) => text($(el, `#${field(el, name).id}-error`));
const posted = (path: RegExp | string) => db.calls('POST', path);

before(() => startMockApi());
beforeEach(() => {
  resetMockApi();
  deals.open(sampleTerms(), 'Can you do these quantities?');
});

describe('<k100-purchase-order>', () => {
  runWidgetSuite({
    tag: 'k100-purchase-order',
    element: K100PurchaseOrder,
    mount,
    endpoint: '/v1/negotiations',
    empty: { data: [], next_cursor: null },
    item: '[part~="negotiation"]',
  });

  describe('list', () => {
    it('lists negotiations with the other party, status and whose turn it is', async () => {
      const el = await mount({ session: TOKENS.supplier });
      const row = await waitFor(el, '[part~="negotiation"]');
      expect(text(row)).to.contain('Acme Imports');
      expect(text(row)).to.contain('Open');
      expect(text(row)).to.contain('Your turn');
      expect(text(row)).to.contain('1 offer · $1,425.00');
      await expect(el).to.be.accessible();
    });

    it('filters by status and opens a negotiation, then goes back', async () => {
      const el = await mount();
      await waitFor(el, '[part~="negotiation"]');
      const filter = $<HTMLSelectElement>(el, '[part~="status-select"]')!;
      filter.value = 'accepted';
      filter.dispatchEvent(new Event('change'));
      await waitFor(el, '[part~="empty"]');
      expect(db.calls('GET', '/v1/negotiations').at(-1)!.params.get('status')).to.equal('accepted');
      filter.value = '';
      filter.dispatchEvent(new Event('change'));
      (await waitFor(el, '[part~="negotiation"]')).click();
      await waitFor(el, '[part~="timeline"]');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="back-button"]'));
      $(el, '[part~="back-button"]')!.click();
      await waitFor(el, '[part~="negotiation"]');
    });
  });

  describe('a new negotiation from folder items', () => {
    it('builds the offer from a k100-folder-select event and opens the negotiation', async () => {
      deals.reset(() => db.products);
      const el = await mount();
      await waitFor(el, '[part~="empty"]');
      folderSelect(select([['strip', 300], ['panel', 60]]));
      await waitFor(el, '[part~="offer-form"]');
      expect($$(el, '[part~="line"]').map((l) => text(l.querySelector('.line-name')))).to.deep.equal(['LED Strip 5 m', 'LED Panel 60×60']);
      expect(field(el, 'items.0.quantity').value).to.equal('300');
      expect(field(el, 'items.0.unit_price').value).to.equal('2.50');
      expect(text($(el, '[part~="offer-form"]'))).to.contain('MOQ 100 pcs · list price $2.50');
      expect(text(el.shadowRoot!.querySelector('section'))).to.contain('Shenzhen LED Co. receives this offer.');
      expect($(el, '[part~="supplier-choice"]')).to.equal(null);
      await expect(el).to.be.accessible();

      await fill(el, 'items.0.unit_price', '2.35');
      await fill(el, 'delivery_date', '2027-01-20');
      await fill(el, 'destination_port', 'nlrtm');
      await fill(el, 'deposit_percent', '0');
      await fill(el, 'message', 'First order, more to follow.');
      const submitted = oneEvent(el, 'k100-offer-submit');
      const created = oneEvent(el, 'k100-negotiation-create');
      $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
      const submit = await submitted;
      expect(submit.cancelable && submit.bubbles && submit.composed).to.equal(true);
      expect(submit.detail.negotiation_id).to.equal(null);
      expect(submit.detail.supplier_id).to.equal('sup_led');
      const terms: Terms = submit.detail.terms;
      expect(terms.items).to.deep.equal([
        { product_id: 'p_strip', quantity: 300, unit_price: 235 },
        { product_id: 'p_panel', quantity: 60, unit_price: 1850 },
      ]);
      expect(terms).to.include({ currency: 'USD', incoterm: 'FOB', delivery_date: '2027-01-20', destination_port: 'NLRTM', deposit_percent: 0 });
      const event = await created;
      expect(event.detail.negotiation.id).to.equal('neg_1');
      expect(deals.negotiations[0]!.state.offers[0]!.message).to.equal('First order, more to follow.');

      await waitFor(el, '[part~="timeline"]');
      expect(text($(el, '[part~="notice"]'))).to.equal('Shenzhen LED Co. received your offer.');
      expect(text($(el, '[part~="terms"]'))).to.contain('$705.00');
      expect(text($(el, '[part~="terms"]'))).to.contain('$1,815.00');
      expect(text($(el, '.callout'))).to.contain('Waiting for Shenzhen LED Co. to accept or make a counter-offer.');
      await expect(el).to.be.accessible();
    });

    it('asks which supplier’s items to negotiate when the selection spans suppliers', async () => {
      const el = await mount();
      await waitFor(el, '[part~="negotiation"]');
      el.items = select([['strip', 100], ['towel', 500]]);
      const choice = await waitFor(el, '[part~="supplier-choice"]');
      expect(text(choice.parentElement)).to.contain('Your selection has items from 2 suppliers. A negotiation is with one supplier');
      expect($$(el, '[part~="line"]')).to.have.length(1);
      const radios = [...choice.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
      expect(radios.map((r) => text(r.parentElement))).to.deep.equal(['Shenzhen LED Co. (1 item)', 'Ningbo Textiles (1 item)']);
      expect(radios[0]!.checked).to.equal(true);
      radios[1]!.click();
      await el.updateComplete;
      expect(text($(el, '[part~="line"] .line-name'))).to.equal('Cotton Towel');
      expect(text($(el, '[part~="lines"]'))).to.contain('Prices in JPY.');
      expect(field(el, 'items.0.unit_price').value).to.equal('1200');
      await expect(el).to.be.accessible();
    });

    it('checks the form like the server and says what is wrong at each field', async () => {
      const el = await mount();
      folderSelect(select([['strip', 100]]));
      await waitFor(el, '[part~="offer-form"]');
      await fill(el, 'items.0.quantity', '0');
      await fill(el, 'items.0.unit_price', 'abc');
      await fill(el, 'inspection_percent', '101');
      $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
      await el.updateComplete;
      expect(errorOf(el, 'items.0.quantity')).to.equal('Enter a whole number from 1 to 10,000,000.');
      expect(errorOf(el, 'items.0.unit_price')).to.equal('Enter a price such as 12.50.');
      expect(errorOf(el, 'delivery_date')).to.equal('Enter a date.');
      expect(errorOf(el, 'inspection_percent')).to.equal('Enter a whole percentage from 0 to 100.');
      expect(errorOf(el, 'destination_port')).to.contain('Enter a UN/LOCODE');
      expect(text($(el, '.form-alert'))).to.equal('Fix the 5 fields marked below.');
      expect(field(el, 'destination_port').getAttribute('aria-invalid')).to.equal('true');
      expect(field(el, 'destination_port').getAttribute('aria-describedby')).to.contain('-error');
      await waitFor(el, '[aria-invalid="true"]', (f) => el.shadowRoot!.activeElement === f);
      expect(el.shadowRoot!.activeElement).to.equal(field(el, 'items.0.quantity'));
      await expect(el).to.be.accessible();
      // Fixing a field clears its message as you type.
      await fill(el, 'items.0.quantity', '120');
      expect($(el, `#${field(el, 'items.0.quantity').id}-error`)).to.equal(null);
      expect(posted('/v1/negotiations')).to.have.length(0);
    });

    it('shows the server’s 422 field errors next to their fields', async () => {
      worker.use(
        http.post('*/v1/negotiations', () =>
          problem(422, 'validation', 'Validation failed', {
            errors: [
              { path: 'terms.items.0.quantity', message: 'must be at most 10000000' },
              { path: 'terms.delivery_date', message: 'must be a real calendar date in YYYY-MM-DD form' },
              { path: 'supplier_id', message: 'is not a valid id' },
            ],
          }),
        ),
      );
      const el = await mount();
      folderSelect(select([['strip', 100]]));
      await waitFor(el, '[part~="offer-form"]');
      await fill(el, 'delivery_date', '2027-01-20');
      await fill(el, 'destination_port', 'USLAX');
      $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
      await waitFor(el, '[part~="field-error"]');
      expect(errorOf(el, 'items.0.quantity')).to.equal('must be at most 10000000');
      expect(errorOf(el, 'delivery_date')).to.equal('must be a real calendar date in YYYY-MM-DD form');
      expect(text($(el, '[part~="form-error"]'))).to.equal('supplier_id: is not a valid id');
      await expect(el).to.be.accessible();
    });

    it('sends nothing when the page cancels k100-offer-submit', async () => {
      const el = await mount();
      folderSelect(select([['strip', 100]]));
      await waitFor(el, '[part~="offer-form"]');
      await fill(el, 'delivery_date', '2027-01-20');
      await fill(el, 'destination_port', 'USLAX');
      el.addEventListener('k100-offer-submit', (e) => e.preventDefault(), { once: true });
      $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
      await new Promise((r) => setTimeout(r, 50));
      expect(posted('/v1/negotiations')).to.have.length(0);
      expect($(el, '[part~="offer-form"]')).to.exist;
    });
  });

  describe('counter-offers', () => {
    it('prefills the counter-offer and shows what changed, field by field', async () => {
      const el = await mount({ session: TOKENS.supplier, negotiationId: 'neg_1' });
      await waitFor(el, '[part~="counter-button"]');
      expect($(el, '[part~="back-button"]'), 'no list to go back to with negotiation-id').to.equal(null);
      expect(text($(el, '.callout'))).to.contain('Your turn: accept Acme Imports’s latest offer or make a counter-offer.');
      expect(text($(el, '[part~="offer-message"]'))).to.equal('Can you do these quantities?');
      $(el, '[part~="counter-button"]')!.click();
      await waitFor(el, '[part~="offer-form"]');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#offer-title'));
      expect(field(el, 'items.0.unit_price').value).to.equal('2.50');
      expect(field(el, 'destination_port').value).to.equal('NLRTM');
      await fill(el, 'items.0.unit_price', '2.40');
      await fill(el, 'delivery_date', '2026-12-22');
      const submitted = oneEvent(el, 'k100-offer-submit');
      $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
      expect((await submitted).detail.negotiation_id).to.equal('neg_1');
      await waitFor(el, '[part~="offer"]', () => $$(el, '[part~="offer"]').length === 2);
      const diffs = $$(el, '[part~="offer-differences"] li').map((li) => text(li));
      expect(diffs).to.deep.equal(['LED Strip 5 m · Unit price was $2.50 → now $2.40', 'Delivery date was Dec 15, 2026 → now Dec 22, 2026']);
      expect(text($(el, '[part~="offer"]:last-child'))).to.contain('Counter-offer by You');
      const marks = $$(el, '[part~="change-mark"]').map((m) => text(m));
      expect(marks).to.deep.equal(['was $2.50', 'was Dec 15, 2026']);
      expect(text($(el, '[part~="offer"]:last-child [part~="offer-totals"]'))).to.equal(
        'Subtotal $1,405.00 · deposit $421.50 · balance $983.50',
      );
      expect($(el, '[part~="accept-button"]'), 'the party that made the latest offer cannot accept it').to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('accepting and issuing the purchase order', () => {
    it('accepts after a confirmation step, then issues the e-PO', async () => {
      deals.offer('neg_1', 'supplier', sampleTerms({ deposit_percent: 20 }), 'Deposit 20% please');
      const el = await mount({ negotiationId: 'neg_1' });
      await waitFor(el, '[part~="accept-button"]');
      expect($(el, '[part~="withdraw-button"]')).to.exist;
      $(el, '[part~="accept-button"]')!.click();
      const panel = await waitFor(el, '[part~="confirm-panel"]');
      expect(text(panel)).to.contain('Accept offer 2 as the final terms?');
      await waitFor(el, '[part~="confirm-panel"] p', (p) => el.shadowRoot!.activeElement === p);
      await expect(el).to.be.accessible();
      const accepted = oneEvent(el, 'k100-negotiation-accept');
      $(el, '[part~="confirm-button"]')!.click();
      expect((await accepted).detail.negotiation.status).to.equal('accepted');
      const issue = await waitFor(el, '[part~="issue-button"]');
      expect(text($(el, '.callout'))).to.contain('Accepted by You on');
      expect(text($(el, '#terms-title'))).to.equal('Agreed terms');
      expect(text($(el, '[part~="offer"]:last-child'))).to.contain('Accepted');
      const issued = oneEvent(el, 'k100-po-issue');
      issue.click();
      const event = await issued;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.purchase_order).to.include({ id: 'po_1', status: 'issued', negotiation_id: 'neg_1' });
      await waitFor(el, '[part~="actions"]', (a) => text(a).includes('Purchase order po_1 was issued'));
      expect($(el, '[part~="issue-button"]')).to.equal(null);
      expect(text($(el, '[part~="notice"]'))).to.equal('Shenzhen LED Co. received your purchase order.');
      await expect(el).to.be.accessible();
    });

    it('withdraws, and explains a 409 when the other party moved first', async () => {
      const el = await mount({ negotiationId: 'neg_1' });
      await waitFor(el, '[part~="withdraw-button"]');
      deals.withdraw('neg_1', 'buyer');
      $(el, '[part~="withdraw-button"]')!.click();
      await waitFor(el, '[part~="confirm-panel"]');
      $(el, '[part~="confirm-button"]')!.click();
      await waitFor(el, '[part~="notice"]', (n) => text(n).includes('changed meanwhile'));
      await waitFor(el, '.callout', (c) => text(c).includes('Withdrawn by the buyer'));
      expect($(el, '[part~="actions"]')).to.equal(null);
    });
  });

  describe('keyboard', () => {
    it('opens a counter-offer, cancels it and gets focus back, all from the keyboard', async () => {
      const el = await mount({ session: TOKENS.supplier, negotiationId: 'neg_1' });
      const counter = await waitFor<HTMLButtonElement>(el, '[part~="counter-button"]');
      counter.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(el, '#offer-title', (h) => el.shadowRoot!.activeElement === h);
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(field(el, 'items.0.quantity'));
      $<HTMLButtonElement>(el, '[part~="cancel-button"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(el, '[part~="counter-button"]', (b) => el.shadowRoot!.activeElement === b);
    });
  });

  describe('untrusted text', () => {
    it('renders hostile messages and product names as text', async () => {
      deals.offer('neg_1', 'supplier', sampleTerms(), '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>');
      db.products = db.products.map((p) => (p.id === 'p_strip' ? { ...p, name: '<b>Strip</b>' } : p));
      deals.negotiations[0]!.products.set('p_strip', { product_id: 'p_strip', name: '<b>Strip</b>', list_unit_price: 250, list_currency: 'USD' });
      const el = await mount({ negotiationId: 'neg_1' });
      const message = await waitFor(el, '[part~="offer"]:last-child [part~="offer-message"]');
      expect(message.textContent).to.contain('<img src=x');
      expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
      expect(text($(el, '[part~="terms-table"]'))).to.contain('<b>Strip</b>');
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  });

  describe('locale zh-CN', () => {
    it('renders Chinese text, dates and money', async () => {
      deals.offer('neg_1', 'supplier', sampleTerms({ items: [{ product_id: 'p_strip', quantity: 200, unit_price: 240 }, { product_id: 'p_panel', quantity: 50, unit_price: 1850 }] }));
      const el = await mount({ locale: 'zh-CN', negotiationId: 'neg_1' });
      await waitFor(el, '[part~="accept-button"]');
      expect(text($(el, '#negotiation-title'))).to.equal('与 Shenzhen LED Co. 的议价');
      expect(text($(el, '[part~="accept-button"]'))).to.equal('接受');
      expect(text($(el, '[part~="counter-button"]'))).to.equal('还价');
      expect($$(el, '[part~="offer-differences"] li').map((li) => text(li))).to.deep.equal(['LED Strip 5 m · 单价 原为 US$2.50 → 现为 US$2.40']);
      expect(text($(el, '[part~="terms-fields"]'))).to.contain('2026年12月15日');
      expect(text($(el, '[part~="terms-fields"]'))).to.contain('FOB · 船上交货');
      await expect(el).to.be.accessible();
    });
  });
});
