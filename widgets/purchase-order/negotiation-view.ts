/** Read-only parts of `<k100-purchase-order>`: the negotiations list, a negotiation's header and its offer timeline. */
import { html, nothing } from 'lit';
import type { K100Element } from '../core/element.js';
import type { PartyKind } from '../core/api-types.js';
import type { Negotiation, NegotiationStatus, NegotiationSummary, Offer } from '../core/deals/api.js';
import { formatDateTime } from '../core/deals/format.js';
import { productNames, renderBadge, renderDifferences } from '../core/deals/terms-view.js';

const TONES = { open: 'active', accepted: 'done', withdrawn: 'neutral' } as const;
export const STATUS_KEYS = { open: 'negotiationOpen', accepted: 'negotiationAccepted', withdrawn: 'negotiationWithdrawn' } as const;

export function statusBadge(host: K100Element, status: NegotiationStatus) {
  return renderBadge(host.t(STATUS_KEYS[status]), TONES[status]);
}

/** The other party's name, as the caller sees it. */
export const counterparty = (n: NegotiationSummary, kind: PartyKind) => (kind === 'supplier' ? n.buyer.name : n.supplier.name);

export function renderList(host: K100Element, items: readonly NegotiationSummary[], kind: PartyKind, open: (id: string) => void) {
  return html`<ul part="negotiations" class="list">
    ${items.map((n) => {
      const totals = n.latest_offer.terms.totals;
      return html`<li>
        <button part="negotiation" class="open-item" type="button" @click=${() => open(n.id)}>
          <span class="grow">${counterparty(n, kind)}</span>
          ${statusBadge(host, n.status)}
          ${n.next_to_act === kind ? renderBadge(host.t('yourTurn'), 'warn') : nothing}
          <span class="muted">
            ${host.t('offerCount', { count: n.offer_count })} · ${host.money(totals.subtotal, n.latest_offer.terms.currency)} ·
            ${host.t('updatedOn', { date: formatDateTime(n.updated_at, host.config.locale) })}
          </span>
        </button>
      </li>`;
    })}
  </ul>`;
}

/** Whose move it is, or how the negotiation ended, in one sentence. */
export function stateLine(host: K100Element, n: Negotiation, kind: PartyKind): string {
  const other = counterparty(n, kind);
  if (n.status === 'withdrawn') return host.t('withdrawnOn', { date: formatDateTime(n.closed_at ?? n.updated_at, host.config.locale) });
  if (n.status === 'accepted') {
    const who = n.accepted_by === kind ? host.t('you') : other;
    return host.t('acceptedBy', { name: who, date: formatDateTime(n.closed_at ?? n.updated_at, host.config.locale) });
  }
  return n.next_to_act === kind ? host.t('yourMove', { name: other }) : host.t('waitingFor', { name: other });
}

function renderOffer(host: K100Element, n: Negotiation, offer: Offer, kind: PartyKind) {
  const names = productNames(offer.products);
  const { currency, totals } = offer.terms;
  const who = offer.by === kind ? host.t('you') : offer.by === 'buyer' ? n.buyer.name : n.supplier.name;
  const accepted = n.accepted_offer_seq === offer.seq;
  return html`<li part="offer" class="offer card ${offer.by === kind ? 'own' : ''}">
    <p class="offer-head">
      <span class="offer-who">${host.t(offer.seq === 1 ? 'openingOfferBy' : 'counterOfferBy', { name: who })}</span>
      <time class="muted" datetime=${offer.at}>${formatDateTime(offer.at, host.config.locale)}</time>
      ${accepted ? renderBadge(host.t('acceptedOffer'), 'done') : nothing}
    </p>
    ${offer.message ? html`<p part="offer-message" class="message text">${offer.message}</p>` : nothing}
    ${offer.seq > 1
      ? offer.differences.length
        ? html`<p class="muted">${host.t('changedFromOffer', { number: offer.seq - 1 })}</p>
            ${renderDifferences(host, offer.differences, names, currency, 'offer-differences')}`
        : html`<p class="muted">${host.t('sameAsPrevious')}</p>`
      : nothing}
    <p part="offer-totals" class="totals">
      ${host.t('totalsLine', {
        subtotal: host.money(totals.subtotal, currency),
        deposit: host.money(totals.deposit_amount, currency),
        balance: host.money(totals.balance_amount, currency),
      })}
    </p>
  </li>`;
}

/** Every offer, oldest first, each with its changes from the one before. */
export function renderTimeline(host: K100Element, n: Negotiation, kind: PartyKind) {
  return html`<section class="section" aria-labelledby="history-title">
    <h3 id="history-title">${host.t('historyTitle')}</h3>
    <ol part="timeline" class="timeline">
      ${n.offers.map((offer) => renderOffer(host, n, offer, kind))}
    </ol>
  </section>`;
}
