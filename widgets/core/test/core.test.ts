import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../product-search/index.js';
import type { K100ProductSearch } from '../../product-search/product-search.js';
import type { K100Provider } from '../../provider/provider.js';
import { ApiClient, ApiError, SessionExpiredError } from '../api.js';
import {
  K100AccessRequestCreateEvent,
  K100FolderItemRemoveEvent,
  K100FolderSelectEvent,
  K100ProductCollectEvent,
  K100SessionExpiredEvent,
} from '../events.js';
import { formatDate, formatMoney, majorToMinor, minorToDecimal } from '../format.js';
import { addMessages, loadCatalog, resolveLocale, translate, type MessageKey } from '../i18n.js';
// The search and folder catalogs hold the messages these tests translate.
import '../../product-search/messages.js';
import '../../product-folder/messages.js';
import {
  K100ContractChangesRequestEvent,
  K100ContractConfirmEvent,
  K100ContractDraftEvent,
  K100ContractSendEvent,
  K100NegotiationAcceptEvent,
  K100NegotiationCreateEvent,
  K100NegotiationWithdrawEvent,
  K100OfferSubmitEvent,
  K100PoIssueEvent,
} from '../deals/events.js';
import { formatDay } from '../deals/format.js';
import { $, text, until, waitFor } from './helpers.js';
import { PRODUCTS, TOKENS, db, http, never, problem, resetMockApi, startMockApi, worker } from './mock-api.js';

before(() => startMockApi());
beforeEach(() => resetMockApi());

describe('core', () => {
  describe('format', () => {
    it('formats integer minor units in the currency’s own fraction digits', () => {
      expect(formatMoney(125000, 'USD', 'en')).to.equal('$1,250.00');
      expect(formatMoney(1200, 'JPY', 'en')).to.equal('¥1,200');
      expect(formatMoney(1234, 'KWD', 'en')).to.equal('KWD\u00a01.234');
      expect(formatMoney(4500, 'CNY', 'zh-CN')).to.equal('¥45.00');
      expect(formatMoney(1200, 'JPY', 'zh-CN')).to.equal('JP¥1,200');
      expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', 'en')).to.equal('$90,071,992,547,409.91');
    });

    it('turns minor units into exact decimals and typed amounts back', () => {
      expect(minorToDecimal(5, 2)).to.equal('0.05');
      expect(minorToDecimal(-1250, 2)).to.equal('-12.50');
      expect(minorToDecimal(1200, 0)).to.equal('1200');
      expect(majorToMinor('12.5', 'USD')).to.equal(1250);
      expect(majorToMinor('1.005', 'USD')).to.equal(101);
      expect(majorToMinor('1200', 'JPY')).to.equal(1200);
      expect(majorToMinor('1200.6', 'JPY')).to.equal(1201);
      for (const bad of ['', ' ', '-1', 'abc', '1e3']) expect(majorToMinor(bad, 'USD')).to.equal(undefined);
    });

    it('formats calendar days the same in every time zone', () => {
      expect(formatDay('2026-12-15', 'en')).to.equal('Dec 15, 2026');
      expect(formatDay('2026-01-01', 'zh-CN')).to.equal('2026年1月1日');
      expect(formatDay('soon', 'en')).to.equal('soon');
    });

    it('formats dates in the locale', () => {
      expect(formatDate('2026-11-27T10:00:00.000Z', 'en')).to.equal('Nov 27, 2026');
      expect(formatDate('2026-11-27T10:00:00.000Z', 'zh-CN')).to.equal('2026年11月27日');
      expect(formatDate('not a date', 'en')).to.equal('not a date');
    });
  });

  describe('i18n', () => {
    it('picks plural forms and fills placeholders, numbers in the locale', () => {
      expect(translate('en', 'resultCount', { count: 1 })).to.equal('1 product shown.');
      expect(translate('en', 'resultCount', { count: 1200 })).to.equal('1,200 products shown.');
      expect(translate('en', 'removed', { name: '{count}' })).to.equal('Removed {count}.');
    });

    it('isolates a value that could reorder the message around it, and leaves plain text alone', () => {
      // An unclosed RIGHT-TO-LEFT OVERRIDE would otherwise flip the rest of the sentence.
      expect(translate('en', 'removed', { name: 'Lamp\u202Egnp.exe' })).to.equal('Removed \u2068Lamp\u202Egnp.exe\u2069.');
      expect(translate('en', 'removed', { name: 'مصباح' })).to.equal('Removed \u2068مصباح\u2069.');
      expect(translate('en', 'removed', { name: 'LED panel <b>' })).to.equal('Removed LED panel <b>.');
    });

    it('resolves Chinese tags to zh-CN and anything unknown to en', () => {
      expect(resolveLocale('zh-Hans-CN')).to.equal('zh-CN');
      expect(resolveLocale('zh')).to.equal('zh-CN');
      expect(resolveLocale('de-DE')).to.equal('en');
      expect(resolveLocale(undefined)).to.equal('en');
    });

    it('adds a widget family’s messages, English at once and other locales on demand', async () => {
      let loads = 0;
      const key = 'testGreeting' as MessageKey;
      addMessages({ [key]: 'Hello {name}' }, { 'zh-CN': async () => (loads++, { default: { [key]: '你好 {name}' } }) });
      expect(translate('en', key, { name: 'Ada' })).to.equal('Hello Ada');
      await loadCatalog('zh-CN');
      expect(loadCatalog('zh-CN'), 'nothing left to load').to.equal(undefined);
      expect(translate('zh-CN', key, { name: 'Ada' })).to.equal('你好 Ada');
      expect(translate('zh-CN', 'retry')).to.equal('重试');
      expect(loads).to.equal(1);
    });

    it('loads the zh-CN catalog on demand', async () => {
      await loadCatalog('zh-CN');
      expect(loadCatalog('zh-CN')).to.equal(undefined);
      expect(translate('zh-CN', 'resultCount', { count: 2 })).to.equal('已显示 2 件产品。');
      expect(translate('zh-CN', 'moq', { count: 1 })).to.equal('起订量 1 件');
    });
  });

  describe('API client', () => {
    const api = (options: { session?: string; publishableKey?: string } = { session: TOKENS.buyer }) =>
      new ApiClient({ base: location.origin, ...options });

    it('sends the session as a bearer token, else the publishable key', async () => {
      await api().categories();
      await api({ publishableKey: TOKENS.publishable }).categories();
      expect(db.requests.map((r) => r.authorization)).to.deep.equal([
        `Bearer ${TOKENS.buyer}`,
        `Bearer ${TOKENS.publishable}`,
      ]);
    });

    it('leaves empty query parameters out', async () => {
      await api().products({ q: '', category: 'textiles', min_price: undefined, limit: 5 });
      expect([...db.requests[0]!.params]).to.deep.equal([
        ['category', 'textiles'],
        ['limit', '5'],
      ]);
    });

    it('turns problem+json into an ApiError with every field', async () => {
      const errors = [{ path: 'message', message: 'is required' }];
      worker.use(http.post('*/v1/access-requests', () => problem(400, 'validation', 'Invalid request', { detail: 'Fix it', errors })));
      const error = await api()
        .createAccessRequest({ supplier_id: 'sup_led', message: '' })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ApiError);
      expect(error).to.not.be.instanceOf(SessionExpiredError);
      expect(error).to.include({ status: 400, title: 'Invalid request', detail: 'Fix it' });
      expect((error as ApiError).type).to.equal('https://k100widgets.dev/problems/validation');
      expect((error as ApiError).errors).to.deep.equal(errors);
    });

    it('makes any 401 a SessionExpiredError', async () => {
      const error = await api({ session: TOKENS.expired }).me().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(SessionExpiredError);
      expect((error as ApiError).status).to.equal(401);
    });

    it('survives a bare HTTP failure and a 204', async () => {
      worker.use(http.get('*/v1/me', () => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' })));
      const error = await api().me().catch((e: unknown) => e);
      expect(error).to.include({ status: 502, title: 'Bad Gateway', type: 'about:blank' });
      expect(await api().uncollect(PRODUCTS.panel.id)).to.equal(undefined);
    });

    it('aborts with its signal', async () => {
      worker.use(http.get('*/v1/me', never));
      const abort = new AbortController();
      const pending = api().me(abort.signal);
      abort.abort();
      const error = await pending.catch((e: unknown) => e);
      expect((error as Error).name).to.equal('AbortError');
    });
  });

  describe('events', () => {
    it('bubble, cross shadow roots and carry their detail', () => {
      const events = [
        new K100SessionExpiredEvent({ type: 'x/session-expired' }),
        new K100ProductCollectEvent({ product_id: 'p', product: PRODUCTS.strip }),
        new K100FolderItemRemoveEvent({ product_id: 'p' }),
        new K100FolderSelectEvent({ folder: 'public', items: [] }),
        new K100AccessRequestCreateEvent({ request: {} as never }),
        new K100NegotiationCreateEvent({ negotiation: {} as never }),
        new K100NegotiationAcceptEvent({ negotiation: {} as never }),
        new K100NegotiationWithdrawEvent({ negotiation: {} as never }),
        new K100PoIssueEvent({ purchase_order: {} as never }),
        new K100ContractDraftEvent({ contract: {} as never }),
        new K100ContractChangesRequestEvent({ contract: {} as never, comment: 'x' }),
      ];
      for (const event of events) {
        expect(event.type).to.match(/^k100-[a-z]+(-[a-z]+)*$/);
        expect(event.bubbles && event.composed).to.equal(true);
        expect(event.cancelable, `${event.type} reports what happened`).to.equal(false);
        expect(event.detail).to.be.an('object');
      }
    });

    it('“about to” events are cancelable', () => {
      const events = [
        new K100OfferSubmitEvent({ negotiation_id: null, supplier_id: 's', terms: {} as never, message: undefined }),
        new K100ContractSendEvent({ contract_id: 'c', version: 1 }),
        new K100ContractConfirmEvent({ contract_id: 'c', version: 1, signer_name: 'Ada' }),
      ];
      for (const event of events) {
        expect(event.bubbles && event.composed && event.cancelable, event.type).to.equal(true);
        event.preventDefault();
        expect(event.defaultPrevented).to.equal(true);
      }
    });
  });

  describe('<k100-provider> and configuration', () => {
    it('configures the widgets inside it; their own attributes win', async () => {
      const page = await fixture<K100Provider>(html`<k100-provider session=${TOKENS.buyer} locale="zh-CN" theme="dark">
        <section>
          <k100-product-search id="inherits"></k100-product-search>
          <k100-product-search id="own" locale="en" theme="light"></k100-product-search>
        </section>
      </k100-provider>`);
      const inherits = page.querySelector<K100ProductSearch>('#inherits')!;
      const own = page.querySelector<K100ProductSearch>('#own')!;
      await waitFor(inherits, '[part~="collect-button"]');
      await waitFor(own, '[part~="collect-button"]');
      expect(text($(inherits, '[part~="search-button"]'))).to.equal('搜索');
      expect($(inherits, '[part~="base"]')!.classList.contains('dark')).to.equal(true);
      expect(text($(own, '[part~="search-button"]'))).to.equal('Search');
      expect($(own, '[part~="base"]')!.classList.contains('light')).to.equal(true);
      expect(db.requests.every((r) => r.authorization === `Bearer ${TOKENS.buyer}`)).to.equal(true);
    });

    it('a new session on the provider recovers its widgets from expiry', async () => {
      const page = await fixture<K100Provider>(html`<k100-provider session=${TOKENS.expired}>
        <k100-product-search></k100-product-search>
      </k100-provider>`);
      const search = page.querySelector<K100ProductSearch>('k100-product-search')!;
      await waitFor(search, '[part~="expired"]');
      page.session = TOKENS.buyer;
      await waitFor(search, '[part~="collect-button"]');
    });

    it('calls the API on the origin it was loaded from unless api-base says otherwise', async () => {
      const here = await fixture<K100ProductSearch>(html`<k100-product-search session=${TOKENS.buyer}></k100-product-search>`);
      await waitFor(here, '[part~="card"]');
      // Its other first requests (categories, me, then the buyer's folder) may still be on their way: let them
      // land before the reset, or one counts as a request of the second widget.
      const first = ['/v1/products', '/v1/categories', '/v1/me', '/v1/folders/public'];
      await until(() => first.every((path) => db.calls('GET', path).length > 0), 'first requests');
      expect(db.requests[0]!.origin).to.equal(location.origin);
      db.requests = [];
      const there = await fixture<K100ProductSearch>(
        html`<k100-product-search session=${TOKENS.buyer} api-base="https://api.k100.test/"></k100-product-search>`,
      );
      await waitFor(there, '[part~="card"]');
      expect(new Set(db.requests.map((r) => r.origin))).to.deep.equal(new Set(['https://api.k100.test']));
    });

    it('follows the system colour scheme with theme="auto"', async () => {
      const el = await fixture<K100ProductSearch>(
        html`<k100-product-search session=${TOKENS.buyer} theme="auto"></k100-product-search>`,
      );
      await waitFor(el, '[part~="card"]');
      const background = () => getComputedStyle($(el, '[part~="base"]')!).backgroundColor;
      await emulateMedia({ colorScheme: 'light' });
      expect(background()).to.equal('rgb(255, 255, 255)');
      await emulateMedia({ colorScheme: 'dark' });
      expect(background()).to.equal('rgb(21, 24, 29)');
      await expect(el).to.be.accessible();
      await emulateMedia({ colorScheme: 'light' });
    });

    it('fires k100-session-expired once per refused token', async () => {
      let count = 0;
      const counter = () => count++;
      document.addEventListener('k100-session-expired', counter);
      const told = oneEvent(document, 'k100-session-expired');
      const el = await fixture<K100ProductSearch>(html`<k100-product-search session=${TOKENS.expired}></k100-product-search>`);
      await told;
      await waitFor(el, '[part~="expired"]');
      // products, categories and the buyer check all got a 401; the page hears about it once.
      await new Promise((resolve) => setTimeout(resolve, 100));
      document.removeEventListener('k100-session-expired', counter);
      expect(count).to.equal(1);
    });
  });
});
