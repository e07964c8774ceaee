/** `<k100-pay-checkout>` once an amount is quoted: countdown, instructions, live status and outcomes. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { K100PayCheckout } from './pay-checkout.js';
import { clock } from './countdown.js';
import { $, $$, text, waitFor, until } from '../core/test/helpers.js';
import { HttpResponse, TOKENS, db, http, resetMockApi, startMockApi, worker } from '../core/test/mock-api.js';
import { payDb, refundCost, sampleOrder } from '../core/test/mock-pay.js';
import { figures, focused, mount, mountAwaiting, pick, sleep, within, restoreVisibility, setVisibility } from './test/fixtures.js';

before(() => startMockApi());
beforeEach(() => {
  resetMockApi();
  K100PayCheckout.pollInterval = 100;
  setVisibility('visible', false);
});
after(() => restoreVisibility());

describe('<k100-pay-checkout> with a payment', () => {
  describe('countdown', () => {
    it('counts down in a <time>, announces expiry once, then offers a new quote', async () => {
      const { el, intent } = await mountAwaiting(2.2);
      const time = $(el, '[part~="countdown-time"]')!;
      expect(text(time)).to.match(/^00:0[23]$/);
      const announcer = $(el, '[part~="countdown"] [role="status"]')!;
      expect(text(announcer)).to.equal('');
      const expired = await waitFor(el, '[part~="expired-note"]');
      expect(text($(el, '[part~="countdown-time"]'))).to.equal('00:00');
      expect($(el, '[part~="countdown-time"]')!.getAttribute('datetime')).to.equal('PT0M0S');
      expect(text($(el, '[part~="countdown"] [role="status"]'))).to.equal('The quote has expired.');
      expect(text(expired)).to.contain('This quote has expired: do not send money for it.');
      expect($(el, '[part~="instructions"]') === null, 'no instructions for an expired quote').to.equal(true);
      await expect(el).to.be.accessible();

      $(el, '[part~="new-quote-button"]')!.click();
      await waitFor(el, '[part~="quote-form"]');
      expect($<HTMLInputElement>(el, '#gw-globalpay_fx')!.checked, 'prefilled from the expired quote').to.equal(true);
      expect($<HTMLSelectElement>(el, '[part~="currency-select"]')!.value).to.equal(intent.currency);
      expect(focused(el, '#gw-globalpay_fx'), '#gw-globalpay_fx').to.equal(true);
    });

    it('announces five minutes left once, not every second', async () => {
      const { el } = await mountAwaiting(301.3);
      const announcer = () => text($(el, '[part~="countdown"] [role="status"]'));
      expect(announcer()).to.equal('');
      await until(() => announcer() === 'Five minutes left to pay at this quote.', 'no 5-minute announcement');
      const shown = text($(el, '[part~="countdown-time"]'));
      await sleep(1100);
      expect(text($(el, '[part~="countdown-time"]'))).not.to.equal(shown);
      expect(announcer()).to.equal('Five minutes left to pay at this quote.');
    });

    it('formats the clock as mm:ss, and h:mm:ss beyond an hour', () => {
      expect(clock(899)).to.deep.equal({ text: '14:59', duration: 'PT14M59S' });
      expect(clock(0)).to.deep.equal({ text: '00:00', duration: 'PT0M0S' });
      expect(clock(3 * 86400)).to.deep.equal({ text: '72:00:00', duration: 'PT72H0M0S' });
    });
  });

  describe('copying instructions', () => {
    it('copies a value and says so next to the button', async () => {
      const copied: string[] = [];
      const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void copied.push(t) } });
      try {
        const { el, intent } = await mountAwaiting();
        const row = $$(el, '[part~="instruction"]').find((r) => text(r.querySelector('dt')) === 'Account number')!;
        const button = row.querySelector<HTMLButtonElement>('[part~="copy-button"]')!;
        expect(text(button)).to.equal('Copy Account number');
        button.click();
        await waitFor(el, '[part~="copy-status"]', () => text(row.querySelector('[part~="copy-status"]')) === 'Copied');
        expect(copied).to.deep.equal([intent.instructions.account_number]);
        const amountRow = $$(el, '[part~="instruction"]')[0]!;
        amountRow.querySelector<HTMLButtonElement>('[part~="copy-button"]')!.click();
        await until(() => copied.length === 2);
        expect(copied[1], 'the amount as a bank form takes it').to.equal((intent.amount_due / 100).toFixed(2));
        await expect(el).to.be.accessible();
      } finally {
        delete (navigator as { clipboard?: unknown }).clipboard;
        if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
      }
    });

    it('selects the text when the clipboard is refused', async () => {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new Error('denied')) } });
      try {
        const { el, intent } = await mountAwaiting();
        const row = $$(el, '[part~="instruction"]').find((r) => r.classList.contains('reference'))!;
        row.querySelector<HTMLButtonElement>('[part~="copy-button"]')!.click();
        await waitFor(el, '[part~="copy-status"]', () => text(row.querySelector('[part~="copy-status"]')) === 'Selected: copy it with your keyboard.');
        expect(getSelection()!.toString()).to.equal(intent.reference);
      } finally {
        delete (navigator as { clipboard?: unknown }).clipboard;
      }
    });
  });

  describe('live status', () => {
    it('polls while funds are awaited and flips to funded, firing k100-payment-succeed', async () => {
      const { el, intent } = await mountAwaiting();
      const succeeded = oneEvent(el, 'k100-payment-succeed');
      payDb.deposit(intent.reference, intent.amount_due, intent.currency);
      const event = await succeeded;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.order_id).to.equal('ord_1');
      expect(event.detail.intent.status).to.equal('succeeded');
      const funded = await waitFor(el, '[part~="funded"]', (f) => !!f.querySelector('[part~="balances"]'));
      expect(text(funded.querySelector('h3'))).to.equal('Funds received and held in escrow');
      expect(text(funded)).to.contain('CN¥10,440.44 arrived on');
      expect(text(funded)).to.contain(
        '$421.50 has been released to Shenzhen LED Co. as the agreed deposit; $983.50 stays in escrow until the warehouse transfers ownership.',
      );
      expect(figures(el, 'balances')).to.deep.equal(['Held in escrow $983.50', 'Released to the supplier $421.50']);
      expect(text($(el, '.checkout > [role="status"].sr-only'))).to.equal('Funds received and held in escrow');
      await expect(el).to.be.accessible();

      // Settled: polling stops.
      const polls = db.calls('GET', '/v1/orders/ord_1/payment-intents').length;
      await sleep(350);
      expect(db.calls('GET', '/v1/orders/ord_1/payment-intents')).to.have.length(polls);
    });

    it('shows a mismatch with the refund numbers and fires k100-payment-fail', async () => {
      const { el, intent } = await mountAwaiting();
      const failed = oneEvent(el, 'k100-payment-fail');
      payDb.deposit(intent.reference, intent.amount_due - 100, intent.currency);
      const event = await failed;
      expect(event.detail.reason).to.equal('amount_mismatch');
      expect(event.detail.intent.id).to.equal(intent.id);
      const box = await waitFor(el, '[part~="failed"]');
      expect(text(box.querySelector('h3'))).to.equal('Payment failed: the amount did not match');
      expect(text($(el, '[part~="mismatch"]'))).to.equal('Received CN¥10,439.44, expected CN¥10,440.44.');
      const cost = refundCost('CNY');
      expect(cost).to.equal(100);
      expect(text($(el, '[part~="refund"]'))).to.equal('Refunded CN¥10,438.44 to you (refund cost CN¥1.00, borne by you).');
      await expect(el).to.be.accessible();

      $(el, '[part~="new-payment-button"]')!.click();
      await waitFor(el, '[part~="quote-form"]');
      expect($<HTMLInputElement>(el, '#gw-globalpay_fx')!.checked).to.equal(true);
    });

    it('shows an excess payment refunded too', async () => {
      const { el, intent } = await mountAwaiting();
      payDb.deposit(intent.reference, intent.amount_due + 100, intent.currency);
      await waitFor(el, '[part~="failed"]');
      expect(text($(el, '[part~="mismatch"]'))).to.equal('Received CN¥10,441.44, expected CN¥10,440.44.');
      expect(text($(el, '[part~="refund"]'))).to.equal('Refunded CN¥10,440.44 to you (refund cost CN¥1.00, borne by you).');
    });

    it('shows an expired intent, with late funds refunded', async () => {
      const intent = payDb.quote('ord_1', 'globalpay_fx', 'CNY', -60);
      intent.status = 'expired';
      intent.failure_code = 'expired';
      intent.received = { amount: 5000, currency: 'CNY', at: new Date().toISOString() };
      intent.refund = { amount: 4900, cost: 100, currency: 'CNY', at: new Date().toISOString() };
      const el = await mount();
      const box = await waitFor(el, '[part~="quote-expired"]');
      expect(text(box.querySelector('h3'))).to.equal('This quote expired');
      expect(text($(el, '[part~="refund"]'))).to.equal(
        'Funds that arrived after it expired were refunded: received CN¥50.00, refunded CN¥49.00 (refund cost CN¥1.00).',
      );
      await expect(el).to.be.accessible();
      $(el, '[part~="new-quote-button"]')!.click();
      await waitFor(el, '[part~="quote-form"]');
    });

    it('fires k100-payment-fail with reason expired when the server expires the awaited intent', async () => {
      const { el, intent } = await mountAwaiting();
      const failed = oneEvent(el, 'k100-payment-fail');
      intent.status = 'expired';
      intent.failure_code = 'expired';
      expect((await failed).detail.reason).to.equal('expired');
      await waitFor(el, '[part~="quote-expired"]');
    });

    it('tells the page when a refresh, not a poll, brings the news', async () => {
      K100PayCheckout.pollInterval = 60_000;
      const { el, intent } = await mountAwaiting();
      const succeeded = oneEvent(el, 'k100-payment-succeed');
      payDb.deposit(intent.reference, intent.amount_due, intent.currency);
      el.refresh();
      expect((await succeeded).detail.intent.id).to.equal(intent.id);
      await waitFor(el, '[part~="balances"]');
    });

    it('pauses polling while the page is hidden and looks at once when it is back', async () => {
      const { el, intent } = await mountAwaiting();
      const polls = () => db.calls('GET', '/v1/orders/ord_1/payment-intents').length;
      await until(() => polls() >= 2, 'no polls');
      setVisibility('hidden');
      await sleep(50);
      const hidden = polls();
      payDb.deposit(intent.reference, intent.amount_due, intent.currency);
      await sleep(350);
      expect(polls(), 'no polls while hidden').to.equal(hidden);
      const succeeded = oneEvent(el, 'k100-payment-succeed');
      setVisibility('visible');
      await succeeded;
      expect(polls()).to.equal(hidden + 1);
    });

    it('stops polling when removed from the page', async () => {
      const { el } = await mountAwaiting();
      await until(() => db.calls('GET', '/v1/orders/ord_1/payment-intents').length >= 2, 'no polls');
      el.remove();
      await sleep(50);
      const polls = db.calls('GET', '/v1/orders/ord_1/payment-intents').length;
      await sleep(350);
      expect(db.calls('GET', '/v1/orders/ord_1/payment-intents')).to.have.length(polls);
    });
  });

  describe('order already paid', () => {
    it('shows the status and the escrow balances instead of a form', async () => {
      const intent = payDb.quote('ord_1', 'bank_transfer', 'USD');
      payDb.deposit(intent.reference, intent.amount_due, 'USD');
      const el = await mount();
      await waitFor(el, '[part~="balances"]');
      expect($(el, '[part~="quote-form"]') === null, '[part~="quote-form"]').to.equal(true);
      expect(text($(el, '[part~="funded"] h3'))).to.equal('Funds received and held in escrow');
      expect(figures(el, 'balances')).to.deep.equal(['Held in escrow $983.50', 'Released to the supplier $421.50']);
      await expect(el).to.be.accessible();
    });

    it('says so with a 0 % deposit', async () => {
      payDb.orders = [sampleOrder({ deposit_amount: 0, balance_amount: 140500, payment_status: 'escrow_funded' })];
      payDb.ledgers.set('ord_1', { order_id: 'ord_1', currency: 'USD', transfers: [], balances: { escrow: 140500, released: 0, refunded: 0, fees: 0 } });
      const el = await mount();
      await waitFor(el, '[part~="balances"]');
      expect(text($(el, '[part~="funded"]'))).to.contain(
        'Nothing has been released to Shenzhen LED Co.: it delivers before the agreed date at its own risk. $1,405.00 stays in escrow',
      );
    });

    it('names known statuses and shows unknown ones as they are', async () => {
      payDb.orders = [sampleOrder({ payment_status: 'released' })];
      const el = await mount();
      await waitFor(el, '[part~="balances"]');
      expect(text($(el, '[part~="funded"] h3'))).to.equal('Paid and released to the supplier');
      payDb.orders = [sampleOrder({ payment_status: 'on_hold' })];
      el.refresh();
      await waitFor(el, '[part~="funded"] h3', (h) => text(h) === 'Payment status: on_hold');
      await expect(el).to.be.accessible();
    });

    it('offers Retry when the balances do not load', async () => {
      payDb.orders = [sampleOrder({ payment_status: 'escrow_funded' })];
      worker.use(http.get('*/v1/orders/:id/ledger', () => HttpResponse.json({}, { status: 500 }), { once: true }));
      const el = await mount();
      const funded = await waitFor(el, '[part~="funded"]', (f) => text(f).includes('Could not load the escrow balances.'));
      await expect(el).to.be.accessible();
      funded.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
      await waitFor(el, '[part~="balances"]');
    });
  });

  describe('untrusted text, zh-CN and phones', () => {
    it('renders hostile gateway and supplier names as text', async () => {
      payDb.gateways = [{ ...payDb.gateways[0]!, name: '<img src=x onerror=alert(1)>', description: '<script>window.__pwned=1</script>' }];
      payDb.orders = [sampleOrder({ supplier: { id: 's', name: '<b>Evil</b>' } })];
      const el = await mount();
      const card = await waitFor(el, '[part~="gateway"]');
      expect(text(card)).to.contain('<img src=x onerror=alert(1)>');
      expect(text($(el, '.order-line'))).to.contain('<b>Evil</b>');
      expect(el.shadowRoot!.querySelector('img, script, b') === null).to.equal(true);
    });

    it('works in Chinese', async () => {
      const el = await mount({ locale: 'zh-CN' });
      await waitFor(el, '[part~="gateway"]');
      expect(text($(el, 'fieldset legend'))).to.equal('付款方式');
      expect(text($(el, '[part~="submit-button"]'))).to.equal('获取准确金额');
      expect(text($(el, '[part~="split-note"]'))).to.equal(
        '托管到账后，US$421.50 将支付给供应商；US$983.50 保留在托管账户中，直至仓库完成货权转移。',
      );
      await pick(el, 'globalpay_fx', 'CNY');
      $(el, '[part~="submit-button"]')!.click();
      await waitFor(el, '[part~="breakdown"]');
      expect(within($(el, '[part~="breakdown"]'), 'dt')[4]).to.equal('应付金额');
      expect(text($(el, '[part~="amount-due"] dd'))).to.equal('¥10,440.44');
      expect(text($(el, '[part~="status"]'))).to.contain('正在等待您的汇款');
      await expect(el).to.be.accessible();
    });

    it('fits a 390 px phone in one column', async () => {
      payDb.quote('ord_1', 'bank_transfer', 'USD');
      // Sized on the element itself: fixture() waits an animation frame for a plain wrapper <div>, and frames
      // never come in the runner's background tabs.
      const el = await fixture<K100PayCheckout>(
        html`<k100-pay-checkout style="width: 390px" session=${TOKENS.buyer} order-id="ord_1"></k100-pay-checkout>`,
      );
      await waitFor(el, '[part~="instructions"]');
      expect(getComputedStyle($(el, '[part~="instruction"]')!).gridTemplateColumns.split(' ')).to.have.length(1);
      expect(el.scrollWidth).to.be.at.most(390);
      await expect(el).to.be.accessible();
    });
  });
});
