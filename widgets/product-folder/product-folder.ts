/** `<k100-product-folder>`: the buyer's Public and Private Product Folders and the pick for a purchase order. */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Product } from '../core/api-types.js';
import { allPages, type ApiClient } from '../core/api.js';
import { DocumentListener } from '../core/document-listener.js';
import { K100Element } from '../core/element.js';
import {
  K100FolderItemRemoveEvent,
  K100FolderSelectEvent,
  K100ProductCollectEvent,
  type FolderKind,
} from '../core/events.js';
import { Loader } from '../core/loader.js';
import { renderStates } from '../core/states.js';
import { coreStyles } from '../core/theme.js';
import { AccessRequests } from './access-requests.js';
import './messages.js';
import { styles } from './product-folder.styles.js';

/** What both folders list: a product and its id. */
interface Item {
  product_id: string;
  product: Product;
}

type Notice = { kind: 'removed'; item: Item; done: Promise<boolean> } | { kind: 'error'; text: string };

const TABS = ['public', 'private'] as const;
const MAX_QUANTITY = 1_000_000_000;

const without = (set: Set<string>, id: string) => {
  const next = new Set(set);
  next.delete(id);
  return next;
};

/**
 * The buyer's Product Folders in two tabs. Public: products collected from search, each removable
 * (with Undo). Private: OEM/ODM products suppliers granted to this buyer, plus a form to request
 * access from a supplier and the list of pending requests. In both, the buyer ticks items, sets a
 * quantity per item (at least its MOQ) and sees the total per currency; "Create purchase order"
 * sends `k100-folder-select`. The public folder refreshes whenever a product is collected anywhere
 * on the page.
 *
 * @summary The buyer's Public and Private Product Folders.
 * @tag k100-product-folder
 *
 * @event {K100FolderSelectEvent} k100-folder-select - The buyer picked items for a purchase order; `detail: {folder, items: [{product_id, quantity, product}]}`.
 * @event {K100FolderItemRemoveEvent} k100-folder-item-remove - A product was removed from the public folder; `detail: {product_id}`.
 * @event {K100ProductCollectEvent} k100-product-collect - Undo put a removed product back; `detail: {product_id, product}`.
 * @event {K100AccessRequestCreateEvent} k100-access-request-create - The buyer asked a supplier for access; `detail: {request}`.
 * @event {K100SessionExpiredEvent} k100-session-expired - The session was refused; set a freshly minted `session` to continue.
 *
 * @slot public-empty - Replaces the empty public folder text.
 * @slot private-empty - Replaces the empty private folder text.
 *
 * @csspart base - The widget's wrapper.
 * @csspart tablist - The row of tabs.
 * @csspart tab - A tab (Public, Private).
 * @csspart panel - A tab panel.
 * @csspart items - The list of folder items.
 * @csspart item - One folder item.
 * @csspart item-checkbox - The checkbox selecting an item.
 * @csspart quantity-input - The quantity of a selected item.
 * @csspart remove-button - An item's Remove button (public folder).
 * @csspart notice - The "Removed … Undo" and failure notice.
 * @csspart undo-button - The Undo button.
 * @csspart summary - Selected count, totals and the order button.
 * @csspart total - The totals per currency.
 * @csspart order-button - The "Create purchase order" button.
 * @csspart access - The request-access section (private folder).
 * @csspart access-toggle - The button that opens the request form.
 * @csspart access-form - The request form.
 * @csspart supplier-select - The supplier picker.
 * @csspart message-input - The request message.
 * @csspart access-submit - The "Send request" button.
 * @csspart access-status - The outcome of the last request.
 * @csspart pending-list - The buyer's pending requests.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's Retry button.
 * @csspart expired - The expired-session state.
 *
 * @cssproperty --k100-product-folder-item-background - Item background; defaults to `--k100-color-surface-raised`.
 * @cssproperty --k100-product-folder-tab-indicator - Underline of the selected tab; defaults to `--k100-color-primary`.
 */
export class K100ProductFolder extends K100Element {
  static override styles = [coreStyles, styles];

  /** The folder shown: `public` (collected products) or `private` (products granted to this buyer). */
  @property() tab: FolderKind = 'public';

  /** Selected product ids and the quantity typed for each. */
  @state() private quantities = new Map<string, string>();
  /** Removed while the DELETE is on its way (or undone). */
  @state() private hiddenIds = new Set<string>();
  @state() private notice?: Notice;

  private readonly publicItems = new Loader(
    this,
    (api, _args, signal): Promise<Item[]> => allPages((cursor) => api.publicFolder({ cursor, limit: 100 }, signal)),
    () => (this.tab === 'public' ? [] : false),
  );

  private readonly privateItems = new Loader(
    this,
    (api, _args, signal): Promise<Item[]> => allPages((cursor) => api.privateFolder({ cursor, limit: 100 }, signal)),
    () => (this.tab === 'private' ? [] : false),
  );

  private readonly access = new AccessRequests(this);

  constructor() {
    super();
    new DocumentListener(this, 'k100-product-collect', (event) => {
      this.hiddenIds = without(this.hiddenIds, event.detail.product_id);
      this.publicItems.refresh();
    });
  }

  /** The client (so the session) the selection and notices belong to. */
  private scope?: ApiClient;

  protected override willUpdate(): void {
    // Another session is another buyer (a persona switch): nothing of the previous one carries over.
    if (this.scope && this.scope !== this.api) {
      this.quantities = new Map();
      this.hiddenIds = new Set();
      this.notice = undefined;
      this.access.reset();
    }
    this.scope = this.api;
  }

  private visible(items: Item[]): Item[] {
    return items.filter((item) => !this.hiddenIds.has(item.product_id));
  }

  private selectedItems(): Item[] {
    const loader = this.tab === 'public' ? this.publicItems : this.privateItems;
    return this.visible(loader.value ?? []).filter((item) => this.quantities.has(item.product_id));
  }

  private quantityValid(item: Item): boolean {
    const raw = this.quantities.get(item.product_id) ?? '';
    const quantity = Number(raw);
    return /^\d+$/.test(raw) && quantity >= item.product.moq && quantity <= MAX_QUANTITY;
  }

  private async selectTab(tab: FolderKind, focus = false) {
    if (tab !== this.tab) {
      this.tab = tab;
      this.notice = undefined;
    }
    if (focus) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
    }
  }

  /** WAI-ARIA tabs: arrows move and activate, Home/End jump; the tablist has one tab stop. */
  private handleTabKeydown(event: KeyboardEvent) {
    const index = TABS.indexOf(this.tab);
    const target = ({ ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 } as Record<string, number>)[
      event.key
    ];
    if (target === undefined) return;
    event.preventDefault();
    void this.selectTab(TABS[(target + TABS.length) % TABS.length]!, true);
  }

  private handleSelect(item: Item, event: Event) {
    const quantities = new Map(this.quantities);
    if ((event.target as HTMLInputElement).checked) quantities.set(item.product_id, String(item.product.moq));
    else quantities.delete(item.product_id);
    this.quantities = quantities;
  }

  private handleQuantity(item: Item, event: Event) {
    this.quantities = new Map(this.quantities).set(item.product_id, (event.target as HTMLInputElement).value.trim());
  }

  private handleOrder() {
    const items = this.selectedItems();
    if (!items.length) return;
    if (!items.every((item) => this.quantityValid(item))) {
      this.renderRoot.querySelector<HTMLElement>('[part~="quantity-input"][aria-invalid="true"]')?.focus();
      return;
    }
    const event = new K100FolderSelectEvent({
      folder: this.tab,
      items: items.map(({ product_id, product }) => ({
        product_id,
        quantity: Number(this.quantities.get(product_id)),
        product,
      })),
    });
    this.dispatchEvent(event);
  }

  /** Hides the item at once and offers Undo; puts it back with a message if the DELETE fails. */
  private async handleRemove(item: Item) {
    const id = item.product_id;
    const name = item.product.name;
    this.hiddenIds = new Set(this.hiddenIds).add(id);
    const quantities = new Map(this.quantities);
    quantities.delete(id);
    this.quantities = quantities;
    const done = this.api.uncollect(id).then(
      () => {
        const event = new K100FolderItemRemoveEvent({ product_id: id });
        this.dispatchEvent(event);
        return true;
      },
      (error: unknown) => {
        this.hiddenIds = without(this.hiddenIds, id);
        this.notice = { kind: 'error', text: this.t('removeFailed', { name }) };
        this.handleApiError(error);
        return false;
      },
    );
    this.notice = { kind: 'removed', item, done };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="undo-button"]')?.focus();
  }

  private async handleUndo() {
    const notice = this.notice;
    if (notice?.kind !== 'removed') return;
    const { item, done } = notice;
    const id = item.product_id;
    this.notice = undefined;
    this.hiddenIds = without(this.hiddenIds, id);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`)?.focus();
    // Re-collect only once the removal really happened, so the PUT cannot overtake the DELETE.
    if (!(await done)) return;
    try {
      await this.api.collect(id);
      const event = new K100ProductCollectEvent({ product_id: id, product: item.product });
      this.dispatchEvent(event);
    } catch (error) {
      this.hiddenIds = new Set(this.hiddenIds).add(id);
      this.notice = { kind: 'error', text: this.t('restoreFailed', { name: item.product.name }) };
      this.handleApiError(error);
    }
  }

  protected override render() {
    return html`<div part="base" class=${this.baseClass} lang=${this.config.locale}>
      <div role="tablist" part="tablist" class="tabs" aria-label=${this.t('folders')} @keydown=${this.handleTabKeydown}>
        ${TABS.map(
          (tab) => html`<button
            role="tab"
            part="tab"
            class="tab"
            id="tab-${tab}"
            type="button"
            aria-selected=${tab === this.tab ? 'true' : 'false'}
            aria-controls="panel-${tab}"
            tabindex=${tab === this.tab ? 0 : -1}
            @click=${() => this.selectTab(tab)}
          >
            ${this.t(tab === 'public' ? 'tabPublic' : 'tabPrivate')}
          </button>`,
        )}
      </div>
      ${TABS.map(
        (tab) => html`<div
          role="tabpanel"
          part="panel"
          class="panel"
          id="panel-${tab}"
          aria-labelledby="tab-${tab}"
          ?hidden=${tab !== this.tab}
        >
          ${tab === this.tab ? this.renderPanel(tab) : nothing}
        </div>`,
      )}
    </div>`;
  }

  private renderPanel(tab: FolderKind) {
    const notice = this.notice;
    return html`${tab === 'public'
        ? html`<div part="notice" class="notice ${notice ? 'shown' : ''}" role="status">
            ${notice?.kind === 'removed'
              ? html`<span>${this.t('removed', { name: notice.item.product.name })}</span>
                  <button part="undo-button" class="btn" type="button" @click=${this.handleUndo}>${this.t('undo')}</button>`
              : notice
                ? html`<span class="error">${notice.text}</span>`
                : nothing}
          </div>`
        : nothing}
      ${renderStates(this, tab === 'public' ? this.publicItems : this.privateItems, {
        complete: (items) => this.renderItems(this.visible(items), tab),
        isEmpty: (items) => this.visible(items).length === 0,
        empty: this.t(tab === 'public' ? 'publicEmpty' : 'privateEmpty'),
        emptySlot: `${tab}-empty`,
        skeleton: 'rows',
      })}
      ${tab === 'private' && !this.sessionExpired ? this.access.render() : nothing}`;
  }

  private renderItems(items: Item[], tab: FolderKind) {
    const selected = items.filter((item) => this.quantities.has(item.product_id));
    const totals = new Map<string, number>();
    for (const item of selected) {
      if (!this.quantityValid(item)) continue;
      const { currency, unit_price } = item.product;
      totals.set(currency, (totals.get(currency) ?? 0) + unit_price * Number(this.quantities.get(item.product_id)));
    }
    const amounts = [...totals].map(([currency, minor]) => this.money(minor, currency)).join(' · ');
    return html`<ul part="items" class="items">
        ${items.map((item) => this.renderItem(item, tab))}
      </ul>
      <div part="summary" class="summary">
        <p class="count" role="status">
          ${selected.length ? this.t('selectedCount', { count: selected.length }) : this.t('noneSelected')}
        </p>
        ${amounts ? html`<p part="total" class="total">${this.t('total', { amounts })}</p>` : nothing}
        <button
          part="order-button"
          class="btn primary"
          type="button"
          aria-disabled=${selected.length ? 'false' : 'true'}
          @click=${this.handleOrder}
        >
          ${this.t('createOrder')}
        </button>
      </div>`;
  }

  private renderItem(item: Item, tab: FolderKind) {
    const { product } = item;
    const id = item.product_id;
    const quantity = this.quantities.get(id);
    const selected = quantity !== undefined;
    const invalid = selected && !this.quantityValid(item);
    const nameId = `name-${id}`;
    const errorId = `qty-error-${id}`;
    return html`<li part="item" class="item ${selected ? 'selected' : ''}">
      <label class="pick">
        <input part="item-checkbox" type="checkbox" .checked=${selected} @change=${(e: Event) => this.handleSelect(item, e)} />
        <span class="name" id=${nameId}>${product.name}</span>
      </label>
      <p class="details muted">
        ${product.supplier.name} · ${product.supplier.location} ·
        ${this.t('perUnit', { price: this.money(product.unit_price, product.currency) })} ·
        ${this.t('moq', { count: product.moq })}
      </p>
      ${selected
        ? html`<label class="field qty">
              <span class="label">${this.t('quantity')}</span>
              <input
                part="quantity-input"
                class="control"
                type="number"
                inputmode="numeric"
                min=${product.moq}
                step="1"
                aria-invalid=${invalid ? 'true' : 'false'}
                aria-describedby=${invalid ? `${nameId} ${errorId}` : nameId}
                .value=${quantity}
                @input=${(e: Event) => this.handleQuantity(item, e)}
              />
            </label>
            ${invalid
              ? html`<p class="qty-error error" id=${errorId}>${this.t('quantityInvalid', { moq: product.moq })}</p>`
              : nothing}`
        : nothing}
      ${tab === 'public'
        ? html`<button
            part="remove-button"
            class="btn remove"
            type="button"
            data-id=${id}
            aria-describedby=${nameId}
            @click=${() => this.handleRemove(item)}
          >
            ${this.t('remove')}
          </button>`
        : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'k100-product-folder': K100ProductFolder;
  }
}
