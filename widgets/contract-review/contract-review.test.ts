import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './index.js';
import { K100ContractReview } from './contract-review.js';
import { $, $$, text, waitFor } from '../core/test/helpers.js';
import { TOKENS, db, resetMockApi, startMockApi } from '../core/test/mock-api.js';
import { DIGEST, deals } from '../core/test/mock-deals.js';
import { seedContract } from '../core/test/deal-fixtures.js';
import { runWidgetSuite } from '../core/test/widget-suite.js';

type Attrs = { session?: string; theme?: string; locale?: string; contractId?: string };

async function mount(attrs: Attrs = {}) {
  return fixture<K100ContractReview>(html`<k100-contract-review
    session=${attrs.session ?? TOKENS.buyer}
    theme=${attrs.theme ?? 'light'}
    locale=${attrs.locale ?? 'en'}
    contract-id=${attrs.contractId ?? ''}
  ></k100-contract-review>`);
}

const items = (el: Element, selector: string) => $$(el, selector).map((node) => text(node));
const within = (node: Element, selector: string) => [...node.querySelectorAll(selector)].map((n) => text(n));

async function sign(el: K100ContractReview, name: string, accept: boolean) {
  const input = $<HTMLInputElement>(el, '[part~="signer-input"]')!;
  input.value = name;
  input.dispatchEvent(new Event('input'));
  const box = $<HTMLInputElement>(el, '[part~="accept-checkbox"]')!;
  if (box.checked !== accept) box.click();
  await el.updateComplete;
}

before(() => startMockApi());
beforeEach(() => {
  resetMockApi();
  seedContract('sent');
});

describe('<k100-contract-review>', () => {
  runWidgetSuite({
    tag: 'k100-contract-review',
    element: K100ContractReview,
    mount,
    endpoint: '/v1/contracts',
    empty: { data: [], next_cursor: null },
    item: '[part~="contract"]',
  });

  describe('list', () => {
    it('lists the buyer’s contracts and opens one', async () => {
      const el = await mount();
      const row = await waitFor(el, '[part~="contract"]');
      expect(text(row)).to.contain('Shenzhen LED Co.');
      expect(text(row)).to.contain('Sent for review');
      expect(text(row)).to.contain('Version 1 · $1,405.00');
      row.click();
      await waitFor(el, '[part~="decision"]');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="back-button"]'));
    });
  });

  describe('reviewing', () => {
    it('shows the differences from the agreed terms and from the previous version', async () => {
      const contract = seedContract('sent', { revised: true });
      const el = await mount({ contractId: contract.id });
      await waitFor(el, '[part~="changes"]');
      const [agreed, previous] = $$(el, '[part~="changes"]');
      expect(text(agreed!.querySelector('h3'))).to.equal('Changed since the agreed terms');
      expect(within(agreed!, '[part~="differences"] li')).to.deep.equal(['Delivery date was Dec 15, 2026 → now Dec 20, 2026']);
      expect(text(previous!.querySelector('h3'))).to.equal('Changed since version 1');
      expect(within(previous!, '[part~="differences"] li')).to.deep.equal([
        'Delivery date was Dec 15, 2026 → now Dec 20, 2026',
        'Clause 2 · Text was Delivered to the designated warehouse by the agreed date. → now Delivered to the designated warehouse by 20 December 2026.',
      ]);
      expect(items(el, '[part~="terms"] [part~="change-mark"]')).to.deep.equal(['was Dec 15, 2026']);
      const clauses = $$(el, '[part~="clause"]');
      expect(clauses[0]!.querySelector('[part~="change-mark"]')).to.equal(null);
      expect(text(clauses[1]!.querySelector('[part~="change-mark"]'))).to.equal('Changed since version 1');
      expect(text($(el, '[part~="change-requests"]'))).to.contain('Please deliver by 20 December');
      expect(text($(el, '[part~="terms-table"] tfoot'))).to.contain('Deposit (30%)');
      expect(text($(el, '[part~="parties"]'))).to.contain('Acme Imports B.V.');
      await expect(el).to.be.accessible();
    });

    it('says when nothing differs from the agreed terms', async () => {
      const el = await mount({ contractId: 'ctr_1' });
      const changes = await waitFor(el, '[part~="changes"]');
      expect(text(changes)).to.contain('Nothing: the terms are exactly those agreed in the negotiation.');
      expect($$(el, '[part~="changes"]')).to.have.length(1);
    });

    it('reads as a single column on a phone', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 390px">
        <k100-contract-review session=${TOKENS.buyer} contract-id="ctr_1"></k100-contract-review>
      </div>`);
      const el = wrapper.querySelector('k100-contract-review')!;
      await waitFor(el, '[part~="terms-table"]');
      const cell = $(el, '[part~="terms-table"] tbody td')!;
      expect(getComputedStyle(cell).display).to.equal('flex');
      expect(getComputedStyle(cell, '::before').content).to.equal('"Quantity"');
      expect(el.scrollWidth).to.be.at.most(390);
      await expect(el).to.be.accessible();
    });
  });

  describe('confirming', () => {
    it('keeps Confirm disabled until a signer name and the acceptance are both given', async () => {
      const el = await mount({ contractId: 'ctr_1' });
      const button = await waitFor<HTMLButtonElement>(el, '[part~="confirm-button"]');
      const box = $<HTMLInputElement>(el, '[part~="accept-checkbox"]')!;
      expect(box.checked, 'acceptance is never pre-ticked').to.equal(false);
      expect(text(box.parentElement)).to.contain(
        'Confirming binds both parties to fulfilment supervised by Expert Advisor (STS) and to payment and settlement through K100Pay',
      );
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(text($(el, `#${button.getAttribute('aria-describedby')}`))).to.equal('Enter your name and tick the acceptance to confirm.');
      button.click();
      await sign(el, 'Ada Buyer', false);
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      button.click();
      await sign(el, '   ', true);
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      button.click();
      await new Promise((r) => setTimeout(r, 30));
      expect(db.calls('POST', /\/confirm$/)).to.have.length(0);
      await sign(el, 'Ada Buyer', true);
      expect(button.getAttribute('aria-disabled')).to.equal('false');
      await expect(el).to.be.accessible();
    });

    it('confirms, then shows the digest, the verification and a download with the session in a header', async () => {
      const el = await mount({ contractId: 'ctr_1' });
      await waitFor(el, '[part~="confirm-button"]');
      await sign(el, 'Ada Buyer', true);
      const confirming = oneEvent(el, 'k100-contract-confirm');
      $(el, '[part~="confirm-button"]')!.click();
      const event = await confirming;
      expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ contract_id: 'ctr_1', version: 1, signer_name: 'Ada Buyer' });

      const evidence = await waitFor(el, '[part~="evidence"]');
      expect(text($(el, '[part~="digest"]'))).to.equal(DIGEST);
      expect(getComputedStyle($(el, '[part~="digest"]')!).fontFamily).to.match(/mono/i);
      expect(text(evidence)).to.contain('Confirmed by Ada Buyer on');
      expect(text(evidence)).to.contain('Order ord_ctr_1 is open for payment.');
      expect(text($(el, '[part~="notice"]'))).to.equal('Contract confirmed. Order ord_ctr_1 is open.');
      await waitFor(el, '[part~="verification"]', (v) => text(v).includes('Verified'));
      expect(text($(el, '[part~="verification"]'))).to.contain('the audit log of 3 entries is intact');
      expect($(el, '[part~="decision"]')).to.equal(null);
      await expect(el).to.be.accessible();

      const clicked: HTMLAnchorElement[] = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicked.push(this);
      };
      try {
        $(el, '[part~="download-button"]')!.click();
        await waitFor(el, '[part~="evidence"]', () => clicked.length === 1);
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      expect(clicked[0]!.download).to.equal('contract-ctr_1-v1.html');
      expect(clicked[0]!.href).to.match(/^blob:/);
      const download = db.calls('GET', '/v1/contracts/ctr_1/document')[0]!;
      expect(download.authorization).to.equal(`Bearer ${TOKENS.buyer}`);
      expect([...download.params]).to.deep.equal([]);
      await waitFor(el, '[part~="evidence"]', (e) => text(e).includes('Downloaded.'));

      $(el, '[part~="copy-button"]')!.click();
      await waitFor(el, '[part~="evidence"]', (e) => /Copied\.|Selected/.test(text(e)));
    });

    it('says where verification broke', async () => {
      seedContract('confirmed');
      deals.tampered = true;
      const el = await mount({ contractId: 'ctr_2' });
      const result = await waitFor(el, '[part~="verification"]', (v) => text(v).includes('failed'));
      expect(text(result)).to.contain('Verification failed: the evidence was altered.');
      expect(text(result)).to.contain('audit entry 2: The entry does not hash to what the next one recorded.');
      await expect(el).to.be.accessible();
    });

    it('sends nothing when the page cancels k100-contract-confirm', async () => {
      const el = await mount({ contractId: 'ctr_1' });
      await waitFor(el, '[part~="confirm-button"]');
      await sign(el, 'Ada Buyer', true);
      el.addEventListener('k100-contract-confirm', (e) => e.preventDefault(), { once: true });
      $(el, '[part~="confirm-button"]')!.click();
      await new Promise((r) => setTimeout(r, 50));
      expect(db.calls('POST', /\/confirm$/)).to.have.length(0);
      expect(deals.contract('ctr_1').status).to.equal('sent');
    });

    it('confirms from the keyboard', async () => {
      const el = await mount({ contractId: 'ctr_1' });
      const input = await waitFor<HTMLInputElement>(el, '[part~="signer-input"]');
      input.focus();
      await sendKeys({ type: 'Ada Buyer' });
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="accept-checkbox"]'));
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="confirm-button"]'));
      await sendKeys({ press: 'Enter' });
      await waitFor(el, '[part~="evidence"]');
      expect(deals.contract('ctr_1').signer_name).to.equal('Ada Buyer');
    });
  });

  describe('requesting changes', () => {
    it('asks for a comment, sends it and shows the contract is being revised', async () => {
      const el = await mount({ contractId: 'ctr_1' });
      await waitFor(el, '[part~="request-changes-button"]');
      $(el, '[part~="request-changes-button"]')!.click();
      await el.updateComplete;
      const comment = $<HTMLTextAreaElement>(el, '[part~="comment-input"]')!;
      expect(comment.getAttribute('aria-invalid')).to.equal('true');
      expect(text($(el, '#comment-error'))).to.equal('Say what should change.');
      expect(db.calls('POST', /request-changes/)).to.have.length(0);
      comment.value = 'Please use our registered office address.';
      comment.dispatchEvent(new Event('input'));
      const requested = oneEvent(el, 'k100-contract-changes-request');
      $(el, '[part~="request-changes-button"]')!.click();
      const event = await requested;
      expect(event.detail.comment).to.equal('Please use our registered office address.');
      expect(event.detail.contract.status).to.equal('changes_requested');
      await waitFor(el, '[part~="badge"]', (b) => text(b) === 'Changes requested');
      expect(text($(el, '.callout'))).to.contain('Shenzhen LED Co. is preparing this contract.');
      expect(text($(el, '[part~="change-requests"]'))).to.contain('Please use our registered office address.');
      expect($(el, '[part~="decision"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('untrusted text and zh-CN', () => {
    it('renders hostile clause text and party names as text', async () => {
      const version = deals.contract('ctr_1').versions[0]!;
      version.clauses[0] = { title: '<img src=x onerror=alert(1)>', body: '<script>window.__pwned=1</script>' };
      version.legal_entities = { ...version.legal_entities, seller: { ...version.legal_entities.seller, name: '<b>Evil</b>' } };
      const el = await mount({ contractId: 'ctr_1' });
      const clause = await waitFor(el, '[part~="clause"]');
      expect(text(clause)).to.contain('<img src=x onerror=alert(1)>');
      expect(text(clause)).to.contain('<script>window.__pwned=1</script>');
      expect(text($(el, '[part~="parties"]'))).to.contain('<b>Evil</b>');
      expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    });

    it('reviews in Chinese', async () => {
      const contract = seedContract('sent', { revised: true });
      const el = await mount({ locale: 'zh-CN', contractId: contract.id });
      await waitFor(el, '[part~="confirm-button"]');
      expect(items(el, '[part~="changes"] h3')).to.deep.equal(['与已达成条款相比的变更', '与第 1 版相比的变更']);
      expect(text($(el, '[part~="confirm-button"]'))).to.equal('确认合同');
      expect(text($(el, '[part~="accept-checkbox"]')!.parentElement)).to.contain('Expert Advisor（STS）');
      expect(items(el, '[part~="changes"]:first-of-type [part~="differences"] li')[0]).to.equal('交货日期 原为 2026年12月15日 → 现为 2026年12月20日');
      await expect(el).to.be.accessible();
    });
  });
});
