/**
 * Inspection of the agreed share of cartons: the required sample size, a checkbox list of cartons on hand
 * with "pick a random sample", pass or fail and notes. Fewer cartons than required are refused here.
 */
import { html, nothing } from 'lit';
import { K100InspectionSubmitEvent } from '../core/warehouse/events.js';
import { onHand, requiredSample, type ConsoleData } from './gates.js';
import { cartonLine } from './returns-form.js';
import { StepForm, valueOf } from './step-form.js';

export class InspectionForm extends StepForm {
  readonly section = 'inspection';
  sample = new Set<string>();
  result: '' | 'pass' | 'fail' = '';
  notes = '';

  override reset(): void {
    super.reset();
    this.succeeded();
  }

  override succeeded(): void {
    super.succeeded();
    this.sample = new Set();
    this.result = '';
    this.notes = '';
  }

  private toggle(barcode: string, on: boolean) {
    if (on) this.sample.add(barcode);
    else this.sample.delete(barcode);
    this.errors.delete('sampled_barcodes');
    this.update();
  }

  /** Picks `size` cartons on hand at random (Fisher–Yates on a copy) in place of the current sample. */
  pickRandom(data: ConsoleData): void {
    const barcodes = onHand(data.shipment).map((c) => c.barcode);
    for (let i = barcodes.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [barcodes[i], barcodes[j]] = [barcodes[j]!, barcodes[i]!];
    }
    this.sample = new Set(barcodes.slice(0, requiredSample(data)));
    this.errors.delete('sampled_barcodes');
    this.host.announce(this.t('whSampleCount', { count: this.sample.size }));
    this.update();
  }

  async submit(event: SubmitEvent, data: ConsoleData) {
    event.preventDefault();
    const { host } = this;
    if (host.busy) return;
    this.clear();
    const sampled = onHand(data.shipment).map((c) => c.barcode).filter((b) => this.sample.has(b));
    const required = requiredSample(data);
    if (sampled.length < required) this.errors.set('sampled_barcodes', this.t('whSampleTooSmall', { count: required }));
    if (!this.result) this.errors.set('result', this.t('whResultRequired'));
    if (this.errors.size) return this.invalid();
    const result = this.result as 'pass' | 'fail';
    const body = { sampled_barcodes: sampled, result, ...(this.notes.trim() ? { notes: this.notes.trim() } : {}) };
    return host.step(
      this,
      new K100InspectionSubmitEvent({ order_id: host.orderKey, body }),
      (api) => api.inspection(host.orderKey, body),
      () => this.t(`whInspectionDone_${result}`),
    );
  }

  render(data: ConsoleData) {
    const required = requiredSample(data);
    const sampleError = this.errors.get('sampled_barcodes');
    const resultError = this.errors.get('result');
    const latest = data.shipment.inspection;
    return html`<form class="stack" novalidate @submit=${(e: SubmitEvent) => this.submit(e, data)}>
      <p part="required-sample" class="strong">
        ${this.t('whRequiredSample', { count: required, percent: data.order.inspection_percent })}
      </p>
      ${latest
        ? html`<p part="latest-inspection" class="callout ${latest.result === 'pass' && !latest.stale ? 'ok' : 'bad'}">
            ${this.t(`whLatestInspection_${latest.result}`, { count: latest.sampled })} ${latest.stale ? this.t('whInspectionStale') : nothing}
          </p>`
        : nothing}
      <fieldset part="sample-picker" class="checks" aria-describedby="wh-sample-count${sampleError ? ' wh-sampled_barcodes-error' : ''}">
        <legend>${this.t('whSampleLegend')}</legend>
        <div class="row">
          <p id="wh-sample-count" class="muted" aria-live="polite">${this.t('whSampleCount', { count: this.sample.size })}</p>
          <button part="random-sample-button" class="btn" type="button" @click=${() => this.pickRandom(data)}>${this.t('whPickRandom')}</button>
        </div>
        ${onHand(data.shipment).map(
          (c, i) => html`<label class="check">
            <input
              type="checkbox"
              part="sample-checkbox"
              id=${i === 0 ? 'wh-sampled_barcodes' : `wh-sample-${i}`}
              value=${c.barcode}
              aria-invalid=${sampleError ? 'true' : 'false'}
              .checked=${this.sample.has(c.barcode)}
              @change=${(e: Event) => this.toggle(c.barcode, (e.target as HTMLInputElement).checked)}
            />
            <span>${cartonLine(this, c)}</span>
          </label>`,
        )}
        ${sampleError ? html`<p id="wh-sampled_barcodes-error" part="field-error" class="field-error error">${sampleError}</p>` : nothing}
      </fieldset>
      <fieldset class="checks inline" aria-describedby=${resultError ? 'wh-result-error' : nothing}>
        <legend>${this.t('whResult')}</legend>
        ${(['pass', 'fail'] as const).map(
          (value) => html`<label class="check">
            <input
              type="radio"
              name="wh-result"
              part="result-radio"
              id=${value === 'pass' ? 'wh-result' : 'wh-result-fail'}
              value=${value}
              aria-invalid=${resultError ? 'true' : 'false'}
              .checked=${this.result === value}
              @change=${() => ((this.result = value), this.errors.delete('result'), this.update())}
            />
            <span>${this.t(value === 'pass' ? 'whPass' : 'whFail')}</span>
          </label>`,
        )}
        ${resultError ? html`<p id="wh-result-error" part="field-error" class="field-error error">${resultError}</p>` : nothing}
      </fieldset>
      ${this.field('notes', this.t('whNotes'), (a) => html`<textarea
          id=${a.id}
          class="control"
          maxlength="2000"
          aria-invalid=${a.invalid}
          aria-describedby=${a.describedby}
          .value=${this.notes}
          @input=${(e: Event) => (this.notes = valueOf(e))}
        ></textarea>`)}
      ${this.footer(this.t('whRecordInspection'))}
    </form>`;
  }
}
