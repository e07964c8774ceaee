import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './index.js';
import { K100ShipmentTracker } from './shipment-tracker.js';
import { $, $$, text, waitFor, until } from '../core/test/helpers.js';
import { TOKENS, db, http, problem, resetMockApi, startMockApi, worker } from '../core/test/mock-api.js';
import { sampleShipment, shipDb } from '../core/test/mock-ship.js';
import { runWidgetSuite } from '../core/test/widget-suite.js';

type Attrs = { session?: string; theme?: string; locale?: string; orderId?: string };

function mount(attrs: Attrs = {}) {
  return fixture<K100ShipmentTracker>(html`<k100-shipment-tracker
    session=${attrs.session ?? TOKENS.buyer}
    theme=${attrs.theme ?? 'light'}
    locale=${attrs.locale ?? 'en'}
    order-id=${attrs.orderId ?? 'ord_track'}
  ></k100-shipment-tracker>`);
}

const names = (el: Element) => $$(el, '[part~="milestone"] .milestone-name').map(text);
const current = (el: Element) => text($(el, '[aria-current="step"] .milestone-name'));
const facts = (el: Element) =>
  $$(el, '[part~="transport"] dl > div').map((row) => `${text(row.querySelector('dt'))} ${text(row.querySelector('dd'))}`);
const liveState = (el: Element) => $(el, '[part~="live-indicator"]')?.dataset['state'];
/** Mounts the tracker and waits until its event stream is open. */
async function mountLive(attrs: Attrs = {}) {
  const el = await mount(attrs);
  await waitFor(el, '[part~="live-indicator"]', (i) => i.dataset['state'] === 'live');
  await until(() => shipDb.streams.length === 1, 'no open stream');
  return el;
}

before(() => startMockApi());
beforeEach(() => {
  resetMockApi();
  shipDb.reset();
  K100ShipmentTracker.refreshDelay = 20;
});
afterEach(() => shipDb.drop());

describe('<k100-shipment-tracker>', () => {
  runWidgetSuite({
    tag: 'k100-shipment-tracker',
    element: K100ShipmentTracker,
    mount,
    endpoint: '/v1/orders/ord_track/shipment',
    empty: sampleShipment({ cartons: [], totals: { cartons: 0, quantity: 0, weight_kg: null, volume_cbm: null } }),
    item: '[part~="milestone"]',
  });

  describe('an order at the warehouse', () => {
    it('shows every milestone in order, the current one marked, with time, place and actor', async () => {
      const el = await mount();
      await waitFor(el, '[part~="milestone"]');
      expect($(el, 'ol.milestones')).to.exist;
      expect(names(el)).to.deep.equal([
        'Contract confirmed',
        'Payment received',
        'Deposit released',
        'Goods received',
        'Inspected',
        'Weighed and measured',
        'Consolidated',
        'China customs released',
        'Departed',
        'Arrived',
        'Ready for pickup',
        'Picked up',
        'Ownership transferred',
        'Settled',
      ]);
      expect($$(el, '[aria-current]')).to.have.length(1);
      expect(current(el)).to.equal('Consolidated');
      const received = $$(el, '[part~="milestone"]')[3]!;
      expect(received.getAttribute('part')).to.equal('milestone milestone-done');
      expect(text(received)).to.contain('Ningbo Designated Warehouse, CNNGB');
      expect(text(received)).to.contain('by Ningbo Designated Warehouse');
      expect(received.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-28T16:00:00.000Z');
      expect(text($$(el, '[part~="milestone"]')[4])).to.contain('Skipped: not agreed');
      expect(text($(el, '[part~="summary"]'))).to.contain('Next: Clear China customs (warehouse)');
      await expect(el).to.be.accessible();
    });

    it('shows the container, the FCL pickup instructions and the cartons with totals', async () => {
      const el = await mount();
      await waitFor(el, '[part~="carton"]');
      expect(facts(el)).to.include('Mode Sea freight, full container (FCL)');
      expect(facts(el)).to.include('Container MSCU1234565');
      expect(facts(el)).to.include('Seal SL-778812');
      expect(facts(el)).to.include('Destination port NLRTM');
      expect(text($(el, '[part~="pickup"]'))).to.contain('Collect the full container at the destination port.');
      expect(text($(el, '[part~="pickup-where"]'))).to.equal('At the destination port NLRTM');
      expect(text($(el, '[part~="pickup-instructions"]'))).to.contain('bill of lading');
      const rows = $$(el, '[part~="carton"]').map((row) => [...row.children].map(text));
      expect(rows[0]).to.deep.equal(['CTN-0001', 'LED Strip 5 m', '200', '12.5 kg', '60 × 40 × 35.5 cm', 'No']);
      expect(rows[2]).to.deep.equal(['CTN-0003', 'LED Strip 5 m', '10', '—', '—', 'Returned to the supplier']);
      expect([...$(el, '[part~="cartons-totals"]')!.children].map(text)).to.deep.equal(['2 cartons', '', '250', '25 kg', '0.17 m³', '']);
    });

    it('shows courier details and door delivery for a courier order', async () => {
      shipDb.shipments.set(
        'ord_track',
        sampleShipment({
          shipping_mode: 'courier',
          consolidation: { order_id: 'ord_track', mode: 'courier', container_no: null, seal_no: null, carrier: 'DHL Express', tracking_no: '1234567890', at: '2026-11-28T18:00:00.000Z' },
          pickup: { mode: 'courier', where: 'delivered by DHL Express (1234567890)', instructions: '' },
        }),
      );
      const el = await mount();
      await waitFor(el, '[part~="pickup"]');
      expect(facts(el)).to.include('Carrier DHL Express');
      expect(facts(el)).to.include('Tracking number 1234567890');
      expect(facts(el).some((f) => f.startsWith('Container'))).to.equal(false);
      expect(text($(el, '[part~="pickup"]'))).to.contain('The courier delivers to your address.');
      expect(text($(el, '[part~="pickup-where"]'))).to.equal('Delivered by DHL Express (1234567890)');
    });

    it('renders hostile product and place names as text', async () => {
      const hostile = '<img src=x onerror=window.__pwned=1>';
      shipDb.shipments.set('ord_track', sampleShipment({ cartons: [{ ...sampleShipment().cartons[0]!, product_name: hostile }] }));
      shipDb.order('ord_track')!.milestones[3]!.place = '<script>window.__pwned=1</script>';
      const el = await mount();
      const row = await waitFor(el, '[part~="carton"]');
      expect(text(row)).to.contain(hostile);
      expect(text($$(el, '[part~="milestone"]')[3])).to.contain('<script>window.__pwned=1</script>');
      expect(el.shadowRoot!.querySelector('img, script') === null).to.equal(true);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });

    it('asks for an order without order-id', async () => {
      const el = await mount({ orderId: '' });
      const box = await waitFor(el, '[part~="empty"]');
      expect(text(box)).to.equal('Choose an order to track.');
      expect(db.calls('GET', /^\/v1\//)).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('documents', () => {
    it('lists them and downloads one with the server filename, the session in a header', async () => {
      const el = await mount();
      await waitFor(el, '[part~="document"]');
      expect($$(el, '[part~="document"] .document-name > span').map(text)).to.deep.equal([
        'Contract',
        'Goods receipt no. 1',
        'Packing list no. 2',
      ]);
      shipDb.documents.get('ord_track')![1]!.filename = 'ignored-listing-name.html';
      const clicked: HTMLAnchorElement[] = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicked.push(this);
      };
      const told = oneEvent(el, 'k100-document-download');
      try {
        $$(el, '[part~="download-button"]')[1]!.click();
        await until(() => clicked.length === 1, 'no download');
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      // The name comes from the server's Content-Disposition, which the mock builds from the stored filename.
      expect(clicked[0]!.download).to.equal('ignored-listing-name.html');
      expect(clicked[0]!.href).to.match(/^blob:/);
      const event = await told;
      expect(event.detail).to.deep.equal({ document_id: 'doc_gr1', kind: 'goods_receipt' });
      expect(event.bubbles && event.composed).to.equal(true);
      const request = db.calls('GET', '/v1/documents/doc_gr1')[0]!;
      expect(request.authorization).to.equal(`Bearer ${TOKENS.buyer}`);
      expect([...request.params]).to.deep.equal([]);
      await until(() => text($$(el, '[part~="download-status"]')[1]) === 'Downloaded Goods receipt no. 1.', 'no status');
      await expect(el).to.be.accessible();
    });

    it('says when a download fails', async () => {
      worker.use(http.get('*/v1/documents/:id', () => problem(500, 'internal', 'Internal error')));
      const el = await mount();
      await waitFor(el, '[part~="document"]');
      $$(el, '[part~="download-button"]')[2]!.click();
      await waitFor(el, '[part~="download-status"].error');
      expect(text($$(el, '[part~="download-status"]')[2])).to.equal('Could not download Packing list no. 2.');
    });
  });

  describe('live updates', () => {
    it('connects with the session in a header, never in the URL, resuming after the events shown', async () => {
      await mountLive();
      const stream = db.calls('GET', '/v1/orders/ord_track/events')[0]!;
      expect(stream.authorization).to.equal(`Bearer ${TOKENS.buyer}`);
      expect([...stream.params]).to.deep.equal([]);
      expect(shipDb.connections).to.deep.equal([{ orderId: 'ord_track', lastEventId: '6' }]);
    });

    it('adds a pushed milestone without a reload, announces it and tells the page', async () => {
      const el = await mountLive();
      const gets = db.calls('GET', '/v1/orders/ord_track').length;
      const told = oneEvent(el, 'k100-order-update');
      shipDb.push('ord_track', 'customs_released', { status: 'customs_released' });
      const event = await told;
      expect(event.detail).to.deep.equal({ order_id: 'ord_track', code: 'customs_released', seq: 7 });
      expect(event.bubbles && event.composed).to.equal(true);
      await until(() => current(el) === 'China customs released', 'milestone not shown');
      expect(text($(el, '[role="status"].sr-only'))).to.equal('New milestone: China customs released');
      expect(db.calls('GET', '/v1/orders/ord_track')).to.have.length(gets + 1);
      expect(text($(el, '[part~="summary"]'))).to.contain('Customs released');
      expect(liveState(el)).to.equal('live');
      await expect(el).to.be.accessible();
    });

    it('gathers a burst of events into one reload', async () => {
      const el = await mountLive();
      const gets = db.calls('GET', '/v1/orders/ord_track/shipment').length;
      K100ShipmentTracker.refreshDelay = 80;
      shipDb.push('ord_track', 'customs_released');
      shipDb.push('ord_track', 'departed', { place: 'Ningbo' });
      await until(() => current(el) === 'Departed', 'milestone not shown');
      expect(db.calls('GET', '/v1/orders/ord_track/shipment')).to.have.length(gets + 1);
      expect(text($(el, '[role="status"].sr-only'))).to.equal('New milestone: China customs released, Departed');
    });

    it('reconnects after a dropped connection with Last-Event-ID and receives the missed event', async () => {
      const el = await mountLive();
      shipDb.push('ord_track', 'customs_released');
      await until(() => current(el) === 'China customs released', 'first event not shown');
      shipDb.drop();
      // Happens while the tracker is disconnected: only the resume can bring it.
      shipDb.push('ord_track', 'departed', { place: 'Ningbo' });
      await until(() => current(el) === 'Departed', 'missed event not received');
      expect(shipDb.connections.map((c) => c.lastEventId)).to.deep.equal(['6', '7']);
      await until(() => liveState(el) === 'live', 'not live again');
    });

    it('says it is reconnecting while the server is unreachable, and recovers', async () => {
      const el = await mountLive();
      worker.use(http.get('*/v1/orders/:id/events', () => problem(503, 'unavailable', 'Unavailable'), { once: true }));
      shipDb.drop();
      await waitFor(el, '[part~="live-indicator"]', (i) => i.dataset['state'] === 'reconnecting');
      expect(text($(el, '[part~="live-indicator"]'))).to.equal('Reconnecting…');
      await waitFor(el, '[part~="live-indicator"]', (i) => i.dataset['state'] === 'live');
    });

    it('shows the expired-session state when the stream answers 401', async () => {
      worker.use(http.get('*/v1/orders/:id/events', () => problem(401, 'session-expired', 'Session expired')));
      const told = oneEvent(document, 'k100-session-expired');
      const el = await mount();
      await told;
      const box = await waitFor(el, '[part~="expired"]');
      expect(text(box)).to.contain('Your session has expired');
      await expect(el).to.be.accessible();
    });

    it('stops following when removed from the page and resumes where it left off when put back', async () => {
      const el = await mountLive();
      const parent = el.parentElement!;
      el.remove();
      await until(() => shipDb.streams.length === 0, 'stream not closed');
      shipDb.push('ord_track', 'customs_released');
      parent.append(el);
      await until(() => current(el) === 'China customs released', 'missed event not received');
      expect(shipDb.connections.map((c) => c.lastEventId)).to.deep.equal(['6', '6']);
    });
  });

  describe('zh-CN and phones', () => {
    it('works in Chinese', async () => {
      const el = await mount({ locale: 'zh-CN' });
      await waitFor(el, '[part~="milestone"]');
      expect(text($(el, 'h2'))).to.equal('订单 ord_track 的货运');
      expect(current(el)).to.equal('已集货装运');
      expect(text($(el, '#ship-cartons'))).to.equal('箱件');
      expect(text($(el, '[part~="download-button"]'))).to.contain('下载');
      // Pickup is worded in the widget's language, not the API's English `where`/`instructions`.
      expect(text($(el, '[part~="pickup-where"]'))).to.equal('目的港 NLRTM');
      expect(text($(el, '[part~="pickup-instructions"]'))).to.contain('提单');
      await expect(el).to.be.accessible();
    });

    it('fits a 390 px phone, the cartons table as one card per carton', async () => {
      const el = await fixture<K100ShipmentTracker>(
        html`<k100-shipment-tracker style="width: 390px" session=${TOKENS.buyer} order-id="ord_track"></k100-shipment-tracker>`,
      );
      await waitFor(el, '[part~="carton"]');
      expect(getComputedStyle($(el, '[part~="carton"]')!).display).to.equal('block');
      expect(el.scrollWidth).to.be.at.most(390);
      await expect(el).to.be.accessible();
    });
  });
});
