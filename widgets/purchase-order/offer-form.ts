/**
 * The terms form of an offer (the opening one or a counter-offer): values kept as typed, validated the way
 * the server validates Terms, and the server's 422 field errors shown next to their fields.
 */
import { html, nothing } from 'lit';
import type { K100Element } from '../core/element.js';
import type { SelectedItem } from '../core/events.js';
import { majorToMinor, minorToDecimal, currencyDigits } from '../core/format.js';
import type { MessageKey } from '../core/i18n.js';
import type { PricedTerms, Terms } from '../core/deals/api.js';
import { describedBy, fieldId, fieldNotes } from '../core/forms/fields.js';
import { INCOTERMS, SHIPPING_MODES, incotermName, shippingModeName } from '../core/deals/format.js';

const MAX_QUANTITY = 10_000_000;
const MAX_TEXT = 2000;

interface Line {
  product_id: string;
  name: string;
  moq?: number | undefined;
  list?: { price: number; currency: string } | undefined;
  quantity: string;
  price: string;
}

type Scalar = 'currency' | 'incoterm' | 'delivery_date' | 'deposit_percent' | 'inspection_percent' | 'shipping_mode' | 'destination_port' | 'notes' | 'message';
type Values = Record<Scalar, string>;

export interface FormOptions {
  title: string;
  submit: string;
  busy: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}

const priceText = (minor: number, currency: string) => minorToDecimal(minor, currencyDigits(currency));

export class OfferForm {
  errors = new Map<string, string>();
  /** A failure that belongs to no one field. */
  formError = '';
  /** Live validation starts with the first attempt to send. */
  private attempted = false;

  private constructor(
    private readonly host: K100Element,
    readonly lines: Line[],
    readonly values: Values,
    /** Currencies the buyer may pick (more than one only when the products are listed in several). */
    readonly currencies: string[],
  ) {}

  /** A first offer from folder items: list prices as the opening prices, sensible defaults to edit. */
  static fromItems(host: K100Element, items: readonly SelectedItem[]): OfferForm {
    const currencies = [...new Set(items.map((item) => item.product.currency))];
    const currency = currencies[0] ?? 'USD';
    const lines = items.map(({ product, quantity }) => ({
      product_id: product.id,
      name: product.name,
      moq: product.moq,
      list: { price: product.unit_price, currency: product.currency },
      quantity: String(quantity),
      price: product.currency === currency ? priceText(product.unit_price, currency) : '',
    }));
    const values: Values = {
      currency,
      incoterm: 'FOB',
      delivery_date: '',
      deposit_percent: '30',
      inspection_percent: '10',
      shipping_mode: 'lcl',
      destination_port: '',
      notes: '',
      message: '',
    };
    return new OfferForm(host, lines, values, currencies);
  }

  /** A counter-offer starts from the latest terms. */
  static fromTerms(host: K100Element, terms: PricedTerms, names: ReadonlyMap<string, string>): OfferForm {
    const lines = terms.items.map((item) => ({
      product_id: item.product_id,
      name: names.get(item.product_id) ?? item.product_id,
      quantity: String(item.quantity),
      price: priceText(item.unit_price, terms.currency),
    }));
    const values: Values = {
      currency: terms.currency,
      incoterm: terms.incoterm,
      delivery_date: terms.delivery_date,
      deposit_percent: String(terms.deposit_percent),
      inspection_percent: String(terms.inspection_percent),
      shipping_mode: terms.shipping_mode,
      destination_port: terms.destination_port,
      notes: terms.notes ?? '',
      message: '',
    };
    return new OfferForm(host, lines, values, [terms.currency]);
  }

  get message(): string | undefined {
    return this.values.message.trim() || undefined;
  }

  /** The terms as the API wants them, or undefined with `errors` filled in. */
  validate(): Terms | undefined {
    this.attempted = true;
    const errors = new Map<string, string>();
    const t = (key: MessageKey, params?: Record<string, number>) => this.host.t(key, params);
    const v = this.values;
    const currency = v.currency;
    const items = this.lines.map((line, i) => {
      const quantity = Number(line.quantity);
      if (!/^\d+$/.test(line.quantity.trim()) || quantity < 1 || quantity > MAX_QUANTITY) {
        errors.set(`items.${i}.quantity`, t('errQuantity', { max: MAX_QUANTITY }));
      }
      const unit_price = majorToMinor(line.price, currency);
      if (unit_price === undefined) errors.set(`items.${i}.unit_price`, t('errPrice'));
      else if (unit_price * quantity > Number.MAX_SAFE_INTEGER) errors.set(`items.${i}.unit_price`, t('errLineTotal'));
      return { product_id: line.product_id, quantity, unit_price: unit_price ?? 0 };
    });
    const day = v.delivery_date.trim();
    const date = new Date(`${day}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) {
      errors.set('delivery_date', t('errDate'));
    }
    for (const name of ['deposit_percent', 'inspection_percent'] as const) {
      const value = v[name].trim();
      if (!/^\d{1,3}$/.test(value) || Number(value) > 100) errors.set(name, t('errPercent'));
    }
    const port = v.destination_port.trim().toUpperCase();
    if (!/^[A-Z]{2}[A-Z2-9]{3}$/.test(port)) errors.set('destination_port', t('errPort'));
    for (const name of ['notes', 'message'] as const) {
      if (v[name].length > MAX_TEXT) errors.set(name, t('errTooLong', { max: MAX_TEXT }));
    }
    this.errors = errors;
    this.formError = '';
    if (errors.size) return undefined;
    const notes = v.notes.trim();
    return {
      currency,
      items,
      incoterm: v.incoterm as Terms['incoterm'],
      delivery_date: day,
      deposit_percent: Number(v.deposit_percent),
      inspection_percent: Number(v.inspection_percent),
      shipping_mode: v.shipping_mode as Terms['shipping_mode'],
      destination_port: port,
      ...(notes ? { notes } : {}),
    };
  }

  /** Shows the server's field errors (paths relative to the body: "terms.items.0.quantity", "message"). */
  showServerErrors(errors: ReadonlyMap<string, string>): void {
    const mine = new Map<string, string>();
    const other: string[] = [];
    for (const [path, message] of errors) {
      const name = path.replace(/^terms\./, '');
      const line = /^items\.(\d+)\.product_id$/.exec(name);
      const target = line ? `items.${line[1]}.quantity` : name;
      if (this.knows(target)) mine.set(target, message);
      else other.push(path ? `${path}: ${message}` : message);
    }
    this.errors = mine;
    this.formError = other.join(' ');
  }

  private knows(name: string): boolean {
    const line = /^items\.(\d+)\.(quantity|unit_price)$/.exec(name);
    return line ? Number(line[1]) < this.lines.length : name in this.values;
  }

  private handleInput = (event: Event) => {
    const target = event.target as HTMLInputElement;
    const line = /^items\.(\d+)\.(quantity|unit_price)$/.exec(target.name);
    if (line) {
      const item = this.lines[Number(line[1])];
      if (item) item[line[2] === 'quantity' ? 'quantity' : 'price'] = target.value;
    } else if (target.name in this.values) {
      this.values[target.name as Scalar] = target.value;
    }
    if (this.attempted) this.validate();
    this.host.requestUpdate();
  };

  private handleSubmit(event: SubmitEvent, submit: () => void) {
    event.preventDefault();
    submit();
  }

  private control(name: string, label: unknown, input: (id: string, invalid: boolean, described: unknown) => unknown, hint?: string) {
    const id = fieldId(name);
    const error = this.errors.get(name);
    return html`<div class="field">
      <label class="label" for=${id}>${label}</label>
      ${input(id, !!error, describedBy(id, hint, error))} ${fieldNotes(id, hint, error)}
    </div>`;
  }

  private text(name: Scalar | string, label: unknown, value: string, extra: { hint?: string; type?: string; inputmode?: string; sr?: string } = {}) {
    return this.control(
      name,
      label,
      (id, invalid, described) => html`<input
        id=${id}
        class="control"
        name=${name}
        type=${extra.type ?? 'text'}
        inputmode=${extra.inputmode ?? 'text'}
        autocomplete="off"
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${described}
        .value=${value}
      />`,
      extra.hint,
    );
  }

  private select(name: Scalar, label: string, options: readonly string[], naming: (value: string) => string, hint?: string) {
    return this.control(
      name,
      label,
      (id, invalid, described) => html`<select id=${id} class="control" name=${name} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${described}>
        ${options.map((o) => html`<option value=${o} ?selected=${o === this.values[name]}>${naming(o)}</option>`)}
      </select>`,
      hint,
    );
  }

  private textarea(name: 'notes' | 'message', label: string, hint: string) {
    return this.control(
      name,
      label,
      (id, invalid, described) => html`<textarea
        id=${id}
        class="control"
        name=${name}
        maxlength=${MAX_TEXT}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${described}
        .value=${this.values[name]}
      ></textarea>`,
      hint,
    );
  }

  private estimate(): string {
    const currency = this.values.currency;
    let subtotal = 0;
    for (const line of this.lines) subtotal += (majorToMinor(line.price, currency) ?? 0) * (Number(line.quantity) || 0);
    return Number.isSafeInteger(subtotal) ? this.host.money(subtotal, currency) : '—';
  }

  render({ title, submit, busy, onSubmit, onCancel }: FormOptions) {
    const { host, values } = this;
    const currency = values.currency;
    const count = this.errors.size;
    return html`<form part="offer-form" class="offer-form" novalidate aria-labelledby="offer-title" @input=${this.handleInput} @change=${this.handleInput} @submit=${(e: SubmitEvent) => this.handleSubmit(e, onSubmit)}>
      <h3 id="offer-title" tabindex="-1">${title}</h3>
      <div role="alert" class="form-alert">
        ${count ? html`<p class="error">${host.t('formInvalid', { count })}</p>` : nothing}
        ${this.formError ? html`<p part="form-error" class="error" data-form-error tabindex="-1">${this.formError}</p>` : nothing}
      </div>
      <fieldset part="lines">
        <legend>${host.t('itemsLegend')}</legend>
        ${this.currencies.length > 1
          ? this.select('currency', host.t('fieldCurrency'), this.currencies, (c) => c, host.t('currencyHint'))
          : html`<p class="muted">${host.t('pricesIn', { currency })}</p>`}
        ${this.lines.map((line, i) => {
          const hint = [
            line.moq ? host.t('moqHint', { count: line.moq }) : '',
            line.list ? host.t('listPrice', { price: host.money(line.list.price, line.list.currency) }) : '',
          ].filter(Boolean).join(' · ');
          return html`<div part="line" class="card line">
            <p class="line-name">${line.name}</p>
            ${hint ? html`<p class="hint muted">${hint}</p>` : nothing}
            <div class="grid">
              ${this.text(`items.${i}.quantity`, html`${host.t('fieldQuantity')}<span class="sr-only">, ${line.name}</span>`, line.quantity, {
                type: 'number',
                inputmode: 'numeric',
              })}
              ${this.text(`items.${i}.unit_price`, html`${host.t('fieldUnitPriceIn', { currency })}<span class="sr-only">, ${line.name}</span>`, line.price, {
                inputmode: 'decimal',
              })}
            </div>
          </div>`;
        })}
        <p class="muted" aria-live="polite">${host.t('estimate', { amount: this.estimate() })}</p>
      </fieldset>
      <fieldset>
        <legend>${host.t('deliveryLegend')}</legend>
        <div class="grid">
          ${this.select('incoterm', host.t('fieldIncoterm'), INCOTERMS, (c) => incotermName(host, c))}
          ${this.text('delivery_date', host.t('fieldDeliveryDate'), values.delivery_date, { type: 'date', hint: host.t('deliveryDateHint') })}
          ${this.select('shipping_mode', host.t('fieldShippingMode'), SHIPPING_MODES, (m) => shippingModeName(host, m))}
          ${this.text('destination_port', host.t('fieldDestinationPort'), values.destination_port, { hint: host.t('portHint') })}
        </div>
      </fieldset>
      <fieldset>
        <legend>${host.t('paymentLegend')}</legend>
        <div class="grid">
          ${this.text('deposit_percent', host.t('fieldDepositPercent'), values.deposit_percent, { type: 'number', inputmode: 'numeric', hint: host.t('depositHint') })}
          ${this.text('inspection_percent', host.t('fieldInspectionPercent'), values.inspection_percent, { type: 'number', inputmode: 'numeric', hint: host.t('inspectionHint') })}
        </div>
      </fieldset>
      ${this.textarea('notes', host.t('fieldNotes'), host.t('notesHint'))}
      ${this.textarea('message', host.t('fieldMessage'), host.t('messageHint'))}
      <div class="actions">
        <button part="submit-button" class="btn primary" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
          ${busy ? host.t('sending') : submit}
        </button>
        <button part="cancel-button" class="btn" type="button" @click=${onCancel}>${host.t('cancel')}</button>
      </div>
    </form>`;
  }
}
