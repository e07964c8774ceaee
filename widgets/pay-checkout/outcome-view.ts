/**
 * What the checkout shows around and after a payment: the order's deposit/balance split, a funded order
 * with its escrow balances, a mismatched payment with its refund, and an expired quote.
 */
import { html, nothing } from 'lit';
import { TaskStatus } from '@lit/task';
import type { K100Element } from '../core/element.js';
import type { MessageKey } from '../core/i18n.js';
import type { Loader } from '../core/loader.js';
import type { Ledger, Order, PaymentIntent } from '../core/pay/api.js';
import { formatDateTime } from '../core/pay/format.js';

const KNOWN_STATUSES = ['escrow_funded', 'released', 'refunded', 'disputed'];

/** The order, its total and how escrow splits it: the deposit released on funding, the balance held. */
export function renderSummary(host: K100Element, order: Order) {
  const { currency, total, deposit_amount: deposit, balance_amount: balance } = order;
  const percent = total ? Math.round((deposit * 1000) / total) / 10 : 0;
  return html`<section part="order-summary" class="section summary" aria-labelledby="summary-title">
    <p id="summary-title" class="order-line">${host.t('payOrderLine', { id: order.id, supplier: order.supplier.name })}</p>
    <dl class="figures">
      <div><dt>${host.t('payContractTotal')}</dt><dd>${host.money(total, currency)}</dd></div>
      <div>
        <dt>${host.t('payDeposit', { percent: host.t('payPercent', { value: percent }) })}</dt>
        <dd>${host.money(deposit, currency)}</dd>
      </div>
      <div><dt>${host.t('payBalance')}</dt><dd>${host.money(balance, currency)}</dd></div>
    </dl>
    <p part="split-note" class="split-note">
      ${deposit > 0
        ? host.t('paySplit', { deposit: host.money(deposit, currency), balance: host.money(balance, currency) })
        : host.t('paySplitNoDeposit', { total: host.money(total, currency) })}
    </p>
  </section>`;
}

function renderBalances(host: K100Element, order: Order, ledger: Ledger, justFunded: boolean) {
  const { balances, currency } = ledger;
  const money = (minor: number) => host.money(minor, currency);
  const row = (key: MessageKey, minor: number, part: string) =>
    html`<div part="balance ${part}"><dt>${host.t(key)}</dt><dd>${money(minor)}</dd></div>`;
  const supplier = order.supplier.name;
  return html`${justFunded
      ? html`<p>
          ${balances.released > 0
            ? host.t('payFundedSplit', { released: money(balances.released), supplier, escrow: money(balances.escrow) })
            : host.t('payFundedNoDeposit', { supplier, escrow: money(balances.escrow) })}
        </p>`
      : nothing}
    <h4>${host.t('payBalancesTitle')}</h4>
    <dl part="balances" class="figures balances">
      ${row('payBalanceEscrow', balances.escrow, 'balance-escrow')} ${row('payBalanceReleased', balances.released, 'balance-released')}
      ${balances.refunded ? row('payBalanceRefunded', balances.refunded, 'balance-refunded') : nothing}
      ${balances.fees ? row('payBalanceFees', balances.fees, 'balance-fees') : nothing}
    </dl>`;
}

/** A paid order (just now or before): what arrived, what the supplier got and what escrow holds. */
export function renderFunded(
  host: K100Element,
  order: Order,
  intent: PaymentIntent | null | undefined,
  ledger: Loader<readonly unknown[], Ledger>,
) {
  const status = order.payment_status;
  const justFunded = status === 'unpaid' || status === 'escrow_funded';
  const title = justFunded
    ? host.t('payFundedTitle')
    : KNOWN_STATUSES.includes(status)
      ? host.t(`payStatus_${status}` as MessageKey)
      : host.t('payStatusOther', { status });
  const received = intent?.status === 'succeeded' ? intent.received : null;
  const balances = ledger.value;
  return html`<section part="funded" class="section callout ok" aria-labelledby="funded-title">
    <h3 id="funded-title" tabindex="-1">${title}</h3>
    ${received
      ? html`<p>${host.t('payFundedArrived', { amount: host.money(received.amount, received.currency), date: formatDateTime(received.at, host.config.locale) })}</p>`
      : nothing}
    ${ledger.status === TaskStatus.ERROR
      ? html`<p class="error">
          ${host.t('payBalancesFailed')}
          <button part="retry-button" class="btn" type="button" @click=${() => ledger.refresh()}>${host.t('retry')}</button>
        </p>`
      : balances
        ? renderBalances(host, order, balances, justFunded)
        : html`<p class="muted" role="status">${host.t('payBalancesLoading')}</p>`}
  </section>`;
}

/** Other money than was due arrived: what came, what was due, and what went back at whose cost. */
export function renderFailed(host: K100Element, intent: PaymentIntent, onNewPayment: () => void) {
  const { received, refund } = intent;
  const wrongCurrency = intent.failure_code === 'currency_mismatch';
  return html`<section part="failed" class="section callout bad" aria-labelledby="failed-title">
    <h3 id="failed-title" tabindex="-1">${host.t(wrongCurrency ? 'payFailedCurrencyTitle' : 'payFailedTitle')}</h3>
    ${received
      ? html`<p part="mismatch">
          ${host.t('payFailedReceived', {
            received: host.money(received.amount, received.currency),
            expected: host.money(intent.amount_due, intent.currency),
          })}
        </p>`
      : nothing}
    <p part="refund">
      ${refund
        ? host.t('payFailedRefund', { refund: host.money(refund.amount, refund.currency), cost: host.money(refund.cost, refund.currency) })
        : host.t('payRefundPending')}
    </p>
    <p>${host.t('payFailedNext')}</p>
    <div class="actions">
      <button part="new-payment-button" class="btn primary" type="button" @click=${onNewPayment}>${host.t('payNewPayment')}</button>
    </div>
  </section>`;
}

/** The quote ran out: nothing arrived in time, or what arrived late went back minus the refund cost. */
export function renderExpiredQuote(host: K100Element, intent: PaymentIntent, onNewQuote: () => void) {
  const { received, refund } = intent;
  return html`<section part="quote-expired" class="section callout" aria-labelledby="quote-expired-title">
    <h3 id="quote-expired-title" tabindex="-1">${host.t('payExpiredTitle')}</h3>
    <p>${host.t('payExpiredText', { date: formatDateTime(intent.expires_at, host.config.locale) })}</p>
    ${received && refund
      ? html`<p part="refund">
          ${host.t('payLateFunds', {
            received: host.money(received.amount, received.currency),
            refund: host.money(refund.amount, refund.currency),
            cost: host.money(refund.cost, refund.currency),
          })}
        </p>`
      : received
        ? html`<p part="refund">${host.t('payRefundPending')}</p>`
        : nothing}
    <div class="actions">
      <button part="new-quote-button" class="btn primary" type="button" @click=${onNewQuote}>${host.t('payNewQuote')}</button>
    </div>
  </section>`;
}
