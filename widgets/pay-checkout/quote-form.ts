/**
 * The buyer's choice of gateway and currency, and the request for the exact amount. One attempt, one
 * `Idempotency-Key`: the key is reused when the same attempt is retried after its answer never came, so a
 * retry never creates a second payment intent; and a pending request ignores further submits.
 */
import { html, nothing } from 'lit';
import { ApiError } from '../core/api.js';
import type { K100Element } from '../core/element.js';
import { newIdempotencyKey, pay, type GatewayInfo, type Order, type PaymentIntent } from '../core/pay/api.js';

export interface QuoteFormHost extends K100Element {
  readonly orderId: string;
  /** A new intent awaits funds. */
  created(intent: PaymentIntent): void;
  /** The server refused (409): the order is paid or a payment already awaits funds; show that instead. */
  conflicted(): void;
}

interface Attempt {
  key: string;
  gateway: string;
  currency: string;
}

/** What this order can be paid in through `gateway`: a gateway without FX takes the contract currency only. */
export function payableCurrencies(gateway: GatewayInfo, contractCurrency: string): string[] {
  if (gateway.converts) return gateway.currencies;
  return gateway.currencies.includes(contractCurrency) ? [contractCurrency] : [];
}

/** No answer, or none we can trust (5xx, still in progress): the same key must be sent again. */
const unanswered = (error: unknown) =>
  !(error instanceof ApiError) || error.status >= 500 || /idempotency-in-progress$/.test(error.type);

export class QuoteForm {
  gateway = '';
  currency = '';
  private busy = false;
  private attempt: Attempt | undefined;
  private errors = new Map<'gateway' | 'currency', string>();
  private formError = '';

  constructor(private readonly host: QuoteFormHost) {}

  reset(): void {
    this.gateway = this.currency = this.formError = '';
    this.attempt = undefined;
    this.errors = new Map();
  }

  /** Starts a new quote from a previous payment's gateway and currency. */
  prefill(intent: PaymentIntent | null | undefined): void {
    this.reset();
    if (intent) {
      this.gateway = intent.gateway;
      this.currency = intent.currency;
    }
  }

  private update() {
    this.host.requestUpdate();
  }

  /** The chosen gateway if it can pay this order, else the first that can; and a currency it takes. */
  private resolve(order: Order, gateways: readonly GatewayInfo[]) {
    const usable = gateways.filter((g) => payableCurrencies(g, order.currency).length);
    const gateway = usable.find((g) => g.id === this.gateway) ?? usable[0];
    const currencies = gateway ? payableCurrencies(gateway, order.currency) : [];
    const currency = currencies.includes(this.currency)
      ? this.currency
      : currencies.includes(order.currency)
        ? order.currency
        : (currencies[0] ?? '');
    return { gateway, currencies, currency };
  }

  private async focusInvalid() {
    this.update();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]')?.focus();
  }

  private fail(error: unknown) {
    const { host } = this;
    host.handleApiError(error);
    if (error instanceof ApiError && error.status === 401) return;
    // Paid meanwhile, or a payment already awaits funds: show that one. (Other 409s, such as no rate right now, are said below.)
    if (error instanceof ApiError && error.status === 409 && /(already-paid|awaiting-funds)$/.test(error.type)) return host.conflicted();
    if (error instanceof ApiError && error.status === 422) {
      for (const { path, message } of error.errors) {
        const field = path.split('.').pop();
        if (field === 'gateway' || field === 'currency') this.errors.set(field, message);
      }
      if (!this.errors.size && /currency/.test(error.type)) this.errors.set('currency', error.detail ?? error.title);
      if (this.errors.size) return void this.focusInvalid();
    }
    this.formError = unanswered(error)
      ? host.t('payQuoteNetwork')
      : error instanceof ApiError
        ? (error.detail ?? error.title)
        : host.t('payQuoteFailed');
    void this.focusInvalid();
  }

  private handleSubmit = async (event: SubmitEvent, order: Order, gateways: readonly GatewayInfo[]) => {
    event.preventDefault();
    if (this.busy) return;
    const { host } = this;
    const { gateway, currency } = this.resolve(order, gateways);
    this.errors = new Map();
    this.formError = '';
    if (!gateway) {
      this.errors.set('gateway', host.t('payChooseGateway'));
      this.update();
      return this.focusInvalid();
    }
    const body = { gateway: gateway.id, currency };
    const retry = this.attempt?.gateway === body.gateway && this.attempt.currency === body.currency;
    const attempt = retry ? this.attempt! : (this.attempt = { key: newIdempotencyKey(), ...body });
    this.busy = true;
    this.update();
    try {
      const { intent } = await pay(host.api).createIntent(host.orderId, body, attempt.key);
      this.attempt = undefined;
      host.created(intent);
    } catch (error) {
      if (!unanswered(error)) this.attempt = undefined;
      this.fail(error);
    } finally {
      this.busy = false;
      this.update();
    }
  };

  private choose(gateway: string, currency?: string) {
    this.gateway = gateway;
    if (currency !== undefined) this.currency = currency;
    this.errors = new Map();
    this.update();
  }

  private duration(seconds: number): string {
    const t = this.host.t.bind(this.host);
    if (seconds % 86400 === 0) return t('payDays', { count: seconds / 86400 });
    if (seconds % 3600 === 0) return t('payHours', { count: seconds / 3600 });
    return t('payMinutes', { count: Math.round(seconds / 60) });
  }

  private renderGateway(order: Order, g: GatewayInfo, checked: boolean) {
    const { host } = this;
    const available = payableCurrencies(g, order.currency).length > 0;
    const spread = host.t('payPercent', { value: g.spread_bps / 100 });
    const fx = g.converts
      ? host.t('payGatewayFx', { currency: order.currency, spread })
      : host.t('payGatewayNoFx', { currency: order.currency });
    return html`<div part="gateway" class="gateway ${available ? '' : 'is-unavailable'}">
      <input
        id="gw-${g.id}"
        part="gateway-radio"
        type="radio"
        name="gateway"
        value=${g.id}
        .checked=${checked}
        ?disabled=${!available}
        aria-describedby="gw-${g.id}-about"
        @change=${() => this.choose(g.id)}
      />
      <div class="gateway-body">
        <label class="gateway-name" for="gw-${g.id}">${g.name}</label>
        <div id="gw-${g.id}-about" class="gateway-about">
          <p class="muted">${g.description}</p>
          ${available
            ? html`<p>${host.t('payGatewayFee', { rule: g.fee_summary })}</p>
                <p>${fx}</p>
                <p class="muted">${host.t('payGatewayHolds', { duration: this.duration(g.quote_ttl_seconds) })}</p>`
            : html`<p>${host.t('payGatewayUnavailable', { currency: order.currency })}</p>`}
        </div>
      </div>
    </div>`;
  }

  render(order: Order, gateways: readonly GatewayInfo[]) {
    const { host } = this;
    const { gateway, currencies, currency } = this.resolve(order, gateways);
    const gatewayError = this.errors.get('gateway');
    const currencyError = this.errors.get('currency');
    const busy = this.busy;
    const hint = gateway?.converts
      ? host.t('payCurrencyHintFx', { currency: order.currency })
      : host.t('payCurrencyHintNoFx');
    return html`<form
      part="quote-form"
      class="section quote-form"
      novalidate
      aria-label=${host.t('payGetAmount')}
      @submit=${(e: SubmitEvent) => this.handleSubmit(e, order, gateways)}
    >
      <fieldset part="gateways" class="gateways" aria-describedby=${gatewayError ? 'pay-gateway-error' : nothing}>
        <legend>${host.t('payGatewayLegend')}</legend>
        <div class="gateway-grid">${gateways.map((g) => this.renderGateway(order, g, g.id === gateway?.id))}</div>
        ${gatewayError ? html`<p id="pay-gateway-error" part="field-error" class="field-error error" data-form-error tabindex="-1">${gatewayError}</p>` : nothing}
      </fieldset>
      <div class="field currency-field">
        <label class="label" for="pay-currency">${host.t('payCurrencyLabel')}</label>
        <select
          id="pay-currency"
          part="currency-select"
          class="control"
          name="currency"
          aria-invalid=${currencyError ? 'true' : 'false'}
          aria-describedby="pay-currency-hint${currencyError ? ' pay-currency-error' : ''}"
          @change=${(e: Event) => this.choose(gateway?.id ?? '', (e.target as HTMLSelectElement).value)}
        >
          ${currencies.map((c) => html`<option value=${c} .selected=${c === currency}>${c}</option>`)}
        </select>
        <p id="pay-currency-hint" class="hint muted">${hint}</p>
        ${currencyError
          ? html`<p id="pay-currency-error" part="field-error" class="field-error error">${currencyError}</p>`
          : nothing}
      </div>
      <p class="muted">${host.t('payFeesBorne')}</p>
      ${this.formError
        ? html`<p part="form-error" class="error" role="alert" data-form-error tabindex="-1">${this.formError}</p>`
        : nothing}
      <div class="actions">
        <button
          part="submit-button"
          class="btn primary"
          type="submit"
          aria-disabled=${busy ? 'true' : 'false'}
          aria-busy=${busy ? 'true' : 'false'}
        >
          ${busy ? host.t('payGettingAmount') : host.t('payGetAmount')}
        </button>
      </div>
    </form>`;
  }
}
