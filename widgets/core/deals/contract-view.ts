/** A contract's clauses, parties and status as both contract widgets show them, with changed parts marked. */
import { html, nothing } from 'lit';
import type { K100Element } from '../element.js';
import type { ContractStatus, Difference, LegalEntities, LegalEntity } from './api.js';
import { renderBadge } from './terms-view.js';

const STATUS = {
  draft: ['contractDraft', 'neutral'],
  sent: ['contractSent', 'active'],
  changes_requested: ['contractChangesRequested', 'warn'],
  confirmed: ['contractConfirmed', 'done'],
} as const;

export const CONTRACT_STATUSES = Object.keys(STATUS) as ContractStatus[];

export const contractStatusText = (host: K100Element, status: ContractStatus) => host.t(STATUS[status][0]);

export function contractBadge(host: K100Element, status: ContractStatus) {
  const [key, tone] = STATUS[status];
  return renderBadge(host.t(key), tone);
}

/** The clauses, numbered; `changes` (paths `clauses[i]…`) marks the changed ones with `changedNote`. */
export function renderClauses(
  host: K100Element,
  clauses: readonly { title: string; body: string }[],
  changes: readonly Difference[] = [],
  changedNote = '',
) {
  const changed = new Set(changes.map((d) => /^clauses\[(\d+)\]/.exec(d.path)?.[1]).filter(Boolean).map(Number));
  return html`<ol part="clauses" class="list clauses">
    ${clauses.map(
      (clause, i) => html`<li part="clause" class="card clause ${changed.has(i) ? 'is-changed' : ''}">
        <h4 class="clause-title">
          <span class="clause-no">${i + 1}.</span> ${clause.title}
          ${changed.has(i) ? html`<span part="change-mark" class="was">${changedNote}</span>` : nothing}
        </h4>
        <p class="text">${clause.body}</p>
      </li>`,
    )}
  </ol>`;
}

function renderEntity(host: K100Element, title: string, entity: LegalEntity, changed: boolean, changedNote: string) {
  return html`<div part="party" class="card party ${changed ? 'is-changed' : ''}">
    <h4>${title} ${changed ? html`<span part="change-mark" class="was">${changedNote}</span>` : nothing}</h4>
    <p class="party-name">${entity.name}</p>
    <p class="text">${entity.address}</p>
    <p class="muted">
      ${entity.country}${entity.registration_no ? html` · ${host.t('registrationNo', { number: entity.registration_no })}` : nothing}
    </p>
  </div>`;
}

/** Seller and buyer legal entities side by side (stacked on a phone). */
export function renderParties(host: K100Element, entities: LegalEntities, changes: readonly Difference[] = [], changedNote = '') {
  const changed = (side: string) => changes.some((d) => d.path.startsWith(`legal_entities.${side}.`));
  return html`<div part="parties" class="grid parties">
    ${renderEntity(host, host.t('seller'), entities.seller, changed('seller'), changedNote)}
    ${renderEntity(host, host.t('buyer'), entities.buyer, changed('buyer'), changedNote)}
  </div>`;
}
