/** The events K100 widgets dispatch: small classes, bubbling and composed, with a typed `detail`. */
import type { Product, AccessRequest } from './api-types.js';

export type FolderKind = 'public' | 'private';

/** One line of a purchase-order selection. */
export interface SelectedItem {
  product_id: string;
  quantity: number;
  product: Product;
}

/** Base of every K100 event: bubbling, composed, a typed `detail`; "about to" events are `cancelable`. */
export class K100Event<D> extends Event {
  readonly detail: D;
  constructor(type: string, detail: D, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = detail;
  }
}

/** The session token was refused (any 401): mint a new one and set the `session` attribute. */
export class K100SessionExpiredEvent extends K100Event<{ type: string }> {
  constructor(detail: { type: string }) {
    super('k100-session-expired', detail);
  }
}

/** A product was collected into the buyer's Public Product Folder (sent once the server agreed). */
export class K100ProductCollectEvent extends K100Event<{ product_id: string; product: Product }> {
  constructor(detail: { product_id: string; product: Product }) {
    super('k100-product-collect', detail);
  }
}

/** A product was removed from the buyer's Public Product Folder. */
export class K100FolderItemRemoveEvent extends K100Event<{ product_id: string }> {
  constructor(detail: { product_id: string }) {
    super('k100-folder-item-remove', detail);
  }
}

/** The buyer picked folder items and quantities for a purchase order. */
export class K100FolderSelectEvent extends K100Event<{ folder: FolderKind; items: SelectedItem[] }> {
  constructor(detail: { folder: FolderKind; items: SelectedItem[] }) {
    super('k100-folder-select', detail);
  }
}

/** The buyer asked a supplier for access to its private (OEM/ODM) products. */
export class K100AccessRequestCreateEvent extends K100Event<{ request: AccessRequest }> {
  constructor(detail: { request: AccessRequest }) {
    super('k100-access-request-create', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'k100-session-expired': K100SessionExpiredEvent;
    'k100-product-collect': K100ProductCollectEvent;
    'k100-folder-item-remove': K100FolderItemRemoveEvent;
    'k100-folder-select': K100FolderSelectEvent;
    'k100-access-request-create': K100AccessRequestCreateEvent;
  }
}
