/**
 * Consolidation (mode fixed by the contract: container and seal numbers with an ISO 6346 check-digit hint,
 * or carrier and tracking number) and the export customs release.
 */
import { html } from 'lit';
import type { ConsolidationBody } from '../core/warehouse/api.js';
import { K100ConsolidationSubmitEvent, K100CustomsReleaseEvent } from '../core/warehouse/events.js';
import { DECLARATION_NO, checkContainerNo } from '../core/warehouse/rules.js';
import type { ConsoleData } from './gates.js';
import { StepForm, valueOf } from './step-form.js';

type ConsolidationField = 'container_no' | 'seal_no' | 'carrier' | 'tracking_no';

export class ConsolidationForm extends StepForm {
  readonly section = 'consolidation';
  values: Record<ConsolidationField, string> = { container_no: '', seal_no: '', carrier: '', tracking_no: '' };

  override reset(): void {
    super.reset();
    this.succeeded();
  }

  override succeeded(): void {
    super.succeeded();
    this.values = { container_no: '', seal_no: '', carrier: '', tracking_no: '' };
  }

  /** The container number check, said while typing once 11 characters are in. */
  containerHint(): { text: string; ok: boolean } | undefined {
    const value = this.values.container_no.trim().toUpperCase();
    if (value.length < 11) return undefined;
    const check = checkContainerNo(value);
    if (check.ok) return { text: this.t('whContainerOk'), ok: true };
    return { text: check.expected === undefined ? this.t('whContainerShape') : this.t('whContainerCheck', { digit: check.expected }), ok: false };
  }

  private input(name: ConsolidationField, label: string, hint?: string, upper = false, hintPart?: string) {
    return this.field(name, label, (a) => html`<input
        id=${a.id}
        part="${name.replace('_', '-')}-input"
        class="control ${upper ? 'mono' : ''}"
        autocomplete="off"
        spellcheck="false"
        maxlength=${name === 'container_no' ? 11 : 64}
        aria-invalid=${a.invalid}
        aria-describedby=${a.describedby}
        .value=${this.values[name]}
        @input=${(e: Event) => {
          this.values[name] = upper ? valueOf(e).toUpperCase() : valueOf(e);
          this.errors.delete(name);
          this.update();
        }}
      />`, hint, hintPart);
  }

  async submit(event: SubmitEvent, data: ConsoleData) {
    event.preventDefault();
    const { host } = this;
    if (host.busy) return;
    this.clear();
    const mode = data.order.shipping_mode;
    const v = Object.fromEntries(Object.entries(this.values).map(([k, x]) => [k, x.trim()])) as Record<ConsolidationField, string>;
    const fields: ConsolidationField[] = mode === 'courier' ? ['carrier', 'tracking_no'] : ['container_no', 'seal_no'];
    for (const name of fields) if (!v[name]) this.errors.set(name, this.t('whRequired'));
    const hint = this.containerHint();
    if (mode !== 'courier' && v.container_no && !hint?.ok) this.errors.set('container_no', hint?.text ?? this.t('whContainerShape'));
    if (this.errors.size) return this.invalid();
    const body: ConsolidationBody = { mode, ...Object.fromEntries(fields.map((name) => [name, v[name]])) };
    return host.step(
      this,
      new K100ConsolidationSubmitEvent({ order_id: host.orderKey, body }),
      (api) => api.consolidation(host.orderKey, body),
      () => this.t('whConsolidationDone'),
    );
  }

  render(data: ConsoleData) {
    const mode = data.order.shipping_mode;
    const hint = this.containerHint();
    return html`<form class="stack" novalidate @submit=${(e: SubmitEvent) => this.submit(e, data)}>
      <p part="mode" class="strong">${this.t('whModeFixed', { mode: this.t(`whMode_${mode}`) })}</p>
      ${mode === 'courier'
        ? html`<div class="cols">${this.input('carrier', this.t('whCarrier'))} ${this.input('tracking_no', this.t('whTrackingNo'))}</div>`
        : html`<div class="cols">
            ${this.input('container_no', this.t('whContainerNo'), hint ? `${hint.ok ? '✓' : '⚠'} ${hint.text}` : this.t('whContainerHint'), true, 'container-check')}
            ${this.input('seal_no', this.t('whSealNo'), undefined, true)}
          </div>`}
      ${this.footer(this.t('whRecordConsolidation'))}
    </form>`;
  }
}

export class CustomsForm extends StepForm {
  readonly section = 'customs';
  declaration = '';

  override succeeded(): void {
    super.succeeded();
    this.declaration = '';
  }

  override reset(): void {
    super.reset();
    this.declaration = '';
  }

  async submit(event: SubmitEvent) {
    event.preventDefault();
    const { host } = this;
    if (host.busy) return;
    this.clear();
    const declaration_no = this.declaration.trim();
    if (!DECLARATION_NO.test(declaration_no)) this.errors.set('declaration_no', this.t('whDeclarationInvalid'));
    if (this.errors.size) return this.invalid();
    const body = { declaration_no };
    return host.step(
      this,
      new K100CustomsReleaseEvent({ order_id: host.orderKey, body }),
      (api) => api.customsRelease(host.orderKey, body),
      (r) => this.t('whCustomsDone', { number: r.declaration_no }),
    );
  }

  render() {
    return html`<form class="stack" novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
      ${this.field('declaration_no', this.t('whDeclarationNo'), (a) => html`<input
          id=${a.id}
          part="declaration-input"
          class="control mono"
          autocomplete="off"
          spellcheck="false"
          maxlength="32"
          aria-invalid=${a.invalid}
          aria-describedby=${a.describedby}
          .value=${this.declaration}
          @input=${(e: Event) => ((this.declaration = valueOf(e).toUpperCase()), this.errors.delete('declaration_no'), this.update())}
        />`, this.t('whDeclarationHint'))}
      ${this.footer(this.t('whRecordCustoms'))}
    </form>`;
  }
}
