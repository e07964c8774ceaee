/**
 * The operator's endpoints (orders, shipment, cross-check, packing list and every warehouse step) on top of
 * the core client. Steps go through `step()`, which keeps the problem's extra members (`barcodes` of a
 * duplicate receipt, `differences` of a refused transfer) that the core `ApiError` drops.
 */
import { ApiError, SessionExpiredError, allPages, type ApiClient, type Page } from '../api.js';
import type {
  ConsolidationBody, CrossCheck, CustomsBody, Difference, InspectionBody, MeasurementsBody, MeasurementsResult,
  Order, OrderDocument, OrderSummary, PackingList, Receipt, ReceiptBody, ReturnBody, Shipment, TrackingBody, TransferResult,
} from './types.js';

export type * from './types.js';

const id = encodeURIComponent;

/** A refused step: the problem with the members particular to it. */
export class StepError extends ApiError {
  readonly code: string;
  readonly barcodes: string[];
  readonly differences: Difference[];
  constructor(problem: ConstructorParameters<typeof ApiError>[0] & { code?: string; barcodes?: unknown; differences?: unknown }) {
    super(problem);
    // The slug either way: `code` where the server names it, else the tail of `type`.
    this.code = problem.code ?? problem.type.split('/').pop()!.replace(/-/g, '_');
    this.barcodes = Array.isArray(problem.barcodes) ? problem.barcodes.map(String) : [];
    this.differences = Array.isArray(problem.differences) ? (problem.differences as Difference[]) : [];
  }
}

export class WarehouseApi {
  constructor(readonly client: ApiClient) {}

  /** The warehouse's paid orders (every page, up to 1000). */
  orders(status: string, signal?: AbortSignal) {
    return allPages((cursor) =>
      this.client.request<Page<OrderSummary>>('GET', '/v1/orders', { query: { status, cursor, limit: 100 }, signal }),
    );
  }
  order(orderId: string, signal?: AbortSignal) {
    return this.client.request<Order>('GET', `/v1/orders/${id(orderId)}`, { signal });
  }
  shipment(orderId: string, signal?: AbortSignal) {
    return this.client.request<Shipment>('GET', `/v1/orders/${id(orderId)}/shipment`, { signal });
  }
  crossCheck(orderId: string, signal?: AbortSignal) {
    return this.client.request<CrossCheck>('GET', `/v1/orders/${id(orderId)}/cross-check`, { signal });
  }
  /** The latest packing list, or null if the supplier has sent none (404; callers ask only once the cross-check names a revision). */
  async packingList(orderId: string, signal?: AbortSignal): Promise<PackingList | null> {
    try {
      return await this.client.request<PackingList>('GET', `/v1/orders/${id(orderId)}/packing-list`, { signal });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  receipt(orderId: string, body: ReceiptBody) {
    return this.step<Receipt>(orderId, 'receipts', body);
  }
  returns(orderId: string, body: ReturnBody) {
    return this.step<ReturnBody & { id: string; at: string }>(orderId, 'returns', body);
  }
  inspection(orderId: string, body: InspectionBody) {
    return this.step<InspectionBody & { id: string; required_sample: number }>(orderId, 'inspections', body);
  }
  measurements(orderId: string, body: MeasurementsBody) {
    return this.step<MeasurementsResult>(orderId, 'measurements', body);
  }
  consolidation(orderId: string, body: ConsolidationBody) {
    return this.step<ConsolidationBody & { at: string }>(orderId, 'consolidation', body);
  }
  customsRelease(orderId: string, body: CustomsBody) {
    return this.step<CustomsBody & { at: string; document_ids: string[] }>(orderId, 'customs-release', body);
  }
  trackingEvent(orderId: string, body: TrackingBody) {
    return this.step<TrackingBody & { at: string }>(orderId, 'tracking-events', body);
  }
  /**
   * Releases escrow. `key` is the attempt's `Idempotency-Key`: sent again after a network failure, the server
   * replays the first answer instead of refusing the already settled order.
   */
  ownershipTransfer(orderId: string, key: string) {
    return this.step<TransferResult>(orderId, 'ownership-transfer', {}, 'application/json', { 'idempotency-key': key });
  }
  /** Uploads a bill of lading (PDF, PNG or JPEG, ≤ 1 MB) as the raw request body. */
  uploadBillOfLading(orderId: string, file: File) {
    const query = new URLSearchParams({ kind: 'bill_of_lading', filename: file.name });
    return this.step<OrderDocument>(orderId, `documents?${query}`, file, file.type);
  }

  /** POSTs one step; a refusal rejects with a StepError (a 401 with the SessionExpiredError widgets expect). */
  private async step<T>(orderId: string, path: string, body: unknown, type = 'application/json', extra: Record<string, string> = {}): Promise<T> {
    const { base, session, publishableKey } = this.client.options;
    const token = session || publishableKey;
    const response = await fetch(new URL(`${base.replace(/\/+$/, '')}/v1/orders/${id(orderId)}/${path}`, location.href), {
      method: 'POST',
      headers: {
        accept: 'application/json, application/problem+json',
        'content-type': type,
        ...extra,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body instanceof Blob ? body : JSON.stringify(body),
    });
    const json = await response.json().catch(() => undefined);
    if (response.ok) return json as T;
    const problem = { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, ...json, status: response.status };
    throw response.status === 401 ? new SessionExpiredError(problem) : new StepError(problem);
  }
}

const apis = new WeakMap<ApiClient, WarehouseApi>();

/** The warehouse API over a widget's current client (one instance per client). */
export function warehouse(client: ApiClient): WarehouseApi {
  let api = apis.get(client);
  if (!api) apis.set(client, (api = new WarehouseApi(client)));
  return api;
}

/**
 * A fresh `Idempotency-Key` for one attempt: a UUID, or 32 random hex digits where `randomUUID` is missing
 * (plain http). Kept here rather than imported from the pay chunk, which the console does not load.
 */
export function newAttemptKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
