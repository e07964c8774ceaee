/**
 * Ownership transfer: enabled once the goods are picked up and the cross-check matches; asks to confirm first.
 * One attempt, one `Idempotency-Key`: retried after its answer never came (network failure, 5xx), the same key
 * goes again, so the server replays the first release instead of refusing the settled order.
 */
import { html, nothing } from 'lit';
import { ApiError } from '../core/api.js';
import { StepError, newAttemptKey, type TransferResult } from '../core/warehouse/api.js';
import { K100OwnershipTransferEvent } from '../core/warehouse/events.js';
import type { ConsoleData, Gate } from './gates.js';
import { describe } from './cross-check-view.js';
import { StepForm } from './step-form.js';

/** No answer, or none we can trust (5xx, still in progress): the attempt is not over, its key must go again. */
const unanswered = (error: unknown) =>
  !(error instanceof ApiError) || error.status >= 500 || /idempotency-in-progress$/.test(error.type);

export class TransferPanel extends StepForm {
  readonly section = 'transfer';
  confirming = false;
  /** What the transfer released, once done here. */
  result: TransferResult | undefined;
  /** The attempt in progress: its order and key, until the server answers it. */
  private attempt: { orderId: string; key: string } | undefined;

  override reset(): void {
    super.reset();
    this.confirming = false;
    this.result = undefined;
    this.attempt = undefined;
  }

  override succeeded(): void {
    super.succeeded();
    this.confirming = false;
    this.attempt = undefined;
  }

  override fail(error: unknown): void {
    super.fail(error);
    if (!unanswered(error)) this.attempt = undefined;
    // The server's differences, in words, with its refusal.
    if (error instanceof StepError && error.differences.length) {
      this.formError = [this.formError, ...error.differences.map((d) => describe(this.host, d))].join(' ');
    }
    this.confirming = false;
  }

  private async ask(confirming: boolean) {
    this.confirming = confirming;
    this.clear();
    this.update();
    await this.host.updateComplete;
    this.scope?.querySelector<HTMLElement>(confirming ? '[part~="confirm-transfer-button"]' : '[part~="transfer-button"]')?.focus();
  }

  async confirm() {
    const { host } = this;
    if (host.busy) return;
    const body = {};
    const orderId = host.orderKey;
    const attempt = this.attempt?.orderId === orderId ? this.attempt : (this.attempt = { orderId, key: newAttemptKey() });
    const done = await host.step(
      this,
      new K100OwnershipTransferEvent({ order_id: orderId, body }),
      (api) => api.ownershipTransfer(orderId, attempt.key),
      (result) => {
        this.result = result;
        return this.t('whTransferDone', { amount: host.money(result.released, result.currency) });
      },
    );
    if (!done) this.confirming = false;
  }

  render(data: ConsoleData, gate: Gate) {
    const { order } = data;
    const host = this.host;
    if (gate.state === 'done') {
      return html`<div part="settled" class="callout ok" tabindex="-1">
        <p>✓ ${this.t('whSettled')}</p>
        ${this.result ? html`<p>${this.t('whTransferDone', { amount: host.money(this.result.released, this.result.currency) })}</p>` : ''}
      </div>`;
    }
    const amount = host.money(order.balance_amount, order.currency);
    const busy = host.busy === 'transfer';
    return html`<div class="stack">
      <p class="muted">${this.t('whTransferHint', { amount })}</p>
      ${this.confirming
        ? html`<div part="transfer-confirm" class="callout" role="group" aria-labelledby="wh-transfer-q">
            <p id="wh-transfer-q" class="strong">${this.t('whTransferConfirm', { amount, supplier: order.supplier.name })}</p>
            <div class="actions">
              <button
                part="confirm-transfer-button"
                class="btn primary"
                type="button"
                aria-disabled=${busy ? 'true' : 'false'}
                aria-busy=${busy ? 'true' : 'false'}
                @click=${() => this.confirm()}
              >
                ${busy ? this.t('whBusy') : this.t('whTransferYes')}
              </button>
              <button part="cancel-button" class="btn" type="button" @click=${() => this.ask(false)}>${this.t('whCancel')}</button>
            </div>
          </div>`
        : html`<div class="actions">
            <button
              part="transfer-button"
              class="btn primary"
              type="button"
              ?disabled=${gate.state !== 'open'}
              aria-describedby=${gate.reason ? 'section-transfer-reason' : nothing}
              @click=${() => this.ask(true)}
            >
              ${this.t('whTransfer')}
            </button>
          </div>`}
      ${this.formError ? html`<p part="form-error" class="error form-error" role="alert" data-form-error tabindex="-1">${this.formError}</p>` : ''}
      ${this.note ? html`<p part="form-note" class="muted">${this.note}</p>` : ''}
    </div>`;
  }
}
