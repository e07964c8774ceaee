import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './index.js';
import { K100WarehouseConsole } from './warehouse-console.js';
import { $, $$, text, waitFor, until } from '../core/test/helpers.js';
import { http, problem, resetMockApi, startMockApi, worker } from '../core/test/mock-api.js';
import { OPERATOR_TOKEN, warehouseDb } from '../core/test/mock-warehouse.js';
import { runWidgetSuite } from '../core/test/widget-suite.js';

type Attrs = { session?: string; theme?: string; locale?: string; orderId?: string };

async function mount(attrs: Attrs = {}) {
  return fixture<K100WarehouseConsole>(html`<k100-warehouse-console
    session=${attrs.session ?? OPERATOR_TOKEN}
    theme=${attrs.theme ?? 'light'}
    locale=${attrs.locale ?? 'en'}
    order-id=${attrs.orderId ?? ''}
  ></k100-warehouse-console>`);
}

/** Mounts the console on `ord_wh1` and waits for its receipt section. */
async function open(attrs: Attrs = {}) {
  const el = await mount({ orderId: 'ord_wh1', ...attrs });
  await waitFor(el, '[part~="scan-input"]');
  return el;
}

const section = (el: Element, id: string) => $(el, `#section-${id}`)!;
const reason = (el: Element, id: string) => text(section(el, id).querySelector('[part~="step-reason"]'));

async function fill(el: K100WarehouseConsole, selector: string, value: string) {
  const input = $<HTMLInputElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function scan(el: K100WarehouseConsole, barcode: string) {
  $<HTMLInputElement>(el, '[part~="scan-input"]')!.focus();
  await sendKeys({ type: barcode });
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

async function paste(el: K100WarehouseConsole, content: string) {
  const data = new DataTransfer();
  data.setData('text/plain', content);
  const input = $<HTMLInputElement>(el, '[part~="scan-input"]')!;
  input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
  await el.updateComplete;
}

async function submit(el: K100WarehouseConsole, id: string) {
  $(el, `#section-${id} [part~="submit-button"]`)!.click();
  await el.updateComplete;
}

/** Waits until the step POSTed `count` requests to `step` and the console is idle again. */
async function posted(el: K100WarehouseConsole, step: string, count = 1) {
  await until(() => warehouseDb.posts.filter((p) => p.step === step).length >= count && !el.busy, `no POST ${step}`);
  await el.updateComplete;
  return warehouseDb.posts.filter((p) => p.step === step).at(-1)!.body;
}

const pendingBarcodes = (el: Element) => $$(el, '[part~="pending-carton"] .barcode').map((b) => text(b));
const live = (el: Element) => text($(el, '[role="status"].sr-only'));

/** Everything received, inspected, measured (cartons of 12/12/30 kg) for `ord_wh1`. */
function readyToConsolidate() {
  warehouseDb.receive('ord_wh1', [
    { barcode: 'CTN-0001', product_id: 'p_strip', quantity: 50 },
    { barcode: 'CTN-0002', product_id: 'p_strip', quantity: 50 },
    { barcode: 'CTN-0003', product_id: 'p_panel', quantity: 20 },
  ]);
  const o = warehouseDb.order('ord_wh1')!;
  for (const c of o.cartons) Object.assign(c, { weight_kg: 12, length_cm: 60, width_cm: 40, height_cm: 30 });
  o.measured = true;
  o.inspection = { result: 'pass', required_sample: 1, sampled: 1, notes: null, at: '2026-11-27T10:00:00.000Z' };
}

before(() => startMockApi());
beforeEach(() => resetMockApi());

describe('<k100-warehouse-console>', () => {
  runWidgetSuite({
    tag: 'k100-warehouse-console',
    element: K100WarehouseConsole,
    mount: (options) => mount({ ...options }),
    endpoint: '/v1/orders',
    empty: { data: [], next_cursor: null },
    item: '[part~="order"]',
  });

  describe('order list', () => {
    it('lists the paid orders with their next step, and opening one shows the console', async () => {
      const el = await mount();
      await waitFor(el, '[part~="order"]');
      const items = $$(el, '[part~="order"]');
      expect(items).to.have.length(2);
      expect(text(items[0])).to.contain('ord_wh1');
      expect(text(items[0])).to.contain('Next step: Receive cartons (by the warehouse)');
      expect(text(items[1])).to.contain('Next step: Packing list (by the supplier)');
      items[0]!.click();
      await waitFor(el, '[part~="scan-input"]');
      expect(text($(el, '#wh-order-title'))).to.equal('Order ord_wh1');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="back-button"]'));
      await expect(el).to.be.accessible();
      $(el, '[part~="back-button"]')!.click();
      await waitFor(el, '[part~="order"]');
    });
  });

  describe('an order', () => {
    it('shows the order and the cross-check while the packing list is still loading; receiving follows', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // Answering nothing passes the request on to the mock API's own handler.
      worker.use(http.get('*/v1/orders/:id/packing-list', async () => void (await held)));
      const el = await mount({ orderId: 'ord_wh1' });
      await waitFor(el, '[part~="order-header"]');
      expect(text($(el, '[part~="next-step"]'))).to.equal('Receive cartons (by the warehouse)');
      expect($(el, '[part~="cross-check-status"]')).not.to.equal(null);
      expect(section(el, 'receipt').querySelector('[part~="skeleton"]')).not.to.equal(null);
      expect($(el, '[part~="scan-input"]')).to.equal(null);
      release();
      await waitFor(el, '[part~="scan-input"]');
      await scan(el, 'CTN-0003');
      expect($$(el, '[part~="pending-carton"]')[0]!.querySelector('input')!.value).to.equal('20');
    });

    it('offers Retry in receiving when the packing list fails to load', async () => {
      let fail = true;
      worker.use(http.get('*/v1/orders/:id/packing-list', () => (fail ? problem(500, 'internal', 'Internal error') : undefined)));
      const el = await mount({ orderId: 'ord_wh1' });
      const retry = await waitFor<HTMLButtonElement>(el, '#section-receipt [part~="retry-button"]');
      expect(text($(el, '[part~="next-step"]'))).to.equal('Receive cartons (by the warehouse)');
      fail = false;
      retry.click();
      await waitFor(el, '[part~="scan-input"]');
    });

    it('shows the steps in order, each disabled with its reason until allowed', async () => {
      const el = await open();
      expect(text($(el, '[part~="next-step"]'))).to.equal('Receive cartons (by the warehouse)');
      expect(section(el, 'receipt').classList.contains('is-next')).to.equal(true);
      expect(reason(el, 'receipt')).to.equal('');
      expect(reason(el, 'inspection')).to.contain('Receive cartons first.');
      expect(reason(el, 'consolidation')).to.contain('Receive cartons first.');
      expect(reason(el, 'customs')).to.contain('Consolidate the cartons first.');
      expect(reason(el, 'tracking')).to.contain('Export customs must release the goods first.');
      expect(reason(el, 'transfer')).to.contain('The buyer must pick the goods up first.');
      expect(section(el, 'consolidation').querySelector('fieldset')!.disabled).to.equal(true);
      const transfer = $<HTMLButtonElement>(el, '[part~="transfer-button"]')!;
      expect(transfer.disabled).to.equal(true);
      expect(transfer.getAttribute('aria-describedby')).to.equal('section-transfer-reason');
      await expect(el).to.be.accessible();
    });

    it('says in Chinese what the console is about with locale="zh-CN"', async () => {
      const el = await open({ locale: 'zh-CN' });
      expect(text($(el, '#section-receipt-title'))).to.equal('收货');
      expect(text($(el, 'label[for="wh-scan"]'))).to.equal('扫描货箱条码');
      expect(text($(el, '#section-cross-check-title'))).to.equal('三方核对');
      expect(text($(el, '[part~="cross-check-status"]'))).to.contain('不一致');
      expect(text($(el, '[part~="transfer-button"]'))).to.equal('转移货权');
    });
  });

  describe('receiving cartons', () => {
    it('adds a row per barcode typed and ended with Enter, defaulting product and quantity from the packing list', async () => {
      const el = await open();
      await scan(el, 'CTN-0003');
      await scan(el, 'XTRA-0009');
      expect(pendingBarcodes(el)).to.deep.equal(['CTN-0003', 'XTRA-0009']);
      const [listed, extra] = $$(el, '[part~="pending-carton"]');
      expect(listed!.querySelector('select')!.value).to.equal('p_panel');
      expect(listed!.querySelector('input')!.value).to.equal('20');
      expect(text(listed)).to.contain('On the packing list');
      expect(extra!.querySelector('select')!.value).to.equal('');
      expect(extra!.querySelector('input')!.value).to.equal('');
      expect(text(extra)).to.contain('Not on the packing list');
      expect($<HTMLInputElement>(el, '[part~="scan-input"]')!.value).to.equal('');
      expect(warehouseDb.posts).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('adds every line of a pasted list', async () => {
      const el = await open();
      await paste(el, 'CTN-0001\nCTN-0002\r\n\nCTN-0003\n');
      expect(pendingBarcodes(el)).to.deep.equal(['CTN-0001', 'CTN-0002', 'CTN-0003']);
      expect(live(el)).to.contain('3 cartons scanned.');
    });

    it('flags a duplicate scan at once: already pending or already received', async () => {
      warehouseDb.receive('ord_wh1', [{ barcode: 'CTN-0001', product_id: 'p_strip', quantity: 50 }]);
      const el = await open();
      await scan(el, 'CTN-0002');
      await scan(el, 'CTN-0002');
      expect(text($(el, '[part~="scan-flags"]'))).to.contain('CTN-0002 is already scanned below.');
      await scan(el, 'CTN-0001');
      expect(text($(el, '[part~="scan-flags"]'))).to.contain('CTN-0001 is already received.');
      await scan(el, 'no');
      expect(text($(el, '[part~="scan-flags"]'))).to.contain('is not a barcode');
      expect(pendingBarcodes(el)).to.deep.equal(['CTN-0002']);
      expect($(el, '[part~="scan-input"]')!.getAttribute('aria-describedby')).to.contain('wh-scan-flags');
    });

    it('records the receipt with the right body, announces it and goes back to the scan field', async () => {
      const el = await open();
      const submitted = oneEvent(el, 'k100-receipt-submit');
      await paste(el, 'CTN-0001\nXTRA-0009');
      const extra = $$(el, '[part~="pending-carton"]')[1]!;
      const select = extra.querySelector('select')!;
      select.value = 'p_panel';
      select.dispatchEvent(new Event('change'));
      await fill(el, '#wh-cartons-1-quantity', '7');
      await submit(el, 'receipt');
      const event = await submitted;
      expect(event.cancelable).to.equal(true);
      const body = {
        cartons: [
          { barcode: 'CTN-0001', product_id: 'p_strip', quantity: 50 },
          { barcode: 'XTRA-0009', product_id: 'p_panel', quantity: 7 },
        ],
      };
      expect(event.detail).to.deep.equal({ order_id: 'ord_wh1', body });
      expect(await posted(el, 'receipts')).to.deep.equal(body);
      await until(() => !$(el, '[part~="pending-carton"]'), 'rows not cleared');
      expect(live(el)).to.equal('Receipt 1 recorded: 2 cartons.');
      await until(() => el.shadowRoot!.activeElement === $(el, '[part~="scan-input"]'), 'focus not back on the scan field');
      await until(() => text($(el, '#section-receipt')).includes('2 cartons on hand.'));
    });

    it('asks for the product and quantity where the packing list has none', async () => {
      const el = await open();
      await scan(el, 'XTRA-0009');
      await submit(el, 'receipt');
      expect(text($(el, '#section-receipt'))).to.contain('Choose the product.');
      expect(text($(el, '#section-receipt'))).to.contain('Enter a whole number from 1 to 10,000,000.');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#wh-cartons-0-product_id'));
      expect(warehouseDb.posts).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('marks the rows the server refused as already received (409)', async () => {
      const el = await open();
      await paste(el, 'CTN-0001\nCTN-0002');
      // Another scanner got CTN-0002 in first.
      warehouseDb.receive('ord_wh1', [{ barcode: 'CTN-0002', product_id: 'p_strip', quantity: 50 }]);
      await submit(el, 'receipt');
      await posted(el, 'receipts');
      const rows = await waitFor(el, '[part~="pending-carton"].is-refused');
      expect(text(rows)).to.contain('CTN-0002');
      expect(text(rows)).to.contain('Already received: the server refused this carton.');
      expect($$(el, '[part~="pending-carton"].is-refused')).to.have.length(1);
      expect(text($(el, '#section-receipt [part~="form-error"]'))).to.equal('Already received: CTN-0002.');
      await expect(el).to.be.accessible();
    });

    it('sends nothing when the page cancels the receipt event', async () => {
      const el = await open();
      el.addEventListener('k100-receipt-submit', (e) => e.preventDefault(), { once: true });
      await scan(el, 'CTN-0001');
      await submit(el, 'receipt');
      expect(text($(el, '#section-receipt [part~="form-note"]'))).to.equal('Not sent: the page canceled it.');
      expect(warehouseDb.posts).to.have.length(0);
      expect(pendingBarcodes(el)).to.deep.equal(['CTN-0001']);
    });
  });

  describe('inspection', () => {
    it('shows the required sample and refuses a smaller one; the random pick fills it', async () => {
      warehouseDb.order('ord_wh1')!.inspectionPercent = 50;
      warehouseDb.receive('ord_wh1', [
        { barcode: 'CTN-0001', product_id: 'p_strip', quantity: 50 },
        { barcode: 'CTN-0002', product_id: 'p_strip', quantity: 50 },
        { barcode: 'CTN-0003', product_id: 'p_panel', quantity: 20 },
      ]);
      const el = await open();
      expect(text($(el, '[part~="required-sample"]'))).to.equal('Required sample: 2 cartons (50% of the cartons on hand).');
      const boxes = $$<HTMLInputElement>(el, '[part~="sample-checkbox"]');
      expect(boxes).to.have.length(3);
      boxes[0]!.click();
      $<HTMLInputElement>(el, '#wh-result')!.click();
      await submit(el, 'inspection');
      expect(text($(el, '#section-inspection'))).to.contain('Select at least 2 cartons.');
      expect(warehouseDb.posts).to.have.length(0);

      $(el, '[part~="random-sample-button"]')!.click();
      await el.updateComplete;
      expect($$<HTMLInputElement>(el, '[part~="sample-checkbox"]').filter((b) => b.checked)).to.have.length(2);
      expect(text($(el, '#wh-sample-count'))).to.equal('2 selected');
      await submit(el, 'inspection');
      const body = (await posted(el, 'inspections')) as { sampled_barcodes: string[]; result: string };
      expect(body.sampled_barcodes).to.have.length(2);
      expect(body.result).to.equal('pass');
      await waitFor(el, '[part~="latest-inspection"]');
      expect(live(el)).to.equal('Inspection recorded: passed.');
    });
  });

  describe('measurements', () => {
    it('totals kg and CBM live and says what is wrong inline', async () => {
      warehouseDb.receive('ord_wh1', [
        { barcode: 'CTN-0001', product_id: 'p_strip', quantity: 50 },
        { barcode: 'CTN-0002', product_id: 'p_strip', quantity: 50 },
      ]);
      const el = await open();
      await waitFor(el, '[part~="measurement-row"]');
      expect($(el, '#wh-m-0-weight_kg')!.getAttribute('inputmode')).to.equal('decimal');
      await fill(el, '#wh-m-0-weight_kg', '12.5');
      await fill(el, '#wh-m-0-length_cm', '60');
      await fill(el, '#wh-m-0-width_cm', '40');
      await fill(el, '#wh-m-0-height_cm', '30');
      expect(text($(el, '[part~="measurement-totals"]'))).to.equal('Totals: 12.5 kg, 0.072 CBM');
      await fill(el, '#wh-m-1-weight_kg', '0');
      expect(text($$(el, '[part~="measurement-row"]')[1])).to.contain('Weight: a number above 0, at most 100,000 kg.');
      expect($(el, '#wh-m-1-weight_kg')!.getAttribute('aria-invalid')).to.equal('true');
      await submit(el, 'measurements');
      expect(text($(el, '#section-measurements [part~="form-error"]'))).to.equal('Fill in every carton: 1 still incomplete or invalid.');
      expect(warehouseDb.posts).to.have.length(0);
      await expect(el).to.be.accessible();

      // Enter moves down the column.
      $<HTMLInputElement>(el, '#wh-m-0-weight_kg')!.focus();
      await sendKeys({ press: 'Enter' });
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#wh-m-1-weight_kg'));
      await fill(el, '#wh-m-1-weight_kg', '11,5');
      for (const c of ['length_cm', 'width_cm', 'height_cm']) await fill(el, `#wh-m-1-${c}`, '50');
      expect(text($(el, '[part~="measurement-totals"]'))).to.equal('Totals: 24 kg, 0.197 CBM');
      const submitted = oneEvent(el, 'k100-measurements-submit');
      await submit(el, 'measurements');
      expect((await submitted).detail.body.cartons[1]).to.deep.equal({ barcode: 'CTN-0002', weight_kg: 11.5, length_cm: 50, width_cm: 50, height_cm: 50 });
      await posted(el, 'measurements');
      await until(() => live(el) === 'Measurements recorded: 24 kg, 0.197 CBM.', live(el));
    });
  });

  describe('consolidation', () => {
    it('a carton received after the passed inspection reopens the inspection and blocks consolidation with the reason until inspected again', async () => {
      warehouseDb.receive('ord_wh1', [
        { barcode: 'CTN-0001', product_id: 'p_strip', quantity: 50 },
        { barcode: 'CTN-0002', product_id: 'p_strip', quantity: 50 },
      ]);
      const o = warehouseDb.order('ord_wh1')!;
      o.inspection = { result: 'pass', required_sample: 1, sampled: 1, notes: null, at: '2026-11-27T10:00:00.000Z' };
      warehouseDb.receive('ord_wh1', [{ barcode: 'CTN-0003', product_id: 'p_panel', quantity: 20 }]);
      for (const c of o.cartons) Object.assign(c, { weight_kg: 12, length_cm: 60, width_cm: 40, height_cm: 30 });
      o.measured = true;
      const stale = 'Cartons arrived after the latest inspection: inspect again, sampling all cartons on hand, before consolidating.';
      const el = await open();
      await waitFor(el, '[part~="latest-inspection"]');
      expect(reason(el, 'consolidation')).to.contain(stale);
      expect(section(el, 'consolidation').querySelector('fieldset')!.disabled).to.equal(true);
      expect(section(el, 'inspection').classList.contains('is-next')).to.equal(true);
      expect(text($(el, '[part~="latest-inspection"]'))).to.contain(stale);

      $(el, '[part~="random-sample-button"]')!.click();
      $<HTMLInputElement>(el, '#wh-result')!.click();
      await submit(el, 'inspection');
      await posted(el, 'inspections');
      await waitFor(el, '#section-consolidation fieldset', (f) => !(f as HTMLFieldSetElement).disabled);
      expect(text($(el, '[part~="latest-inspection"]'))).not.to.contain(stale);
    });

    it('fixes the mode to the contract and checks the container number while typing', async () => {
      readyToConsolidate();
      const el = await open();
      expect(text($(el, '[part~="mode"]'))).to.equal('Mode (from the contract): FCL: full sea container');
      await fill(el, '[part~="container-no-input"]', 'csqu3054384');
      expect(text($(el, '[part~="container-check"]'))).to.equal('⚠ The check digit does not match: for these characters it is 3. Check for a typo.');
      await fill(el, '[part~="seal-no-input"]', 'SL-1');
      await submit(el, 'consolidation');
      expect($(el, '[part~="container-no-input"]')!.getAttribute('aria-invalid')).to.equal('true');
      expect(warehouseDb.posts).to.have.length(0);
      await fill(el, '[part~="container-no-input"]', 'CSQU3054383');
      expect(text($(el, '[part~="container-check"]'))).to.equal('✓ Check digit verified.');
      await submit(el, 'consolidation');
      expect(await posted(el, 'consolidation')).to.deep.equal({ mode: 'fcl', container_no: 'CSQU3054383', seal_no: 'SL-1' });
      await until(() => text($(el, '#section-consolidation [part~="step-summary"]')) === 'Consolidated: container CSQU3054383, seal SL-1.');
      // On to the step the order now waits for.
      await until(() => el.shadowRoot!.activeElement === $(el, '#section-customs-title'), 'focus not on customs');
    });

    it('shows the server’s field errors next to their fields', async () => {
      readyToConsolidate();
      worker.use(
        http.post('*/v1/orders/:id/consolidation', () =>
          problem(422, 'validation', 'Invalid request', { detail: 'The request is not valid.', errors: [{ path: 'seal_no', message: 'is not a seal number' }] }),
        ),
      );
      const el = await open();
      await fill(el, '[part~="container-no-input"]', 'CSQU3054383');
      await fill(el, '[part~="seal-no-input"]', 'SL-1');
      await submit(el, 'consolidation');
      const error = await waitFor(el, '#wh-seal_no-error');
      expect(text(error)).to.equal('is not a seal number');
      expect($(el, '[part~="seal-no-input"]')!.getAttribute('aria-describedby')).to.contain('wh-seal_no-error');
      await until(() => el.shadowRoot!.activeElement === $(el, '[part~="seal-no-input"]'), 'focus not on the field');
    });
  });

  describe('cross-check and ownership transfer', () => {
    /** Consolidated, cleared and picked up, with CTN-0002 (50 strips) never received. */
    function pickedUpShort() {
      readyToConsolidate();
      const o = warehouseDb.order('ord_wh1')!;
      o.cartons = o.cartons.filter((c) => c.barcode !== 'CTN-0002');
      o.consolidation = { order_id: 'ord_wh1', mode: 'fcl', container_no: 'CSQU3054383', seal_no: 'SL-1', carrier: null, tracking_no: null, at: '2026-11-27T10:00:00.000Z' };
      o.customs = { declaration_no: 'EXP-123456', at: '2026-11-27T10:00:00.000Z' };
      for (const code of ['departed', 'arrived', 'ready_for_pickup', 'picked_up'] as const) o.tracking.push({ code, at: '2026-11-27T10:00:00.000Z', location: 'Rotterdam' });
      return o;
    }

    it('highlights a discrepancy in words and keeps the transfer disabled with the reason; matched, it settles', async () => {
      const o = pickedUpShort();
      const el = await open();
      await waitFor(el, '[part~="cross-check-status"]');
      expect(text($(el, '[part~="cross-check-status"]'))).to.equal('⚠ Discrepancy: 1 difference.');
      const line = $(el, '[part~="cross-check-line-diff"]')!;
      expect(text(line)).to.equal('LED Strip 5 m 100 100 50 ⚠ Short');
      expect(text($(el, '[part~="difference"]'))).to.equal('⚠ Short: LED Strip 5 m: contract 100, received 50 (50 missing).');
      expect($<HTMLButtonElement>(el, '[part~="transfer-button"]')!.disabled).to.equal(true);
      expect(reason(el, 'transfer')).to.equal('ⓘ The cross-check must match first.');
      await expect(el).to.be.accessible();

      // The missing carton turns up (e.g. after an amendment and a revised packing list elsewhere).
      o.cartons.push({ ...o.cartons[0]!, barcode: 'CTN-0002' });
      el.refresh();
      await waitFor(el, '[part~="transfer-button"]', (b) => !(b as HTMLButtonElement).disabled);
      expect(text($(el, '[part~="cross-check-status"]'))).to.equal('✓ Match: packing list, goods received and contract agree.');
      $(el, '[part~="transfer-button"]')!.click();
      const confirm = await waitFor(el, '[part~="confirm-transfer-button"]');
      expect(text($(el, '[part~="transfer-confirm"]'))).to.contain('Release $983.50 to Shenzhen LED Co. and settle the order?');
      expect(el.shadowRoot!.activeElement).to.equal(confirm);
      expect(warehouseDb.posts).to.have.length(0);
      const transferred = oneEvent(el, 'k100-ownership-transfer');
      confirm.click();
      expect((await transferred).detail).to.deep.equal({ order_id: 'ord_wh1', body: {} });
      await posted(el, 'ownership-transfer');
      const settled = await waitFor(el, '[part~="settled"]');
      expect(text(settled)).to.contain('Ownership transferred: $983.50 released to the supplier. The order is settled.');
      expect(text($(el, '[part~="next-step"]'))).to.equal('Nothing: the order is complete.');
      expect(reason(el, 'receipt')).to.contain('The order is closed');
      await expect(el).to.be.accessible();
    });

    it('sends an Idempotency-Key with the transfer and the same one when retrying after a lost answer', async () => {
      pickedUpShort().cartons.push({ ...warehouseDb.order('ord_wh1')!.cartons[0]!, barcode: 'CTN-0002' });
      // The server releases the money, but its answer never arrives.
      warehouseDb.loseAnswers = 1;
      const el = await open();
      (await waitFor(el, '[part~="transfer-button"]', (b) => !(b as HTMLButtonElement).disabled)).click();
      (await waitFor(el, '[part~="confirm-transfer-button"]')).click();
      await posted(el, 'ownership-transfer');
      const error = await waitFor(el, '#section-transfer [part~="form-error"]');
      expect(text(error)).to.equal('Could not record this step. Try again.');
      expect(warehouseDb.order('ord_wh1')!.settled).to.equal(true);

      // The same attempt again: the same key, so the server replays the release instead of refusing the settled order.
      (await waitFor(el, '[part~="transfer-button"]')).click();
      (await waitFor(el, '[part~="confirm-transfer-button"]')).click();
      await posted(el, 'ownership-transfer', 2);
      const settled = await waitFor(el, '[part~="settled"]');
      expect(text(settled)).to.contain('Ownership transferred: $983.50 released to the supplier. The order is settled.');
      const [first, second] = warehouseDb.posts.filter((p) => p.step === 'ownership-transfer');
      expect(first!.key).to.match(/^[\x21-\x7e]{1,255}$/);
      expect(second!.key).to.equal(first!.key);
      expect(second!.body).to.deep.equal({});
    });

    it('sends no transfer when the page cancels it', async () => {
      pickedUpShort().cartons.push({ ...warehouseDb.order('ord_wh1')!.cartons[0]!, barcode: 'CTN-0002' });
      const el = await open();
      el.addEventListener('k100-ownership-transfer', (e) => e.preventDefault(), { once: true });
      (await waitFor(el, '[part~="transfer-button"]', (b) => !(b as HTMLButtonElement).disabled)).click();
      (await waitFor(el, '[part~="confirm-transfer-button"]')).click();
      await el.updateComplete;
      expect(warehouseDb.posts).to.have.length(0);
      expect(text($(el, '#section-transfer [part~="form-note"]'))).to.equal('Not sent: the page canceled it.');
    });

    it('renders a hostile product name as text', async () => {
      const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
      warehouseDb.order('ord_wh1')!.contract = [{ product_id: 'p_strip', product_name: hostile, quantity: 100 }];
      const el = await open();
      await waitFor(el, '[part~="cross-check-line"]');
      expect(text($(el, '[part~="cross-check-line"] th'))).to.equal(hostile);
      expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
      await scan(el, 'XTRA-0009');
      expect([...$<HTMLSelectElement>(el, '[part~="pending-carton"] select')!.options].map((o) => o.textContent)).to.include(hostile);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  });

  describe('end to end', () => {
    it('walks an order from receipt to settlement through the console', async () => {
      const el = await open();
      await paste(el, 'CTN-0001\nCTN-0002\nCTN-0003');
      await submit(el, 'receipt');
      await posted(el, 'receipts');
      await waitFor(el, '[part~="sample-checkbox"]');

      $(el, '[part~="random-sample-button"]')!.click();
      $<HTMLInputElement>(el, '#wh-result')!.click();
      await submit(el, 'inspection');
      await posted(el, 'inspections');
      await waitFor(el, '[part~="latest-inspection"]');

      for (let i = 0; i < 3; i++) {
        await fill(el, `#wh-m-${i}-weight_kg`, '12');
        for (const c of ['length_cm', 'width_cm', 'height_cm']) await fill(el, `#wh-m-${i}-${c}`, '40');
      }
      await submit(el, 'measurements');
      await posted(el, 'measurements');
      await waitFor(el, '#section-consolidation fieldset', (f) => !(f as HTMLFieldSetElement).disabled);

      await fill(el, '[part~="container-no-input"]', 'MSKU9070323');
      await fill(el, '[part~="seal-no-input"]', 'SEAL-77');
      await submit(el, 'consolidation');
      await posted(el, 'consolidation');
      await waitFor(el, '[part~="declaration-input"]', (i) => !(i.closest('fieldset') as HTMLFieldSetElement).disabled);

      await fill(el, '[part~="declaration-input"]', 'exp-2026-000123');
      await submit(el, 'customs');
      expect(await posted(el, 'customs-release')).to.deep.equal({ declaration_no: 'EXP-2026-000123' });
      await waitFor(el, '[part~="next-event"]', (p) => !(p.closest('fieldset') as HTMLFieldSetElement).disabled);

      // Departure needs the bill of lading number by sea.
      await fill(el, '[part~="location-input"]', 'Ningbo');
      await submit(el, 'tracking');
      expect(text($(el, '#section-tracking'))).to.contain('Required.');
      await fill(el, '[part~="bill-of-lading-input"]', 'BL-889900');
      await submit(el, 'tracking');
      expect(await posted(el, 'tracking-events')).to.deep.equal({ code: 'departed', location: 'Ningbo', bill_of_lading_no: 'BL-889900' });
      for (const [i, event] of (['Arrival at the destination port', 'Ready for pickup', 'Pickup'] as const).entries()) {
        await waitFor(el, '[part~="next-event"]', (p) => text(p) === `Next event: ${event}`);
        await fill(el, '[part~="location-input"]', 'Rotterdam');
        await submit(el, 'tracking');
        await posted(el, 'tracking-events', i + 2);
      }
      const transfer = await waitFor<HTMLButtonElement>(el, '[part~="transfer-button"]', (b) => !(b as HTMLButtonElement).disabled);
      transfer.click();
      (await waitFor(el, '[part~="confirm-transfer-button"]')).click();
      await waitFor(el, '[part~="settled"]');
      expect(warehouseDb.order('ord_wh1')!.settled).to.equal(true);
    });

    it('uploads a bill of lading after consolidation, refusing other file types first', async () => {
      readyToConsolidate();
      warehouseDb.order('ord_wh1')!.consolidation = { order_id: 'ord_wh1', mode: 'fcl', container_no: 'CSQU3054383', seal_no: 'S', carrier: null, tracking_no: null, at: '2026-11-27T10:00:00.000Z' };
      const el = await open();
      const input = await waitFor<HTMLInputElement>(el, '[part~="file-input"]');
      const choose = async (file: File) => {
        const files = new DataTransfer();
        files.items.add(file);
        input.files = files.files;
        input.dispatchEvent(new Event('change'));
        await el.updateComplete;
      };
      await choose(new File(['hello'], 'bl.txt', { type: 'text/plain' }));
      expect(text($(el, '#section-upload'))).to.contain('Choose a PDF, PNG or JPEG file.');
      await choose(new File(['%PDF-1.4'], 'bl.pdf', { type: 'application/pdf' }));
      await submit(el, 'upload');
      await posted(el, 'documents');
      await until(() => live(el) === 'Uploaded bl.pdf.', live(el));
    });
  });
});
