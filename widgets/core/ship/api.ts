/**
 * The buyer's order-tracking endpoints (orders, shipment, documents and their download, contract
 * amendments) on top of the core client. A module of its own (chunk `ship`) so pages without a tracker never download it.
 */
import type { ApiClient, Page } from '../api.js';
import type { Amendment, Order, OrderDocument, OrderSummary, Shipment } from './types.js';

export type * from './types.js';

/** A downloaded file: its bytes and the name the server suggested. */
export interface Download {
  blob: Blob;
  filename: string;
}

export interface OrderQuery {
  status?: string | undefined;
  cursor?: string | null | undefined;
  limit?: number | undefined;
}

const id = (value: string) => encodeURIComponent(value);

/** The file name of a `Content-Disposition` header (RFC 6266 `filename*` first), or undefined. */
export function dispositionFilename(header: string | null): string | undefined {
  const match = /filename\*=(?:UTF-8'')?"?([^";]+)|filename="?([^";]+)/i.exec(header ?? '');
  const name = match?.[1] ?? match?.[2];
  if (!name) return undefined;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

const parties = new WeakMap<ApiClient, Promise<string>>();

export class ShipApi {
  constructor(readonly client: ApiClient) {}

  /** The caller's party kind (`buyer`, `supplier`, `operator`), asked once per client (so per session). */
  party(signal?: AbortSignal): Promise<string> {
    let kind = parties.get(this.client);
    if (!kind) {
      kind = this.client.me(signal).then((me) => me.party.kind);
      parties.set(this.client, kind);
      kind.catch(() => parties.delete(this.client));
    }
    return kind;
  }

  orders(query: OrderQuery, signal?: AbortSignal) {
    return this.client.request<Page<OrderSummary>>('GET', '/v1/orders', { query: { ...query }, signal });
  }
  order(orderId: string, signal?: AbortSignal) {
    return this.client.request<Order>('GET', `/v1/orders/${id(orderId)}`, { signal });
  }
  shipment(orderId: string, signal?: AbortSignal) {
    return this.client.request<Shipment>('GET', `/v1/orders/${id(orderId)}/shipment`, { signal });
  }
  documents(orderId: string, signal?: AbortSignal) {
    return this.client.request<{ data: OrderDocument[] }>('GET', `/v1/orders/${id(orderId)}/documents`, { signal });
  }

  /** The order's contract amendments, newest first. */
  amendments(orderId: string, signal?: AbortSignal) {
    return this.client.request<{ data: Amendment[] }>('GET', `/v1/orders/${id(orderId)}/amendments`, { signal });
  }
  /**
   * The buyer reconfirms the revised quantities: signer name and an explicit acceptance. `key` is the attempt's
   * `Idempotency-Key`: sent again after a network failure, the server replays the first answer and refunds once.
   */
  confirmAmendment(orderId: string, amendmentId: string, signer_name: string, key: string) {
    const path = `/v1/orders/${id(orderId)}/amendments/${id(amendmentId)}/confirm`;
    return this.client.request<Amendment>('POST', path, { body: { signer_name, accept: true }, headers: { 'idempotency-key': key } });
  }
  declineAmendment(orderId: string, amendmentId: string, comment: string) {
    const path = `/v1/orders/${id(orderId)}/amendments/${id(amendmentId)}/decline`;
    return this.client.request<Amendment>('POST', path, { body: { comment } });
  }

  /** A document's file, fetched with the session in the Authorization header (never in a URL). */
  async download(doc: OrderDocument): Promise<Download> {
    // `url` is a path under the API (`/v1/documents/…`, or the contract's document).
    const path = doc.url.startsWith('/v1/') ? doc.url : `/v1/documents/${id(doc.id)}`;
    const response = await this.client.send('GET', path, { headers: { accept: '*/*' } });
    const filename = dispositionFilename(response.headers.get('content-disposition')) ?? doc.filename;
    return { blob: await response.blob(), filename };
  }
}

/**
 * A fresh `Idempotency-Key` for one attempt: a UUID, or 32 random hex digits where `randomUUID` is missing
 * (plain http). Kept here rather than imported from the pay chunk, which the tracker does not load.
 */
export function newAttemptKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const apis = new WeakMap<ApiClient, ShipApi>();

/** The tracking API over a widget's current client (one instance per client). */
export function ship(client: ApiClient): ShipApi {
  let api = apis.get(client);
  if (!api) apis.set(client, (api = new ShipApi(client)));
  return api;
}

/** Saves a blob under `filename` through a temporary link inside `root`. */
export function saveBlob(root: ParentNode & Node, { blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  root.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
