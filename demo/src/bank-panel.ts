/**
 * Sandbox bank: plays the gateway's bank for the current payment of an order. Each button sends a deposit
 * through `POST /v1/sandbox/deposits`, which the server turns into a correctly signed gateway notification,
 * so every outcome (exact, short, excess, duplicate) takes the real path; below, the order's ledger shows
 * each transfer's entries summing to zero. Demo code, not a published widget.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Ledger, PaymentIntent } from '../../server/schemas/payments.js';
import { api, digitsOf, money } from './http.js';

interface Deposit {
  id: string;
  reference: string;
  amount: number;
  currency: string;
}

type Kind = 'exact' | 'short' | 'excess' | 'duplicate';

/** What the gateway's notification did, as the sandbox bank reports it. */
interface DepositAck {
  notification?: { duplicate: boolean; outcome: string | null };
}

const OUTCOMES: Record<string, string> = {
  succeeded: 'exact funds: the order is paid into escrow',
  failed: 'a different amount: the payment failed and the money goes back minus the refund cost',
  expired: 'the quote had expired: the money goes back minus the refund cost',
  refunded: 'this payment no longer awaits funds, so the money goes back minus the refund cost',
  unmatched: 'no payment has this reference',
};

@customElement('demo-bank-panel')
export class DemoBankPanel extends LitElement {
  @property({ attribute: false }) session = '';
  @property({ attribute: false }) orderId = '';

  @state() private intent: PaymentIntent | null = null;
  @state() private ledger: Ledger | null = null;
  @state() private last: Deposit | null = null;
  @state() private busy = false;
  @state() private result = '';
  @state() private failure = '';

  // Light DOM so the demo stylesheet applies; this is a page, not an embeddable widget.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('orderId')) {
      this.intent = this.ledger = this.last = null;
      this.result = '';
    }
    if ((changed.has('session') || changed.has('orderId')) && this.session && this.orderId) void this.load();
  }

  /** Reloads the order's latest payment and its ledger (after the checkout created or settled one). */
  async load(): Promise<void> {
    const orderId = this.orderId;
    if (!this.session || !orderId) return;
    try {
      const [intents, ledger] = await Promise.all([
        api<{ data: PaymentIntent[] }>(this.session, 'GET', `/v1/orders/${encodeURIComponent(orderId)}/payment-intents`),
        api<Ledger>(this.session, 'GET', `/v1/orders/${encodeURIComponent(orderId)}/ledger`),
      ]);
      if (orderId !== this.orderId) return;
      this.intent = intents.data[0] ?? null;
      this.ledger = ledger;
      this.failure = '';
    } catch (error) {
      this.failure = `Could not load the payment: ${(error as Error).message}`;
    }
  }

  private deposit(kind: Kind): Deposit | null {
    const intent = this.intent;
    if (kind === 'duplicate') return this.last;
    if (!intent) return null;
    const one = 10 ** digitsOf(intent.currency);
    const amount = intent.amount_due + (kind === 'short' ? -one : kind === 'excess' ? one : 0);
    return { id: `dep_${crypto.randomUUID().replaceAll('-', '')}`, reference: intent.reference, amount, currency: intent.currency };
  }

  private async handleSend(kind: Kind): Promise<void> {
    const deposit = this.deposit(kind);
    if (!deposit || this.busy) return;
    this.busy = true;
    this.result = '';
    const sent = `${kind === 'duplicate' ? 'Sent again (same event id)' : 'Sent'} ${money(deposit.amount, deposit.currency)} quoting ${deposit.reference}`;
    try {
      const ack = await api<DepositAck>(this.session, 'POST', '/v1/sandbox/deposits', deposit);
      this.last = deposit;
      await this.load();
      const n = ack.notification;
      const what = n?.duplicate ? 'a duplicate event, processed once already: nothing changed' : (OUTCOMES[n?.outcome ?? ''] ?? n?.outcome ?? 'sent');
      this.result = `${sent}. K100Pay: ${what}. ${this.outcome()}`;
      this.dispatchEvent(new Event('demo-deposit', { bubbles: true }));
    } catch (error) {
      this.result = `${sent}. Refused: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
  }

  /** Sandbox control: the quote runs out now, so the expired outcome shows without a 15-minute wait. */
  private async handleExpire(): Promise<void> {
    const intent = this.intent;
    if (!intent || this.busy) return;
    this.busy = true;
    try {
      await api(this.session, 'POST', `/v1/sandbox/payment-intents/${encodeURIComponent(intent.id)}/expire`);
      await this.load();
      this.result = `The quote ran out. Money sent now comes back minus the refund cost. ${this.outcome()}`;
      this.dispatchEvent(new Event('demo-deposit', { bubbles: true }));
    } catch (error) {
      this.result = `Refused: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
  }

  /** The current payment's status in words, with the amounts that explain it. */
  private outcome(): string {
    const i = this.intent;
    if (!i) return '';
    const got = i.received ? `received ${money(i.received.amount, i.received.currency)}` : 'nothing received yet';
    const back = i.refund ? `; refunded ${money(i.refund.amount, i.refund.currency)} (refund cost ${money(i.refund.cost, i.refund.currency)})` : '';
    const state = { awaiting_funds: 'is awaiting funds', succeeded: 'succeeded', failed: 'failed', expired: 'expired' }[i.status] ?? `is ${i.status}`;
    return `Payment ${i.id} ${state}: ${got}, due ${money(i.amount_due, i.currency)}${back}.`;
  }

  private renderIntent(i: PaymentIntent) {
    const one = money(10 ** digitsOf(i.currency), i.currency);
    return html`<dl class="facts">
        <div><dt>Reference</dt><dd><code>${i.reference}</code></dd></div>
        <div><dt>Amount due</dt><dd>${money(i.amount_due, i.currency)}</dd></div>
        <div><dt>Status</dt><dd>${i.status.replaceAll('_', ' ')}</dd></div>
        <div><dt>Quote expires</dt><dd>${new Date(i.expires_at).toLocaleString()}</dd></div>
      </dl>
      <div class="actions wrap" aria-label="Deposits">
        <button type="button" ?disabled=${this.busy} @click=${() => this.handleSend('exact')}>Send exact amount</button>
        <button type="button" ?disabled=${this.busy} @click=${() => this.handleSend('short')}>Send ${one} too little</button>
        <button type="button" ?disabled=${this.busy} @click=${() => this.handleSend('excess')}>Send ${one} too much</button>
        <button type="button" ?disabled=${this.busy || this.intent?.status !== 'awaiting_funds'} @click=${() => this.handleExpire()}>
          Let the quote expire now
        </button>
        <button type="button" ?disabled=${this.busy || !this.last} @click=${() => this.handleSend('duplicate')}>
          Send a duplicate of the last deposit
        </button>
      </div>`;
  }

  private renderLedger(ledger: Ledger) {
    const b = ledger.balances;
    const c = ledger.currency;
    return html`<h3>Ledger</h3>
      ${ledger.transfers.length === 0
        ? html`<p class="muted">No money has moved for this order yet.</p>`
        : html`<table class="ledger">
            <caption class="sr-only">Transfers of order ${ledger.order_id}, each entry signed</caption>
            <thead><tr><th scope="col">Transfer</th><th scope="col">Account</th><th scope="col" class="num">Amount</th></tr></thead>
            ${ledger.transfers.map((t) => {
              const sum = t.entries.reduce((total, e) => total + e.amount, 0);
              return html`<tbody>
                ${t.entries.map(
                  (e, n) => html`<tr>
                    ${n === 0
                      ? html`<th scope="rowgroup" rowspan=${t.entries.length + 1}>
                          ${t.kind}<br /><span class="muted">${new Date(t.created_at).toLocaleTimeString()}</span>
                        </th>`
                      : nothing}
                    <td><code>${e.account}</code></td>
                    <td class="num">${money(e.amount, t.currency)}</td>
                  </tr>`,
                )}
                <tr class="sum"><td>Sum</td><td class="num">${sum === 0 ? '0 ✓' : `${money(sum, t.currency)} ✗`}</td></tr>
              </tbody>`;
            })}
          </table>`}
      <table class="ledger balances">
        <caption>Balances (${c})</caption>
        <tbody>
          <tr><th scope="row">Held in escrow</th><td class="num">${money(b.escrow, c)}</td></tr>
          <tr><th scope="row">Released to the supplier</th><td class="num">${money(b.released, c)}</td></tr>
          <tr><th scope="row">Refunded to the buyer</th><td class="num">${money(b.refunded, c)}</td></tr>
          <tr><th scope="row">Fees</th><td class="num">${money(b.fees, c)}</td></tr>
        </tbody>
      </table>`;
  }

  override render() {
    return html`<section class="card bank" aria-labelledby="bank-heading">
      <h2 id="bank-heading">Sandbox bank</h2>
      <p class="muted">
        Plays the gateway's bank: each button sends a deposit for the current payment's reference, which K100Pay receives
        as a signed gateway notification. Amounts are in the payment's currency.
      </p>
      ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
      ${!this.orderId
        ? html`<p class="muted">Pick an order to pay first.</p>`
        : this.intent
          ? this.renderIntent(this.intent)
          : html`<p class="muted">No payment yet: choose a gateway in the checkout and get the exact amount.</p>`}
      <p class="status" role="status">${this.result}</p>
      ${this.ledger ? this.renderLedger(this.ledger) : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'demo-bank-panel': DemoBankPanel;
  }
}
