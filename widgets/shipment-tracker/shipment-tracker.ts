/** `<k100-shipment-tracker>`: the buyer follows one order from contract to settlement, live. */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApiClient } from '../core/api.js';
import { K100Element } from '../core/element.js';
import { Loader } from '../core/loader.js';
import { renderStates } from '../core/states.js';
import { coreStyles } from '../core/theme.js';
import { saveBlob, ship, type Amendment, type Order, type OrderDocument, type Shipment } from '../core/ship/api.js';
import { K100DocumentDownloadEvent, K100OrderUpdateEvent } from '../core/ship/events.js';
import { LiveController } from '../core/ship/live-controller.js';
import { label, nextStep, st } from '../core/ship/messages.js';
import type { LiveEvent } from '../core/ship/types.js';
import { shipStyles } from '../core/ship/styles.js';
import { AmendmentView, type AmendmentHost } from './amendment-view.js';
import './messages.js';
import { styles } from './shipment-tracker.styles.js';
import { renderCartons, renderDocuments, renderTimeline, renderTransport, type DownloadState } from './views.js';

interface Tracked {
  order: Order;
  shipment: Shipment;
  documents: OrderDocument[];
  amendments: Amendment[];
  /** The session's party kind: only the buyer answers an amendment. */
  kind: string;
  /** Load order: a Retry after a live reload must not bring back older data. */
  stamp: number;
}

let loads = 0;

const load = async (api: ApiClient, orderId: string, signal?: AbortSignal): Promise<Tracked> => {
  const [order, shipment, documents, amendments, kind] = await Promise.all([
    ship(api).order(orderId, signal),
    ship(api).shipment(orderId, signal),
    ship(api).documents(orderId, signal),
    ship(api).amendments(orderId, signal),
    ship(api).party(signal),
  ]);
  return { order, shipment, documents: documents.data, amendments: amendments.data, kind, stamp: ++loads };
};

/**
 * Where one order stands, for the buyer: every milestone in order (contract confirmed, payment, deposit
 * released, goods received, inspected, measured, consolidated, China customs released, departed, arrived,
 * ready for pickup, picked up, ownership transferred, settled) with its time, place and actor and the
 * current one marked; the container or courier details; where to pick the goods up (FCL at the destination
 * port, LCL at the designated destination warehouse, courier to the door); the cartons with their
 * measurements; and the order's documents to download. When the supplier proposes a contract amendment after a
 * short delivery, the buyer reconfirms it (signer name and explicit acceptance; the value difference is
 * refunded from escrow) or declines it with a comment; other parties see the amendments read-only. It stays live without a reload: it follows the
 * order's Server-Sent Events (session in the Authorization header), reloads what changed, announces new
 * milestones politely, and reconnects after a dropped connection without missing an event.
 *
 * @summary Live shipment tracking of one order: milestones, cartons, container, pickup, documents.
 * @tag k100-shipment-tracker
 *
 * @event {K100OrderUpdateEvent} k100-order-update - A live event arrived for the order; `detail: {order_id, code, seq}`.
 * @event {K100DocumentDownloadEvent} k100-document-download - A document was downloaded; `detail: {document_id, kind}`.
 * @event {K100AmendmentConfirmEvent} k100-amendment-confirm - The buyer is about to confirm an amendment (cancelable, before the request); `detail: {order_id, amendment_id, signer_name}`.
 * @event {K100AmendmentDeclineEvent} k100-amendment-decline - The buyer is about to decline an amendment (cancelable, before the request); `detail: {order_id, amendment_id, comment}`.
 * @event {K100SessionExpiredEvent} k100-session-expired - The session was refused; set a freshly minted `session` to continue.
 *
 * @slot no-order - Replaces the "choose an order" text shown without `order-id`.
 *
 * @csspart base - The widget's wrapper.
 * @csspart summary - Status, payment and the next step.
 * @csspart live-indicator - Connection state of the live updates (`data-state`: connecting, live, reconnecting, offline).
 * @csspart timeline - The milestones section.
 * @csspart milestone - One milestone (also `milestone-done`, `milestone-current`, `milestone-upcoming`, `milestone-skipped`).
 * @csspart amendment - The proposed amendment the buyer answers (title, reason, lines, totals, refund, forms).
 * @csspart amendment-reason - The supplier's reason.
 * @csspart amendment-lines - The table of quantities per product.
 * @csspart amendment-line - One product's row.
 * @csspart amendment-totals - Totals before and after, and the refund.
 * @csspart amendment-refund - What escrow refunds to the buyer.
 * @csspart amendment-error - A problem with the buyer's answer (focused when shown).
 * @csspart amendment-confirm-form - Signer name, acceptance and Confirm.
 * @csspart signer-input - The signer name.
 * @csspart accept-checkbox - The explicit acceptance.
 * @csspart amendment-confirm-button - Confirms the amendment.
 * @csspart amendment-decline-form - The comment and Decline.
 * @csspart comment-input - Why the buyer declines.
 * @csspart amendment-decline-button - Declines the amendment.
 * @csspart field-error - An error under a control.
 * @csspart amendment-outcome - What became of the buyer's answer (with the digest once confirmed).
 * @csspart amendments - The list of amendments.
 * @csspart amendment-item - One amendment: number, status, refund, digest.
 * @csspart transport - Mode, warehouse, container or courier, B/L, customs, inspection.
 * @csspart pickup - Where and how the buyer picks the goods up.
 * @csspart pickup-where - The pickup place.
 * @csspart pickup-instructions - The pickup instructions.
 * @csspart cartons - The cartons section.
 * @csspart cartons-table - The cartons table.
 * @csspart carton - One carton's row.
 * @csspart cartons-totals - The totals row.
 * @csspart documents - The documents section.
 * @csspart document - One document.
 * @csspart download-button - Downloads a document.
 * @csspart download-status - What became of a document's download.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - Without `order-id`; also no cartons or no documents yet (with `cartons-empty`, `documents-empty`).
 * @csspart error - The error state.
 * @csspart retry-button - Retries what failed to load.
 * @csspart expired - The expired-session state.
 *
 * @cssproperty --k100-shipment-tracker-max-width - Widest the tracker runs (56rem).
 * @cssproperty --k100-shipment-tracker-accent - Marker of done and current milestones and the live dot; defaults to `--k100-color-primary`.
 */
export class K100ShipmentTracker extends K100Element implements AmendmentHost {
  static override styles = [coreStyles, shipStyles, styles];

  /** @internal Milliseconds live events are gathered before one reload (tests shorten it). */
  static refreshDelay = 300;

  /** The order to track. Without it the widget asks for one. */
  @property({ attribute: 'order-id' }) orderId = '';

  /** The data reloaded after live events, newer than the loader's. */
  @state() private fresh?: { orderId: string; api: ApiClient; value: Tracked };
  @state() private announcement = '';
  @state() private downloads = new Map<string, DownloadState>();
  private gathered: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reloading?: AbortController;
  private readonly amendment = new AmendmentView(this);
  /** The live event the buyer's own answer causes (already announced). */
  private expected: string | undefined;

  private readonly main = new Loader(
    this,
    (api, [orderId], signal) => load(api, orderId, signal),
    () => (this.orderId ? ([this.orderId] as const) : false),
  );

  private readonly live = new LiveController(this, {
    path: () => (this.data ? `/v1/orders/${encodeURIComponent(this.orderId)}/events` : undefined),
    since: () => this.data?.order.timeline.reduce((max, e) => Math.max(max, e.seq), 0),
    onEvent: (event) => this.handleLiveEvent(event),
  });

  private get data(): Tracked | undefined {
    const { fresh } = this;
    const loaded = this.main.value;
    const live = fresh && fresh.orderId === this.orderId && fresh.api === this.api ? fresh.value : undefined;
    return live && (!loaded || live.stamp > loaded.stamp) ? live : loaded;
  }

  /** Reloads the order, shipment and documents. */
  refresh(): void {
    this.main.refresh();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('orderId')) {
      this.announcement = '';
      this.downloads = new Map();
      this.amendment.reset();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.reloading?.abort();
  }

  private handleLiveEvent(event: LiveEvent): void {
    const detail = { order_id: event.order_id, code: event.code, seq: event.seq };
    const update = new K100OrderUpdateEvent(detail);
    this.dispatchEvent(update);
    this.gathered.push(event.code);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), (this.constructor as typeof K100ShipmentTracker).refreshDelay);
  }

  /** @internal The buyer answered an amendment: say so politely and reload; its live event is not announced again. */
  amended(text: string, code: string): void {
    this.announcement = text;
    this.expected = code;
    void this.reload(true);
  }

  /** Reloads after live events, then says which milestones were reached. A failure keeps what is shown. */
  private async reload(quiet = false): Promise<void> {
    const { api, orderId } = this;
    // A quiet reload leaves gathered live codes to the reload their timer will run.
    let codes = quiet ? [] : this.gathered;
    if (!quiet) this.gathered = [];
    if (this.expected && codes.includes(this.expected)) {
      codes = codes.filter((code) => code !== this.expected);
      this.expected = undefined;
      quiet = !codes.length;
    }
    this.reloading?.abort();
    const run = (this.reloading = new AbortController());
    try {
      const value = await load(api, orderId, run.signal);
      if (api !== this.api || orderId !== this.orderId) return;
      this.fresh = { orderId, api, value };
      if (quiet) return;
      const reached = value.order.milestones.filter((m) => codes.includes(m.code)).map((m) => label(this, 'shipMs_', m.code));
      this.announcement = reached.length
        ? st(this, 'shipAnnounce', { milestone: reached.join(', ') })
        : st(this, codes.includes('amendment_proposed') && value.kind === 'buyer' ? 'shipAnnounceAmendment' : 'shipAnnounceOther');
    } catch (error) {
      if (!run.signal.aborted) this.handleApiError(error);
    }
  }

  private handleDownload = async (doc: OrderDocument) => {
    if (this.downloads.get(doc.id) === 'busy') return;
    const set = (state: DownloadState) => (this.downloads = new Map(this.downloads).set(doc.id, state));
    set('busy');
    try {
      saveBlob(this.renderRoot, await ship(this.api).download(doc));
      set('done');
      const event = new K100DocumentDownloadEvent({ document_id: doc.id, kind: doc.kind });
      this.dispatchEvent(event);
    } catch (error) {
      set('failed');
      this.handleApiError(error);
    }
  };

  protected override render() {
    return html`<div part="base" class=${this.baseClass} lang=${this.config.locale}>
      ${this.orderId
        ? renderStates(this, this.main, { complete: () => this.renderTracker(), skeleton: 'rows', count: 4 })
        : html`<div part="empty" class="state"><slot name="no-order"><p>${st(this, 'shipNoOrder')}</p></slot></div>`}
    </div>`;
  }

  private renderTracker() {
    const data = this.data;
    if (!data) return nothing;
    const { order, shipment, documents, amendments, kind } = data;
    const live = this.live.state;
    return html`<section class="section tracker" aria-labelledby="ship-title">
      <div class="head">
        <h2 id="ship-title">${st(this, 'shipTitle', { id: order.id })}</h2>
        <span part="live-indicator" class="live ${live}" data-state=${live}>
          <span class="dot" aria-hidden="true"></span>${st(this, `shipLive_${live}`)}
        </span>
      </div>
      <p class="sr-only" role="status">${this.announcement}</p>
      <p part="summary" class="summary">
        <span class="badge ${order.status}">${label(this, 'shipSt_', order.status)}</span>
        <span class="badge ${order.payment_status}">${label(this, 'shipPay_', order.payment_status)}</span>
        <span class="supplier">${order.supplier.name}</span>
        <span class="next">${nextStep(this, order.next_step)}</span>
      </p>
      ${this.amendment.render(order, amendments, kind)} ${renderTimeline(this, order)}
      <div class="columns">${renderTransport(this, order, shipment)}</div>
      ${renderCartons(this, shipment)} ${renderDocuments(this, documents, this.downloads, this.handleDownload)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'k100-shipment-tracker': K100ShipmentTracker;
  }
}
