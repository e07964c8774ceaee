/** Giving cartons back to the supplier (excess or wrong goods): choose cartons on hand and say why. */
import { html } from 'lit';
import type { ShipmentCarton } from '../core/warehouse/api.js';
import type { ConsoleData } from './gates.js';
import { onHand } from './gates.js';
import { StepForm, valueOf } from './step-form.js';

/** A carton as one line of a checkbox list: barcode, product (as text) and quantity. */
export function cartonLine(form: StepForm, c: ShipmentCarton) {
  return form.t('whCartonLine', { barcode: c.barcode, product: c.product_name ?? c.product_id, quantity: c.quantity });
}

export class ReturnsForm extends StepForm {
  readonly section = 'returns';
  picked = new Set<string>();
  reason = '';

  override reset(): void {
    super.reset();
    this.succeeded();
  }

  override succeeded(): void {
    super.succeeded();
    this.picked = new Set();
    this.reason = '';
  }

  private toggle(barcode: string, on: boolean) {
    if (on) this.picked.add(barcode);
    else this.picked.delete(barcode);
    this.errors.delete('barcodes');
    this.update();
  }

  async submit(event: SubmitEvent, data: ConsoleData) {
    event.preventDefault();
    const { host } = this;
    if (host.busy) return;
    this.clear();
    const barcodes = onHand(data.shipment).map((c) => c.barcode).filter((b) => this.picked.has(b));
    if (!barcodes.length) this.errors.set('barcodes', this.t('whPickCartons'));
    if (!this.reason.trim()) this.errors.set('reason', this.t('whReasonRequired'));
    if (this.errors.size) return this.invalid();
    const body = { barcodes, reason: this.reason.trim() };
    return host.step(this, undefined, (api) => api.returns(host.orderKey, body), (r) => this.t('whReturnDone', { count: r.barcodes.length }));
  }

  render(data: ConsoleData) {
    const error = this.errors.get('barcodes');
    return html`<form class="stack" novalidate @submit=${(e: SubmitEvent) => this.submit(e, data)}>
      <p class="muted">${this.t('whReturnsHint')}</p>
      <fieldset class="checks" aria-describedby=${error ? 'wh-barcodes-error' : ''}>
        <legend>${this.t('whReturnPick')}</legend>
        ${onHand(data.shipment).map(
          (c, i) => html`<label class="check">
            <input
              type="checkbox"
              id=${i === 0 ? 'wh-barcodes' : `wh-return-${i}`}
              part="return-checkbox"
              value=${c.barcode}
              aria-invalid=${error ? 'true' : 'false'}
              .checked=${this.picked.has(c.barcode)}
              @change=${(e: Event) => this.toggle(c.barcode, (e.target as HTMLInputElement).checked)}
            />
            <span>${cartonLine(this, c)}</span>
          </label>`,
        )}
        ${error ? html`<p id="wh-barcodes-error" part="field-error" class="field-error error">${error}</p>` : ''}
      </fieldset>
      ${this.field('reason', this.t('whReason'), (a) => html`<input
          id=${a.id}
          class="control"
          maxlength="500"
          aria-invalid=${a.invalid}
          aria-describedby=${a.describedby}
          .value=${this.reason}
          @input=${(e: Event) => ((this.reason = valueOf(e)), this.errors.delete('reason'))}
        />`)}
      ${this.footer(this.t('whRecordReturn'))}
    </form>`;
  }
}
