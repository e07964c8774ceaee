/** `<k100-contract-review>`: the buyer reads the e-contract, sees every difference, requests changes or confirms it. */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { allPages, type ApiClient } from '../core/api.js';
import { K100Element } from '../core/element.js';
import { Loader } from '../core/loader.js';
import { renderKept } from '../core/deals/kept-states.js';
import { coreStyles } from '../core/theme.js';
import { deals, type Contract, type ContractStatus } from '../core/deals/api.js';
import { CONTRACT_STATUSES, contractBadge, contractStatusText } from '../core/deals/contract-view.js';
import { formatDateTime } from '../core/deals/format.js';
import '../core/deals/messages.js';
import { dealStyles } from '../core/deals/styles.js';
import { Decision } from './decision.js';
import { Evidence } from './evidence.js';
import { renderChanges, renderContractBody, renderContractList } from './review-view.js';
import './messages.js';
import { styles } from './contract-review.styles.js';

/**
 * The buyer's review of an e-contract, readable on a phone (one column under ~600 px). It opens with
 * what changed: "Changed since the agreed terms" and, from version 2, "Changed since version n", each
 * field old → new; the terms (with the server's totals), the parties and the clauses follow with changed
 * parts marked inline. While the contract is sent, the buyer requests changes with a comment or confirms
 * it with a signer name and an explicit acceptance (unchecked until ticked) that binds both parties to
 * Expert Advisor (STS) fulfilment and K100Pay. Once confirmed it shows the SHA-256 digest (copyable), what
 * `verify` reports about the digest and the audit chain, and a download of the contract document (fetched
 * with the session in a header, never in a URL). Without `contract-id` it lists the buyer's contracts.
 *
 * @summary Review an e-contract, request changes or confirm it, then verify and download it.
 * @tag k100-contract-review
 *
 * @event {K100ContractConfirmEvent} k100-contract-confirm - Cancelable, before the confirmation is sent; `detail: {contract_id, version, signer_name}`. `preventDefault()` keeps it unconfirmed.
 * @event {K100ContractChangesRequestEvent} k100-contract-changes-request - The buyer asked for changes; `detail: {contract, comment}`.
 * @event {K100SessionExpiredEvent} k100-session-expired - The session was refused; set a freshly minted `session` to continue.
 *
 * @slot empty - Replaces the "no contracts yet" text.
 *
 * @csspart base - The widget's wrapper.
 * @csspart toolbar - Status filter and Refresh above the list.
 * @csspart status-select - The list's status filter.
 * @csspart refresh-button - Reloads what is shown.
 * @csspart contracts - The list of contracts.
 * @csspart contract - One contract in the list (a button that opens it).
 * @csspart back-button - Back to the list.
 * @csspart badge - A status badge.
 * @csspart notice - The outcome of the last action.
 * @csspart changes - A "Changed since …" section.
 * @csspart differences - A list of differences, old → new.
 * @csspart terms - The terms: line items, totals and the other terms.
 * @csspart terms-table - The line items table with its totals.
 * @csspart terms-fields - Incoterm, delivery date and the other terms.
 * @csspart change-mark - The inline mark on a changed value, clause or party.
 * @csspart parties - The seller's and buyer's legal entities.
 * @csspart party - One legal entity.
 * @csspart clauses - The list of clauses.
 * @csspart clause - One clause.
 * @csspart change-requests - The buyer's earlier change requests.
 * @csspart decision - Confirm and request-changes forms.
 * @csspart confirm-form - The confirmation form.
 * @csspart signer-input - The signer's name.
 * @csspart accept-checkbox - The explicit acceptance.
 * @csspart confirm-button - Confirms the contract (disabled until name and acceptance are given).
 * @csspart changes-form - The request-changes form.
 * @csspart comment-input - The comment for the supplier.
 * @csspart request-changes-button - Sends the change request.
 * @csspart field-error - A field's error message.
 * @csspart form-error - A failure not tied to one field.
 * @csspart evidence - Digest, verification and download of a confirmed contract.
 * @csspart digest - The SHA-256 digest.
 * @csspart copy-button - Copies the digest.
 * @csspart verification - What verification found.
 * @csspart download-button - Downloads the contract document.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's Retry button.
 * @csspart expired - The expired-session state.
 *
 * @cssproperty --k100-contract-review-max-width - Widest the contract text runs (48rem).
 * @cssproperty --k100-contract-review-changes-accent - Edge of the "Changed since …" sections that have changes; defaults to `--k100-color-accent`.
 * @cssproperty --k100-color-changed - Background of a changed value; a light or dark yellow by default.
 * @cssproperty --k100-color-added - Background of a new value; a light or dark green by default.
 * @cssproperty --k100-color-removed - Background of an old value; a light or dark red by default.
 */
export class K100ContractReview extends K100Element {
  static override styles = [coreStyles, dealStyles, styles];

  /** The contract to review. Without it the widget lists the buyer's contracts to pick from. */
  @property({ attribute: 'contract-id' }) contractId = '';

  /** List filter: `draft`, `sent`, `changes_requested`, `confirmed`, or empty for all. */
  @property() status: '' | ContractStatus = '';

  @state() private openedId = '';
  @state() private notice = '';

  private readonly list = new Loader(
    this,
    (api, [status], signal) => allPages((cursor) => deals(api).contracts({ status, cursor, limit: 100 }, signal)),
    () => (this.activeId ? false : ([this.status] as const)),
  );

  private readonly contract = new Loader(
    this,
    (api, [id], signal) => deals(api).contract(id, signal),
    () => (this.activeId ? ([this.activeId] as const) : false),
  );

  private readonly decision = new Decision(this);
  private readonly evidence = new Evidence(this, () => {
    const contract = this.current;
    return contract?.status === 'confirmed' ? `${contract.id}` : undefined;
  });

  private get activeId(): string {
    return this.contractId || this.openedId;
  }

  /** The loaded contract, if it is the one asked for. */
  private get current(): Contract | undefined {
    const contract = this.contract.value;
    return contract?.id === this.activeId ? contract : undefined;
  }

  /** Reloads what is shown (the supplier may have sent a new version meanwhile). */
  refresh(): void {
    this.notice = '';
    if (this.activeId) {
      this.contract.refresh();
      this.evidence.refresh();
    } else this.list.refresh();
  }

  private scope?: ApiClient;

  protected override willUpdate(changed: PropertyValues): void {
    if ((this.scope && this.scope !== this.api) || changed.has('contractId') || changed.has('openedId')) {
      if (this.scope && this.scope !== this.api) this.openedId = '';
      this.notice = '';
      this.decision.reset();
      this.evidence.reset();
    }
    this.scope = this.api;
  }

  /** @internal Called by the decision forms once the server took the decision. */
  decided(text: string): void {
    this.notice = text;
    this.contract.refresh();
    void this.focusOn('[part~="notice"]');
  }

  private async focusOn(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private handleOpen = (id: string) => {
    this.openedId = id;
    void this.focusOn('[part~="back-button"]');
  };

  private handleBack() {
    this.openedId = '';
    void this.focusOn('[part~="status-select"]');
  }

  protected override render() {
    return html`<div part="base" class=${this.baseClass} lang=${this.config.locale}>
      ${this.activeId ? this.renderDetail() : this.renderList()}
    </div>`;
  }

  private renderList() {
    return html`<h2>${this.t('contractsTitle')}</h2>
      <div part="toolbar" class="row toolbar">
        <label class="field status-filter">
          <span class="label">${this.t('statusFilter')}</span>
          <select part="status-select" class="control" @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value as ContractStatus)}>
            <option value="">${this.t('allStatuses')}</option>
            ${CONTRACT_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${contractStatusText(this, s)}</option>`)}
          </select>
        </label>
        <button part="refresh-button" class="btn" type="button" @click=${() => this.refresh()}>${this.t('refresh')}</button>
      </div>
      ${renderKept(this, this.list, {
        complete: (items) => renderContractList(this, items, this.handleOpen),
        isEmpty: (items) => items.length === 0,
        empty: this.t(this.status ? 'noContractsWithStatus' : 'noContracts'),
        skeleton: 'rows',
      })}`;
  }

  private renderDetail() {
    return html`${this.contractId
        ? nothing
        : html`<div><button part="back-button" class="btn link" type="button" @click=${this.handleBack}>← ${this.t('backToContracts')}</button></div>`}
      ${renderKept(this, this.contract, {
        complete: () => (this.current ? this.renderContract(this.current) : nothing),
        skeleton: 'rows',
        count: 4,
      })}`;
  }

  private renderContract(contract: Contract) {
    const locale = this.config.locale;
    return html`<article class="section contract" aria-labelledby="contract-title">
      <div class="head">
        <h2 id="contract-title" class="grow">${this.t('contractFrom', { name: contract.supplier.name })}</h2>
        ${contractBadge(this, contract.status)}
        <button part="refresh-button" class="btn" type="button" @click=${() => this.refresh()}>${this.t('refresh')}</button>
      </div>
      <p class="muted">
        ${this.t('versionNumber', { version: contract.version })} ·
        ${this.t('updatedOn', { date: formatDateTime(contract.updated_at, locale) })}
      </p>
      <p part="notice" class="notice" role="status" tabindex="-1" ?hidden=${!this.notice}>${this.notice}</p>
      ${contract.status === 'sent'
        ? html`<p class="callout">${this.t('reviewPrompt', { name: contract.supplier.name })}</p>`
        : contract.status === 'confirmed'
          ? nothing
          : html`<p class="callout">${this.t('beingRevised', { name: contract.supplier.name })}</p>`}
      ${this.evidence.render(contract)} ${renderChanges(this, contract)} ${renderContractBody(this, contract)}
      ${this.decision.render(contract)}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'k100-contract-review': K100ContractReview;
  }
}
