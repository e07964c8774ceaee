/**
 * A payment intent awaiting funds: the exact breakdown with the amount due, the quote's countdown, and
 * the transfer instructions, each value with a Copy button.
 */
import { html, nothing } from 'lit';
import type { K100Element } from '../core/element.js';
import type { PaymentIntent } from '../core/pay/api.js';
import { formatDateTime, plainAmount } from '../core/pay/format.js';
import type { MessageKey } from '../core/i18n.js';
import { clock, type Countdown } from './countdown.js';

/** Copies one instruction value; without a clipboard (insecure page, denied) it selects the text instead. */
export class Copier {
  private field = '';
  private selected = false;

  constructor(private readonly host: K100Element) {}

  reset(): void {
    this.field = '';
  }

  private async copy(field: string, value: string) {
    try {
      await navigator.clipboard.writeText(value);
      this.selected = false;
    } catch {
      const node = this.host.renderRoot.querySelector(`#copy-${field}`);
      if (node) getSelection()?.selectAllChildren(node);
      this.selected = true;
    }
    this.field = field;
    this.host.requestUpdate();
  }

  /** One instruction: its label, the value as shown, and a Copy button copying `raw` (default: the value). */
  row(field: string, label: MessageKey, value: string, raw = value) {
    const { host } = this;
    const done = this.field === field;
    return html`<div part="instruction" class="instruction ${field}">
      <dt>${host.t(label)}</dt>
      <dd>
        <span id="copy-${field}" part="instruction-value" class="mono value">${value}</span>
        <button part="copy-button" class="btn copy" type="button" @click=${() => this.copy(field, raw)}>
          ${host.t('payCopy')}<span class="sr-only"> ${host.t(label)}</span>
        </button>
        <span part="copy-status" class="copied ${done && !this.selected ? 'ok' : 'muted'}" role="status">
          ${done ? host.t(this.selected ? 'payCopySelected' : 'payCopied') : ''}
        </span>
      </dd>
    </div>`;
  }
}

/** Contract total, rate, converted amount, fee and, big, the one amount that must arrive. */
export function renderBreakdown(host: K100Element, intent: PaymentIntent) {
  const b = intent.breakdown;
  const converts = intent.currency !== b.contract_currency;
  const rule = typeof b.fee_rule === 'string' ? b.fee_rule : '';
  return html`<section part="breakdown" class="section breakdown" aria-labelledby="breakdown-title">
    <h3 id="breakdown-title" tabindex="-1">${host.t('payBreakdownTitle')}</h3>
    <dl class="figures">
      <div><dt>${host.t('payContractTotal')}</dt><dd>${host.money(b.contract_total, b.contract_currency)}</dd></div>
      ${converts
        ? html`<div>
              <dt>${host.t('payRate')}</dt>
              <dd>${host.t('payRateValue', { from: b.contract_currency, rate: b.rate, to: intent.currency })}</dd>
            </div>
            <div><dt>${host.t('payConverted')}</dt><dd>${host.money(b.converted_amount, intent.currency)}</dd></div>`
        : nothing}
      <div>
        <dt>${host.t('payFee')}${rule ? html` <span class="muted rule">(${rule})</span>` : nothing}</dt>
        <dd>${host.money(b.fee, intent.currency)}</dd>
      </div>
      <div part="amount-due" class="due">
        <dt>${host.t('payAmountDue')}</dt>
        <dd>${host.money(intent.amount_due, intent.currency)}</dd>
      </div>
    </dl>
    <p part="exact-note" class="callout">${host.t('payExactNote')}</p>
  </section>`;
}

const MILESTONE_TEXT = { five: 'payFiveMinutes', one: 'payOneMinute', expired: 'payQuoteExpired' } as const;

/** mm:ss to the quote's expiry in a `<time>`, and polite announcements at 5 min, 1 min and expiry only. */
export function renderCountdown(host: K100Element, intent: PaymentIntent, countdown: Countdown, onNewQuote: () => void) {
  const left = clock(countdown.remaining ?? 0);
  const expired = countdown.expired;
  return html`<div part="countdown" class="countdown ${expired ? 'is-expired' : ''}">
    <p class="countdown-line">
      <span class="label">${host.t('payTimeLeft')}</span>
      <time part="countdown-time" class="clock mono" datetime=${left.duration}>${left.text}</time>
    </p>
    <p class="muted">${host.t('payValidUntil', { time: formatDateTime(intent.expires_at, host.config.locale) })}</p>
    <p class="sr-only" role="status">${countdown.milestone ? host.t(MILESTONE_TEXT[countdown.milestone]) : ''}</p>
    ${expired
      ? html`<p part="expired-note" class="error">${host.t('payExpiredNote')}</p>
          <div class="actions">
            <button part="new-quote-button" class="btn primary" type="button" @click=${onNewQuote}>${host.t('payNewQuote')}</button>
          </div>`
      : nothing}
  </div>`;
}

/** Where to send the money and the reference to quote, each copyable. */
export function renderInstructions(host: K100Element, intent: PaymentIntent, copier: Copier) {
  const i = intent.instructions;
  return html`<section part="instructions" class="section instructions" aria-labelledby="instructions-title">
    <h3 id="instructions-title">${host.t('payInstructionsTitle')}</h3>
    <dl class="instruction-list">
      ${copier.row('amount', 'payFieldAmount', host.money(intent.amount_due, intent.currency), plainAmount(intent.amount_due, intent.currency))}
      ${copier.row('beneficiary', 'payFieldBeneficiary', i.beneficiary)} ${copier.row('bank', 'payFieldBank', i.bank_name)}
      ${copier.row('account', 'payFieldAccount', i.account_number)}
      ${i.swift_bic ? copier.row('swift', 'payFieldSwift', i.swift_bic) : nothing}
      ${copier.row('reference', 'payFieldReference', i.reference || intent.reference)}
    </dl>
    ${i.note ? html`<p class="muted">${i.note}</p>` : nothing}
  </section>`;
}

/** The live status while funds are awaited. */
export function renderAwaiting(host: K100Element, intent: PaymentIntent) {
  return html`<div part="status" class="callout status awaiting">
    <p class="status-title"><span class="pulse" aria-hidden="true"></span>${host.t('payAwaitingTitle')}</p>
    <p>${host.t('payAwaitingText', { reference: intent.reference })}</p>
  </div>`;
}
