/** `<k100-warehouse-console>`: the designated warehouse's operator works an order from receipt to ownership transfer. */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import { ApiError, type ApiClient } from '../core/api.js';
import { K100Element } from '../core/element.js';
import { Loader } from '../core/loader.js';
import { coreStyles } from '../core/theme.js';
import { warehouse, type OrderSummary, type PackingList } from '../core/warehouse/api.js';
import { renderKept } from '../core/warehouse/kept.js';
import { wt, type WarehouseKey } from '../core/warehouse/messages.js';
import type { Params } from '../core/i18n.js';
import { renderStates } from '../core/states.js';
import { renderCrossCheck } from './cross-check-view.js';
import { ConsolidationForm, CustomsForm } from './dispatch-forms.js';
import { gates, sectionOf, type ConsoleData, type Gate } from './gates.js';
import { InspectionForm } from './inspection-form.js';
import { MeasurementsForm } from './measurements-form.js';
import { nextText, renderOrderList, statusText } from './order-list.js';
import { ReceiptForm } from './receipt-form.js';
import { ReturnsForm } from './returns-form.js';
import type { SectionId, StepForm } from './step-form.js';
import { TrackingForm, UploadForm } from './tracking-form.js';
import { TransferPanel } from './transfer-panel.js';
import { styles } from './warehouse-console.styles.js';

const TITLES: Record<SectionId, WarehouseKey> = {
  receipt: 'whReceiptTitle',
  returns: 'whReturnsTitle',
  inspection: 'whInspectionTitle',
  measurements: 'whMeasureTitle',
  consolidation: 'whConsolidationTitle',
  customs: 'whCustomsTitle',
  tracking: 'whTrackingTitle',
  upload: 'whUploadTitle',
  transfer: 'whTransferTitle',
};

/** What the console loads for an order before it paints; the packing list follows (see `packing`). */
type Loaded = Omit<ConsoleData, 'packingList'>;

// The class's JSDoc must touch the class: the manifest analyzer reads @tag, @event, … only from there.
/**
 * The warehouse operator's console. Without `order-id` it lists the warehouse's paid orders with what
 * each waits for; opening one (or setting `order-id`) shows the order's steps in their order, each
 * disabled with the reason while the order does not allow it yet: receiving cartons with a
 * keyboard-wedge scanner (Enter per barcode, pasted lists, duplicates flagged at once), returning
 * cartons, inspecting the agreed sample (random pick), weighing and measuring every carton with live kg
 * and CBM totals, consolidating (container and seal with an ISO 6346 check, or courier), the export
 * customs release, tracking events in order and the bill of lading upload. The cross-check of packing
 * list, goods received and contract spells out every difference; ownership transfer, confirmed first,
 * waits for the pickup and a matching cross-check, then releases the escrow balance and settles the order.
 * Refusals show at the form they belong to; results are announced politely and focus moves on.
 *
 * @summary The operator's warehouse console: scan, receive, inspect, measure, consolidate, clear, track, transfer.
 * @tag k100-warehouse-console
 *
 * @event {K100ReceiptSubmitEvent} k100-receipt-submit - Cancelable, before cartons are recorded as received; `detail: {order_id, body}`.
 * @event {K100InspectionSubmitEvent} k100-inspection-submit - Cancelable, before an inspection is recorded; `detail: {order_id, body}`.
 * @event {K100MeasurementsSubmitEvent} k100-measurements-submit - Cancelable, before measurements are recorded; `detail: {order_id, body}`.
 * @event {K100ConsolidationSubmitEvent} k100-consolidation-submit - Cancelable, before consolidation is recorded; `detail: {order_id, body}`.
 * @event {K100CustomsReleaseEvent} k100-customs-release - Cancelable, before the customs release is recorded; `detail: {order_id, body}`.
 * @event {K100TrackingSubmitEvent} k100-tracking-submit - Cancelable, before a tracking event is recorded; `detail: {order_id, body}`.
 * @event {K100OwnershipTransferEvent} k100-ownership-transfer - Cancelable, before ownership is transferred and escrow released; `detail: {order_id, body: {}}`.
 * @event {K100SessionExpiredEvent} k100-session-expired - The session was refused; set a freshly minted `session` to continue.
 *
 * @slot empty - Replaces the "no paid orders" text.
 *
 * @csspart base - The widget's wrapper.
 * @csspart toolbar - Title and Refresh above the order list.
 * @csspart refresh-button - Reloads what is shown.
 * @csspart orders - The order list.
 * @csspart order - One order in the list (a button that opens it).
 * @csspart badge - A status badge.
 * @csspart next-badge - Marks the step the order waits for.
 * @csspart back-button - Back to the order list.
 * @csspart order-header - The open order: parties, status, mode, destination and next step.
 * @csspart section - One step's section (also `section-<step>`: receipt, returns, inspection, measurements, consolidation, customs, tracking, upload, transfer).
 * @csspart step-reason - Why a step is not allowed yet (or any more).
 * @csspart step-summary - What a once-only step recorded.
 * @csspart scan-input - The barcode scan field.
 * @csspart scan-flags - Duplicate and invalid scans; each one a `scan-flag`.
 * @csspart pending-cartons - Scanned cartons waiting to be recorded; each row a `pending-carton`.
 * @csspart remove-button - Removes a pending carton.
 * @csspart required-sample - The inspection's required sample size.
 * @csspart sample-picker - The inspection's carton checkboxes (`sample-checkbox`).
 * @csspart random-sample-button - Picks a random sample of the required size.
 * @csspart measurements-grid - The weight and dimensions grid; each row a `measurement-row`.
 * @csspart measurement-totals - Live totals in kg and CBM.
 * @csspart mode - The shipping mode fixed by the contract.
 * @csspart container-check - The ISO 6346 check-digit hint.
 * @csspart next-event - The tracking event due next.
 * @csspart file-input - The bill of lading file field.
 * @csspart cross-check - The cross-check panel.
 * @csspart cross-check-status - Match or discrepancy, in words.
 * @csspart cross-check-table - Contract, packing list and received quantities per product; rows `cross-check-line` (`cross-check-line-diff` when they differ).
 * @csspart difference-mark - A difference's mark in its row.
 * @csspart differences - Every difference in words; each a `difference`.
 * @csspart transfer-button - Starts the ownership transfer (asks to confirm).
 * @csspart transfer-confirm - The confirmation, with `confirm-transfer-button` and `cancel-button`.
 * @csspart settled - The settled order.
 * @csspart submit-button - A step's submit button (also `<step>-button`).
 * @csspart field-error - A field's error message.
 * @csspart form-error - A refusal not tied to one field.
 * @csspart form-note - Said when the page canceled a step.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - No paid orders.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's Retry button.
 * @csspart expired - The expired-session state.
 *
 * @cssproperty --k100-warehouse-console-max-width - Widest the console runs (64rem).
 * @cssproperty --k100-warehouse-console-next-accent - Edge of the step the order waits for; defaults to `--k100-color-primary`.
 * @cssproperty --k100-warehouse-console-diff-background - Background of a cross-check row that differs; a light or dark red by default.
 */
export class K100WarehouseConsole extends K100Element {
  static override styles = [coreStyles, styles];

  /** The order to open directly; without it the console lists the warehouse's paid orders. */
  @property({ attribute: 'order-id' }) orderId = '';

  /** The order opened from the list. */
  @state() private opened = '';
  /** The section whose request is in flight. */
  @state() busy: SectionId | undefined;
  @state() private announcement = '';

  private readonly forms = {
    receipt: new ReceiptForm(this),
    returns: new ReturnsForm(this),
    inspection: new InspectionForm(this),
    measurements: new MeasurementsForm(this),
    consolidation: new ConsolidationForm(this),
    customs: new CustomsForm(this),
    tracking: new TrackingForm(this),
    upload: new UploadForm(this),
    transfer: new TransferPanel(this),
  };

  private readonly list = new Loader(
    this,
    (api, [], signal) => warehouse(api).orders('', signal),
    () => (this.orderKey ? false : ([] as const)),
  );

  private readonly main = new Loader(
    this,
    async (api, [orderId], signal): Promise<Loaded> => {
      const w = warehouse(api);
      const [order, shipment, crossCheck] = await Promise.all([w.order(orderId, signal), w.shipment(orderId, signal), w.crossCheck(orderId, signal)]);
      return { order, shipment, crossCheck };
    },
    () => (this.orderKey ? ([this.orderKey] as const) : false),
  );

  /**
   * The packing list the cross-check names: no request (and no 404) before the supplier sent one. Its own
   * loader, so the order, the cross-check and the steps paint without waiting for it; only receiving
   * (which fills in product and quantity from its lines) shows a placeholder until it is in.
   */
  private readonly packing = new Loader(
    this,
    (api, [orderId], signal) => warehouse(api).packingList(orderId, signal),
    () => {
      const loaded = this.main.value;
      const revision = loaded?.order.id === this.orderKey ? loaded.crossCheck.packing_list_revision : null;
      return revision === null || revision === undefined ? false : ([this.orderKey, revision] as const);
    },
  );

  /** The order shown: `order-id`, or the one opened from the list. */
  get orderKey(): string {
    return this.orderId || this.opened;
  }

  private w(key: WarehouseKey, params?: Params) {
    return wt(this, key, params);
  }

  /** Reloads what is shown (another device may have recorded a step meanwhile). */
  refresh(): void {
    (this.orderKey ? this.main : this.list).refresh();
    if (this.orderKey && this.packing.status === TaskStatus.ERROR) this.packing.refresh();
  }

  /** The packing list of `loaded`'s revision: null when there is none, undefined while it loads. */
  private packingListOf({ crossCheck }: Loaded): PackingList | null | undefined {
    if (crossCheck.packing_list_revision === null) return null;
    const list = this.packing.status === TaskStatus.COMPLETE ? this.packing.value : undefined;
    return list === null || list?.revision === crossCheck.packing_list_revision ? list : undefined;
  }

  private scope?: ApiClient;

  protected override willUpdate(changed: PropertyValues): void {
    if ((this.scope && this.scope !== this.api) || changed.has('orderId')) {
      if (changed.has('orderId')) this.opened = '';
      for (const form of Object.values(this.forms)) form.reset();
    }
    this.scope = this.api;
  }

  /** @internal Says `text` in the polite live region (a repeat is still announced). */
  announce(text: string): void {
    this.announcement = text === this.announcement ? `${text}\u00a0` : text;
  }

  private async focusOn(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** @internal Runs one step for a form: see `ConsoleHost.step`. */
  async step<R>(form: StepForm, event: Event | undefined, send: (api: ReturnType<typeof warehouse>) => Promise<R>, done: (result: R) => string): Promise<boolean> {
    if (this.busy) return false;
    form.clear();
    if (event) {
      this.dispatchEvent(event);
      if (event.defaultPrevented) {
        form.note = this.w('whCanceled');
        this.requestUpdate();
        return false;
      }
    }
    const orderId = this.orderKey;
    this.busy = form.section;
    try {
      const result = await send(warehouse(this.api));
      if (orderId !== this.orderKey) return false;
      const text = done(result);
      form.succeeded();
      this.announce(text);
      this.main.refresh();
      await this.main.task.taskComplete.catch(() => {});
      this.busy = undefined;
      await this.focusAfter(form.section);
      return true;
    } catch (error) {
      this.handleApiError(error);
      form.fail(error);
      // The order moved on elsewhere: show where it stands now.
      if (error instanceof ApiError && error.status === 409) this.main.refresh();
      this.busy = undefined;
      void form.invalid();
      return false;
    } finally {
      this.busy = undefined;
    }
  }

  /** After a step: scanning carries on in the scan field; otherwise on to the step the order now waits for. */
  private async focusAfter(section: SectionId) {
    if (section === 'receipt') return this.focusOn('[part~="scan-input"]');
    if (section === 'transfer') return this.focusOn('[part~="settled"], #section-transfer-title');
    const next = sectionOf(this.main.value?.order.next_step?.code ?? undefined);
    return this.focusOn(`#section-${next && next !== section ? next : section}-title`);
  }

  private handleOpen = (order: OrderSummary) => {
    this.opened = order.id;
    void this.focusOn('[part~="back-button"]');
  };

  private handleBack() {
    this.opened = '';
    for (const form of Object.values(this.forms)) form.reset();
    this.list.refresh();
    void this.focusOn('[part~="refresh-button"]');
  }

  protected override render() {
    return html`<div part="base" class=${this.baseClass} lang=${this.config.locale}>
      <p class="sr-only" role="status">${this.announcement}</p>
      ${this.orderKey ? this.renderConsole() : this.renderList()}
    </div>`;
  }

  private renderList() {
    return html`<div part="toolbar" class="row toolbar">
        <h2 class="grow">${this.w('whOrdersTitle')}</h2>
        <button part="refresh-button" class="btn" type="button" @click=${() => this.refresh()}>${this.w('whRefresh')}</button>
      </div>
      ${renderKept(this, this.list, {
        complete: (orders) => renderOrderList(this, orders, this.handleOpen),
        isEmpty: (orders) => orders.length === 0,
        empty: this.w('whNoOrders'),
        skeleton: 'rows',
      })}`;
  }

  private renderConsole() {
    return html`${this.orderId
        ? nothing
        : html`<div><button part="back-button" class="btn link" type="button" @click=${this.handleBack}>← ${this.w('whBack')}</button></div>`}
      ${renderKept(this, this.main, { complete: (data) => this.renderOrder(data), skeleton: 'rows', count: 4 })}`;
  }

  private renderOrder(loaded: Loaded) {
    const { order } = loaded;
    if (order.id !== this.orderKey) return nothing;
    const packingList = this.packingListOf(loaded);
    const data: ConsoleData = { ...loaded, packingList: packingList ?? null };
    const g = gates(data);
    const next = order.next_step?.by === 'operator' ? sectionOf(order.next_step.code) : undefined;
    const f = this.forms;
    const section = (id: SectionId, body: () => unknown, summary?: () => unknown) => this.renderSection(id, g[id], id === next, body, summary);
    const { shipment } = data;
    const consolidation = shipment.consolidation;
    return html`<section class="console" aria-labelledby="wh-order-title">
      <div part="order-header" class="stack">
        <div class="row">
          <h2 id="wh-order-title" class="grow">${this.w('whOrderTitle', { id: order.id })}</h2>
          <button part="refresh-button" class="btn" type="button" @click=${() => this.refresh()}>${this.w('whRefresh')}</button>
        </div>
        <p>${this.w('whOrderLine', { buyer: order.buyer.name, supplier: order.supplier.name })}</p>
        <dl class="facts">
          <div><dt>${this.w('whStatusLabel')}</dt><dd><span part="badge" class="badge">${statusText(this, order.status)}</span></dd></div>
          <div><dt>${this.w('whModeLabel')}</dt><dd>${this.w(`whMode_${order.shipping_mode}`)}</dd></div>
          <div><dt>${this.w('whDestination')}</dt><dd class="mono">${order.destination_port}</dd></div>
          <div><dt>${this.w('whNextLabel')}</dt><dd part="next-step">${nextText(this, order.next_step)}</dd></div>
        </dl>
      </div>
      <section id="section-cross-check" part="section section-cross-check" class="step" aria-labelledby="section-cross-check-title">
        <h3 id="section-cross-check-title" tabindex="-1">${this.w('whCrossTitle')}</h3>
        ${renderCrossCheck(this, data.crossCheck)}
      </section>
      ${section('receipt', () =>
        packingList === undefined ? renderStates(this, this.packing, { complete: () => nothing, skeleton: 'rows', count: 2 }) : f.receipt.render(data),
      )}
      ${section('returns', () => f.returns.render(data))}
      ${section('inspection', () => f.inspection.render(data))} ${section('measurements', () => f.measurements.render(data))}
      ${section('consolidation', () => f.consolidation.render(data), () =>
        consolidation?.mode === 'courier'
          ? this.w('whConsolidatedCourier', { carrier: consolidation.carrier ?? '', tracking: consolidation.tracking_no ?? '' })
          : this.w('whConsolidatedInto', { container: consolidation?.container_no ?? '', seal: consolidation?.seal_no ?? '' }),
      )}
      ${section('customs', () => f.customs.render(), () => this.w('whReleasedUnder', { number: shipment.customs?.declaration_no ?? '' }))}
      ${section('tracking', () => html`${this.renderTracking(data)} ${f.tracking.render(data)}`, () =>
        html`${this.renderTracking(data)}<p>${this.w('whTrackingAllDone')}</p>`,
      )}
      ${section('upload', () => f.upload.render())}
      ${this.renderSection('transfer', g.transfer, next === 'transfer', () => f.transfer.render(data, g.transfer), () => f.transfer.render(data, g.transfer))}
    </section>`;
  }

  private renderTracking({ shipment }: ConsoleData) {
    if (!shipment.tracking.length) return nothing;
    return html`<ol part="tracking-events" class="events">
      ${shipment.tracking.map(
        (e) => html`<li>✓ ${this.w('whTrackingLine', { event: this.w(`whStep_${e.code}`), location: e.location, at: this.date(e.at) })}</li>`,
      )}
    </ol>`;
  }

  private renderSection(id: SectionId, gate: Gate, next: boolean, body: () => unknown, summary?: () => unknown) {
    const reasonId = `section-${id}-reason`;
    return html`<section id="section-${id}" part="section section-${id}" class="step is-${gate.state} ${next ? 'is-next' : ''}" aria-labelledby="section-${id}-title">
      <div class="row">
        <h3 id="section-${id}-title" class="grow" tabindex="-1">${this.w(TITLES[id])}</h3>
        ${next ? html`<span part="next-badge" class="badge next">→ ${this.w('whNextHere')}</span>` : nothing}
        ${gate.state === 'done' ? html`<span part="badge" class="badge done">✓ ${this.w('whDone')}</span>` : nothing}
      </div>
      ${gate.reason ? html`<p id=${reasonId} part="step-reason" class="reason">ⓘ ${this.w(gate.reason)}</p>` : nothing}
      ${gate.state === 'done' && summary
        ? html`<div part="step-summary">${summary()}</div>`
        : html`<fieldset class="plain" ?disabled=${gate.state === 'blocked'} aria-describedby=${gate.reason ? reasonId : nothing}>${body()}</fieldset>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'k100-warehouse-console': K100WarehouseConsole;
  }
}
