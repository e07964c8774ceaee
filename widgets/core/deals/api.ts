/**
 * The deal endpoints (negotiations, purchase orders, contracts) on top of the core client. A module of its
 * own so pages that load only search and folders never download it.
 */
import type { ApiClient, Page } from '../api.js';
import type { PartyKind, Negotiation, NegotiationStatus, NegotiationSummary, PurchaseOrder, PurchaseOrderStatus, Contract, ContractStatus, ContractSummary, ContractVerification, Clause, LegalEntities, Terms } from '../api-types.js';

export type {
  Clause,
  Contract,
  ContractStatus,
  ContractSummary,
  ContractVerification,
  Difference,
  LegalEntities,
  LegalEntity,
  Negotiation,
  NegotiationStatus,
  NegotiationSummary,
  Offer,
  PricedTerms,
  ProductSnapshot,
  PurchaseOrder,
  PurchaseOrderStatus,
  Terms,
} from '../api-types.js';

interface ListQuery<S> {
  status?: S | '' | undefined;
  cursor?: string | null;
  limit?: number;
}

/** A downloaded file: its bytes and the name the server suggested. */
export interface Download {
  blob: Blob;
  filename: string;
}

const id = (value: string) => encodeURIComponent(value);

export class DealApi {
  constructor(readonly client: ApiClient) {}

  private get<T>(path: string, signal?: AbortSignal, query?: ListQuery<string>) {
    return this.client.request<T>('GET', path, { signal, query: query && { ...query } });
  }
  private post<T>(path: string, body?: unknown) {
    return this.client.request<T>('POST', path, { body });
  }

  /** The caller's party kind, asked once per client (so per session). */
  party(signal?: AbortSignal): Promise<PartyKind> {
    let kind = parties.get(this.client);
    if (!kind) {
      kind = this.client.me(signal).then((me) => me.party.kind);
      parties.set(this.client, kind);
      kind.catch(() => parties.delete(this.client));
    }
    return kind;
  }

  negotiations(query: ListQuery<NegotiationStatus>, signal?: AbortSignal) {
    return this.get<Page<NegotiationSummary>>('/v1/negotiations', signal, query);
  }
  negotiation(negotiationId: string, signal?: AbortSignal) {
    return this.get<Negotiation>(`/v1/negotiations/${id(negotiationId)}`, signal);
  }
  createNegotiation(body: { supplier_id: string; terms: Terms; message?: string }) {
    return this.post<Negotiation>('/v1/negotiations', body);
  }
  offer(negotiationId: string, body: { terms: Terms; message?: string }) {
    return this.post<Negotiation>(`/v1/negotiations/${id(negotiationId)}/offers`, body);
  }
  accept(negotiationId: string) {
    return this.post<Negotiation>(`/v1/negotiations/${id(negotiationId)}/accept`);
  }
  withdraw(negotiationId: string) {
    return this.post<Negotiation>(`/v1/negotiations/${id(negotiationId)}/withdraw`);
  }

  purchaseOrders(query: ListQuery<PurchaseOrderStatus>, signal?: AbortSignal) {
    return this.get<Page<PurchaseOrder>>('/v1/purchase-orders', signal, query);
  }
  purchaseOrder(purchaseOrderId: string, signal?: AbortSignal) {
    return this.get<PurchaseOrder>(`/v1/purchase-orders/${id(purchaseOrderId)}`, signal);
  }
  createPurchaseOrder(negotiationId: string) {
    return this.post<PurchaseOrder>('/v1/purchase-orders', { negotiation_id: negotiationId });
  }

  contracts(query: ListQuery<ContractStatus>, signal?: AbortSignal) {
    return this.get<Page<ContractSummary>>('/v1/contracts', signal, query);
  }
  contract(contractId: string, signal?: AbortSignal) {
    return this.get<Contract>(`/v1/contracts/${id(contractId)}`, signal);
  }
  createContract(body: { purchase_order_id: string; clauses: Clause[]; legal_entities: LegalEntities }) {
    return this.post<Contract>('/v1/contracts', body);
  }
  updateContract(contractId: string, body: { clauses?: Clause[]; legal_entities?: LegalEntities }) {
    return this.client.request<Contract>('PATCH', `/v1/contracts/${id(contractId)}`, { body });
  }
  sendContract(contractId: string) {
    return this.post<Contract>(`/v1/contracts/${id(contractId)}/send`);
  }
  requestChanges(contractId: string, comment: string) {
    return this.post<Contract>(`/v1/contracts/${id(contractId)}/request-changes`, { comment });
  }
  confirmContract(contractId: string, signerName: string) {
    return this.post<Contract>(`/v1/contracts/${id(contractId)}/confirm`, { signer_name: signerName, accept: true });
  }
  verifyContract(contractId: string, signal?: AbortSignal) {
    return this.get<ContractVerification>(`/v1/contracts/${id(contractId)}/verify`, signal);
  }

  /** The contract document, fetched with the session in the Authorization header (never in a URL). */
  async contractDocument(contractId: string): Promise<Download> {
    const response = await this.client.send('GET', `/v1/contracts/${id(contractId)}/document`);
    const disposition = response.headers.get('content-disposition') ?? '';
    const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
    const filename = named ? decodeURIComponent(named) : `contract-${contractId}.html`;
    return { blob: await response.blob(), filename };
  }
}

const parties = new WeakMap<ApiClient, Promise<PartyKind>>();
const apis = new WeakMap<ApiClient, DealApi>();

/** The deal API over a widget's current client (one instance per client). */
export function deals(client: ApiClient): DealApi {
  let api = apis.get(client);
  if (!api) apis.set(client, (api = new DealApi(client)));
  return api;
}
