/** Read-only parts of `<k100-contract-drafter>`: the purchase-order inbox and the buyer's change requests. */
import { html, nothing } from 'lit';
import type { K100Element } from '../core/element.js';
import type { Contract, PurchaseOrder, PurchaseOrderStatus } from '../core/deals/api.js';
import { formatDateTime } from '../core/deals/format.js';
import { renderBadge } from '../core/deals/terms-view.js';

export const PO_STATUSES = ['issued', 'contract_drafted', 'contract_confirmed'] as const satisfies readonly PurchaseOrderStatus[];
export const PO_STATUS_KEYS = {
  issued: 'poIssuedStatus',
  contract_drafted: 'poDraftedStatus',
  contract_confirmed: 'poConfirmedStatus',
} as const;
const TONES = { issued: 'warn', contract_drafted: 'active', contract_confirmed: 'done' } as const;

export function renderInbox(host: K100Element, items: readonly PurchaseOrder[], open: (po: PurchaseOrder) => void) {
  return html`<ul part="purchase-orders" class="list">
    ${items.map(
      (po) => html`<li>
        <button part="purchase-order" class="open-item" type="button" @click=${() => open(po)}>
          <span class="grow">${po.buyer.name}</span>
          ${renderBadge(host.t(PO_STATUS_KEYS[po.status]), TONES[po.status])}
          <span class="muted">
            ${host.money(po.terms.totals.subtotal, po.terms.currency)} ·
            ${host.t('itemCount', { count: po.terms.items.length })} ·
            ${host.t('receivedOn', { date: formatDateTime(po.created_at, host.config.locale) })}
          </span>
        </button>
      </li>`,
    )}
  </ul>`;
}

/** The buyer's comments, newest first; the open one (changes requested) stands out. */
export function renderChangeRequests(host: K100Element, contract: Contract) {
  const requests = [...contract.change_requests].reverse();
  if (!requests.length) return nothing;
  const open = contract.status === 'changes_requested';
  return html`<section part="change-requests" class="section requests" aria-labelledby="requests-title">
    <h3 id="requests-title">${host.t('changeRequestsTitle')}</h3>
    ${open ? html`<p class="callout">${host.t('answerRequest', { name: contract.buyer.name, version: contract.version + 1 })}</p>` : nothing}
    <ol class="list">
      ${requests.map(
        (r, i) => html`<li class="card request ${open && i === 0 ? 'open' : ''}">
          <p class="muted">${host.t('requestOn', { version: r.version, date: formatDateTime(r.at, host.config.locale) })}</p>
          <p class="text">${r.comment}</p>
        </li>`,
      )}
    </ol>
  </section>`;
}
