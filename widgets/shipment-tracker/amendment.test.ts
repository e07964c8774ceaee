import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './index.js';
import { K100ShipmentTracker } from './shipment-tracker.js';
import { $, $$, text, waitFor, until } from '../core/test/helpers.js';
import { HttpResponse, TOKENS, db, delay, http, resetMockApi, startMockApi, worker } from '../core/test/mock-api.js';
import { AMENDMENT_DIGEST, sampleAmendment, shipDb } from '../core/test/mock-ship.js';

function mount(attrs: { session?: string; locale?: string } = {}) {
  return fixture<K100ShipmentTracker>(html`<k100-shipment-tracker
    session=${attrs.session ?? TOKENS.buyer}
    locale=${attrs.locale ?? 'en'}
    order-id="ord_track"
  ></k100-shipment-tracker>`);
}

const propose = (fields: Parameters<typeof sampleAmendment>[0] = {}) => shipDb.amendments.set('ord_track', [sampleAmendment(fields)]);
const panel = (el: Element) => waitFor(el, '[part~="amendment"]');
const rows = (el: Element) => $$(el, '[part~="amendment-line"]').map((row) => [...row.children].map(text));
const totals = (el: Element) =>
  $$(el, '[part~="amendment-totals"] > div').map((row) => `${text(row.querySelector('dt'))}: ${text(row.querySelector('dd'))}`);

function type(el: Element, selector: string, value: string) {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
function tick(el: Element) {
  const box = $<HTMLInputElement>(el, '[part~="accept-checkbox"]')!;
  box.click();
}
const confirmButton = (el: Element) => $(el, '[part~="amendment-confirm-button"]')!;
const declineButton = (el: Element) => $(el, '[part~="amendment-decline-button"]')!;
/** The element focused inside the widget's shadow root. */
const focused = (el: Element) => el.shadowRoot!.activeElement;

before(() => startMockApi());
beforeEach(() => {
  resetMockApi();
  shipDb.reset();
  K100ShipmentTracker.refreshDelay = 20;
});
afterEach(() => shipDb.drop());

describe('<k100-shipment-tracker> contract amendments', () => {
  describe('a proposed amendment, for the buyer', () => {
    it('shows a titled panel above the timeline: reason, quantities per product, totals and the refund', async () => {
      propose();
      const el = await mount();
      const box = await panel(el);
      expect(text($(el, '#amd-title'))).to.equal('Amendment no. 1: reconfirm the reduced quantities');
      expect(box.getAttribute('aria-labelledby')).to.equal('amd-title');
      // Above the timeline.
      expect(box.compareDocumentPosition($(el, '[part~="timeline"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
      expect(text($(el, '[part~="amendment-reason"]'))).to.equal('Only 200 strips passed our final check; we cannot ship the other 40.');
      expect(text(box)).to.contain('Shenzhen LED Co. delivered less than the contract says');
      expect($$(el, '[part~="amendment-lines"] thead th').map(text)).to.deep.equal([
        'Product',
        'Contract quantity',
        'Amended quantity',
        'Unit price',
        'Change in value',
      ]);
      expect(rows(el)).to.deep.equal([
        ['LED Strip 5 m', '240', '200', '$2.50', '-$100.00'],
        ['LED Panel 60×60', '50', '50', '$18.50', '—'],
      ]);
      expect(totals(el)).to.deep.equal([
        'Contract total now: $1,525.00',
        'Contract total after the amendment: $1,425.00',
        'Refunded to you from escrow: $100.00',
      ]);
      expect($(el, '[part~="amendments"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('says a dropped line is removed', async () => {
      propose({
        items: [
          { product_id: 'p_strip', product_name: 'LED Strip 5 m', unit_price: 250, from_quantity: 240, to_quantity: 240 },
          { product_id: 'p_panel', product_name: 'LED Panel 60×60', unit_price: 1850, from_quantity: 50, to_quantity: 0 },
        ],
      });
      const el = await mount();
      await panel(el);
      expect(rows(el)[1]).to.deep.equal(['LED Panel 60×60', '50', '0 (line removed)', '$18.50', '-$925.00']);
      expect(totals(el)[2]).to.equal('Refunded to you from escrow: $925.00');
    });

    it('needs the signer name and the explicit acceptance before anything is sent', async () => {
      propose();
      const el = await mount();
      await panel(el);
      expect(text($(el, '#amd-confirm-why'))).to.equal('Enter your name and tick the acceptance to confirm.');
      expect(confirmButton(el).getAttribute('aria-describedby')).to.equal('amd-confirm-why');
      confirmButton(el).click();
      await waitFor(el, '#amd-signer-error');
      expect(text($(el, '#amd-signer-error'))).to.equal('Enter your full name.');
      expect(text($(el, '#amd-accept-error'))).to.equal('Tick “I accept the amended quantities” to confirm.');
      expect($(el, '#amd-signer')!.getAttribute('aria-invalid')).to.equal('true');
      expect($(el, '#amd-signer')!.getAttribute('aria-describedby')).to.equal('amd-signer-hint amd-signer-error');
      await until(() => focused(el) === $(el, '#amd-signer'), 'focus not on the name');
      await expect(el).to.be.accessible();

      type(el, '#amd-signer', '  Ada Buyer ');
      confirmButton(el).click();
      await waitFor(el, '#amd-accept-error');
      expect($(el, '#amd-signer-error')).to.equal(null);
      await until(() => focused(el) === $(el, '[part~="accept-checkbox"]'), 'focus not on the acceptance');
      expect(shipDb.answers).to.have.length(0);
      expect(text(confirmButton(el).parentElement)).to.equal('Confirm amendment');
    });

    it('confirms with the exact body, then shows the digest and refund, announces it and reloads', async () => {
      propose();
      const el = await mount();
      await panel(el);
      await until(() => shipDb.streams.length === 1, 'no open stream');
      const gets = db.calls('GET', '/v1/orders/ord_track/amendments').length;
      type(el, '#amd-signer', '  Ada Buyer ');
      tick(el);
      await el.updateComplete;
      expect($(el, '#amd-confirm-why')!.hidden).to.equal(true);
      expect(confirmButton(el).hasAttribute('aria-describedby')).to.equal(false);
      const about = oneEvent(el, 'k100-amendment-confirm');
      confirmButton(el).click();
      const event = await about;
      expect(event.detail).to.deep.equal({ order_id: 'ord_track', amendment_id: 'amd_1', signer_name: 'Ada Buyer' });
      expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
      const outcome = await waitFor(el, '[part~="amendment-outcome"]');
      expect(shipDb.answers).to.deep.equal([
        { path: '/v1/orders/ord_track/amendments/amd_1/confirm', body: { signer_name: 'Ada Buyer', accept: true } },
      ]);
      expect(text(outcome)).to.contain('Amendment no. 1 confirmed. $100.00 is refunded to you from escrow.');
      expect(text(outcome.querySelector('code'))).to.equal(AMENDMENT_DIGEST);
      expect(text($(el, '[role="status"].sr-only'))).to.equal('Amendment no. 1 confirmed. $100.00 is refunded to you from escrow.');
      // The reload brings the confirmed amendment into the list and removes the form.
      const item = await waitFor(el, '[part~="amendment-item"]');
      // Once by the tracker itself, once after the live `contract_amended`, which is not announced again.
      await until(() => db.calls('GET', '/v1/orders/ord_track/amendments').length === gets + 2, 'no live reload');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(text($(el, '[role="status"].sr-only'))).to.equal('Amendment no. 1 confirmed. $100.00 is refunded to you from escrow.');
      expect(text($(el, '[part~="amendment-outcome"]'))).to.contain(AMENDMENT_DIGEST);
      expect($(el, '[part~="amendment"]')).to.equal(null);
      expect(text(item)).to.contain('Amendment no. 1');
      expect(text(item)).to.contain('Confirmed');
      expect(text(item)).to.contain('Refund $100.00');
      expect(text(item)).to.contain(AMENDMENT_DIGEST);
      await expect(el).to.be.accessible();
    });

    it('sends an Idempotency-Key with the confirmation and the same one when retrying after a network error', async () => {
      propose();
      worker.use(
        http.post('*/v1/orders/:id/amendments/:aid/confirm', async ({ request }) => {
          shipDb.answers.push({ path: new URL(request.url).pathname, body: await request.json() });
          shipDb.answerKeys.push(request.headers.get('idempotency-key'));
          return HttpResponse.error();
        }, { once: true }),
      );
      const el = await mount();
      await panel(el);
      type(el, '#amd-signer', 'Ada Buyer');
      tick(el);
      confirmButton(el).click();
      const error = await waitFor(el, '[part~="amendment-error"]');
      expect(text(error)).to.equal('Could not confirm the amendment. Try again.');

      // The same attempt again (same amendment, same signer): the same key, so it cannot refund twice.
      confirmButton(el).click();
      await waitFor(el, '[part~="amendment-outcome"]');
      expect(shipDb.answers.map((a) => a.body)).to.deep.equal([
        { signer_name: 'Ada Buyer', accept: true },
        { signer_name: 'Ada Buyer', accept: true },
      ]);
      const [first, second] = shipDb.answerKeys;
      expect(first).to.match(/^[\x21-\x7e]{1,255}$/);
      expect(second).to.equal(first);
    });

    it('shows that it is sending and ignores a second click', async () => {
      propose();
      worker.use(http.post('*/v1/orders/:id/amendments/:aid/confirm', () => delay('infinite'), { once: true }));
      const el = await mount();
      await panel(el);
      type(el, '#amd-signer', 'Ada Buyer');
      tick(el);
      let asked = 0;
      el.addEventListener('k100-amendment-confirm', () => asked++);
      confirmButton(el).click();
      await until(() => text(confirmButton(el)) === 'Sending…', 'not busy');
      expect(confirmButton(el).getAttribute('aria-disabled')).to.equal('true');
      expect($(el, '[part~="amendment"]')!.getAttribute('aria-busy')).to.equal('true');
      confirmButton(el).click();
      declineButton(el).click();
      await el.updateComplete;
      expect(asked).to.equal(1);
    });

    it('sends nothing when the page cancels the confirm or decline event', async () => {
      propose();
      const el = await mount();
      await panel(el);
      el.addEventListener('k100-amendment-confirm', (e) => e.preventDefault());
      el.addEventListener('k100-amendment-decline', (e) => e.preventDefault());
      type(el, '#amd-signer', 'Ada Buyer');
      tick(el);
      const confirming = oneEvent(el, 'k100-amendment-confirm');
      confirmButton(el).click();
      await confirming;
      type(el, '#amd-comment', 'The strips are on the next ship.');
      const declining = oneEvent(el, 'k100-amendment-decline');
      declineButton(el).click();
      await declining;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(db.calls('POST', /\/amendments\//)).to.have.length(0);
      expect(text(confirmButton(el))).to.equal('Confirm amendment');
      expect($(el, '[part~="amendment-outcome"]')).to.equal(null);
    });

    it('declines with a comment (and asks for one first)', async () => {
      propose();
      const el = await mount();
      await panel(el);
      declineButton(el).click();
      await waitFor(el, '#amd-comment-error');
      expect(text($(el, '#amd-comment-error'))).to.equal('Say why you decline.');
      await until(() => focused(el) === $(el, '#amd-comment'), 'focus not on the comment');
      expect(shipDb.answers).to.have.length(0);

      type(el, '#amd-comment', ' The strips are on the next ship. ');
      const about = oneEvent(el, 'k100-amendment-decline');
      declineButton(el).click();
      expect((await about).detail).to.deep.equal({ order_id: 'ord_track', amendment_id: 'amd_1', comment: 'The strips are on the next ship.' });
      const outcome = await waitFor(el, '[part~="amendment-outcome"]');
      expect(shipDb.answers).to.deep.equal([
        { path: '/v1/orders/ord_track/amendments/amd_1/decline', body: { comment: 'The strips are on the next ship.' } },
      ]);
      expect(text(outcome)).to.equal('Amendment no. 1 declined. The contract stays as it was.');
      const item = await waitFor(el, '[part~="amendment-item"]');
      expect(text(item)).to.contain('Declined');
      expect(text(item)).not.to.contain('Refund');
      expect($(el, '[part~="amendment"]')).to.equal(null);
    });

    it('shows a 409 next to the form and moves focus there', async () => {
      propose();
      const el = await mount();
      await panel(el);
      // Answered meanwhile in another session.
      shipDb.amendments.get('ord_track')![0]!.status = 'confirmed';
      type(el, '#amd-signer', 'Ada Buyer');
      tick(el);
      confirmButton(el).click();
      const error = await waitFor(el, '[part~="amendment-error"]');
      expect(text(error)).to.equal('This amendment has already been answered; it can no longer be confirmed or declined.');
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.closest('[part~="amendment"]')).to.exist;
      await until(() => focused(el) === error, 'focus not on the error');
      expect(text(confirmButton(el))).to.equal('Confirm amendment');
      await expect(el).to.be.accessible();
    });

    it('shows the server field errors of a 422 under their controls', async () => {
      propose();
      worker.use(
        http.post('*/v1/orders/:id/amendments/:aid/confirm', () =>
          Response.json(
            { type: 'https://k100widgets.dev/problems/validation', title: 'Invalid', status: 422, errors: [{ path: 'signer_name', message: 'must be at most 200 characters' }] },
            { status: 422, headers: { 'content-type': 'application/problem+json' } },
          ),
        ),
      );
      const el = await mount();
      await panel(el);
      type(el, '#amd-signer', 'Ada Buyer');
      tick(el);
      confirmButton(el).click();
      const error = await waitFor(el, '#amd-signer-error');
      expect(text(error)).to.equal('must be at most 200 characters');
      await until(() => focused(el) === $(el, '#amd-signer'), 'focus not on the name');
    });

    it('renders a hostile reason and product name as text', async () => {
      const hostile = '<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>';
      propose({
        reason: hostile,
        items: [{ product_id: 'p_strip', product_name: '<b onmouseover=alert(1)>x</b>', unit_price: 250, from_quantity: 240, to_quantity: 200 }],
      });
      const el = await mount();
      await panel(el);
      expect(text($(el, '[part~="amendment-reason"]'))).to.equal(hostile);
      expect(rows(el)[0]![0]).to.equal('<b onmouseover=alert(1)>x</b>');
      expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });

    it('works in Chinese', async () => {
      propose();
      const el = await mount({ locale: 'zh-CN' });
      await panel(el);
      expect(text($(el, '#amd-title'))).to.equal('第 1 号修订：请重新确认减少后的数量');
      expect(text($(el, 'label[for="amd-signer"]'))).to.equal('您的全名（签署人）');
      expect(text($(el, '.check span'))).to.equal('我接受修订后的数量');
      expect(text(confirmButton(el))).to.equal('确认修订');
      confirmButton(el).click();
      await waitFor(el, '#amd-signer-error');
      expect(text($(el, '#amd-signer-error'))).to.equal('请填写您的全名。');
      await expect(el).to.be.accessible();
    });

    it('fits a 390 px phone', async () => {
      propose();
      const el = await fixture<K100ShipmentTracker>(
        html`<k100-shipment-tracker style="width: 390px" session=${TOKENS.buyer} order-id="ord_track"></k100-shipment-tracker>`,
      );
      await panel(el);
      expect(getComputedStyle($(el, '[part~="amendment-line"]')!).display).to.equal('block');
      expect(el.scrollWidth).to.be.at.most(390);
      await expect(el).to.be.accessible();
    });
  });

  it('shows a proposal that arrives live, and says so', async () => {
    const el = await mount();
    await waitFor(el, '[part~="live-indicator"]', (i) => i.dataset['state'] === 'live');
    await until(() => shipDb.streams.length === 1, 'no open stream');
    expect($(el, '[part~="amendment"]')).to.equal(null);
    propose();
    shipDb.push('ord_track', 'amendment_proposed');
    await panel(el);
    expect(text($(el, '[role="status"].sr-only'))).to.equal('The supplier proposes a contract amendment: please reconfirm the quantities.');
  });

  describe('for the supplier', () => {
    it('never shows the form; lists the amendments read-only', async () => {
      shipDb.amendments.set('ord_track', [
        sampleAmendment({ id: 'amd_2', number: 2 }),
        sampleAmendment({ status: 'declined' }),
      ]);
      const el = await mount({ session: TOKENS.supplier });
      const item = await waitFor(el, '[part~="amendment-item"]');
      expect($(el, '[part~="amendment"]')).to.equal(null);
      expect($(el, 'form')).to.equal(null);
      expect(text($(el, '#amd-history'))).to.equal('Contract amendments');
      expect(text(item)).to.contain('Amendment no. 2');
      expect(text(item)).to.contain('Waiting for the buyer');
      expect(text($$(el, '[part~="amendment-item"]')[1])).to.contain('Declined');
      await expect(el).to.be.accessible();
    });
  });

  it('shows no amendment section when there are none', async () => {
    const el = await mount();
    await waitFor(el, '[part~="milestone"]');
    expect($(el, '[part~="amendment"], [part~="amendments"]')).to.equal(null);
  });
});
