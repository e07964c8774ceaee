/**
 * English text only <k100-product-folder> shows, added to the catalogs when it loads; Chinese loads on demand. Kept
 * with the widget rather than in a shared catalog, so no other widget's first load carries it.
 */
import { addMessages, type Message } from '../core/i18n.js';

export const folderMessages = {
  folders: 'Product folders',
  tabPublic: 'Public folder',
  tabPrivate: 'Private folder',
  publicEmpty: 'Your public folder is empty. Collect products from search to add them here.',
  privateEmpty: 'No private products yet. Ask a supplier for access below.',
  quantityInvalid: 'Enter a whole number of at least {moq}.',
  undo: 'Undo',
  removeFailed: 'Could not remove {name}.',
  restoreFailed: 'Could not put {name} back.',
  selectedCount: { one: '{count} item selected', other: '{count} items selected' },
  noneSelected: 'Select items to order.',
  total: 'Total: {amounts}',
  createOrder: 'Create purchase order',
  accessTitle: 'Customised products',
  accessIntro: 'Ask a supplier for access to its private OEM/ODM products.',
  requestAccess: 'Request access',
  chooseSupplier: 'Choose a supplier',
  sendRequest: 'Send request',
  requestIncomplete: 'Choose a supplier and write a message.',
  requestSent: 'Request sent to {name}',
  requestPending: 'A request to {name} is already pending.',
  requestFailed: 'Could not send the request.',
  pendingTitle: 'Pending requests',
  requestedOn: 'requested {date}',
} satisfies Record<string, Message>;

declare module '../core/i18n.js' {
  interface MessageRegistry extends Record<keyof typeof folderMessages, true> {}
}

addMessages(folderMessages, { 'zh-CN': () => import('./locales/zh-CN.js') });
