/** `<k100-product-search>`: catalog search with filters, result cards, Collect and paging. */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import type { Product } from '../core/api-types.js';
import { allPages, type ProductQuery } from '../core/api.js';
import { DocumentListener } from '../core/document-listener.js';
import { K100Element } from '../core/element.js';
import { K100ProductCollectEvent } from '../core/events.js';
import { majorToMinor } from '../core/format.js';
import { Loader } from '../core/loader.js';
import { renderStates } from '../core/states.js';
import { coreStyles } from '../core/theme.js';
import './messages.js';
import { styles } from './product-search.styles.js';

const DEBOUNCE_MS = 250;

type SearchArgs = readonly [string, string, number | undefined, number | undefined, number, string | undefined];

const toProductQuery = ([q, category, min, max, limit, currency]: SearchArgs) =>
  ({ q, category, min_price: min, max_price: max, limit, currency }) satisfies ProductQuery;

const without = (set: Set<string>, id: string) => {
  const next = new Set(set);
  next.delete(id);
  return next;
};

/**
 * Searches the K100 catalog: a search box (debounced, immediate on Enter), category and price
 * filters, result cards with price per unit, MOQ and supplier, and "Load more". With a buyer session
 * each card offers Collect, which files the product into the buyer's Public Product Folder; products
 * already there show as collected. With only a publishable key the search is read-only.
 *
 * @summary Search the K100 catalog and collect products.
 * @tag k100-product-search
 *
 * @event {K100ProductCollectEvent} k100-product-collect - A product was collected; `detail: {product_id, product}`. Sent once the server stored it.
 * @event {K100SessionExpiredEvent} k100-session-expired - The session was refused; set a freshly minted `session` to continue.
 *
 * @slot empty - Replaces the "no products match" text.
 *
 * @csspart base - The widget's wrapper.
 * @csspart form - The search form.
 * @csspart search-input - The search text box.
 * @csspart category-select - The category filter.
 * @csspart min-price-input - The minimum price filter.
 * @csspart max-price-input - The maximum price filter.
 * @csspart search-button - The Search button.
 * @csspart results - The list of result cards.
 * @csspart card - One result card.
 * @csspart image - A product image.
 * @csspart name - A product name.
 * @csspart badge - The "Private" badge of a private product.
 * @csspart price - A product's price per unit.
 * @csspart collect-button - A card's Collect button.
 * @csspart collect-error - The message shown when collecting failed.
 * @csspart load-more-button - The "Load more" button.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The error state's Retry button.
 * @csspart expired - The expired-session state.
 *
 * @cssproperty --k100-product-search-card-background - Card background; defaults to `--k100-color-surface-raised`.
 * @cssproperty --k100-product-search-card-min-width - Narrowest a card gets before the grid drops a column (240px).
 * @cssproperty --k100-product-search-gap - Gap between cards; defaults to `--k100-space-3`.
 */
export class K100ProductSearch extends K100Element {
  static override styles = [coreStyles, styles];

  /** Search text; typing updates it after a short pause, Enter at once. */
  @property() query = '';

  /** Category slug to filter by; empty for all categories. */
  @property() category = '';

  /** Results per page, 1 to 100. */
  @property({ type: Number }) limit = 20;

  /** ISO 4217 currency the price filter is typed in; amounts are sent in its minor units. */
  @property() currency = 'USD';

  @state() private minPrice = '';
  @state() private maxPrice = '';
  @state() private extra: Product[] = [];
  @state() private cursor: string | null = null;
  @state() private moreState: 'idle' | 'loading' | 'failed' = 'idle';
  @state() private collected = new Set<string>();
  @state() private failed = new Set<string>();

  private debounce?: ReturnType<typeof setTimeout>;
  private moreAbort?: AbortController;

  private readonly results = new Loader(
    this,
    async (api, args, signal) => {
      this.moreAbort?.abort();
      const page = await api.products(toProductQuery(args), signal);
      this.extra = [];
      this.cursor = page.next_cursor;
      this.moreState = 'idle';
      return page.data;
    },
    () => this.searchArgs(),
  );

  private readonly categories = new Loader(this, async (api, _args, signal) => (await api.categories(signal)).data, () => []);

  /** For a buyer session: the ids already in the buyer's Public Product Folder. Null: not a buyer. */
  private readonly buyer = new Loader(
    this,
    async (api, _args, signal) => {
      const me = await api.me(signal);
      if (me.party.kind !== 'buyer') return null;
      const items = await allPages((cursor) => api.publicFolder({ cursor, limit: 100 }, signal));
      this.collected = new Set(items.map((item) => item.product_id));
      this.failed = new Set();
      return true;
    },
    () => (this.config.session ? [] : false),
  );

  constructor() {
    super();
    // A product removed from the folder elsewhere on the page can be collected again.
    new DocumentListener(this, 'k100-folder-item-remove', (event) => {
      this.collected = without(this.collected, event.detail.product_id);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.debounce);
  }

  private searchArgs(): SearchArgs {
    const limit = Math.min(100, Math.max(1, Math.trunc(this.limit) || 20));
    const min = majorToMinor(this.minPrice, this.currency);
    const max = majorToMinor(this.maxPrice, this.currency);
    // The API refuses a maximum below the minimum; the form flags it, the search ignores the maximum.
    const usableMax = min !== undefined && max !== undefined && max < min ? undefined : max;
    // Prices compare in minor units, so a price range only means something within its own currency.
    const currency = min !== undefined || usableMax !== undefined ? this.currency : undefined;
    return [this.query.trim(), this.category, min, usableMax, limit, currency] as const;
  }

  private get isBuyer(): boolean {
    return !!this.buyer.value && !this.sessionExpired;
  }

  private handleInput(event: InputEvent) {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => (this.query = value), DEBOUNCE_MS);
  }

  private handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    clearTimeout(this.debounce);
    const form = new FormData(event.target as HTMLFormElement);
    const next = {
      query: String(form.get('q') ?? ''),
      category: String(form.get('category') ?? ''),
      minPrice: String(form.get('min') ?? ''),
      maxPrice: String(form.get('max') ?? ''),
    };
    const same =
      next.query === this.query &&
      next.category === this.category &&
      next.minPrice === this.minPrice &&
      next.maxPrice === this.maxPrice;
    Object.assign(this, next);
    // Enter on an unchanged search still searches again.
    if (same) this.results.refresh();
  }

  private handleCategory(event: Event) {
    this.category = (event.target as HTMLSelectElement).value;
  }

  private handlePrice(event: Event) {
    const input = event.target as HTMLInputElement;
    if (input.name === 'min') this.minPrice = input.value;
    else this.maxPrice = input.value;
  }

  private async handleLoadMore() {
    if (this.moreState === 'loading' || !this.cursor) return;
    const abort = (this.moreAbort = new AbortController());
    this.moreState = 'loading';
    try {
      const page = await this.api.products({ ...toProductQuery(this.searchArgs()), cursor: this.cursor }, abort.signal);
      this.extra = [...this.extra, ...page.data];
      this.cursor = page.next_cursor;
      this.moreState = 'idle';
    } catch (error) {
      if (abort.signal.aborted) return;
      this.moreState = 'failed';
      this.handleApiError(error);
    }
  }

  /** Shows Collected at once, then rolls back with a message if the server refuses. */
  private async handleCollect(product: Product) {
    const id = product.id;
    if (this.collected.has(id)) return;
    this.collected = new Set(this.collected).add(id);
    this.failed = without(this.failed, id);
    try {
      await this.api.collect(id);
      const event = new K100ProductCollectEvent({ product_id: id, product });
      this.dispatchEvent(event);
    } catch (error) {
      this.collected = without(this.collected, id);
      this.failed = new Set(this.failed).add(id);
      this.handleApiError(error);
    }
  }

  private handleImageError(event: Event) {
    (event.target as HTMLImageElement).hidden = true;
  }

  private announcement(): string {
    const value = this.results.value;
    if (this.results.status === TaskStatus.PENDING) return this.t('searching');
    if (this.results.status !== TaskStatus.COMPLETE || !value) return '';
    const count = this.t('resultCount', { count: value.length + this.extra.length });
    return this.cursor ? `${count} ${this.t('moreAvailable')}` : count;
  }

  protected override render() {
    const { currency } = this;
    const min = majorToMinor(this.minPrice, currency);
    const max = majorToMinor(this.maxPrice, currency);
    const rangeInvalid = min !== undefined && max !== undefined && min > max;
    const categories = this.categories.value ?? [];
    return html`<div part="base" class=${this.baseClass} lang=${this.config.locale}>
      <form part="form" class="form" role="search" @submit=${this.handleSubmit}>
        <label class="field query">
          <span class="label">${this.t('searchLabel')}</span>
          <input
            part="search-input"
            class="control"
            type="search"
            name="q"
            autocomplete="off"
            enterkeyhint="search"
            placeholder=${this.t('searchPlaceholder')}
            .value=${this.query}
            @input=${this.handleInput}
          />
        </label>
        <label class="field category">
          <span class="label">${this.t('category')}</span>
          <select part="category-select" class="control" name="category" @change=${this.handleCategory}>
            <option value="" ?selected=${!this.category}>${this.t('allCategories')}</option>
            ${categories.map(
              (c) =>
                html`<option value=${c.slug} ?selected=${c.slug === this.category}>
                  ${this.t('categoryOption', { name: c.slug, count: c.product_count })}
                </option>`,
            )}
          </select>
        </label>
        ${this.renderPrice('min', this.minPrice, rangeInvalid)} ${this.renderPrice('max', this.maxPrice, rangeInvalid)}
        <button part="search-button" class="btn primary" type="submit">${this.t('searchButton')}</button>
        ${rangeInvalid
          ? html`<p id="price-error" class="error price-error">${this.t('priceRangeInvalid')}</p>`
          : nothing}
      </form>
      <p class="sr-only" role="status">${this.announcement()}</p>
      ${renderStates(this, this.results, {
        complete: (products) => this.renderResults(products),
        isEmpty: (products) => products.length === 0,
        empty: this.t('noResults'),
      })}
    </div>`;
  }

  private renderPrice(name: 'min' | 'max', value: string, invalid: boolean) {
    return html`<label class="field price">
      <span class="label">${this.t(name === 'min' ? 'minPrice' : 'maxPrice', { currency: this.currency })}</span>
      <input
        part="${name}-price-input"
        class="control"
        type="number"
        name=${name}
        min="0"
        step="any"
        inputmode="decimal"
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'price-error' : nothing}
        .value=${value}
        @change=${this.handlePrice}
      />
    </label>`;
  }

  private renderResults(first: Product[]) {
    const products = this.extra.length ? [...first, ...this.extra] : first;
    const loading = this.moreState === 'loading';
    const showMore = this.cursor || this.extra.length > 0;
    return html`<ul part="results" class="results" role="list">
        ${products.map((product) => this.renderCard(product))}
      </ul>
      ${showMore
        ? html`<div class="more">
            <button
              part="load-more-button"
              class="btn"
              type="button"
              aria-disabled=${loading || !this.cursor ? 'true' : 'false'}
              @click=${this.handleLoadMore}
            >
              ${this.t(loading ? 'loadingMore' : this.cursor ? 'loadMore' : 'allShown')}
            </button>
            ${this.moreState === 'failed'
              ? html`<p class="error" role="alert">${this.t('loadMoreFailed')}</p>`
              : nothing}
          </div>`
        : nothing}`;
  }

  private renderCard(product: Product) {
    const image = product.images[0];
    const nameId = `name-${product.id}`;
    return html`<li part="card" class="card">
      ${image
        ? html`<img part="image" class="thumb" src=${image} alt="" loading="lazy" @error=${this.handleImageError} />`
        : nothing}
      <div class="head">
        <p part="name" class="name" id=${nameId}>${product.name}</p>
        ${product.visibility === 'private'
          ? html`<span part="badge" class="badge">${this.t('privateBadge')}</span>`
          : nothing}
      </div>
      <p class="supplier muted">${product.supplier.name} · ${product.supplier.location}</p>
      <p part="price" class="price-line">
        ${this.t('perUnit', { price: this.money(product.unit_price, product.currency) })}
      </p>
      <p class="meta muted">${this.t('moq', { count: product.moq })} · ${product.category}</p>
      ${this.isBuyer ? this.renderCollect(product, nameId) : nothing}
    </li>`;
  }

  private renderCollect(product: Product, nameId: string) {
    const done = this.collected.has(product.id);
    return html`<div class="actions">
      <button
        part="collect-button"
        class="btn ${done ? 'done' : 'primary'}"
        type="button"
        aria-describedby=${nameId}
        aria-disabled=${done ? 'true' : 'false'}
        @click=${() => this.handleCollect(product)}
      >
        ${done ? html`${this.t('collected')} <span aria-hidden="true">✓</span>` : this.t('collect')}
      </button>
      ${this.failed.has(product.id)
        ? html`<p part="collect-error" class="error" role="alert">${this.t('collectFailed')}</p>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'k100-product-search': K100ProductSearch;
  }
}
