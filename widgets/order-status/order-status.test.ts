import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './index.js';
import { K100OrderStatus } from './order-status.js';
import { $, $$, text, waitFor, until } from '../core/test/helpers.js';
import { TOKENS, db, http, problem, resetMockApi, startMockApi, worker } from '../core/test/mock-api.js';
import { orderSummary, shipDb } from '../core/test/mock-ship.js';
import { runWidgetSuite } from '../core/test/widget-suite.js';

type Attrs = { session?: string; theme?: string; locale?: string; pageSize?: number };

function mount(attrs: Attrs = {}) {
  return fixture<K100OrderStatus>(html`<k100-order-status
    session=${attrs.session ?? TOKENS.buyer}
    theme=${attrs.theme ?? 'light'}
    locale=${attrs.locale ?? 'en'}
    page-size=${attrs.pageSize ?? 20}
  ></k100-order-status>`);
}

const ids = (el: Element) => $$(el, '[part~="order-button"]').map(text);
async function choose(el: K100OrderStatus, part: 'group-select' | 'sort-select', value: string) {
  const select = $<HTMLSelectElement>(el, `[part~="${part}"]`)!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

before(() => startMockApi());
beforeEach(() => {
  resetMockApi();
  shipDb.reset();
});

describe('<k100-order-status>', () => {
  runWidgetSuite({
    tag: 'k100-order-status',
    element: K100OrderStatus,
    mount,
    endpoint: '/v1/orders',
    empty: { data: [], next_cursor: null },
    item: '[part~="order"]',
  });

  describe('the overview', () => {
    it('lists every order, newest first, with supplier, status, payment, amount and next step', async () => {
      const el = await mount();
      await waitFor(el, '[part~="order"]');
      expect(ids(el)).to.deep.equal(['ord_5', 'ord_4', 'ord_3', 'ord_2', 'ord_1']);
      const first = $$(el, '[part~="order"]')[0]!;
      expect([...first.children].slice(1).map(text)).to.deep.equal([
        'Shenzhen LED Co.',
        'Awaiting payment',
        'Unpaid',
        '$500.00',
        'Next: Pay into escrow (you)',
      ]);
      expect($(el, '[part~="next-step"].yours')).to.exist;
      expect(text($$(el, '[part~="amount"]')[3])).to.equal('€7,300.00');
      expect(text($$(el, '[part~="next-step"]')[2])).to.equal('Nothing left to do');
      expect(text($(el, '[part~="count"]'))).to.equal('5 orders shown');
      expect(db.calls('GET', '/v1/orders')[0]!.params.get('status')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('filters by status group, asking the server where one status stands for the group', async () => {
      const el = await mount();
      await waitFor(el, '[part~="order"]');
      await choose(el, 'group-select', 'awaiting');
      await until(() => db.calls('GET', '/v1/orders').at(-1)!.params.get('status') === 'awaiting_payment', 'server not asked');
      await waitFor(el, '[part~="order"]', () => ids(el).join() === 'ord_5');
      await choose(el, 'group-select', 'progress');
      await waitFor(el, '[part~="order"]', () => ids(el).join() === 'ord_4,ord_2');
      await choose(el, 'group-select', 'refunded');
      await waitFor(el, '[part~="order"]', () => ids(el).join() === 'ord_1');
      shipDb.summaries = shipDb.summaries.filter((o) => o.status !== 'settled');
      await choose(el, 'group-select', 'settled');
      const empty = await waitFor(el, '[part~="empty"]');
      expect(text(empty)).to.equal('No orders in this group among those loaded.');
      expect($(el, '[part~="group-select"]')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('sorts by amount and by status', async () => {
      const el = await mount();
      await waitFor(el, '[part~="order"]');
      await choose(el, 'sort-select', 'amount');
      // Per currency: EUR first, then USD largest first.
      expect(ids(el)).to.deep.equal(['ord_2', 'ord_4', 'ord_3', 'ord_5', 'ord_1']);
      await choose(el, 'sort-select', 'status');
      expect(ids(el)).to.deep.equal(['ord_5', 'ord_2', 'ord_4', 'ord_3', 'ord_1']);
      await choose(el, 'sort-select', 'newest');
      expect(ids(el)).to.deep.equal(['ord_5', 'ord_4', 'ord_3', 'ord_2', 'ord_1']);
    });

    it('loads more with next_cursor', async () => {
      const el = await mount({ pageSize: 2 });
      await waitFor(el, '[part~="order"]');
      expect(ids(el)).to.deep.equal(['ord_5', 'ord_4']);
      $(el, '[part~="load-more-button"]')!.click();
      await until(() => ids(el).length === 4, 'second page not shown');
      expect(db.calls('GET', '/v1/orders').at(-1)!.params.get('cursor')).to.equal('2');
      $(el, '[part~="load-more-button"]')!.click();
      await until(() => ids(el).length === 5, 'last page not shown');
      expect($(el, '[part~="load-more-button"]')).to.equal(null);
      expect(text($(el, '[part~="count"]'))).to.equal('5 orders shown');
      await expect(el).to.be.accessible();
    });

    it('says when loading more fails, and tries again', async () => {
      const el = await mount({ pageSize: 3 });
      await waitFor(el, '[part~="order"]');
      worker.use(http.get('*/v1/orders', () => problem(500, 'internal', 'Internal error'), { once: true }));
      $(el, '[part~="load-more-button"]')!.click();
      const alert = await waitFor(el, '.more [role="alert"]');
      expect(text(alert)).to.equal('Could not load more orders.');
      $(el, '[part~="load-more-button"]')!.click();
      await until(() => ids(el).length === 5, 'second page not shown');
    });

    it('tells the page which order was chosen, by click or by Enter', async () => {
      const el = await mount();
      await waitFor(el, '[part~="order"]');
      let told = oneEvent(el, 'k100-order-select');
      ($$(el, '[part~="order"]')[1]!.querySelector('td') as HTMLElement).click();
      let event = await told;
      expect(event.detail).to.deep.equal({ order_id: 'ord_4' });
      expect(event.bubbles && event.composed).to.equal(true);

      told = oneEvent(el, 'k100-order-select');
      $$(el, '[part~="order-button"]')[2]!.focus();
      await sendKeys({ press: 'Enter' });
      event = await told;
      expect(event.detail).to.deep.equal({ order_id: 'ord_3' });
    });

    it('renders hostile supplier names as text', async () => {
      shipDb.summaries = [orderSummary({ id: 'ord_x', supplier: { id: 's', name: '<img src=x onerror=window.__pwned=1>' } })];
      const el = await mount();
      const row = await waitFor(el, '[part~="order"]');
      expect(text(row)).to.contain('<img src=x onerror=window.__pwned=1>');
      expect(el.shadowRoot!.querySelector('img') === null).to.equal(true);
    });
  });

  describe('zh-CN and phones', () => {
    it('works in Chinese', async () => {
      const el = await mount({ locale: 'zh-CN' });
      await waitFor(el, '[part~="order"]');
      expect(text($(el, 'h2'))).to.equal('我的订单');
      expect(text($$(el, '[part~="status"]')[0])).to.equal('待付款');
      expect(text($$(el, '[part~="next-step"]')[0])).to.equal('下一步：付款至托管账户（您）');
      expect(text($(el, 'label[for="group-select"]'))).to.equal('显示');
      expect(text($$(el, '[part~="amount"]')[0])).to.equal('US$500.00');
      await expect(el).to.be.accessible();
    });

    it('fits a 390 px phone with one card per order', async () => {
      const el = await fixture<K100OrderStatus>(html`<k100-order-status style="width: 390px" session=${TOKENS.buyer}></k100-order-status>`);
      await waitFor(el, '[part~="order"]');
      expect(getComputedStyle($(el, '[part~="order"]')!).display).to.equal('block');
      expect(el.scrollWidth).to.be.at.most(390);
      await expect(el).to.be.accessible();
    });
  });
});
