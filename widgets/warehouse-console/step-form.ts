/** What every step form of the console shares: its host, field and form errors, and the markup of a field. */
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../core/api.js';
import { describedBy, fieldNotes, fieldId as formFieldId } from '../core/forms/fields.js';
import type { K100Element } from '../core/element.js';
import type { WarehouseApi } from '../core/warehouse/api.js';
import { wt, type WarehouseKey } from '../core/warehouse/messages.js';
import type { Params } from '../core/i18n.js';

export type SectionId = 'receipt' | 'returns' | 'inspection' | 'measurements' | 'consolidation' | 'customs' | 'tracking' | 'upload' | 'transfer';

/** The console as its forms see it. */
export interface ConsoleHost extends K100Element {
  readonly orderKey: string;
  /** The section whose request is in flight. */
  readonly busy: SectionId | undefined;
  /**
   * Runs one step: the cancelable event first (a canceled one sends nothing), then the request; on success
   * the outcome is announced, the order reloaded and focus moved on; a refusal goes to `form.fail`.
   */
  /** Says `text` in the polite live region. */
  announce(text: string): void;
  step<R>(form: StepForm, event: Event | undefined, send: (api: WarehouseApi) => Promise<R>, done: (result: R) => string): Promise<boolean>;
}

export abstract class StepForm {
  abstract readonly section: SectionId;
  /** Field errors by field name (client checks and the server's 422 `errors`, path-named). */
  errors = new Map<string, string>();
  formError = '';
  /** Said under the form when the page canceled the step. */
  note = '';

  constructor(protected readonly host: ConsoleHost) {}

  /** The step was recorded: forget what was entered for it. */
  succeeded(): void {
    this.clear();
  }

  /** Forgets what was typed (another order was opened). */
  reset(): void {
    this.clear();
  }

  clear(): void {
    this.errors = new Map();
    this.formError = this.note = '';
  }

  t(key: WarehouseKey, params?: Params): string {
    return wt(this.host, key, params);
  }

  protected update(): void {
    this.host.requestUpdate();
  }

  /** Takes a refusal: 422 field errors onto their fields (those it cannot place above the form), else the detail. */
  fail(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) return;
    const unplaced: string[] = [];
    if (error instanceof ApiError) {
      for (const { path, message } of error.errors) {
        if (this.places(path)) this.errors.set(path, message);
        else unplaced.push(path ? `${path}: ${message}` : message);
      }
    }
    const detail = error instanceof ApiError ? (error.detail ?? error.title) : this.t('whFailed');
    this.formError = !(error instanceof ApiError) || !error.errors.length || unplaced.length ? [detail, ...unplaced].join(' ') : '';
  }

  /** Whether a 422 error path names a field this form shows. */
  protected places(path: string): boolean {
    return !!this.scope?.querySelector(`#${fieldId(path)}`);
  }

  /** The form's section in the console. */
  get scope(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(`#section-${this.section}`);
  }

  /** A labelled control with its hint and error, the error tied to it through `aria-describedby`. */
  protected field(
    name: string,
    label: string,
    control: (a: { id: string; describedby: string | typeof nothing; invalid: 'true' | 'false' }) => TemplateResult,
    hint?: string,
    hintPart?: string,
  ) {
    const id = fieldId(name);
    const error = this.errors.get(name);
    return html`<div class="field">
      <label class="label" for=${id}>${label}</label>
      ${control({ id, describedby: describedBy(id, hint, error), invalid: error ? 'true' : 'false' })}
      ${hint ? html`<p id="${id}-hint" part=${hintPart ?? nothing} class="hint muted">${hint}</p>` : nothing}
      ${fieldNotes(id, undefined, error)}
    </div>`;
  }

  /** The form's own error, the canceled note and its submit button. */
  protected footer(label: string, disabled = false) {
    const section = this.section;
    const busy = this.host.busy === section;
    return html`${this.formError
        ? html`<p part="form-error" class="error form-error" role="alert" data-form-error tabindex="-1">${this.formError}</p>`
        : nothing}
      ${this.note ? html`<p part="form-note" class="muted">${this.note}</p>` : nothing}
      <div class="actions">
        <button
          part="submit-button ${section}-button"
          class="btn primary"
          type="submit"
          ?disabled=${disabled}
          aria-disabled=${busy ? 'true' : 'false'}
          aria-busy=${busy ? 'true' : 'false'}
        >
          ${busy ? this.t('whBusy') : label}
        </button>
      </div>`;
  }

  /** Client-side checks failed: show them and focus the first. */
  async invalid(): Promise<false> {
    this.update();
    await this.host.updateComplete;
    this.scope?.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]')?.focus();
    return false;
  }
}

/** "cartons.0.quantity" → "wh-cartons-0-quantity": a field name as an element id. */
export const fieldId = (name: string) => formFieldId(name, 'wh');

/** The value of an input event's target. */
export const valueOf = (event: Event) => (event.target as HTMLInputElement).value;
