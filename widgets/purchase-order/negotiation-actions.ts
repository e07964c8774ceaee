/** The buttons of `<k100-purchase-order>` for what the caller may do now: accept, withdraw (both confirmed first), issue the e-PO. */
import { html, nothing } from 'lit';
import { ApiError } from '../core/api.js';
import type { K100Element } from '../core/element.js';
import { deals, type Negotiation } from '../core/deals/api.js';
import { K100NegotiationAcceptEvent, K100NegotiationWithdrawEvent, K100PoIssueEvent } from '../core/deals/events.js';

type Action = 'accept' | 'withdraw' | 'issue';

export interface ActionsHost extends K100Element {
  /** Shows the outcome of an action and moves focus to it. */
  notify(error: boolean, text: string): void;
  /** Reloads the negotiation. */
  reload(): void;
}

export class NegotiationActions {
  private confirming?: 'accept' | 'withdraw' | undefined;
  private busy?: Action | undefined;

  constructor(private readonly host: ActionsHost) {}

  reset(): void {
    this.confirming = undefined;
  }

  private async focusOn(selector: string) {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async ask(what: 'accept' | 'withdraw' | undefined) {
    this.confirming = what;
    this.host.requestUpdate();
    await this.focusOn(what ? '[part~="confirm-panel"] p' : '[part~="actions"] .btn');
  }

  private async act(action: Action, negotiation: Negotiation) {
    const { host } = this;
    if (this.busy) return;
    this.busy = action;
    host.requestUpdate();
    const api = deals(host.api);
    try {
      let event: Event;
      let text: string;
      if (action === 'issue') {
        event = new K100PoIssueEvent({ purchase_order: await api.createPurchaseOrder(negotiation.id) });
        text = host.t('poIssued', { name: negotiation.supplier.name });
      } else if (action === 'accept') {
        event = new K100NegotiationAcceptEvent({ negotiation: await api.accept(negotiation.id) });
        text = host.t('acceptedNotice');
      } else {
        event = new K100NegotiationWithdrawEvent({ negotiation: await api.withdraw(negotiation.id) });
        text = host.t('withdrawnNotice');
      }
      host.dispatchEvent(event);
      host.notify(false, text);
    } catch (error) {
      // A 409: the other party moved first; the reload shows where things stand now.
      host.notify(true, host.t(error instanceof ApiError && error.status === 409 ? 'conflict' : 'actionFailed'));
      host.handleApiError(error);
    } finally {
      this.busy = undefined;
      this.confirming = undefined;
      host.reload();
    }
  }

  render(n: Negotiation, onCounter: () => void) {
    const { host } = this;
    const allowed = new Set(n.allowed_actions);
    const busy = this.busy ? 'true' : 'false';
    if (this.confirming) {
      const accept = this.confirming === 'accept';
      const action = this.confirming;
      return html`<div part="confirm-panel" class="callout section">
        <p tabindex="-1">${host.t(accept ? 'confirmAccept' : 'confirmWithdraw', { number: n.latest_offer.seq })}</p>
        <div class="actions">
          <button part="confirm-button" class="btn primary" type="button" aria-disabled=${busy} @click=${() => this.act(action, n)}>
            ${this.busy ? host.t('sending') : host.t(accept ? 'acceptTerms' : 'withdrawNegotiation')}
          </button>
          <button part="cancel-button" class="btn" type="button" @click=${() => this.ask(undefined)}>${host.t('cancel')}</button>
        </div>
      </div>`;
    }
    if (!allowed.size && !n.purchase_order_id) return nothing;
    const can = (action: string) => allowed.has(action as Negotiation['allowed_actions'][number]);
    return html`<div part="actions" class="section">
      ${n.purchase_order_id ? html`<p class="callout ok">${host.t('poExists', { id: n.purchase_order_id })}</p>` : nothing}
      ${can('issue_purchase_order') ? html`<p class="muted">${host.t('issueHint', { name: n.supplier.name })}</p>` : nothing}
      <div class="actions">
        ${can('issue_purchase_order')
          ? html`<button part="issue-button" class="btn primary" type="button" aria-disabled=${busy} @click=${() => this.act('issue', n)}>
              ${this.busy === 'issue' ? host.t('sending') : host.t('issuePo')}
            </button>`
          : nothing}
        ${can('accept')
          ? html`<button part="accept-button" class="btn primary" type="button" @click=${() => this.ask('accept')}>${host.t('accept')}</button>`
          : nothing}
        ${can('offer')
          ? html`<button part="counter-button" class="btn" type="button" @click=${onCounter}>${host.t('counterOffer')}</button>`
          : nothing}
        ${can('withdraw')
          ? html`<button part="withdraw-button" class="btn danger" type="button" @click=${() => this.ask('withdraw')}>${host.t('withdraw')}</button>`
          : nothing}
      </div>
    </div>`;
  }
}
