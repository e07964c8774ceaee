/**
 * English text only <k100-product-search> shows, added to the catalogs when it loads; Chinese loads on demand. Kept
 * with the widget rather than in a shared catalog, so no other widget's first load carries it.
 */
import { addMessages, type Message } from '../core/i18n.js';

export const searchMessages = {
  searchLabel: 'Search products',
  searchPlaceholder: 'Product, keyword or supplier',
  searchButton: 'Search',
  category: 'Category',
  allCategories: 'All categories',
  categoryOption: '{name} ({count})',
  minPrice: 'Min price ({currency})',
  maxPrice: 'Max price ({currency})',
  priceRangeInvalid: 'The minimum price is above the maximum.',
  searching: 'Searching…',
  resultCount: { one: '{count} product shown.', other: '{count} products shown.' },
  moreAvailable: 'More are available.',
  noResults: 'No products match your search.',
  privateBadge: 'Private',
  collect: 'Collect',
  collected: 'Collected',
  collectFailed: 'Could not collect this product. Try again.',
  allShown: 'All products shown',
  loadMoreFailed: 'Could not load more products.',
} satisfies Record<string, Message>;

declare module '../core/i18n.js' {
  interface MessageRegistry extends Record<keyof typeof searchMessages, true> {}
}

addMessages(searchMessages, { 'zh-CN': () => import('./locales/zh-CN.js') });
