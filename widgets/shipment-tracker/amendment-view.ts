/**
 * The contract amendment part of `<k100-shipment-tracker>`: the buyer reconfirms (signer name and an
 * explicit acceptance, as for the contract itself) or declines the quantities the supplier proposed after a
 * short delivery; everyone else sees the amendments read-only. Server text is bound as text. A confirmation
 * moves money (a refund from escrow), so each attempt has one `Idempotency-Key`, sent again when the same
 * attempt is retried after its answer never came: the server then replays the first answer and refunds once.
 */
import { html, nothing } from 'lit';
import { ApiError } from '../core/api.js';
import type { K100Element } from '../core/element.js';
import { describedBy, fieldNotes } from '../core/forms/fields.js';
import { formatNumber } from '../core/format.js';
import { newAttemptKey, ship, type Amendment, type Order } from '../core/ship/api.js';
import { K100AmendmentConfirmEvent, K100AmendmentDeclineEvent } from '../core/ship/events.js';
import { label, st, type ShipKey } from '../core/ship/messages.js';

const MAX_NAME = 200;
const MAX_COMMENT = 5000;

export interface AmendmentHost extends K100Element {
  /** The buyer's answer went through: announce `text` and reload the order; `code` is the live event it causes. */
  amended(text: string, code: 'contract_amended' | 'amendment_declined'): void;
}

type Field = 'signer_name' | 'accept' | 'comment';

/** No answer, or none we can trust (5xx, still in progress): the attempt is not over, its key must go again. */
const unanswered = (error: unknown) =>
  !(error instanceof ApiError) || error.status >= 500 || /idempotency-in-progress$/.test(error.type);

/** One confirmation attempt: what it sends and under which key. */
interface Attempt {
  orderId: string;
  amendmentId: string;
  signer: string;
  key: string;
}

export class AmendmentView {
  private signer = '';
  private accepted = false;
  private comment = '';
  private busy: 'confirm' | 'decline' | undefined;
  private errors = new Map<Field, string>();
  private formError = '';
  /** The amendment the buyer just answered, shown with its outcome until the order changes. */
  private outcome: Amendment | undefined;
  /** The confirmation sent but not answered yet (a network failure): retried with the same key. */
  private attempt: Attempt | undefined;

  constructor(private readonly host: AmendmentHost) {}

  /** Forgets everything typed and shown (another order, another session). */
  reset(): void {
    this.signer = this.comment = this.formError = '';
    this.accepted = false;
    this.busy = undefined;
    this.errors = new Map();
    this.outcome = undefined;
    this.attempt = undefined;
  }

  private update() {
    this.host.requestUpdate();
  }

  private t(key: ShipKey, params?: Record<string, string | number>) {
    return st(this.host, key, params);
  }

  private money(minor: number, a: Amendment) {
    return this.host.money(minor, a.currency);
  }

  /** Shows client or server errors and moves focus to the first one (after the next render). */
  private async invalid(errors: Map<Field, string>, formError = '') {
    this.errors = errors;
    this.formError = formError;
    this.update();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[part~="amendment"] [aria-invalid="true"], [data-form-error]')?.focus();
  }

  private fail(error: unknown, fallback: ShipKey) {
    this.host.handleApiError(error);
    if (error instanceof ApiError && error.status === 422 && error.errors.length) {
      const fields = new Map<Field, string>();
      const other: string[] = [];
      for (const { path, message } of error.errors) {
        if (path === 'signer_name' || path === 'accept' || path === 'comment') fields.set(path, message);
        else other.push(message);
      }
      return this.invalid(fields, other.join(' '));
    }
    const type = error instanceof ApiError ? error.type : '';
    const key: ShipKey = /amendment-not-pending$/.test(type)
      ? 'shipAmdErrAnswered'
      : /order-closed$/.test(type)
        ? 'shipAmdErrClosed'
        : fallback;
    return this.invalid(new Map(), this.t(key));
  }

  private handleConfirm = async (event: SubmitEvent, order: Order, amendment: Amendment) => {
    event.preventDefault();
    if (this.busy) return;
    const signer = this.signer.trim();
    const errors = new Map<Field, string>();
    if (!signer) errors.set('signer_name', this.t('shipAmdErrSigner'));
    else if (signer.length > MAX_NAME) errors.set('signer_name', this.t('shipAmdErrTooLong', { max: MAX_NAME }));
    if (!this.accepted) errors.set('accept', this.t('shipAmdErrAccept'));
    if (errors.size) return this.invalid(errors);
    const about = new K100AmendmentConfirmEvent({ order_id: order.id, amendment_id: amendment.id, signer_name: signer });
    this.host.dispatchEvent(about);
    if (about.defaultPrevented) return;
    const same = this.attempt?.orderId === order.id && this.attempt.amendmentId === amendment.id && this.attempt.signer === signer;
    const attempt = same ? this.attempt! : (this.attempt = { orderId: order.id, amendmentId: amendment.id, signer, key: newAttemptKey() });
    await this.send('confirm', () => ship(this.host.api).confirmAmendment(order.id, amendment.id, signer, attempt.key), 'shipAmdErrConfirm');
  };

  private handleDecline = async (event: SubmitEvent, order: Order, amendment: Amendment) => {
    event.preventDefault();
    if (this.busy) return;
    const comment = this.comment.trim();
    if (!comment || comment.length > MAX_COMMENT) {
      const message = comment ? this.t('shipAmdErrTooLong', { max: MAX_COMMENT }) : this.t('shipAmdErrComment');
      return this.invalid(new Map([['comment', message]]));
    }
    const about = new K100AmendmentDeclineEvent({ order_id: order.id, amendment_id: amendment.id, comment });
    this.host.dispatchEvent(about);
    if (about.defaultPrevented) return;
    await this.send('decline', () => ship(this.host.api).declineAmendment(order.id, amendment.id, comment), 'shipAmdErrDecline');
  };

  private async send(kind: 'confirm' | 'decline', request: () => Promise<Amendment>, fallback: ShipKey) {
    const { host } = this;
    const api = host.api;
    this.busy = kind;
    this.errors = new Map();
    this.formError = '';
    this.update();
    try {
      const answered = await request();
      if (api !== host.api) return;
      this.reset();
      this.outcome = answered;
      host.amended(this.outcomeText(answered), answered.status === 'confirmed' ? 'contract_amended' : 'amendment_declined');
    } catch (error) {
      this.busy = undefined;
      if (!unanswered(error)) this.attempt = undefined;
      await this.fail(error, fallback);
    } finally {
      this.busy = undefined;
      this.update();
    }
  }

  private outcomeText(a: Amendment) {
    return a.status === 'confirmed'
      ? this.t('shipAmdConfirmed', { number: a.number, refund: this.money(a.refund_amount, a) })
      : this.t('shipAmdDeclined', { number: a.number });
  }

  /** The proposal for the buyer, the outcome of their answer, and the amendments so far. */
  render(order: Order, amendments: Amendment[], kind: string) {
    const buyer = kind === 'buyer';
    const proposed = buyer ? amendments.find((a) => a.status === 'proposed') : undefined;
    const listed = amendments.filter((a) => a !== proposed);
    const { outcome } = this;
    return html`${outcome && outcome.order_id === order.id ? this.renderOutcome(outcome) : nothing}
    ${proposed ? this.renderProposal(order, proposed) : nothing} ${listed.length ? this.renderList(listed) : nothing}`;
  }

  private renderOutcome(a: Amendment) {
    return html`<div part="amendment-outcome" class="callout ${a.status === 'confirmed' ? 'ok' : ''}">
      <p>${this.outcomeText(a)}</p>
      ${a.digest
        ? html`<p class="digest"><span class="muted">${this.t('shipAmdDigest')}</span> <code class="mono">${a.digest}</code></p>`
        : nothing}
    </div>`;
  }

  private renderLines(a: Amendment) {
    const { locale } = this.host.config;
    const h = {
      product: st(this.host, 'shipColProduct'),
      before: this.t('shipAmdColBefore'),
      after: this.t('shipAmdColAfter'),
      price: this.t('shipAmdColPrice'),
      change: this.t('shipAmdColChange'),
    };
    return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="amd-lines">
      <table part="amendment-lines" class="stack">
        <caption id="amd-lines" class="sr-only">${this.t('shipAmdLines')}</caption>
        <thead>
          <tr>
            <th scope="col">${h.product}</th><th scope="col" class="num">${h.before}</th><th scope="col" class="num">${h.after}</th>
            <th scope="col" class="num">${h.price}</th><th scope="col" class="num">${h.change}</th>
          </tr>
        </thead>
        <tbody>
          ${a.items.map((item) => {
            const change = (item.to_quantity - item.from_quantity) * item.unit_price;
            return html`<tr part="amendment-line" class=${change ? 'changed' : ''}>
              <th scope="row" data-label=${h.product}>${item.product_name}</th>
              <td class="num" data-label=${h.before}>${formatNumber(item.from_quantity, locale)}</td>
              <td class="num" data-label=${h.after}>
                ${item.to_quantity === 0 && item.from_quantity > 0 ? this.t('shipAmdDropped') : formatNumber(item.to_quantity, locale)}
              </td>
              <td class="num" data-label=${h.price}>${this.money(item.unit_price, a)}</td>
              <td class="num" data-label=${h.change}>${change ? this.money(change, a) : st(this.host, 'shipNone')}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  private renderProposal(order: Order, a: Amendment) {
    const busy = this.busy;
    const supplier = order.supplier.name;
    const signerError = this.errors.get('signer_name');
    const acceptError = this.errors.get('accept');
    const commentError = this.errors.get('comment');
    const ready = this.signer.trim() !== '' && this.accepted;
    return html`<section part="amendment" class="section callout amendment" aria-labelledby="amd-title" aria-busy=${busy ? 'true' : 'false'}>
      <h3 id="amd-title">${this.t('shipAmdTitle', { number: a.number })}</h3>
      <p>${this.t('shipAmdIntro', { supplier })}</p>
      <div class="field">
        <h4 class="label">${this.t('shipAmdReason')}</h4>
        <p part="amendment-reason" class="reason">${a.reason}</p>
      </div>
      ${this.renderLines(a)}
      <dl part="amendment-totals" class="facts">
        <div><dt>${this.t('shipAmdTotalBefore')}</dt><dd class="num-left">${this.money(a.total_before, a)}</dd></div>
        <div><dt>${this.t('shipAmdTotalAfter')}</dt><dd class="num-left">${this.money(a.total_after, a)}</dd></div>
        <div part="amendment-refund" class="refund"><dt>${this.t('shipAmdRefund')}</dt><dd class="num-left">${this.money(a.refund_amount, a)}</dd></div>
      </dl>
      ${this.formError
        ? html`<p part="amendment-error" class="error form-error" role="alert" data-form-error tabindex="-1">${this.formError}</p>`
        : nothing}
      <div class="amendment-forms">
        <form part="amendment-confirm-form" class="card" novalidate aria-labelledby="amd-confirm-title" @submit=${(e: SubmitEvent) => this.handleConfirm(e, order, a)}>
          <h4 id="amd-confirm-title">${this.t('shipAmdConfirmTitle')}</h4>
          <div class="field">
            <label class="label" for="amd-signer">${this.t('shipAmdSigner')}</label>
            <input
              id="amd-signer"
              part="signer-input"
              class="control"
              name="signer_name"
              autocomplete="name"
              maxlength=${MAX_NAME}
              aria-required="true"
              aria-invalid=${signerError ? 'true' : 'false'}
              aria-describedby=${describedBy('amd-signer', true, signerError)}
              .value=${this.signer}
              @input=${(e: Event) => ((this.signer = (e.target as HTMLInputElement).value), this.update())}
            />
            ${fieldNotes('amd-signer', this.t('shipAmdSignerHint'), signerError)}
          </div>
          <label class="check">
            <input
              part="accept-checkbox"
              type="checkbox"
              name="accept"
              aria-invalid=${acceptError ? 'true' : 'false'}
              aria-describedby=${describedBy('amd-accept', false, acceptError)}
              .checked=${this.accepted}
              @change=${(e: Event) => ((this.accepted = (e.target as HTMLInputElement).checked), this.update())}
            />
            <span>${this.t('shipAmdAccept')}</span>
          </label>
          ${fieldNotes('amd-accept', undefined, acceptError)}
          <p id="amd-confirm-why" class="hint muted" ?hidden=${ready}>${this.t('shipAmdNeeds')}</p>
          <div class="actions">
            <button
              part="amendment-confirm-button"
              class="btn primary"
              type="submit"
              aria-disabled=${busy ? 'true' : 'false'}
              aria-describedby=${ready ? nothing : 'amd-confirm-why'}
            >
              ${busy === 'confirm' ? this.host.t('sending') : this.t('shipAmdConfirm')}
            </button>
          </div>
        </form>
        <form part="amendment-decline-form" class="card" novalidate aria-labelledby="amd-decline-title" @submit=${(e: SubmitEvent) => this.handleDecline(e, order, a)}>
          <h4 id="amd-decline-title">${this.t('shipAmdDeclineTitle')}</h4>
          <div class="field">
            <label class="label" for="amd-comment">${this.t('shipAmdComment')}</label>
            <textarea
              id="amd-comment"
              part="comment-input"
              class="control"
              name="comment"
              maxlength=${MAX_COMMENT}
              aria-required="true"
              aria-invalid=${commentError ? 'true' : 'false'}
              aria-describedby=${describedBy('amd-comment', true, commentError)}
              .value=${this.comment}
              @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
            ></textarea>
            ${fieldNotes('amd-comment', this.t('shipAmdCommentHint', { supplier }), commentError)}
          </div>
          <div class="actions">
            <button part="amendment-decline-button" class="btn" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
              ${busy === 'decline' ? this.host.t('sending') : this.t('shipAmdDecline')}
            </button>
          </div>
        </form>
      </div>
    </section>`;
  }

  /** One line per amendment: number, status, refund, digest. */
  private renderList(amendments: Amendment[]) {
    return html`<section part="amendments" class="section" aria-labelledby="amd-history">
      <h3 id="amd-history">${this.t('shipAmdHistory')}</h3>
      <ul class="amendments">
        ${amendments.map(
          (a) => html`<li part="amendment-item" class="amendment-item ${a.status}">
            <span class="amendment-number">${this.t('shipAmdNumber', { number: a.number })}</span>
            <span class="badge ${a.status}">${label(this.host, 'shipAmdSt_', a.status)}</span>
            ${a.status === 'declined' ? nothing : html`<span>${this.t('shipAmdRefundShort', { refund: this.money(a.refund_amount, a) })}</span>`}
            ${a.digest
              ? html`<span class="digest"><span class="muted">${this.t('shipAmdDigest')}</span> <code class="mono">${a.digest}</code></span>`
              : nothing}
          </li>`,
        )}
      </ul>
    </section>`;
  }
}
