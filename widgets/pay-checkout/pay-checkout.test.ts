import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { K100PayCheckout } from './pay-checkout.js';
import { $, $$, text, waitFor } from '../core/test/helpers.js';
import { HttpResponse, db, http, resetMockApi, startMockApi, worker } from '../core/test/mock-api.js';
import { payDb, sampleOrder } from '../core/test/mock-pay.js';
import { runWidgetSuite } from '../core/test/widget-suite.js';
import { UUID, figures, focused, mount, pick, sleep, within, restoreVisibility, setVisibility } from './test/fixtures.js';

before(() => startMockApi());
beforeEach(() => {
  resetMockApi();
  K100PayCheckout.pollInterval = 100;
  setVisibility('visible', false);
});
after(() => restoreVisibility());

describe('<k100-pay-checkout>', () => {
  runWidgetSuite({
    tag: 'k100-pay-checkout',
    element: K100PayCheckout,
    mount,
    endpoint: '/v1/gateways',
    empty: { data: [] },
    item: '[part~="gateway"]',
  });

  describe('order summary', () => {
    it('shows the total and how escrow splits it: the deposit released on funding, the balance held', async () => {
      const el = await mount();
      await waitFor(el, '[part~="order-summary"]');
      expect(figures(el, 'order-summary')).to.deep.equal([
        'Contract total $1,405.00',
        'Deposit (30%), released to the supplier on funding $421.50',
        'Balance, held in escrow until ownership transfer $983.50',
      ]);
      expect(text($(el, '[part~="split-note"]'))).to.equal(
        'On funding, $421.50 is released to the supplier; $983.50 stays in escrow until the warehouse transfers ownership.',
      );
      expect(text($(el, '.order-line'))).to.equal('Order ord_1 with Shenzhen LED Co.');
    });

    it('says that nothing is released before delivery with a 0 % deposit', async () => {
      payDb.orders = [sampleOrder({ deposit_amount: 0, balance_amount: 140500 })];
      const el = await mount();
      const note = await waitFor(el, '[part~="split-note"]');
      expect(text(note)).to.equal(
        'Nothing is released before delivery; the supplier delivers before the agreed date at its own risk. The whole $1,405.00 stays in escrow until the warehouse transfers ownership.',
      );
      await expect(el).to.be.accessible();
    });

    it('asks for an order without order-id', async () => {
      const el = await mount({ orderId: '' });
      const box = await waitFor(el, '[part~="empty"]');
      expect(text(box)).to.equal('Choose an order to pay.');
      expect(db.calls('GET', /^\/v1\//)).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('choosing a gateway and currency', () => {
    it('offers gateways as real radios with fee and FX notes, and only the currencies each one takes', async () => {
      const el = await mount();
      await waitFor(el, '[part~="gateway"]');
      const radios = $$<HTMLInputElement>(el, 'fieldset[part~="gateways"] input[type="radio"][name="gateway"]');
      expect(radios.map((r) => r.value)).to.deep.equal(['bank_transfer', 'globalpay_fx', 'swiftfx']);
      expect(text($(el, 'fieldset legend'))).to.equal('How you pay');
      const [bank, global, swift] = $$(el, '[part~="gateway"]');
      expect(text(bank)).to.contain('Handling fee: flat 25.00 USD');
      expect(text(bank)).to.contain('No currency conversion: you pay in USD');
      expect(text(bank)).to.contain('Quote holds for 3 days');
      expect(text(global)).to.contain('Converts from USD at the mid-market rate plus 0.8%');
      expect(text(global)).to.contain('Quote holds for 15 minutes');
      // SwiftFX converts, but takes no USD: still payable, in its own currencies.
      expect(text(swift)).to.contain('Handling fee: 0.45 % + fixed');
      expect(radios[0]!.checked, 'the first usable gateway is preselected').to.equal(true);

      const options = () => $$<HTMLOptionElement>(el, '[part~="currency-select"] option').map((o) => o.value);
      expect(options()).to.deep.equal(['USD']);
      expect(text($(el, '#pay-currency-hint'))).to.equal('This method pays in the contract currency only.');
      await pick(el, 'globalpay_fx');
      expect(options()).to.deep.equal(['CNY', 'HKD', 'USD']);
      expect($<HTMLSelectElement>(el, '[part~="currency-select"]')!.value, 'contract currency first').to.equal('USD');
      await pick(el, 'swiftfx');
      expect(options()).to.deep.equal(['EUR', 'JPY', 'KWD']);
      await expect(el).to.be.accessible();
    });

    it('marks a gateway that cannot pay this order unavailable', async () => {
      payDb.orders = [sampleOrder({ currency: 'HKD' })];
      const el = await mount();
      await waitFor(el, '[part~="gateway"]');
      const bank = $<HTMLInputElement>(el, '#gw-bank_transfer')!;
      expect(bank.disabled).to.equal(true);
      expect(text(bank.closest('[part~="gateway"]'))).to.contain('Not available for contracts in HKD');
      expect($<HTMLInputElement>(el, '#gw-globalpay_fx')!.checked).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('is usable from the keyboard: arrows move between gateways', async () => {
      const el = await mount();
      const first = await waitFor<HTMLInputElement>(el, '#gw-bank_transfer');
      first.focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(focused(el, '#gw-globalpay_fx'), '#gw-globalpay_fx').to.equal(true);
      expect($<HTMLInputElement>(el, '#gw-globalpay_fx')!.checked).to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(focused(el, '[part~="currency-select"]'), '[part~="currency-select"]').to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(focused(el, '[part~="submit-button"]'), '[part~="submit-button"]').to.equal(true);
      await sendKeys({ press: 'Enter' });
      await waitFor(el, '[part~="breakdown"]');
      expect(payDb.posts[0]!.body).to.deep.equal({ gateway: 'globalpay_fx', currency: 'USD' });
    });
  });

  describe('getting the exact amount', () => {
    it('asks once with an Idempotency-Key and shows the breakdown, countdown, instructions and status', async () => {
      const el = await mount();
      await pick(el, 'globalpay_fx', 'CNY');
      const created = oneEvent(el, 'k100-payment-intent-create');
      $(el, '[part~="submit-button"]')!.click();
      const event = await created;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.intent.status).to.equal('awaiting_funds');
      expect(payDb.posts).to.have.length(1);
      expect(payDb.posts[0]!.key).to.match(UUID);
      expect(payDb.posts[0]!.body).to.deep.equal({ gateway: 'globalpay_fx', currency: 'CNY' });

      await waitFor(el, '[part~="breakdown"]');
      const intent = payDb.intents[0]!;
      expect(figures(el, 'breakdown')).to.deep.equal([
        'Contract total $1,405.00',
        'Exchange rate 1 USD = 7.3428 CNY',
        'Converted amount CN¥10,316.64',
        'Handling fee (1.2 %, min 15.00) CN¥123.80',
        'Amount due CN¥10,440.44',
      ]);
      expect(intent.amount_due).to.equal(1044044);
      expect(text($(el, '[part~="exact-note"]'))).to.equal(
        'Exactly this amount must arrive. If more or less arrives, the payment fails and the money is refunded minus the refund cost, which you bear.',
      );
      const time = $(el, '[part~="countdown-time"]')!;
      expect(time.localName).to.equal('time');
      expect(text(time)).to.match(/^1[45]:\d\d$/);
      expect(time.getAttribute('datetime')).to.match(/^PT1[45]M\d+S$/);
      expect(within($(el, '[part~="instructions"]'), 'dt')).to.deep.equal([
        'Amount',
        'Beneficiary',
        'Bank',
        'Account number',
        'Reference',
      ]);
      expect(text($(el, '#copy-reference'))).to.equal(intent.reference);
      expect(text($(el, '[part~="status"]'))).to.contain('Waiting for your transfer');
      expect(text($(el, '[part~="status"]'))).to.contain(`Quote the reference ${intent.reference}`);
      expect(focused(el, '#breakdown-title'), '#breakdown-title').to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('cannot be submitted twice: two rapid clicks send one request', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let seen = 0;
      // Counts and holds the request, then lets it through to the fake server.
      worker.use(http.post('*/v1/orders/:id/payment-intents', async () => void (seen++, await held)));
      try {
        const el = await mount();
        const button = await waitFor<HTMLButtonElement>(el, '[part~="submit-button"]');
        button.click();
        button.click();
        await el.updateComplete;
        expect(button.getAttribute('aria-busy')).to.equal('true');
        expect(button.getAttribute('aria-disabled')).to.equal('true');
        expect(text(button)).to.equal('Getting the exact amount…');
        button.click();
        await sleep(50);
        expect(seen).to.equal(1);
        await expect(el).to.be.accessible();
        release();
        await waitFor(el, '[part~="breakdown"]');
        expect(seen).to.equal(1);
        expect(payDb.posts).to.have.length(1);
      } finally {
        release();
      }
    });

    it('reuses the attempt’s Idempotency-Key when retrying after a network error', async () => {
      worker.use(
        http.post('*/v1/orders/:id/payment-intents', async ({ request }) => {
          payDb.posts.push({ key: request.headers.get('idempotency-key'), body: await request.json() });
          return HttpResponse.error();
        }, { once: true }),
      );
      const el = await mount();
      await pick(el, 'bank_transfer');
      $(el, '[part~="submit-button"]')!.click();
      const error = await waitFor(el, '[part~="form-error"]');
      expect(text(error)).to.equal('Could not reach K100Pay. Try again: retrying will not create a second payment.');
      expect(error.getAttribute('role')).to.equal('alert');
      await expect(el).to.be.accessible();

      $(el, '[part~="submit-button"]')!.click();
      await waitFor(el, '[part~="breakdown"]');
      expect(payDb.posts).to.have.length(2);
      expect(payDb.posts[1]!.key).to.equal(payDb.posts[0]!.key);
      expect(payDb.intents).to.have.length(1);
    });

    it('takes a new key for a different attempt', async () => {
      worker.use(http.post('*/v1/orders/:id/payment-intents', async ({ request }) => {
        payDb.posts.push({ key: request.headers.get('idempotency-key'), body: await request.json() });
        return HttpResponse.error();
      }, { once: true }));
      const el = await mount();
      await pick(el, 'globalpay_fx', 'HKD');
      $(el, '[part~="submit-button"]')!.click();
      await waitFor(el, '[part~="form-error"]');
      await pick(el, 'globalpay_fx', 'CNY');
      $(el, '[part~="submit-button"]')!.click();
      await waitFor(el, '[part~="breakdown"]');
      expect(payDb.posts[1]!.key).not.to.equal(payDb.posts[0]!.key);
      expect(payDb.posts[1]!.body).to.deep.equal({ gateway: 'globalpay_fx', currency: 'CNY' });
    });

    it('on 409 says a payment exists and shows it instead', async () => {
      const el = await mount();
      await waitFor(el, '[part~="submit-button"]');
      const existing = payDb.quote('ord_1', 'swiftfx', 'JPY');
      $(el, '[part~="submit-button"]')!.click();
      const notice = await waitFor(el, '[part~="notice"]', (n) => !n.hidden);
      await waitFor(el, '[part~="breakdown"]');
      expect(text(notice)).to.equal('This order already has a payment in progress or is paid, so that is shown instead.');
      expect(text($(el, '#copy-reference'))).to.equal(existing.reference);
      // JPY has no minor digits.
      expect(text($(el, '[part~="amount-due"] dd'))).to.equal(`¥${existing.amount_due.toLocaleString('en')}`);
      expect(focused(el, '[part~="notice"]'), '[part~="notice"]').to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('on 409 for an order paid meanwhile shows it paid', async () => {
      const el = await mount();
      await waitFor(el, '[part~="submit-button"]');
      payDb.orders[0]!.payment_status = 'escrow_funded';
      $(el, '[part~="submit-button"]')!.click();
      await waitFor(el, '[part~="funded"]');
      expect($(el, '[part~="quote-form"]') === null, '[part~="quote-form"]').to.equal(true);
    });

    it('says why when no rate is available (409) and keeps the form', async () => {
      worker.use(
        http.post('*/v1/orders/:id/payment-intents', () =>
          HttpResponse.json(
            { type: 'https://k100widgets.dev/problems/rate-unavailable', title: 'Conflict', status: 409, detail: 'No EUR rate right now; try again shortly.' },
            { status: 409, headers: { 'content-type': 'application/problem+json' } },
          ),
        { once: true }),
      );
      const el = await mount();
      await pick(el, 'swiftfx', 'EUR');
      $(el, '[part~="submit-button"]')!.click();
      const error = await waitFor(el, '[part~="form-error"]');
      expect(text(error)).to.equal('No EUR rate right now; try again shortly.');
      expect($(el, '[part~="notice"]')!.hidden).to.equal(true);
      expect(focused(el, '[part~="form-error"]')).to.equal(true);
      $(el, '[part~="submit-button"]')!.click();
      await waitFor(el, '[part~="breakdown"]');
    });

    it('shows a 422 at the currency field', async () => {
      worker.use(
        http.post('*/v1/orders/:id/payment-intents', () =>
          HttpResponse.json(
            { type: 'https://k100widgets.dev/problems/currency-not-supported', title: 'Currency not supported', status: 422, errors: [{ path: 'currency', message: 'GlobalPay FX cannot take HKD right now.' }] },
            { status: 422, headers: { 'content-type': 'application/problem+json' } },
          ),
        { once: true }),
      );
      const el = await mount();
      await pick(el, 'globalpay_fx', 'HKD');
      $(el, '[part~="submit-button"]')!.click();
      const select = await waitFor<HTMLSelectElement>(el, '[part~="currency-select"]', (s) => s.getAttribute('aria-invalid') === 'true');
      expect(text($(el, '#pay-currency-error'))).to.equal('GlobalPay FX cannot take HKD right now.');
      expect(select.getAttribute('aria-describedby')).to.equal('pay-currency-hint pay-currency-error');
      expect(focused(el, '[part~="currency-select"]')).to.equal(true);
      expect($(el, '[part~="form-error"]') === null, '[part~="form-error"]').to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('formats KWD with three decimals', async () => {
      const el = await mount();
      await pick(el, 'swiftfx', 'KWD');
      $(el, '[part~="submit-button"]')!.click();
      await waitFor(el, '[part~="breakdown"]');
      const due = payDb.intents[0]!.amount_due;
      expect(text($(el, '[part~="amount-due"] dd'))).to.equal(`KWD ${(due / 1000).toFixed(3)}`);
      expect(text($(el, '#copy-amount'))).to.equal(`KWD ${(due / 1000).toFixed(3)}`);
    });
  });
});
