/**
 * Sandbox supplier fulfilment: the supplier's side of the warehouse step, which a real supplier's ERP does
 * through the API: submit or revise the packing list, read the warehouse's cross-check, and, when goods
 * came short, propose a contract amendment to the quantities received (the buyer reconfirms it and the
 * difference in value is refunded from escrow). Demo code, not a published widget.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { OrderSummary } from '../../server/schemas/orders.js';
import type { Terms } from '../../server/schemas/terms.js';
import { api, money } from './http.js';

interface CrossCheckLine {
  product_id: string;
  product_name: string;
  contract_quantity: number;
  packing_list_quantity: number;
  received_quantity: number;
}

interface CrossCheck {
  status: 'match' | 'discrepancy';
  packing_list_revision: number | null;
  lines: CrossCheckLine[];
  differences: { kind: string; product_id?: string; product_name?: string | null; barcode?: string }[];
}

interface ShipmentCarton {
  barcode: string;
  product_id: string;
  quantity: number;
  returned: boolean;
}

interface Amendment {
  id: string;
  number: number;
  status: string;
  reason: string;
  refund_amount: number;
  currency: string;
  items: { product_id: string; product_name: string; from_quantity: number; to_quantity: number }[];
}

const FULFILMENT_STAGES = new Set(['paid', 'at_warehouse', 'consolidated', 'customs_released', 'in_transit', 'arrived', 'ready_for_pickup', 'picked_up']);

@customElement('demo-supplier-fulfilment')
export class DemoSupplierFulfilment extends LitElement {
  @property({ attribute: false }) session = '';

  @state() private orders: OrderSummary[] = [];
  @state() private orderId = '';
  @state() private check: CrossCheck | null = null;
  @state() private amendments: Amendment[] = [];
  @state() private reason = 'One carton did not reach the warehouse; we amend to the quantities received.';
  @state() private notice = '';
  @state() private failure = '';
  @state() private busy = false;

  // Light DOM so the demo stylesheet applies; this is a page, not an embeddable widget.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('session') && this.session) void this.load();
  }

  /** Reloads the supplier's orders in fulfilment and the chosen one's cross-check and amendments. */
  async load(): Promise<void> {
    this.failure = '';
    try {
      const { data } = await api<{ data: OrderSummary[] }>(this.session, 'GET', '/v1/orders?limit=100');
      this.orders = data.filter((o) => FULFILMENT_STAGES.has(o.status) && o.payment_status !== 'unpaid');
      if (!this.orders.some((o) => o.id === this.orderId)) this.orderId = this.orders[0]?.id ?? '';
      await this.loadOrder();
    } catch (error) {
      this.failure = (error as Error).message;
    }
  }

  private async loadOrder(): Promise<void> {
    if (!this.orderId) {
      this.check = null;
      this.amendments = [];
      return;
    }
    const path = `/v1/orders/${encodeURIComponent(this.orderId)}`;
    const [check, amendments] = await Promise.all([
      api<CrossCheck>(this.session, 'GET', `${path}/cross-check`),
      api<{ data: Amendment[] }>(this.session, 'GET', `${path}/amendments`),
    ]);
    this.check = check;
    this.amendments = amendments.data;
  }

  private async act(label: string, action: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.notice = this.failure = '';
    try {
      await action();
      this.notice = label;
      await this.loadOrder();
    } catch (error) {
      this.failure = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private path(rest: string): string {
    return `/v1/orders/${encodeURIComponent(this.orderId)}/${rest}`;
  }

  /** A packing list from the contract: each line in up to three cartons. */
  private submitFromContract(): Promise<void> {
    return this.act('Packing list submitted from the contract.', async () => {
      const order = await api<{ contract_id: string }>(this.session, 'GET', `/v1/orders/${encodeURIComponent(this.orderId)}`);
      const { terms } = await api<{ terms: Terms }>(this.session, 'GET', `/v1/contracts/${encodeURIComponent(order.contract_id)}`);
      const tag = String(Date.now()).slice(-5);
      const cartons = terms.items.flatMap((item, line) => {
        const per = Math.max(1, Math.ceil(item.quantity / 3));
        const out: { barcode: string; product_id: string; quantity: number }[] = [];
        for (let left = item.quantity, n = 1; left > 0; left -= per, n++) {
          out.push({ barcode: `CTN-${tag}-${line + 1}-${String(n).padStart(2, '0')}`, product_id: item.product_id, quantity: Math.min(per, left) });
        }
        return out;
      });
      await api(this.session, 'POST', this.path('packing-list'), { cartons });
    });
  }

  /** Revises the packing list to the cartons the warehouse actually holds. */
  private reviseToReceived(): Promise<void> {
    return this.act('Packing list revised to the goods received.', async () => {
      const shipment = await api<{ cartons: ShipmentCarton[] }>(this.session, 'GET', this.path('shipment'));
      const cartons = shipment.cartons.filter((c) => !c.returned).map(({ barcode, product_id, quantity }) => ({ barcode, product_id, quantity }));
      await api(this.session, 'POST', this.path('packing-list'), { cartons, note: 'Revised to the goods receipt.' });
    });
  }

  /** Proposes the contract quantities the warehouse received; the buyer reconfirms in the buyer center. */
  private proposeAmendment(): Promise<void> {
    const items = (this.check?.lines ?? []).map((l) => ({ product_id: l.product_id, quantity: Math.min(l.received_quantity, l.contract_quantity) }));
    return this.act('Amendment proposed: the buyer reconfirms it in the buyer center’s tracker.', () =>
      api(this.session, 'POST', this.path('amendments'), { items, reason: this.reason }),
    );
  }

  protected override render() {
    const check = this.check;
    const short = check?.lines.some((l) => l.received_quantity < l.contract_quantity) ?? false;
    const pending = this.amendments.some((a) => a.status === 'proposed');
    return html`
      <section class="card stack" aria-labelledby="fulfilment-heading">
        <h2 id="fulfilment-heading">Fulfilment: packing list, cross-check and amendments</h2>
        <p class="muted">What your ERP would send through the API. The warehouse console shows the same cross-check.</p>
        ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
        <p class="status" role="status">${this.notice}</p>
        ${this.orders.length === 0
          ? html`<p class="muted">No paid orders in fulfilment yet.</p>`
          : html`
              <label>Order
                <select .value=${this.orderId} @change=${(e: Event) => {
                  this.orderId = (e.target as HTMLSelectElement).value;
                  void this.loadOrder();
                }}>
                  ${this.orders.map((o) => html`<option value=${o.id} ?selected=${o.id === this.orderId}>${o.id} · ${o.buyer.name} · ${money(o.total, o.currency)} · ${o.status.replaceAll('_', ' ')}</option>`)}
                </select>
              </label>
              ${check ? this.renderCheck(check) : nothing}
              <div class="actions wrap">
                <button type="button" ?disabled=${this.busy} @click=${() => this.submitFromContract()}>Submit packing list from the contract</button>
                <button type="button" ?disabled=${this.busy} @click=${() => this.reviseToReceived()}>Revise packing list to the goods received</button>
              </div>
              <label>Amendment reason <input type="text" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)} /></label>
              <div class="actions">
                <button type="button" ?disabled=${this.busy || !short || pending} @click=${() => this.proposeAmendment()}>Propose amendment to the quantities received</button>
              </div>
              ${this.amendments.length
                ? html`<ul class="rows">
                    ${this.amendments.map(
                      (a) => html`<li><span>Amendment ${a.number}: ${a.items.map((i) => `${i.product_name} ${i.from_quantity} → ${i.to_quantity}`).join(', ')}</span>
                        <span>${a.status} · refund ${money(a.refund_amount, a.currency)}</span></li>`,
                    )}
                  </ul>`
                : nothing}
            `}
      </section>
    `;
  }

  private renderCheck(check: CrossCheck) {
    return html`
      <table class="ledger">
        <caption>Cross-check: ${check.status === 'match' ? 'documents and goods agree' : 'differences found'}${check.packing_list_revision ? ` (packing list revision ${check.packing_list_revision})` : ''}</caption>
        <thead><tr><th scope="col">Product</th><th scope="col" class="num">Contract</th><th scope="col" class="num">Packing list</th><th scope="col" class="num">Received</th></tr></thead>
        <tbody>
          ${check.lines.map(
            (l) => html`<tr><th scope="row">${l.product_name}</th><td class="num">${l.contract_quantity}</td><td class="num">${l.packing_list_quantity}</td><td class="num">${l.received_quantity}</td></tr>`,
          )}
        </tbody>
      </table>
      ${check.differences.length ? html`<p>Differences: ${check.differences.map((d) => `${d.kind.replaceAll('_', ' ')}${d.product_name ? ` (${d.product_name})` : d.barcode ? ` (${d.barcode})` : ''}`).join('; ')}</p>` : nothing}
    `;
  }
}
