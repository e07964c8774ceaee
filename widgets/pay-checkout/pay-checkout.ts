/** `<k100-pay-checkout>`: the buyer pays a confirmed contract's order into K100Pay escrow, exactly once. */
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApiClient } from '../core/api.js';
import { K100Element } from '../core/element.js';
import { Loader } from '../core/loader.js';
import { renderStates } from '../core/states.js';
import { coreStyles } from '../core/theme.js';
import { pay, type GatewayInfo, type Order, type PaymentIntent } from '../core/pay/api.js';
import { K100PaymentFailEvent, K100PaymentIntentCreateEvent, K100PaymentSucceedEvent } from '../core/pay/events.js';
import '../core/pay/messages.js';
import { PollController } from '../core/pay/poll-controller.js';
import { Countdown } from './countdown.js';
import { Copier, renderAwaiting, renderBreakdown, renderCountdown, renderInstructions } from './intent-view.js';
import { renderExpiredQuote, renderFailed, renderFunded, renderSummary } from './outcome-view.js';
import { QuoteForm } from './quote-form.js';
import { styles } from './pay-checkout.styles.js';

interface Checkout {
  order: Order;
  gateways: GatewayInfo[];
  /** The order's latest payment intent, if any. */
  intent: PaymentIntent | null;
}

/** How long after a quote's expiry the status is still polled, for the server to settle it. */
const SETTLE_GRACE_MS = 2 * 60_000;

/**
 * K100Pay checkout for one order, on a phone as on a desk. It shows the contract total and how escrow
 * splits it (the deposit released to the supplier on funding, the balance held until the warehouse
 * transfers ownership; with a 0 % deposit nothing is released before delivery). The buyer picks a gateway
 * (radio cards with the fee rule and FX note) and a currency it takes, and asks for the exact amount: the
 * breakdown (contract total, rate, converted amount, handling fee) ends in the one amount that must
 * arrive, with a countdown to the quote's expiry and the transfer instructions, each copyable. The status
 * updates by itself (polled every 3 s while funds are awaited and the page is visible): funds held in
 * escrow with the ledger's balances, a mismatch with its refund and refund cost, or an expired quote;
 * after either failure the buyer starts a new payment. An order already paid shows its status and
 * balances instead of a form. The request for an amount cannot be sent twice: a pending request ignores
 * further submits, and a retry after a network failure reuses the attempt's `Idempotency-Key`.
 *
 * @summary Pay an order into K100Pay escrow: gateway and currency, the exact amount, instructions, live status.
 * @tag k100-pay-checkout
 *
 * @event {K100PaymentIntentCreateEvent} k100-payment-intent-create - The buyer got an exact amount to pay; `detail: {intent}`.
 * @event {K100PaymentSucceedEvent} k100-payment-succeed - The awaited funds arrived, exactly: the order is paid into escrow; `detail: {intent, order_id}`.
 * @event {K100PaymentFailEvent} k100-payment-fail - The awaited payment failed (`reason`: `amount_mismatch`, `currency_mismatch` or `expired`); `detail: {intent, reason}`.
 * @event {K100SessionExpiredEvent} k100-session-expired - The session was refused; set a freshly minted `session` to continue.
 *
 * @slot no-order - Replaces the "choose an order" text shown without `order-id`.
 *
 * @csspart base - The widget's wrapper.
 * @csspart notice - The outcome of the last action (e.g. a payment already in progress).
 * @csspart order-summary - The order, its total and the deposit/balance split.
 * @csspart split-note - What is released on funding and what stays in escrow.
 * @csspart quote-form - Gateway and currency choice.
 * @csspart gateways - The group of gateway cards.
 * @csspart gateway - One gateway card.
 * @csspart gateway-radio - A gateway's radio button.
 * @csspart currency-select - The currency to pay in.
 * @csspart field-error - A field's error message.
 * @csspart form-error - A failure not tied to one field.
 * @csspart submit-button - "Get exact amount".
 * @csspart status - The live status while funds are awaited.
 * @csspart breakdown - Contract total, rate, converted amount, fee and amount due.
 * @csspart amount-due - The amount that must arrive.
 * @csspart exact-note - The exact-amount rule.
 * @csspart countdown - Time left at this quote.
 * @csspart countdown-time - The mm:ss `<time>`.
 * @csspart expired-note - Said once the quote has run out.
 * @csspart new-quote-button - Starts a new quote after expiry.
 * @csspart instructions - Where to send the transfer.
 * @csspart instruction - One instruction (label, value, Copy).
 * @csspart instruction-value - An instruction's value.
 * @csspart copy-button - Copies an instruction's value.
 * @csspart copy-status - "Copied", next to the button pressed.
 * @csspart funded - A paid order: what arrived and the escrow balances.
 * @csspart balances - The escrow balances.
 * @csspart balance - One balance (also `balance-escrow`, `balance-released`, `balance-refunded`, `balance-fees`).
 * @csspart failed - A failed payment: received, expected and refunded amounts.
 * @csspart mismatch - What arrived against what was due.
 * @csspart refund - What was refunded and the refund cost.
 * @csspart new-payment-button - Starts a new payment after a failure.
 * @csspart quote-expired - An expired quote.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - Without `order-id`, or with no gateway to pay through.
 * @csspart error - The error state.
 * @csspart retry-button - Retries what failed to load.
 * @csspart expired - The expired-session state.
 *
 * @cssproperty --k100-pay-checkout-max-width - Widest the checkout runs (44rem).
 * @cssproperty --k100-pay-checkout-amount-size - Font size of the amount due (1.75em).
 * @cssproperty --k100-pay-checkout-accent - Edge and highlight of the chosen gateway and the amount due; defaults to `--k100-color-primary`.
 */
export class K100PayCheckout extends K100Element {
  static override styles = [coreStyles, styles];

  /** @internal Milliseconds between status checks while funds are awaited (tests shorten it). */
  static pollInterval = 3000;

  /** The order to pay (the `order_id` of a confirmed contract). Without it the widget asks for one. */
  @property({ attribute: 'order-id' }) orderId = '';

  /** The order's latest intent as it changed since the checkout loaded (polled or just created). */
  @state() private live?: { orderId: string; intent: PaymentIntent | null };
  /** The buyer asked for a new quote or payment: the form shows even though an intent exists. */
  @state() private choosing = false;
  @state() private notice = '';
  /** Said once, politely, when the awaited payment settles. */
  @state() private announcement = '';
  /** The intent awaiting funds, whose outcome the page is told about once it settles. */
  private watched?: PaymentIntent;

  private readonly main = new Loader(
    this,
    async (api, [orderId], signal): Promise<Checkout> => {
      const [order, gateways, intents] = await Promise.all([
        pay(api).order(orderId, signal),
        pay(api).gateways(signal),
        pay(api).intents(orderId, signal),
      ]);
      this.observe(intents.data);
      return { order, gateways: gateways.data, intent: intents.data[0] ?? null };
    },
    () => (this.orderId ? ([this.orderId] as const) : false),
  );

  private readonly ledger = new Loader(
    this,
    (api, [orderId], signal) => pay(api).ledger(orderId, signal),
    // Reloaded whenever what the ledger reflects changes: the payment status or the intent's outcome.
    () => (this.funded ? ([this.orderId, this.order!.payment_status, this.intent?.id, this.intent?.status] as const) : false),
  );

  private readonly form = new QuoteForm(this);
  private readonly copier = new Copier(this);
  private readonly countdown = new Countdown(this, () => this.awaiting?.expires_at);

  constructor() {
    super();
    // Polls while a payment awaits funds, the element is connected and the page visible (until SSE arrive).
    new PollController(this, {
      interval: () => (this.constructor as typeof K100PayCheckout).pollInterval,
      active: () => {
        const intent = this.awaiting;
        return !!intent && !this.sessionExpired && Date.now() < Date.parse(intent.expires_at) + SETTLE_GRACE_MS;
      },
      poll: (signal) => this.poll(signal),
    });
  }

  private get order(): Order | undefined {
    return this.main.value?.order;
  }

  /** The order's latest payment intent: the newest one seen, polled or created. */
  private get intent(): PaymentIntent | null | undefined {
    return this.live?.orderId === this.orderId ? this.live.intent : this.main.value?.intent;
  }

  /** The intent whose funds are awaited, unless the buyer is choosing a new quote. */
  private get awaiting(): PaymentIntent | undefined {
    const intent = this.intent;
    return !this.choosing && intent?.status === 'awaiting_funds' ? intent : undefined;
  }

  /** Paid: the order says so (any status but `unpaid`), or its latest intent just succeeded. */
  private get funded(): boolean {
    const order = this.order;
    return !!order && (order.payment_status !== 'unpaid' || this.intent?.status === 'succeeded');
  }

  /** Reloads the order, gateways and payments (e.g. after the buyer paid in another tab). */
  refresh(): void {
    this.live = undefined;
    this.notice = this.announcement = '';
    this.main.refresh();
    this.ledger.refresh();
  }

  private scope?: ApiClient;

  protected override willUpdate(changed: PropertyValues): void {
    if ((this.scope && this.scope !== this.api) || changed.has('orderId')) {
      this.live = this.watched = undefined;
      this.choosing = false;
      this.notice = this.announcement = '';
      this.form.reset();
      this.copier.reset();
    }
    this.scope = this.api;
  }

  private async poll(signal: AbortSignal): Promise<void> {
    const { api, orderId } = this;
    try {
      const { data } = await pay(api).intents(orderId, signal);
      if (api === this.api && orderId === this.orderId) this.applyIntents(data);
    } catch (error) {
      if (!signal.aborted) this.handleApiError(error);
      throw error;
    }
  }

  /** Takes the latest intents (polled). */
  private applyIntents(intents: PaymentIntent[]): void {
    this.observe(intents);
    this.live = { orderId: this.orderId, intent: intents[0] ?? null };
  }

  /**
   * Tells the page, once, when the intent whose funds were awaited settled, however the news came (a poll,
   * a refresh); then watches the latest intent if it awaits funds.
   */
  private observe(intents: PaymentIntent[]): void {
    const watched = this.watched && intents.find((i) => i.id === this.watched!.id);
    const latest = intents[0];
    this.watched = latest?.status === 'awaiting_funds' ? latest : undefined;
    if (!watched || watched.status === 'awaiting_funds') return;
    if (watched.status === 'succeeded') {
      this.announcement = this.t('payFundedTitle');
      const event = new K100PaymentSucceedEvent({ intent: watched, order_id: watched.order_id });
      this.dispatchEvent(event);
    } else {
      const reason = watched.failure_code ?? (watched.status === 'expired' ? 'expired' : 'amount_mismatch');
      this.announcement = this.t(watched.status === 'expired' ? 'payExpiredTitle' : 'payFailedTitle');
      const event = new K100PaymentFailEvent({ intent: watched, reason });
      this.dispatchEvent(event);
    }
  }

  /** @internal The quote form got an intent: show its amount and instructions. */
  created(intent: PaymentIntent): void {
    this.live = { orderId: this.orderId, intent };
    this.watched = intent;
    this.choosing = false;
    this.notice = this.announcement = '';
    this.copier.reset();
    const event = new K100PaymentIntentCreateEvent({ intent });
    this.dispatchEvent(event);
    void this.focusOn('#breakdown-title');
  }

  /** @internal The server refused a new intent (409): load the payment that exists and say why. */
  async conflicted(): Promise<void> {
    this.refresh();
    this.choosing = false;
    this.notice = this.t('payConflict');
    await this.main.task.taskComplete.catch(() => {});
    void this.focusOn('[part~="notice"]');
  }

  private handleNewQuote = () => {
    this.form.prefill(this.intent);
    this.choosing = true;
    this.notice = this.announcement = '';
    void this.focusOn('[part~="gateway-radio"]:checked');
  };

  private async focusOn(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  protected override render() {
    return html`<div part="base" class=${this.baseClass} lang=${this.config.locale}>
      ${this.orderId
        ? renderStates(this, this.main, {
            complete: () => this.renderCheckout(),
            isEmpty: (value) => !value.gateways.length && !this.funded && !this.intent,
            empty: this.t('payNoGateways'),
            skeleton: 'rows',
            count: 3,
          })
        : html`<div part="empty" class="state"><slot name="no-order"><p>${this.t('payNoOrder')}</p></slot></div>`}
    </div>`;
  }

  private renderCheckout() {
    const order = this.order;
    if (!order) return nothing;
    return html`<section class="section checkout" aria-labelledby="pay-title">
      <h2 id="pay-title">${this.t('payTitle')}</h2>
      <p part="notice" class="notice" role="status" tabindex="-1" ?hidden=${!this.notice}>${this.notice}</p>
      <p class="sr-only" role="status">${this.announcement}</p>
      ${renderSummary(this, order)} ${this.renderPayment(order)}
    </section>`;
  }

  private renderPayment(order: Order) {
    const intent = this.intent;
    if (this.funded) return renderFunded(this, order, intent, this.ledger);
    if (!intent || this.choosing) return this.form.render(order, this.main.value?.gateways ?? []);
    switch (intent.status) {
      case 'awaiting_funds':
        return html`${this.countdown.expired ? nothing : renderAwaiting(this, intent)} ${renderBreakdown(this, intent)}
          ${renderCountdown(this, intent, this.countdown, this.handleNewQuote)}
          ${this.countdown.expired ? nothing : renderInstructions(this, intent, this.copier)}`;
      case 'failed':
        return renderFailed(this, intent, this.handleNewQuote);
      case 'expired':
        return renderExpiredQuote(this, intent, this.handleNewQuote);
      default:
        return renderBreakdown(this, intent);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'k100-pay-checkout': K100PayCheckout;
  }
}
