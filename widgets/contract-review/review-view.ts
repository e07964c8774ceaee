/** Read-only parts of `<k100-contract-review>`: the buyer's contract list and the contract itself, differences first. */
import { html, nothing } from 'lit';
import type { K100Element } from '../core/element.js';
import type { Contract, ContractSummary, Difference } from '../core/deals/api.js';
import { contractBadge, renderClauses, renderParties } from '../core/deals/contract-view.js';
import { formatDateTime } from '../core/deals/format.js';
import { productNames, renderDifferences, renderTerms } from '../core/deals/terms-view.js';

export function renderContractList(host: K100Element, items: readonly ContractSummary[], open: (id: string) => void) {
  return html`<ul part="contracts" class="list">
    ${items.map(
      (c) => html`<li>
        <button part="contract" class="open-item" type="button" @click=${() => open(c.id)}>
          <span class="grow">${c.supplier.name}</span>
          ${contractBadge(host, c.status)}
          <span class="muted">
            ${host.t('versionNumber', { version: c.version })} · ${host.money(c.terms.totals.subtotal, c.terms.currency)} ·
            ${host.t('updatedOn', { date: formatDateTime(c.updated_at, host.config.locale) })}
          </span>
        </button>
      </li>`,
    )}
  </ul>`;
}

function differencesSection(host: K100Element, id: string, title: string, diffs: readonly Difference[], same: string, contract: Contract) {
  return html`<section part="changes" class="section changes ${diffs.length ? 'has-changes' : ''}" aria-labelledby=${id}>
    <h3 id=${id}>${title}</h3>
    ${diffs.length
      ? renderDifferences(host, diffs, productNames(contract.products), contract.terms.currency)
      : html`<p class="muted">${same}</p>`}
  </section>`;
}

/** "Changed since the agreed terms" and, from version 2 on, "Changed since version n". */
export function renderChanges(host: K100Element, contract: Contract) {
  const previous = contract.version - 1;
  const { from_agreed_terms, from_previous_version } = contract.differences;
  return html`${differencesSection(host, 'agreed-changes-title', host.t('changedSinceAgreed'), from_agreed_terms, host.t('sameAsAgreed'), contract)}
  ${previous >= 1
    ? differencesSection(
        host,
        'version-changes-title',
        host.t('changedSinceVersion', { version: previous }),
        from_previous_version,
        host.t('sameAsVersion', { version: previous }),
        contract,
      )
    : nothing}`;
}

/** Terms (marked where they differ from the agreed ones), parties and clauses (marked where they changed since the previous version). */
export function renderContractBody(host: K100Element, contract: Contract) {
  const previous = contract.differences.from_previous_version;
  const note = host.t('changedSinceVersion', { version: contract.version - 1 });
  return html`<section class="section" aria-labelledby="terms-title">
      <h3 id="terms-title">${host.t('contractTerms')}</h3>
      ${renderTerms(host, contract.terms, productNames(contract.products), contract.differences.from_agreed_terms)}
    </section>
    <section class="section" aria-labelledby="parties-title">
      <h3 id="parties-title">${host.t('partiesTitle')}</h3>
      ${renderParties(host, contract.legal_entities, previous, note)}
    </section>
    <section class="section" aria-labelledby="clauses-title">
      <h3 id="clauses-title">${host.t('clausesTitle')}</h3>
      ${renderClauses(host, contract.clauses, previous, note)}
    </section>
    ${contract.change_requests.length
      ? html`<section part="change-requests" class="section" aria-labelledby="requests-title">
          <h3 id="requests-title">${host.t('yourRequestsTitle')}</h3>
          <ol class="list">
            ${[...contract.change_requests].reverse().map(
              (r) => html`<li class="card">
                <p class="muted">${host.t('requestOn', { version: r.version, date: formatDateTime(r.at, host.config.locale) })}</p>
                <p class="text">${r.comment}</p>
              </li>`,
            )}
          </ol>
        </section>`
      : nothing}`;
}
