/**
 * Form plumbing every widget with a form shares (deals, the tracker's amendment, the warehouse console):
 * hint and error lines tied to their control, and 422 field errors. A chunk of its own, so sharing it
 * pulls neither the deal code into the tracker nor anything into the search-and-folders core.
 */
import { html, nothing } from 'lit';
import { ApiError } from '../api.js';

/** `aria-describedby` for a control with an optional hint and error (nothing when neither). */
export function describedBy(id: string, hint: unknown, error: unknown): string | typeof nothing {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || nothing;
}

/** The hint and the error under a control, with the ids `describedBy` names. */
export function fieldNotes(id: string, hint: string | undefined, error: string | undefined) {
  return html`${hint ? html`<p id="${id}-hint" class="hint muted">${hint}</p>` : nothing}${error
    ? html`<p id="${id}-error" part="field-error" class="field-error error">${error}</p>`
    : nothing}`;
}

/** "items.0.quantity" → "f-items-0-quantity": a field name as an element id (`prefix` keeps forms apart). */
export const fieldId = (name: string, prefix = 'f') => `${prefix}-${name.replace(/[^\w-]/g, '-')}`;

/**
 * The field errors of a 422 answer, keyed by path with `prefix` removed ("terms.items.0.quantity" with
 * prefix "terms." → "items.0.quantity"); undefined when the error is not a validation problem.
 */
export function serverFieldErrors(error: unknown, prefix = ''): Map<string, string> | undefined {
  if (!(error instanceof ApiError) || error.status !== 422 || !error.errors.length) return undefined;
  return new Map(
    error.errors.map(({ path, message }) => [path.startsWith(prefix) ? path.slice(prefix.length) : path, message]),
  );
}

/** Moves focus to the first control marked invalid (after the next render). */
export async function focusFirstInvalid(host: HTMLElement & { updateComplete: Promise<unknown> }): Promise<void> {
  await host.updateComplete;
  host.shadowRoot?.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]')?.focus();
}
