/** `<k100-order-status>`: the buyer center's overview of every order and where each stands. */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { K100Element } from '../core/element.js';
import { Loader } from '../core/loader.js';
import { renderStates } from '../core/states.js';
import { coreStyles } from '../core/theme.js';
import { ship, type OrderSummary } from '../core/ship/api.js';
import { K100OrderSelectEvent } from '../core/ship/events.js';
import { dateTime, label, nextStep, st } from '../core/ship/messages.js';
import { shipStyles } from '../core/ship/styles.js';
import { styles } from './order-status.styles.js';

export type StatusGroup = 'all' | 'awaiting' | 'progress' | 'settled' | 'refunded';
export type OrderSort = 'newest' | 'amount' | 'status';

const GROUPS: StatusGroup[] = ['all', 'awaiting', 'progress', 'settled', 'refunded'];
const SORTS: OrderSort[] = ['newest', 'amount', 'status'];
/** Statuses in the order an order goes through them. */
const STATUSES = [
  'awaiting_payment',
  'paid',
  'at_warehouse',
  'consolidated',
  'customs_released',
  'in_transit',
  'arrived',
  'ready_for_pickup',
  'picked_up',
  'settled',
  'refunded',
];
/** The one server status a group stands for; "in progress" is several, filtered here. */
const GROUP_STATUS: Partial<Record<StatusGroup, string>> = { awaiting: 'awaiting_payment', settled: 'settled', refunded: 'refunded' };
const inGroup = (group: StatusGroup, status: string) =>
  group === 'progress' ? !Object.values(GROUP_STATUS).includes(status) : !GROUP_STATUS[group] || GROUP_STATUS[group] === status;

const COMPARE: Record<OrderSort, (a: OrderSummary, b: OrderSummary) => number> = {
  newest: (a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id),
  // Amounts compare within a currency only: orders of one currency stay together.
  amount: (a, b) => a.currency.localeCompare(b.currency) || b.total - a.total,
  status: (a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || COMPARE.newest(a, b),
};

/**
 * The buyer center: every order of the buyer with its supplier, status, payment status, amount and next
 * step (marked when it is the buyer's move). Filter by status group (all, awaiting payment, in progress,
 * settled, refunded), sort by newest, amount or status, and "Load more" pages on. Choosing an order (click,
 * or Enter on its id) tells the page, which typically opens `<k100-shipment-tracker>` for it. The table
 * becomes one card per order on a phone.
 *
 * @summary The buyer center's overview of all orders: status, payment, amount and next step, filtered and sorted.
 * @tag k100-order-status
 *
 * @event {K100OrderSelectEvent} k100-order-select - The buyer chose an order; `detail: {order_id}`.
 * @event {K100SessionExpiredEvent} k100-session-expired - The session was refused; set a freshly minted `session` to continue.
 *
 * @slot empty - Replaces the text shown when there are no orders.
 *
 * @csspart base - The widget's wrapper.
 * @csspart toolbar - The filter and sort controls.
 * @csspart group-select - The status group filter.
 * @csspart sort-select - The sort order.
 * @csspart count - How many orders are shown.
 * @csspart orders-table - The orders table.
 * @csspart order - One order's row.
 * @csspart order-button - Chooses an order.
 * @csspart status - An order's status badge.
 * @csspart payment-status - An order's payment status badge.
 * @csspart amount - An order's amount.
 * @csspart next-step - What the order waits for, and from whom.
 * @csspart load-more-button - Loads the next page of orders.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - No orders (in this group).
 * @csspart error - The error state.
 * @csspart retry-button - Retries what failed to load.
 * @csspart expired - The expired-session state.
 *
 * @cssproperty --k100-order-status-accent - Marks the next steps that are the buyer's; defaults to `--k100-color-primary`.
 */
export class K100OrderStatus extends K100Element {
  static override styles = [coreStyles, shipStyles, styles];

  /** Which orders to show: `all`, `awaiting`, `progress`, `settled` or `refunded`. */
  @property() group: StatusGroup = 'all';

  /** Order of the list: `newest`, `amount` (largest first, per currency) or `status` (earliest stage first). */
  @property() sort: OrderSort = 'newest';

  /** Orders per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  @state() private extra: OrderSummary[] = [];
  @state() private cursor: string | null = null;
  @state() private moreState: 'idle' | 'loading' | 'failed' = 'idle';
  private moreAbort?: AbortController;

  private readonly main = new Loader(
    this,
    async (api, [group, limit], signal) => {
      this.moreAbort?.abort();
      const page = await ship(api).orders({ status: GROUP_STATUS[group], limit }, signal);
      this.extra = [];
      this.cursor = page.next_cursor;
      this.moreState = 'idle';
      return page.data;
    },
    () => [this.group, this.pageSize] as const,
  );

  /** Reloads the first page (e.g. after a payment elsewhere on the page). */
  refresh(): void {
    this.main.refresh();
  }

  private handleLoadMore = async () => {
    if (this.moreState === 'loading' || !this.cursor) return;
    const abort = (this.moreAbort = new AbortController());
    this.moreState = 'loading';
    try {
      const query = { status: GROUP_STATUS[this.group], limit: this.pageSize, cursor: this.cursor };
      const page = await ship(this.api).orders(query, abort.signal);
      this.extra = [...this.extra, ...page.data];
      this.cursor = page.next_cursor;
      this.moreState = 'idle';
    } catch (error) {
      if (abort.signal.aborted) return;
      this.moreState = 'failed';
      this.handleApiError(error);
    }
  };

  private select(orderId: string) {
    const event = new K100OrderSelectEvent({ order_id: orderId });
    this.dispatchEvent(event);
  }

  private handleRowClick = (event: MouseEvent) => {
    // The row's button answers clicks and Enter itself; this widens the target to the whole row.
    if ((event.target as Element).closest('button, a')) return;
    const id = (event.currentTarget as HTMLElement).dataset['orderId'];
    if (id) this.select(id);
  };

  private visible(first: OrderSummary[]): OrderSummary[] {
    const all = this.extra.length ? [...first, ...this.extra] : first;
    return all.filter((o) => inGroup(this.group, o.status)).sort(COMPARE[this.sort] ?? COMPARE.newest);
  }

  protected override render() {
    return html`<div part="base" class=${this.baseClass} lang=${this.config.locale}>
      <section class="section overview" aria-labelledby="orders-title">
        <div class="head">
          <h2 id="orders-title">${st(this, 'shipOrders')}</h2>
          ${this.renderToolbar()}
        </div>
        ${renderStates(this, this.main, {
          complete: (first) => this.renderOrders(this.visible(first)),
          isEmpty: (first) => !this.cursor && this.visible(first).length === 0,
          empty: st(this, this.group === 'all' ? 'shipNoOrders' : 'shipNoMatch'),
          skeleton: 'rows',
          count: 4,
        })}
      </section>
    </div>`;
  }

  private renderToolbar() {
    const select = <T extends string>(id: string, key: 'shipGroupLabel' | 'shipSortLabel', value: T, values: T[], prefix: 'shipGroup_' | 'shipSort_', onChange: (v: T) => void) =>
      html`<div class="field">
        <label class="label" for=${id}>${st(this, key)}</label>
        <select
          id=${id}
          part=${id}
          class="control"
          @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value as T)}
        >
          ${values.map((v) => html`<option value=${v} .selected=${v === value}>${st(this, `${prefix}${v}` as 'shipGroup_all')}</option>`)}
        </select>
      </div>`;
    return html`<div part="toolbar" class="toolbar">
      ${select('group-select', 'shipGroupLabel', this.group, GROUPS, 'shipGroup_', (v) => (this.group = v))}
      ${select('sort-select', 'shipSortLabel', this.sort, SORTS, 'shipSort_', (v) => (this.sort = v))}
    </div>`;
  }

  private renderOrders(orders: OrderSummary[]) {
    const h = {
      order: st(this, 'shipColOrder'),
      supplier: st(this, 'shipColSupplier'),
      status: st(this, 'shipColStatus'),
      payment: st(this, 'shipColPayment'),
      amount: st(this, 'shipColAmount'),
      next: st(this, 'shipColNext'),
    };
    const loading = this.moreState === 'loading';
    return html`<p part="count" class="muted count" role="status">${st(this, 'shipOrderCount', { count: orders.length })}</p>
      ${orders.length
        ? html`<table part="orders-table" class="stack orders">
            <thead>
              <tr>
                <th scope="col">${h.order}</th><th scope="col">${h.supplier}</th><th scope="col">${h.status}</th>
                <th scope="col">${h.payment}</th><th scope="col" class="num">${h.amount}</th><th scope="col">${h.next}</th>
              </tr>
            </thead>
            <tbody>
              ${orders.map(
                (o) => html`<tr part="order" class="order" data-order-id=${o.id} @click=${this.handleRowClick}>
                  <th scope="row" data-label=${h.order}>
                    <span class="order-cell">
                      <button part="order-button" class="link mono" type="button" @click=${() => this.select(o.id)}>${o.id}</button>
                      <time class="muted" datetime=${o.created_at}>${dateTime(this, o.created_at)}</time>
                    </span>
                  </th>
                  <td data-label=${h.supplier}>${o.supplier.name}</td>
                  <td data-label=${h.status}><span part="status" class="badge ${o.status}">${label(this, 'shipSt_', o.status)}</span></td>
                  <td data-label=${h.payment}>
                    <span part="payment-status" class="badge ${o.payment_status}">${label(this, 'shipPay_', o.payment_status)}</span>
                  </td>
                  <td part="amount" class="num" data-label=${h.amount}>${this.money(o.total, o.currency)}</td>
                  <td part="next-step" class="next ${o.next_step?.by === 'buyer' ? 'yours' : ''}" data-label=${h.next}>
                    ${nextStep(this, o.next_step)}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${st(this, 'shipNoMatch')}</p>`}
      ${this.cursor || this.moreState === 'failed'
        ? html`<div class="more">
            <button
              part="load-more-button"
              class="btn"
              type="button"
              aria-disabled=${loading ? 'true' : 'false'}
              @click=${this.handleLoadMore}
            >
              ${this.t(loading ? 'loadingMore' : 'loadMore')}
            </button>
            ${this.moreState === 'failed' ? html`<p class="error" role="alert">${st(this, 'shipLoadMoreFailed')}</p>` : nothing}
          </div>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'k100-order-status': K100OrderStatus;
  }
}
