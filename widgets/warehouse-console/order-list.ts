/** The console's start without `order-id`: the warehouse's paid orders, each with what it waits for. */
import { html, nothing } from 'lit';
import type { K100Element } from '../core/element.js';
import type { NextStep, OrderSummary } from '../core/warehouse/api.js';
import { wt } from '../core/warehouse/messages.js';
import { stepLabel } from './gates.js';

/** A status slug in words (the raw slug for one this version does not know). */
export function statusText(host: K100Element, status: string): string {
  const text = wt(host, `whStatus_${status}` as 'whStatus_paid');
  return text.startsWith('whStatus_') ? status.replace(/_/g, ' ') : text;
}

/** What the order waits for, and from whom. */
export function nextText(host: K100Element, next: NextStep | null): string {
  if (!next) return wt(host, 'whNextNone');
  const key = stepLabel(next.code);
  const step = key ? wt(host, key) : next.code.replace(/_/g, ' ');
  return wt(host, 'whNextBy', { step, party: wt(host, `whParty_${next.by}`) });
}

export function renderOrderList(host: K100Element, orders: readonly OrderSummary[], open: (order: OrderSummary) => void) {
  return html`<ul part="orders" class="list">
    ${orders.map(
      (o) => html`<li>
        <button part="order" class="open-item" type="button" @click=${() => open(o)}>
          <span class="item-head">
            <span class="mono strong">${o.id}</span>
            <span part="badge" class="badge">${statusText(host, o.status)}</span>
            ${o.next_step?.by === 'operator' ? html`<span part="next-badge" class="badge next">→ ${wt(host, 'whNextHere')}</span>` : nothing}
          </span>
          <span>${wt(host, 'whOrderLine', { buyer: o.buyer.name, supplier: o.supplier.name })}</span>
          <span class="muted">${wt(host, 'whNextLabel')}: ${nextText(host, o.next_step)}</span>
        </button>
      </li>`,
    )}
  </ul>`;
}
