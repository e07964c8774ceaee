/** `<k100-contract-drafter>`: the supplier's purchase-order inbox, and the e-contract drafted, revised and sent from it. */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, allPages, type ApiClient } from '../core/api.js';
import { K100Element } from '../core/element.js';
import { Loader } from '../core/loader.js';
import { renderKept } from '../core/deals/kept-states.js';
import { coreStyles } from '../core/theme.js';
import { deals, type Contract, type PurchaseOrder, type PurchaseOrderStatus } from '../core/deals/api.js';
import { contractBadge, renderClauses, renderParties } from '../core/deals/contract-view.js';
import { K100ContractDraftEvent, K100ContractSendEvent } from '../core/deals/events.js';
import { focusFirstInvalid, serverFieldErrors } from '../core/forms/fields.js';
import { formatDateTime } from '../core/deals/format.js';
import '../core/deals/messages.js';
import { dealStyles } from '../core/deals/styles.js';
import { productNames, renderTerms } from '../core/deals/terms-view.js';
import { ContractEditor } from './contract-editor.js';
import { renderInbox, renderChangeRequests, PO_STATUSES, PO_STATUS_KEYS } from './drafter-view.js';
import './messages.js';
import { styles } from './contract-drafter.styles.js';

type Busy = 'draft' | 'save' | 'send';

/**
 * The supplier's side of the e-contract. An inbox of purchase orders (filterable by status); opening one
 * shows the agreed terms read-only and drafts the contract from them, with a default set of clauses
 * (quality, inspection, packing and marking, delivery and risk, payment through K100Pay escrow,
 * disputes) to edit, reorder, add to or remove, and the seller's and buyer's legal entities. A draft is
 * saved and sent to the buyer; the buyer's change requests show with their comments, and the next save
 * starts a new version to send again. `contract-id` or `purchase-order-id` opens one directly.
 *
 * @summary The supplier's purchase-order inbox and e-contract drafting.
 * @tag k100-contract-drafter
 *
 * @event {K100ContractDraftEvent} k100-contract-draft - A contract was drafted from a purchase order or its draft saved; `detail: {contract}`.
 * @event {K100ContractSendEvent} k100-contract-send - Cancelable, before the contract is sent to the buyer; `detail: {contract_id, version}`. `preventDefault()` keeps it unsent.
 * @event {K100SessionExpiredEvent} k100-session-expired - The session was refused; set a freshly minted `session` to continue.
 *
 * @slot empty - Replaces the "no purchase orders" text.
 *
 * @csspart base - The widget's wrapper.
 * @csspart toolbar - Status filter and Refresh above the inbox.
 * @csspart status-select - The inbox status filter.
 * @csspart refresh-button - Reloads what is shown.
 * @csspart purchase-orders - The inbox list.
 * @csspart purchase-order - One purchase order in the inbox (a button that opens it).
 * @csspart back-button - Back to the inbox.
 * @csspart badge - A status badge.
 * @csspart terms - The agreed terms: line items, totals and the other terms.
 * @csspart terms-table - The line items table with its totals.
 * @csspart terms-fields - Incoterm, delivery date and the other terms.
 * @csspart change-mark - The mark on a changed value.
 * @csspart change-requests - The buyer's change requests with their comments.
 * @csspart editor - Clauses and legal entities being edited.
 * @csspart clauses - The list of clauses.
 * @csspart clause-editor - One clause being edited.
 * @csspart clause - One clause, read-only.
 * @csspart move-button - Moves a clause up or down.
 * @csspart remove-clause-button - Removes a clause.
 * @csspart add-clause-button - Adds a clause.
 * @csspart entity-editor - The seller's or buyer's legal entity being edited.
 * @csspart parties - The legal entities, read-only.
 * @csspart party - One legal entity, read-only.
 * @csspart field-error - A field's error message.
 * @csspart form-error - A failure not tied to one field.
 * @csspart actions - Draft, Save and Send.
 * @csspart draft-button - Drafts the contract from the purchase order.
 * @csspart save-button - Saves the draft (a new version after change requests).
 * @csspart send-button - Sends the contract to the buyer.
 * @csspart notice - The outcome of the last action.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's Retry button.
 * @csspart expired - The expired-session state.
 *
 * @cssproperty --k100-contract-drafter-clause-background - Background of a clause; defaults to `--k100-color-surface-raised`.
 * @cssproperty --k100-contract-drafter-request-accent - Edge of the buyer's change requests; defaults to `--k100-color-danger`.
 * @cssproperty --k100-color-changed - Background of a changed value; a light or dark yellow by default.
 */
export class K100ContractDrafter extends K100Element {
  static override styles = [coreStyles, dealStyles, styles];

  /** The contract to open directly. */
  @property({ attribute: 'contract-id' }) contractId = '';

  /** The purchase order to open directly (its contract, once drafted). */
  @property({ attribute: 'purchase-order-id' }) purchaseOrderId = '';

  /** Inbox filter: `issued`, `contract_drafted`, `contract_confirmed`, or empty for all. */
  @property() status: '' | PurchaseOrderStatus = '';

  @state() private openedPo = '';
  @state() private openedContract = '';
  @state() private editor?: ContractEditor | undefined;
  @state() private busy?: Busy | undefined;
  @state() private notice?: { error: boolean; text: string } | undefined;

  private readonly inbox = new Loader(
    this,
    (api, [status], signal) => allPages((cursor) => deals(api).purchaseOrders({ status, cursor, limit: 100 }, signal)),
    () => (this.mode === 'inbox' ? ([this.status] as const) : false),
  );

  private readonly po = new Loader(
    this,
    (api, [id], signal) => deals(api).purchaseOrder(id, signal),
    () => (this.mode === 'po' ? ([this.poKey] as const) : false),
  );

  private readonly contract = new Loader(
    this,
    (api, [id], signal) => deals(api).contract(id, signal),
    () => (this.mode === 'contract' ? ([this.contractKey] as const) : false),
  );

  private get contractKey(): string {
    return this.contractId || this.openedContract;
  }

  private get poKey(): string {
    return this.purchaseOrderId || this.openedPo;
  }

  private get mode(): 'inbox' | 'po' | 'contract' {
    return this.contractKey ? 'contract' : this.poKey ? 'po' : 'inbox';
  }

  /** Reloads what is shown (the buyer may have acted meanwhile). */
  refresh(): void {
    this.notice = undefined;
    ({ inbox: this.inbox, po: this.po, contract: this.contract })[this.mode].refresh();
  }

  private scope?: ApiClient;

  protected override willUpdate(changed: PropertyValues): void {
    if ((this.scope && this.scope !== this.api) || changed.has('contractId') || changed.has('purchaseOrderId')) {
      this.openedPo = this.openedContract = '';
      this.editor = this.notice = undefined;
    }
    this.scope = this.api;
    const po = this.po.value;
    if (this.mode === 'po' && po?.id === this.poKey) {
      // Already drafted: the purchase order opens its contract.
      if (po.contract_id) this.openedContract = po.contract_id;
      else if (this.editor?.source !== po.id) this.editor = ContractEditor.fromPurchaseOrder(this, po);
    }
    const contract = this.contract.value;
    if (this.mode === 'contract' && contract?.id === this.contractKey) {
      const source = `${contract.id}@${contract.version}@${contract.updated_at}`;
      const same = this.editor?.source.startsWith(`${contract.id}@`);
      if (!same || (this.editor?.source !== source && !this.editor?.dirty)) this.editor = ContractEditor.fromContract(this, contract);
    }
  }

  private async focusOn(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private notify(error: boolean, text: string) {
    this.notice = { error, text };
    void this.focusOn('[part~="notice"]');
  }

  private handleOpen = (po: PurchaseOrder) => {
    this.openedPo = po.id;
    this.openedContract = po.contract_id ?? '';
    this.editor = this.notice = undefined;
    void this.focusOn('[part~="back-button"]');
  };

  private handleBack() {
    this.openedPo = this.openedContract = '';
    this.editor = this.notice = undefined;
    void this.focusOn('[part~="status-select"]');
  }

  private handleStatus(event: Event) {
    this.status = (event.target as HTMLSelectElement).value as PurchaseOrderStatus | '';
  }

  /** Runs one save/send step; a refusal shows at its fields or above the form. */
  private async run(busy: Busy, step: () => Promise<void>) {
    const editor = this.editor;
    if (!editor || this.busy) return;
    this.busy = busy;
    this.notice = undefined;
    try {
      await step();
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (fields) editor.showServerErrors(fields);
      else if (error instanceof ApiError && error.status === 409) {
        editor.formError = this.t('contractConflict');
        this.contract.refresh();
      } else editor.formError = this.t('saveFailed');
      this.handleApiError(error);
      this.requestUpdate();
      void focusFirstInvalid(this);
    } finally {
      this.busy = undefined;
    }
  }

  private validated() {
    const content = this.editor?.validate();
    this.requestUpdate();
    if (!content) void focusFirstInvalid(this);
    return content;
  }

  private async handleDraft(po: PurchaseOrder) {
    const content = this.validated();
    if (!content) return;
    await this.run('draft', async () => {
      const contract = await deals(this.api).createContract({ purchase_order_id: po.id, ...content });
      this.saved(contract, this.t('drafted', { version: contract.version }));
      this.openedContract = contract.id;
    });
  }

  private saved(contract: Contract, text: string) {
    this.editor!.dirty = false;
    const event = new K100ContractDraftEvent({ contract });
    this.dispatchEvent(event);
    this.notify(false, text);
  }

  private async handleSave(contract: Contract) {
    const content = this.validated();
    if (!content) return;
    await this.run('save', async () => {
      const saved = await deals(this.api).updateContract(contract.id, content);
      this.saved(saved, this.t('savedVersion', { version: saved.version }));
      this.contract.refresh();
    });
  }

  /** Sends the contract; unsaved edits (and an answer to change requests) are saved first as the version sent. */
  private async handleSend(contract: Contract) {
    const content = this.validated();
    if (!content) return;
    const revising = contract.status === 'changes_requested';
    const version = revising ? contract.version + 1 : contract.version;
    const event = new K100ContractSendEvent({ contract_id: contract.id, version });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    await this.run('send', async () => {
      const api = deals(this.api);
      if (revising || this.editor?.dirty) this.saved(await api.updateContract(contract.id, content), '');
      const sent = await api.sendContract(contract.id);
      this.notify(false, this.t('sentTo', { name: sent.buyer.name, version: sent.version }));
      this.contract.refresh();
    });
  }

  protected override render() {
    const mode = this.mode;
    const direct = mode === 'contract' ? !!this.contractId : mode === 'po' && !!this.purchaseOrderId;
    return html`<div part="base" class=${this.baseClass} lang=${this.config.locale}>
      ${mode === 'inbox'
        ? this.renderInbox()
        : html`${direct
              ? nothing
              : html`<div><button part="back-button" class="btn link" type="button" @click=${this.handleBack}>
                  ← ${this.t('backToInbox')}
                </button></div>`}
            <p part="notice" class="notice ${this.notice?.error ? 'error' : ''}" role="status" tabindex="-1" ?hidden=${!this.notice}>
              ${this.notice?.text ?? ''}
            </p>
            ${mode === 'po'
              ? renderKept(this, this.po, { complete: (po) => this.renderPurchaseOrder(po), skeleton: 'rows', count: 4 })
              : renderKept(this, this.contract, { complete: (c) => this.renderContract(c), skeleton: 'rows', count: 4 })}`}
    </div>`;
  }

  private renderInbox() {
    return html`<h2>${this.t('inboxTitle')}</h2>
      <div part="toolbar" class="row toolbar">
        <label class="field status-filter">
          <span class="label">${this.t('statusFilter')}</span>
          <select part="status-select" class="control" @change=${this.handleStatus}>
            <option value="">${this.t('allStatuses')}</option>
            ${PO_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${this.t(PO_STATUS_KEYS[s])}</option>`)}
          </select>
        </label>
        <button part="refresh-button" class="btn" type="button" @click=${() => this.refresh()}>${this.t('refresh')}</button>
      </div>
      ${renderKept(this, this.inbox, {
        complete: (items) => renderInbox(this, items, this.handleOpen),
        isEmpty: (items) => items.length === 0,
        empty: this.t(this.status ? 'noPurchaseOrdersWithStatus' : 'noPurchaseOrders'),
        skeleton: 'rows',
      })}`;
  }

  private renderActions(buttons: unknown) {
    return html`<div part="actions" class="actions">${buttons}</div>`;
  }

  private button(part: string, busy: Busy, label: string, onClick: () => void, primary = false) {
    return html`<button part=${part} class="btn ${primary ? 'primary' : ''}" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${onClick}>
      ${this.busy === busy ? this.t('sending') : label}
    </button>`;
  }

  private renderPurchaseOrder(po: PurchaseOrder) {
    if (po.id !== this.poKey || !this.editor) return nothing;
    return html`<section class="section" aria-labelledby="po-title">
      <h2 id="po-title">${this.t('draftFor', { name: po.buyer.name })}</h2>
      <p class="muted">${this.t('poReceived', { id: po.id, date: formatDateTime(po.created_at, this.config.locale) })}</p>
      <section class="section" aria-labelledby="agreed-title">
        <h3 id="agreed-title">${this.t('agreedTermsReadOnly')}</h3>
        ${renderTerms(this, po.terms, productNames(po.products))}
      </section>
      ${this.editor.render()}
      ${this.renderActions(this.button('draft-button', 'draft', this.t('createDraft'), () => this.handleDraft(po), true))}
    </section>`;
  }

  private renderContract(contract: Contract) {
    if (contract.id !== this.contractKey || !this.editor) return nothing;
    const allowed = new Set(contract.allowed_actions);
    const names = productNames(contract.products);
    const editable = allowed.has('revise');
    return html`<section class="section" aria-labelledby="contract-title">
      <div class="head">
        <h2 id="contract-title" class="grow">${this.t('contractWith', { name: contract.buyer.name })}</h2>
        ${contractBadge(this, contract.status)}
        <button part="refresh-button" class="btn" type="button" @click=${() => this.refresh()}>${this.t('refresh')}</button>
      </div>
      <p class="muted">${this.t('versionOf', { version: contract.version, count: contract.versions.length })}</p>
      ${this.renderState(contract)} ${renderChangeRequests(this, contract)}
      <section class="section" aria-labelledby="agreed-title">
        <h3 id="agreed-title">${this.t(editable ? 'agreedTermsReadOnly' : 'contractTerms')}</h3>
        ${renderTerms(this, contract.terms, names, contract.differences.from_agreed_terms)}
      </section>
      ${editable
        ? html`${this.editor.render()}
          ${this.renderActions(html`
            ${this.button('send-button', 'send', this.t('sendToBuyer'), () => this.handleSend(contract), true)}
            ${this.button('save-button', 'save', this.t(contract.status === 'changes_requested' ? 'saveNewVersion' : 'saveDraft'), () => this.handleSave(contract))}
          `)}`
        : html`<section class="section" aria-labelledby="clauses-title">
              <h3 id="clauses-title">${this.t('clausesTitle')}</h3>
              ${renderClauses(this, contract.clauses)}
            </section>
            <section class="section" aria-labelledby="parties-title">
              <h3 id="parties-title">${this.t('partiesTitle')}</h3>
              ${renderParties(this, contract.legal_entities)}
            </section>`}
    </section>`;
  }

  private renderState(contract: Contract) {
    const locale = this.config.locale;
    const sentAt = contract.versions.at(-1)?.sent_at;
    if (contract.status === 'sent') {
      return html`<p class="callout">${this.t('awaitingBuyer', { name: contract.buyer.name, date: sentAt ? formatDateTime(sentAt, locale) : '' })}</p>`;
    }
    if (contract.status === 'confirmed') {
      return html`<div class="callout ok">
        <p>${this.t('confirmedBy', { name: contract.signer_name ?? '', date: contract.confirmed_at ? formatDateTime(contract.confirmed_at, locale) : '' })}</p>
        <p class="mono">${this.t('digestLabel')} ${contract.digest ?? ''}</p>
      </div>`;
    }
    return nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'k100-contract-drafter': K100ContractDrafter;
  }
}
