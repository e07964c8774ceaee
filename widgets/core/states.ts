/** The one renderer for the states every widget owes: skeleton, empty, error with Retry, expired session. */
import { html, nothing, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import { SessionExpiredError } from './api.js';
import type { K100Element } from './element.js';
import type { Loader } from './loader.js';

export interface StateOptions<R> {
  complete: (value: R) => unknown;
  isEmpty?: (value: R) => boolean;
  /** Text of the empty state; with none, an empty result renders nothing. */
  empty?: string;
  /** Name of the slot a page can use to replace the empty text. */
  emptySlot?: string;
  /** Skeleton shape: a grid of `cards` (default) or a column of `rows`; `count` bones. */
  skeleton?: 'cards' | 'rows';
  count?: number;
}

export function renderExpired(host: K100Element): TemplateResult {
  return html`<div part="expired" class="state" role="alert">
    <p class="state-title">${host.t('expiredTitle')}</p>
    <p class="muted">${host.t('expiredHint')}</p>
  </div>`;
}

export function renderStates<R>(host: K100Element, loader: Loader<readonly unknown[], R>, options: StateOptions<R>): unknown {
  if (host.sessionExpired) return renderExpired(host);
  const { status } = loader;
  if (status === TaskStatus.ERROR) {
    if (loader.task.error instanceof SessionExpiredError && host.config.session) return renderExpired(host);
    return html`<div part="error" class="state" role="alert">
      <p class="state-title">${host.t('errorTitle')}</p>
      <p class="muted">${host.t('errorHint')}</p>
      <button part="retry-button" class="btn" type="button" @click=${() => loader.refresh()}>${host.t('retry')}</button>
    </div>`;
  }
  const value = loader.value;
  const settled = (value: R) => {
    if (!options.isEmpty?.(value)) return options.complete(value);
    if (options.empty === undefined) return nothing;
    return html`<div part="empty" class="state">
      <slot name=${options.emptySlot ?? 'empty'}><p>${options.empty}</p></slot>
    </div>`;
  };
  const skeleton = () => {
    const shape = options.skeleton ?? 'cards';
    return html`<div part="skeleton" class="skeleton ${shape}" role="status">
      <span class="sr-only">${host.t('loading')}</span>
      ${Array.from({ length: options.count ?? 3 }, () => html`<div class="bone"></div>`)}
    </div>`;
  };
  if (status === TaskStatus.PENDING) {
    // A refresh keeps the previous result on screen (dimmed) instead of flashing a skeleton.
    if (value !== undefined) return html`<div class="stale" aria-busy="true">${settled(value)}</div>`;
    return skeleton();
  }
  // Still waiting for the page to hand over a session: the same skeleton, never a blank box.
  if (!host.hasCredentials) return skeleton();
  return status === TaskStatus.COMPLETE && value !== undefined ? settled(value) : nothing;
}
