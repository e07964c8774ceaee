/**
 * Events of the buyer's order widgets: an order picked in the overview, a document downloaded, a live update,
 * and the buyer about to confirm or decline a contract amendment.
 */
import { K100Event } from '../events.js';

/** The buyer picked an order in `<k100-order-status>` (click or Enter). */
export class K100OrderSelectEvent extends K100Event<{ order_id: string }> {
  constructor(detail: { order_id: string }) {
    super('k100-order-select', detail);
  }
}

/** A document of the order was downloaded (sent once the file is saved). */
export class K100DocumentDownloadEvent extends K100Event<{ document_id: string; kind: string }> {
  constructor(detail: { document_id: string; kind: string }) {
    super('k100-document-download', detail);
  }
}

/** Something happened to the order (a timeline event arrived live); the tracker reloads by itself. */
export class K100OrderUpdateEvent extends K100Event<{ order_id: string; code: string; seq: number }> {
  constructor(detail: { order_id: string; code: string; seq: number }) {
    super('k100-order-update', detail);
  }
}

export interface AmendmentConfirmDetail {
  order_id: string;
  amendment_id: string;
  signer_name: string;
}

/** The buyer is about to confirm a proposed amendment (sent before the request; cancel it to stop). */
export class K100AmendmentConfirmEvent extends K100Event<AmendmentConfirmDetail> {
  constructor(detail: AmendmentConfirmDetail) {
    super('k100-amendment-confirm', detail, true);
  }
}

export interface AmendmentDeclineDetail {
  order_id: string;
  amendment_id: string;
  comment: string;
}

/** The buyer is about to decline a proposed amendment (sent before the request; cancel it to stop). */
export class K100AmendmentDeclineEvent extends K100Event<AmendmentDeclineDetail> {
  constructor(detail: AmendmentDeclineDetail) {
    super('k100-amendment-decline', detail, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'k100-order-select': K100OrderSelectEvent;
    'k100-document-download': K100DocumentDownloadEvent;
    'k100-order-update': K100OrderUpdateEvent;
    'k100-amendment-confirm': K100AmendmentConfirmEvent;
    'k100-amendment-decline': K100AmendmentDeclineEvent;
  }
}
