/**
 * The buyer's decision on a sent contract: confirm it (signer name and an explicit acceptance, both
 * required) or request changes with a comment.
 */
import { html, nothing } from 'lit';
import { ApiError } from '../core/api.js';
import type { K100Element } from '../core/element.js';
import { deals, type Contract } from '../core/deals/api.js';
import { K100ContractChangesRequestEvent, K100ContractConfirmEvent } from '../core/deals/events.js';
import { describedBy, fieldNotes, focusFirstInvalid, serverFieldErrors } from '../core/forms/fields.js';

const MAX_COMMENT = 5000;
const MAX_NAME = 200;

export interface DecisionHost extends K100Element {
  /** Shows the outcome and reloads the contract. */
  decided(text: string): void;
}

export class Decision {
  private signer = '';
  private accepted = false;
  private comment = '';
  private busy?: 'confirm' | 'changes' | undefined;
  private errors = new Map<string, string>();
  private formError = '';

  constructor(private readonly host: DecisionHost) {}

  reset(): void {
    this.signer = this.comment = this.formError = '';
    this.accepted = false;
    this.errors = new Map();
  }

  private update() {
    this.host.requestUpdate();
  }

  get canConfirm(): boolean {
    return this.signer.trim() !== '' && this.accepted && !this.busy;
  }

  private fail(error: unknown, fallback: 'confirmFailed' | 'changesFailed') {
    const fields = serverFieldErrors(error);
    if (fields) this.errors = new Map([...fields].map(([path, message]) => [path === 'accept' ? 'accept' : path, message]));
    else this.formError = this.host.t(error instanceof ApiError && error.status === 409 ? 'contractConflict' : fallback);
    this.host.handleApiError(error);
    void focusFirstInvalid(this.host);
  }

  private handleConfirm = async (event: SubmitEvent, contract: Contract) => {
    event.preventDefault();
    const { host } = this;
    if (!this.canConfirm) return;
    const signer = this.signer.trim();
    if (signer.length > MAX_NAME) {
      this.errors = new Map([['signer_name', host.t('errTooLong', { max: MAX_NAME })]]);
      this.update();
      return focusFirstInvalid(host);
    }
    const about = new K100ContractConfirmEvent({ contract_id: contract.id, version: contract.version, signer_name: signer });
    host.dispatchEvent(about);
    if (about.defaultPrevented) return;
    this.busy = 'confirm';
    this.errors = new Map();
    this.formError = '';
    this.update();
    try {
      const confirmed = await deals(host.api).confirmContract(contract.id, signer);
      this.reset();
      host.decided(host.t('confirmedNotice', { order: confirmed.order_id ?? '' }));
    } catch (error) {
      this.fail(error, 'confirmFailed');
    } finally {
      this.busy = undefined;
      this.update();
    }
  };

  private handleChanges = async (event: SubmitEvent, contract: Contract) => {
    event.preventDefault();
    const { host } = this;
    if (this.busy) return;
    const comment = this.comment.trim();
    if (!comment || comment.length > MAX_COMMENT) {
      this.errors = new Map([['comment', comment ? host.t('errTooLong', { max: MAX_COMMENT }) : host.t('errComment')]]);
      this.update();
      return focusFirstInvalid(host);
    }
    this.busy = 'changes';
    this.errors = new Map();
    this.formError = '';
    this.update();
    try {
      const updated = await deals(host.api).requestChanges(contract.id, comment);
      const done = new K100ContractChangesRequestEvent({ contract: updated, comment });
      host.dispatchEvent(done);
      this.reset();
      host.decided(host.t('changesSent', { name: contract.supplier.name }));
    } catch (error) {
      this.fail(error, 'changesFailed');
    } finally {
      this.busy = undefined;
      this.update();
    }
  };

  render(contract: Contract) {
    const { host } = this;
    const allowed = new Set(contract.allowed_actions);
    if (!allowed.has('confirm') && !allowed.has('request_changes')) return nothing;
    const entity = contract.legal_entities.buyer.name;
    const signerError = this.errors.get('signer_name');
    const acceptError = this.errors.get('accept');
    const commentError = this.errors.get('comment');
    const ready = this.canConfirm;
    return html`<section part="decision" class="section decision" aria-labelledby="decision-title">
      <h3 id="decision-title">${host.t('decisionTitle')}</h3>
      ${this.formError ? html`<p part="form-error" class="error" role="alert" data-form-error tabindex="-1">${this.formError}</p>` : nothing}
      ${allowed.has('confirm')
        ? html`<form part="confirm-form" class="card" novalidate aria-labelledby="confirm-title" @submit=${(e: SubmitEvent) => this.handleConfirm(e, contract)}>
            <h4 id="confirm-title">${host.t('confirmTitle', { version: contract.version })}</h4>
            <div class="field">
              <label class="label" for="signer">${host.t('signerName')}</label>
              <input
                id="signer"
                part="signer-input"
                class="control"
                name="signer_name"
                autocomplete="name"
                maxlength=${MAX_NAME}
                aria-required="true"
                aria-invalid=${signerError ? 'true' : 'false'}
                aria-describedby=${describedBy('signer', true, signerError)}
                .value=${this.signer}
                @input=${(e: Event) => ((this.signer = (e.target as HTMLInputElement).value), this.update())}
              />
              ${fieldNotes('signer', host.t('signerHint'), signerError)}
            </div>
            <label class="check acceptance">
              <input
                part="accept-checkbox"
                type="checkbox"
                aria-invalid=${acceptError ? 'true' : 'false'}
                aria-describedby=${describedBy('accept', false, acceptError)}
                .checked=${this.accepted}
                @change=${(e: Event) => ((this.accepted = (e.target as HTMLInputElement).checked), this.update())}
              />
              <span>${host.t('acceptanceText', { version: contract.version, entity })}</span>
            </label>
            ${fieldNotes('accept', undefined, acceptError)}
            <p id="confirm-why" class="hint muted" ?hidden=${ready}>${host.t('confirmNeeds')}</p>
            <div class="actions">
              <button
                part="confirm-button"
                class="btn primary"
                type="submit"
                aria-disabled=${ready ? 'false' : 'true'}
                aria-describedby=${ready ? nothing : 'confirm-why'}
              >
                ${this.busy === 'confirm' ? host.t('sending') : host.t('confirmContract')}
              </button>
            </div>
          </form>`
        : nothing}
      ${allowed.has('request_changes')
        ? html`<form part="changes-form" class="card" novalidate aria-labelledby="changes-title" @submit=${(e: SubmitEvent) => this.handleChanges(e, contract)}>
            <h4 id="changes-title">${host.t('requestChangesTitle')}</h4>
            <div class="field">
              <label class="label" for="comment">${host.t('commentLabel')}</label>
              <textarea
                id="comment"
                part="comment-input"
                class="control"
                name="comment"
                maxlength=${MAX_COMMENT}
                aria-required="true"
                aria-invalid=${commentError ? 'true' : 'false'}
                aria-describedby=${describedBy('comment', true, commentError)}
                .value=${this.comment}
                @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
              ></textarea>
              ${fieldNotes('comment', host.t('commentHint', { name: contract.supplier.name }), commentError)}
            </div>
            <div class="actions">
              <button part="request-changes-button" class="btn" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
                ${this.busy === 'changes' ? host.t('sending') : host.t('requestChanges')}
              </button>
            </div>
          </form>`
        : nothing}
    </section>`;
  }
}
