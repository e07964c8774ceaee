import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './index.js';
import { K100ContractDrafter } from './contract-drafter.js';
import { $, $$, text, waitFor } from '../core/test/helpers.js';
import { TOKENS, db, http, problem, resetMockApi, startMockApi, worker } from '../core/test/mock-api.js';
import { deals } from '../core/test/mock-deals.js';
import { seedContract, seedPurchaseOrder } from '../core/test/deal-fixtures.js';
import { runWidgetSuite } from '../core/test/widget-suite.js';

type Attrs = { session?: string; theme?: string; locale?: string; contractId?: string; purchaseOrderId?: string };

async function mount(attrs: Attrs = {}) {
  return fixture<K100ContractDrafter>(html`<k100-contract-drafter
    session=${attrs.session ?? TOKENS.supplier}
    theme=${attrs.theme ?? 'light'}
    locale=${attrs.locale ?? 'en'}
    contract-id=${attrs.contractId ?? ''}
    purchase-order-id=${attrs.purchaseOrderId ?? ''}
  ></k100-contract-drafter>`);
}

const control = (el: Element, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`)!;

async function fill(el: K100ContractDrafter, name: string, value: string) {
  const input = control(el, name);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

const clauseTitles = (el: Element) => $$<HTMLInputElement>(el, '[part~="clause-editor"] input').map((i) => i.value);

before(() => startMockApi());
beforeEach(() => {
  resetMockApi();
  seedPurchaseOrder();
});

describe('<k100-contract-drafter>', () => {
  runWidgetSuite({
    tag: 'k100-contract-drafter',
    element: K100ContractDrafter,
    mount,
    endpoint: '/v1/purchase-orders',
    empty: { data: [], next_cursor: null },
    item: '[part~="purchase-order"]',
  });

  describe('inbox to sent contract', () => {
    it('drafts the contract from the purchase order and sends it', async () => {
      const el = await mount();
      const row = await waitFor(el, '[part~="purchase-order"]');
      expect(text(row)).to.contain('Acme Imports');
      expect(text(row)).to.contain('Awaiting contract');
      expect(text(row)).to.contain('$1,405.00 · 2 items');
      row.click();

      await waitFor(el, '[part~="editor"]');
      expect(text($(el, '#po-title'))).to.equal('Draft the contract for Acme Imports');
      expect($(el, '[part~="terms"] input'), 'the agreed terms are read-only').to.equal(null);
      expect(text($(el, '[part~="terms-table"]'))).to.contain('$2.40');
      expect(clauseTitles(el)).to.deep.equal([
        'Quality',
        'Inspection',
        'Packing and marking',
        'Delivery and risk',
        'Payment through K100Pay escrow',
        'Disputes',
      ]);
      const bodies = $$<HTMLTextAreaElement>(el, '[part~="clause-editor"] textarea').map((t) => t.value);
      expect(bodies[1]).to.contain('inspects 10% of the goods');
      expect(bodies[3]).to.contain('no later than Dec 15, 2026, for shipment to NLRTM under FOB · Free on Board');
      expect(bodies[4]).to.contain('30% of the subtotal is released to the seller when escrow is funded');
      expect(control(el, 'legal_entities.seller.name').value).to.equal('Shenzhen LED Co., Ltd.');
      expect(control(el, 'legal_entities.buyer.name').value).to.equal('Acme Imports');
      await expect(el).to.be.accessible();

      $(el, '[part~="draft-button"]')!.click();
      await el.updateComplete;
      expect(text($(el, `#${control(el, 'legal_entities.buyer.address').id}-error`))).to.equal('Required.');
      expect(text($(el, `#${control(el, 'legal_entities.buyer.country').id}-error`))).to.equal('Enter a 2-letter country code such as CN.');
      expect(db.calls('POST', '/v1/contracts')).to.have.length(0);
      await fill(el, 'legal_entities.buyer.address', 'Wilhelminakade 1, Rotterdam');
      await fill(el, 'legal_entities.buyer.country', 'nl');

      const drafted = oneEvent(el, 'k100-contract-draft');
      $(el, '[part~="draft-button"]')!.click();
      const draft = await drafted;
      expect(draft.detail.contract).to.include({ id: 'ctr_1', status: 'draft', version: 1 });
      expect(draft.detail.contract.legal_entities.buyer.country).to.equal('NL');
      expect(draft.detail.contract.clauses).to.have.length(6);
      await waitFor(el, '[part~="send-button"]');
      expect(text($(el, '[part~="badge"]'))).to.equal('Draft');
      expect(text($(el, '[part~="notice"]'))).to.equal('Draft saved as version 1.');

      const sending = oneEvent(el, 'k100-contract-send');
      $(el, '[part~="send-button"]')!.click();
      const send = await sending;
      expect(send.cancelable && send.bubbles && send.composed).to.equal(true);
      expect(send.detail).to.deep.equal({ contract_id: 'ctr_1', version: 1 });
      await waitFor(el, '[part~="badge"]', (b) => text(b) === 'Sent for review');
      expect(text($(el, '.callout'))).to.contain('Waiting for Acme Imports to confirm or request changes.');
      expect($(el, '[part~="editor"]'), 'a sent contract is read-only').to.equal(null);
      expect($$(el, '[part~="clause"]')).to.have.length(6);
      expect(db.calls('PATCH', /contracts/)).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('sends nothing when the page cancels k100-contract-send', async () => {
      const contract = seedContract('draft');
      const el = await mount({ contractId: contract.id });
      await waitFor(el, '[part~="send-button"]');
      el.addEventListener('k100-contract-send', (e) => e.preventDefault(), { once: true });
      $(el, '[part~="send-button"]')!.click();
      await new Promise((r) => setTimeout(r, 50));
      expect(db.calls('POST', /\/send$/)).to.have.length(0);
      expect(deals.contract(contract.id).status).to.equal('draft');
    });

    it('shows the server’s 422 field errors at their fields', async () => {
      worker.use(
        http.post('*/v1/contracts', () =>
          problem(422, 'validation', 'Validation failed', {
            errors: [{ path: 'clauses.2.body', message: 'must be at most 20000 characters' }, { path: 'purchase_order_id', message: 'is not a valid id' }],
          }),
        ),
      );
      const el = await mount({ purchaseOrderId: 'po_1' });
      await waitFor(el, '[part~="editor"]');
      expect($(el, '[part~="back-button"]')).to.equal(null);
      await fill(el, 'legal_entities.buyer.address', 'Rotterdam');
      await fill(el, 'legal_entities.buyer.country', 'NL');
      $(el, '[part~="draft-button"]')!.click();
      await waitFor(el, '[part~="field-error"]');
      expect(text($(el, `#${control(el, 'clauses.2.body').id}-error`))).to.equal('must be at most 20000 characters');
      expect(control(el, 'clauses.2.body').getAttribute('aria-invalid')).to.equal('true');
      expect(text($(el, '[part~="form-error"]'))).to.equal('purchase_order_id: is not a valid id');
      await expect(el).to.be.accessible();
    });
  });

  describe('editing clauses', () => {
    it('adds, reorders and removes clauses with focus following, from the keyboard', async () => {
      const el = await mount({ purchaseOrderId: 'po_1' });
      await waitFor(el, '[part~="editor"]');
      const down = $$<HTMLButtonElement>(el, '[data-move="down"]')[0]!;
      down.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(clauseTitles(el).slice(0, 2)).to.deep.equal(['Inspection', 'Quality']);
      expect(el.shadowRoot!.activeElement).to.equal($$(el, '[data-move="down"]')[1]);
      expect(el.shadowRoot!.activeElement!.getAttribute('aria-label')).to.equal('Move clause 2 down');
      const up = $$<HTMLButtonElement>(el, '[data-move="up"]')[1]!;
      up.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(clauseTitles(el).slice(0, 2)).to.deep.equal(['Quality', 'Inspection']);
      expect(el.shadowRoot!.activeElement).to.equal($$(el, '[data-move="down"]')[0], 'at the top, focus moves to the other arrow');
      expect($$(el, '[data-move="up"]')[0]!.getAttribute('aria-disabled')).to.equal('true');

      $<HTMLButtonElement>(el, '[part~="add-clause-button"]')!.click();
      await waitFor(el, '[part~="clause-editor"]:last-child input', (i) => el.shadowRoot!.activeElement === i);
      await sendKeys({ type: 'Warranty' });
      await el.updateComplete;
      expect(clauseTitles(el)).to.have.length(7);
      expect(clauseTitles(el)[6]).to.equal('Warranty');

      $$<HTMLButtonElement>(el, '[part~="remove-clause-button"]')[0]!.click();
      await el.updateComplete;
      expect(clauseTitles(el)[0]).to.equal('Inspection');
      await waitFor(el, '[part~="clause-editor"] input', (i) => el.shadowRoot!.activeElement === i);
      await expect(el).to.be.accessible();
    });
  });

  describe('change requests', () => {
    it('shows the buyer’s comment, saves a new version and sends it again', async () => {
      const contract = seedContract('changes_requested');
      const el = await mount({ contractId: contract.id });
      const requests = await waitFor(el, '[part~="change-requests"]');
      expect(text(requests)).to.contain('Acme Imports asked for changes. Edit the contract and send it again: it becomes version 2.');
      expect(text(requests)).to.contain('Change the packing clause.');
      expect(text($(el, '[part~="badge"]'))).to.equal('Changes requested');
      expect(text($(el, '[part~="save-button"]'))).to.equal('Save as new version');
      await expect(el).to.be.accessible();

      await fill(el, 'clauses.1.body', 'Delivered by 10 December 2026.');
      const drafted = oneEvent(el, 'k100-contract-draft');
      const sending = oneEvent(el, 'k100-contract-send');
      $(el, '[part~="send-button"]')!.click();
      expect((await sending).detail).to.deep.equal({ contract_id: contract.id, version: 2 });
      expect((await drafted).detail.contract.version).to.equal(2);
      await waitFor(el, '[part~="badge"]', (b) => text(b) === 'Sent for review');
      expect(text($(el, '[part~="notice"]'))).to.equal('Acme Imports received version 2.');
      expect(text(el.shadowRoot!.querySelector('.muted'))).to.contain('Version 2 of 2');
      expect(deals.contract(contract.id).versions[1]!.clauses[1]!.body).to.equal('Delivered by 10 December 2026.');
      expect(db.calls('PATCH', /contracts/)).to.have.length(1);
    });
  });

  describe('untrusted text and zh-CN', () => {
    it('renders hostile clause text as text', async () => {
      const contract = seedContract('sent');
      deals.contract(contract.id).versions[0]!.clauses[0] = { title: '<img src=x onerror=alert(1)>', body: '<script>window.__pwned=1</script>' };
      const el = await mount({ contractId: contract.id });
      const clause = await waitFor(el, '[part~="clause"]');
      expect(text(clause)).to.contain('<img src=x onerror=alert(1)>');
      expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    });

    it('writes the default clauses and the interface in Chinese', async () => {
      const el = await mount({ locale: 'zh-CN', purchaseOrderId: 'po_1' });
      await waitFor(el, '[part~="editor"]');
      expect(clauseTitles(el)).to.deep.equal(['质量', '验货', '包装与标识', '交货与风险', '通过 K100Pay 托管付款', '争议']);
      expect(text($(el, '[part~="draft-button"]'))).to.equal('创建草稿');
      expect(text($(el, '[part~="terms-table"]'))).to.contain('货款合计');
      await expect(el).to.be.accessible();
    });
  });
});
