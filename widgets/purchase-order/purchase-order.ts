/** `<k100-purchase-order>`: negotiate terms (offers and counter-offers), accept them, and issue the e-PO. */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, allPages, type ApiClient } from '../core/api.js';
import { DocumentListener } from '../core/document-listener.js';
import { K100Element } from '../core/element.js';
import type { SelectedItem } from '../core/events.js';
import { Loader } from '../core/loader.js';
import { renderExpired } from '../core/states.js';
import { renderKept } from '../core/deals/kept-states.js';
import { coreStyles } from '../core/theme.js';
import { deals, type Negotiation, type NegotiationStatus } from '../core/deals/api.js';
import { K100NegotiationCreateEvent, K100OfferSubmitEvent } from '../core/deals/events.js';
import { focusFirstInvalid, serverFieldErrors } from '../core/forms/fields.js';
import '../core/deals/messages.js';
import { dealStyles } from '../core/deals/styles.js';
import { productNames, renderTerms } from '../core/deals/terms-view.js';
import { NegotiationActions } from './negotiation-actions.js';
import { STATUS_KEYS, counterparty, renderList, renderTimeline, stateLine, statusBadge } from './negotiation-view.js';
import { OfferForm } from './offer-form.js';
import './messages.js';
import { styles } from './purchase-order.styles.js';

const STATUSES = ['open', 'accepted', 'withdrawn'] as const;

/**
 * Negotiates the terms of a purchase between one buyer and one supplier. Without `negotiation-id` it lists
 * the caller's negotiations; a buyer's `k100-folder-select` (or the `items` property) starts a new one with
 * a terms form (quantity and unit price per line, Incoterm, delivery date, deposit and inspection
 * percentages, shipping mode, destination port, notes, message). A selection spanning several suppliers
 * asks which supplier's items to negotiate, since a negotiation is with one supplier. A negotiation shows
 * its current terms with the server's totals, every offer as a timeline with what changed from the
 * previous one, and the actions the server allows the caller now: counter-offer, accept, withdraw, and
 * for the buyer of an accepted negotiation, issue the electronic purchase order. Buyer and supplier views
 * follow the session's party.
 *
 * @summary Negotiate terms, accept them and issue the electronic purchase order.
 * @tag k100-purchase-order
 *
 * @event {K100OfferSubmitEvent} k100-offer-submit - Cancelable, before an offer is sent (the first one opens the negotiation); `detail: {negotiation_id, supplier_id, terms, message}`. `preventDefault()` keeps it unsent.
 * @event {K100NegotiationCreateEvent} k100-negotiation-create - A negotiation was opened; `detail: {negotiation}`.
 * @event {K100NegotiationAcceptEvent} k100-negotiation-accept - The caller accepted the latest offer; `detail: {negotiation}`.
 * @event {K100NegotiationWithdrawEvent} k100-negotiation-withdraw - The buyer withdrew; `detail: {negotiation}`.
 * @event {K100PoIssueEvent} k100-po-issue - The buyer issued the e-PO; `detail: {purchase_order}`.
 * @event {K100SessionExpiredEvent} k100-session-expired - The session was refused; set a freshly minted `session` to continue.
 *
 * @slot empty - Replaces the "no negotiations yet" text.
 *
 * @csspart base - The widget's wrapper.
 * @csspart toolbar - Status filter and Refresh above the list.
 * @csspart status-select - The status filter.
 * @csspart refresh-button - Reloads the list or the negotiation.
 * @csspart negotiations - The list of negotiations.
 * @csspart negotiation - One negotiation in the list (a button that opens it).
 * @csspart back-button - Back from a negotiation to the list.
 * @csspart badge - A status badge.
 * @csspart terms - Priced terms: line items, totals and the other terms.
 * @csspart terms-table - The line items table with its totals.
 * @csspart terms-fields - Incoterm, delivery date and the other terms.
 * @csspart change-mark - The "was …" mark on a changed value.
 * @csspart timeline - The offer history.
 * @csspart offer - One offer in the history.
 * @csspart offer-message - The message sent with an offer.
 * @csspart offer-differences - What an offer changed from the previous one.
 * @csspart offer-totals - An offer's subtotal, deposit and balance.
 * @csspart supplier-choice - Which supplier's items to negotiate (selection from several suppliers).
 * @csspart offer-form - The terms form.
 * @csspart line - One line item in the form.
 * @csspart field-error - A field's error message.
 * @csspart form-error - A failure not tied to one field.
 * @csspart submit-button - Sends the offer.
 * @csspart cancel-button - Closes the form.
 * @csspart actions - The buttons for what the caller may do now.
 * @csspart counter-button - Opens a counter-offer.
 * @csspart accept-button - Accepts the latest offer (after a confirmation step).
 * @csspart withdraw-button - Withdraws the negotiation (buyer, after a confirmation step).
 * @csspart confirm-panel - Asks to confirm accepting or withdrawing.
 * @csspart confirm-button - Confirms accepting or withdrawing.
 * @csspart issue-button - Issues the electronic purchase order.
 * @csspart notice - The outcome of the last action.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's Retry button.
 * @csspart expired - The expired-session state.
 *
 * @cssproperty --k100-purchase-order-offer-background - Background of an offer in the history; defaults to `--k100-color-surface-raised`.
 * @cssproperty --k100-purchase-order-own-offer-accent - Edge marking the caller's own offers; defaults to `--k100-color-primary`.
 * @cssproperty --k100-color-changed - Background of a changed value; a light or dark yellow by default.
 * @cssproperty --k100-color-added - Background of a new value; a light or dark green by default.
 * @cssproperty --k100-color-removed - Background of an old value; a light or dark red by default.
 */
export class K100PurchaseOrder extends K100Element {
  static override styles = [coreStyles, dealStyles, styles];

  /** The negotiation to show and continue. Without it the widget lists negotiations and starts new ones. */
  @property({ attribute: 'negotiation-id' }) negotiationId = '';

  /** Status filter of the list: `open`, `accepted`, `withdrawn`, or empty for all. */
  @property() status: '' | NegotiationStatus = '';

  /** Folder items to open a negotiation with (set by a `k100-folder-select` on the page, or directly). */
  @property({ attribute: false }) items: SelectedItem[] = [];

  /** The negotiation opened from the list or just created (when `negotiation-id` is not set). */
  @state() private openedId = '';
  /** New negotiation: the supplier whose items are negotiated. */
  @state() private supplierId = '';
  @state() private form?: OfferForm | undefined;
  @state() private sending = false;
  @state() private notice?: { error: boolean; text: string } | undefined;

  private readonly list = new Loader(
    this,
    async (api, [status], signal) => {
      const d = deals(api);
      const [kind, items] = await Promise.all([
        d.party(signal),
        allPages((cursor) => d.negotiations({ status, cursor, limit: 100 }, signal)),
      ]);
      return { kind, items };
    },
    () => (this.mode === 'list' ? ([this.status] as const) : false),
  );

  private readonly detail = new Loader(
    this,
    async (api, [id], signal) => {
      const d = deals(api);
      const [kind, negotiation] = await Promise.all([d.party(signal), d.negotiation(id, signal)]);
      return { kind, negotiation };
    },
    () => (this.mode === 'detail' ? ([this.activeId] as const) : false),
  );

  private readonly actions = new NegotiationActions(this);

  constructor() {
    super();
    new DocumentListener(this, 'k100-folder-select', (event) => {
      if (this.negotiationId) return;
      this.openedId = '';
      this.items = event.detail.items;
    });
  }

  private get activeId(): string {
    return this.negotiationId || this.openedId;
  }

  private get mode(): 'new' | 'detail' | 'list' {
    if (!this.negotiationId && this.items.length) return 'new';
    return this.activeId ? 'detail' : 'list';
  }

  /** Reloads what is shown (the other party may have acted meanwhile). */
  refresh(): void {
    this.notice = undefined;
    if (this.mode === 'list') this.list.refresh();
    if (this.mode === 'detail') this.detail.refresh();
  }

  private scope?: ApiClient;

  protected override willUpdate(changed: PropertyValues): void {
    // Another session is another party (a persona switch): nothing of the previous one carries over.
    if (this.scope && this.scope !== this.api) {
      this.openedId = '';
      this.items = [];
      this.reset();
    }
    this.scope = this.api;
    if (changed.has('items') || changed.has('negotiationId')) {
      this.reset();
      if (this.mode === 'new') this.supplierId = this.suppliers()[0]?.id ?? '';
    }
    if ((changed.has('items') || changed.has('supplierId')) && this.mode === 'new') {
      this.form = OfferForm.fromItems(this, this.items.filter((item) => item.product.supplier_id === this.supplierId));
    }
  }

  private reset() {
    this.form = undefined;
    this.notice = undefined;
    this.actions.reset();
  }

  /** @internal Shows an outcome and moves focus to it, so screen readers hear it too. */
  notify(error: boolean, text: string): void {
    this.notice = { error, text };
    void this.focusOn('[part~="notice"]');
  }

  /** @internal Reloads the negotiation after an action. */
  reload(): void {
    this.detail.refresh();
  }

  /** The suppliers of the selected items, in selection order, with their item counts. */
  private suppliers() {
    const found = new Map<string, { id: string; name: string; count: number }>();
    for (const { product } of this.items) {
      const entry = found.get(product.supplier_id) ?? { id: product.supplier_id, name: product.supplier.name, count: 0 };
      entry.count++;
      found.set(product.supplier_id, entry);
    }
    return [...found.values()];
  }

  private async focusOn(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private handleOpen = (id: string) => {
    this.openedId = id;
    this.reset();
    void this.focusOn('[part~="back-button"]');
  };

  private handleBack() {
    this.openedId = '';
    this.items = [];
    void this.focusOn('[part~="status-select"]');
  }

  private handleStatus(event: Event) {
    this.status = (event.target as HTMLSelectElement).value as NegotiationStatus | '';
  }

  private handleCounter(negotiation: Negotiation) {
    const latest = negotiation.latest_offer;
    this.form = OfferForm.fromTerms(this, latest.terms, productNames(latest.products));
    this.actions.reset();
    this.notice = undefined;
    void this.focusOn('#offer-title');
  }

  private handleCancelForm = () => {
    if (this.mode === 'new') {
      this.items = [];
      return;
    }
    this.form = undefined;
    void this.focusOn('[part~="counter-button"]');
  };

  private handleSubmit = async () => {
    const form = this.form;
    if (!form || this.sending) return;
    const terms = form.validate();
    if (!terms) {
      this.requestUpdate();
      return focusFirstInvalid(this);
    }
    const negotiation = this.mode === 'detail' ? this.detail.value?.negotiation : undefined;
    const supplierId = negotiation?.supplier.id ?? this.supplierId;
    const message = form.message;
    const submit = new K100OfferSubmitEvent({ negotiation_id: negotiation?.id ?? null, supplier_id: supplierId, terms, message });
    this.dispatchEvent(submit);
    if (submit.defaultPrevented) return;
    this.sending = true;
    try {
      const api = deals(this.api);
      const body = message === undefined ? { terms } : { terms, message };
      if (negotiation) {
        await api.offer(negotiation.id, body);
        this.form = undefined;
        this.detail.refresh();
        this.notify(false, this.t('counterSent'));
      } else {
        const created = await api.createNegotiation({ supplier_id: supplierId, ...body });
        const event = new K100NegotiationCreateEvent({ negotiation: created });
        this.dispatchEvent(event);
        if (!this.negotiationId) this.openedId = created.id;
        this.items = [];
        await this.updateComplete;
        this.notify(false, this.t('offerSent', { name: created.supplier.name }));
      }
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (fields) form.showServerErrors(fields);
      else if (error instanceof ApiError && error.status === 409) {
        // The other party moved first: show where things stand now.
        form.formError = this.t('conflict');
        this.detail.refresh();
      } else form.formError = this.t('offerFailed');
      this.handleApiError(error);
      this.requestUpdate();
      void focusFirstInvalid(this);
    } finally {
      this.sending = false;
    }
  };

  protected override render() {
    const mode = this.mode;
    return html`<div part="base" class=${this.baseClass} lang=${this.config.locale}>
      ${mode === 'new' ? this.renderNew() : mode === 'detail' ? this.renderDetail() : this.renderListView()}
    </div>`;
  }

  private renderNotice() {
    const notice = this.notice;
    return html`<p part="notice" class="notice ${notice?.error ? 'error' : ''}" role="status" tabindex="-1" ?hidden=${!notice}>
      ${notice?.text ?? ''}
    </p>`;
  }

  private renderListView() {
    return html`<div class="head">
        <h2 class="grow">${this.t('negotiationsTitle')}</h2>
      </div>
      <div part="toolbar" class="row">
        <label class="field status-filter">
          <span class="label">${this.t('statusFilter')}</span>
          <select part="status-select" class="control" @change=${this.handleStatus}>
            <option value="">${this.t('allStatuses')}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${this.t(STATUS_KEYS[s])}</option>`)}
          </select>
        </label>
        <button part="refresh-button" class="btn" type="button" @click=${() => this.refresh()}>${this.t('refresh')}</button>
      </div>
      ${this.renderNotice()}
      ${renderKept(this, this.list, {
        complete: ({ kind, items }) => renderList(this, items, kind, this.handleOpen),
        isEmpty: ({ items }) => items.length === 0,
        empty: this.t(
          this.status ? 'noNegotiationsWithStatus' : this.list.value?.kind === 'supplier' ? 'noOffersYet' : 'noNegotiations',
        ),
        skeleton: 'rows',
      })}`;
  }

  private renderNew() {
    const suppliers = this.suppliers();
    const chosen = suppliers.find((s) => s.id === this.supplierId);
    return html`<section class="section" aria-labelledby="new-title">
      <h2 id="new-title">${this.t('newNegotiation')}</h2>
      ${this.sessionExpired
        ? renderExpired(this)
        : html`${suppliers.length > 1
            ? html`<div class="callout">
                <p>${this.t('manySuppliers', { count: suppliers.length })}</p>
                <fieldset part="supplier-choice">
                  <legend>${this.t('chooseSupplierItems')}</legend>
                  ${suppliers.map(
                    (s) => html`<label class="check">
                      <input type="radio" name="supplier" .checked=${s.id === this.supplierId} @change=${() => (this.supplierId = s.id)} />
                      <span>${s.name} <span class="muted">(${this.t('itemCount', { count: s.count })})</span></span>
                    </label>`,
                  )}
                </fieldset>
              </div>`
            : nothing}
          <p>${this.t('negotiatingWith', { name: chosen?.name ?? '' })}</p>
          ${this.form?.render({
            title: this.t('firstOfferTitle'),
            submit: this.t('sendOffer'),
            busy: this.sending,
            onSubmit: this.handleSubmit,
            onCancel: this.handleCancelForm,
          })}`}
    </section>`;
  }

  private renderDetail() {
    return html`${this.negotiationId
        ? nothing
        : html`<div><button part="back-button" class="btn link" type="button" @click=${this.handleBack}>
            ← ${this.t('backToNegotiations')}
          </button></div>`}
      ${renderKept(this, this.detail, {
        complete: ({ kind, negotiation }) => this.renderNegotiation(negotiation, kind),
        skeleton: 'rows',
        count: 4,
      })}`;
  }

  private renderNegotiation(n: Negotiation, kind: 'buyer' | 'supplier' | 'operator') {
    const party = kind === 'operator' ? 'buyer' : kind;
    const latest = n.latest_offer;
    const terms = n.consensus ?? latest.terms;
    return html`<section class="section" aria-labelledby="negotiation-title">
      <div class="head">
        <h2 id="negotiation-title" class="grow">${this.t('negotiationWith', { name: counterparty(n, party) })}</h2>
        ${statusBadge(this, n.status)}
        <button part="refresh-button" class="btn" type="button" @click=${() => this.refresh()}>${this.t('refresh')}</button>
      </div>
      <p class="callout ${n.status === 'accepted' ? 'ok' : ''}">${stateLine(this, n, party)}</p>
      ${this.renderNotice()}
      <section class="section" aria-labelledby="terms-title">
        <h3 id="terms-title">${this.t(n.status === 'accepted' ? 'agreedTerms' : 'currentTerms', { number: latest.seq })}</h3>
        ${renderTerms(this, terms, productNames(latest.products), n.status === 'accepted' ? [] : latest.differences)}
      </section>
      ${this.form
        ? this.form.render({
            title: this.t('counterTitle'),
            submit: this.t('sendCounter'),
            busy: this.sending,
            onSubmit: this.handleSubmit,
            onCancel: this.handleCancelForm,
          })
        : this.actions.render(n, () => this.handleCounter(n))}
      ${renderTimeline(this, n, party)}
    </section>`;
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'k100-purchase-order': K100PurchaseOrder;
  }
}
