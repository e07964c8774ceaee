/**
 * The database tables as Kysely sees them. One set of types for SQLite and Postgres: timestamps are
 * ISO-8601 UTC strings (they sort as text and read the same from both drivers), JSON columns are text,
 * money is integer minor units.
 */


export type PartyKind = 'buyer' | 'supplier' | 'operator';
export type Visibility = 'public' | 'private';
export type AccessRequestStatus = 'pending' | 'approved' | 'declined';

export interface PartnersTable {
  id: string;
  name: string;
  publishable_key: string;
  /** hex SHA-256 of the secret key: secret keys are 32 random bytes, so a fast hash is enough. */
  secret_key_hash: string;
  /** JSON array of exact origins, e.g. ["http://localhost:8787"]. */
  allowed_origins: string;
  created_at: string;
}

export interface PartiesTable {
  id: string;
  partner_id: string;
  kind: PartyKind;
  name: string;
  /** Free text such as "Shenzhen, CN"; empty for buyers who gave none. */
  location: string;
  description: string;
  created_at: string;
}

export interface ProductsTable {
  id: string;
  supplier_id: string;
  name: string;
  description: string;
  category: string;
  moq: number;
  unit_price: number;
  currency: string;
  /** JSON array of image URLs. */
  images: string;
  visibility: Visibility;
  created_at: string;
  updated_at: string;
}

export interface FolderItemsTable {
  buyer_id: string;
  product_id: string;
  added_at: string;
}

export interface PrivateGrantsTable {
  id: string;
  supplier_id: string;
  buyer_id: string;
  created_at: string;
  revoked_at: string | null;
}

export interface PrivateGrantProductsTable {
  grant_id: string;
  product_id: string;
}

export interface AccessRequestsTable {
  id: string;
  buyer_id: string;
  supplier_id: string;
  message: string;
  status: AccessRequestStatus;
  /** The grant an approval created, so the buyer can see what it unlocked. */
  grant_id: string | null;
  created_at: string;
  decided_at: string | null;
}

/** Server-wide secrets and flags that every instance must share (e.g. the session signing key). */
export interface SettingsTable {
  key: string;
  value: string;
}

export type NegotiationStatus = 'open' | 'accepted' | 'withdrawn';
export type DealParty = 'buyer' | 'supplier';
export type PurchaseOrderStatus = 'issued' | 'contract_drafted' | 'contract_confirmed';
export type ContractStatus = 'draft' | 'sent' | 'changes_requested' | 'confirmed';

/** A buyer and a supplier negotiating terms; the offers are its history. */
export interface NegotiationsTable {
  id: string;
  buyer_id: string;
  supplier_id: string;
  status: NegotiationStatus;
  /** The offer whose terms became the consensus, once accepted. */
  accepted_offer_seq: number | null;
  accepted_by: DealParty | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OffersTable {
  negotiation_id: string;
  /** 1-based, gapless per negotiation. */
  seq: number;
  by: DealParty;
  /** JSON Terms as validated (no totals: those are always recomputed). */
  terms: string;
  /** JSON ProductSnapshot[], one per line item. */
  products: string;
  message: string | null;
  at: string;
}

/** The e-PO: the frozen consensus of an accepted negotiation, with its totals. */
export interface PurchaseOrdersTable {
  id: string;
  negotiation_id: string;
  buyer_id: string;
  supplier_id: string;
  status: PurchaseOrderStatus;
  accepted_offer_seq: number;
  /** JSON Terms: the consensus, copied so the PO never depends on the negotiation row. */
  terms: string;
  /** JSON ProductSnapshot[] of the accepted offer. */
  products: string;
  currency: string;
  subtotal: number;
  deposit_amount: number;
  balance_amount: number;
  created_at: string;
  updated_at: string;
}

export interface ContractsTable {
  id: string;
  purchase_order_id: string;
  negotiation_id: string;
  buyer_id: string;
  supplier_id: string;
  status: ContractStatus;
  current_version: number;
  /** Confirmation: all five are set together, and only when confirmed. */
  signer_name: string | null;
  confirmed_at: string | null;
  canonical_json: string | null;
  digest: string | null;
  order_id: string | null;
  /** The audit chain's anchor: its last hash (GENESIS when empty) and length, updated with every append. */
  audit_head_hash: string;
  audit_length: number;
  created_at: string;
  updated_at: string;
}

export interface ContractVersionsTable {
  contract_id: string;
  version: number;
  /** JSON {terms, clauses, legal_entities, products}. */
  content: string;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface ContractChangeRequestsTable {
  contract_id: string;
  seq: number;
  version: number;
  comment: string;
  buyer_id: string;
  at: string;
}

/** Append-only (triggers refuse UPDATE and DELETE); each row hashes the previous one. */
export interface ContractAuditLogTable {
  contract_id: string;
  seq: number;
  event: string;
  actor_id: string;
  at: string;
  /** JSON, hashed as canonical JSON. */
  data: string;
  prev_hash: string;
  hash: string;
}

/** The commercial party's legal entity, offered as the default when drafting a contract. */
export interface PartyLegalEntitiesTable {
  party_id: string;
  name: string;
  address: string;
  registration_no: string | null;
  country: string;
  updated_at: string;
}

/** What a confirmed contract opened: payment and fulfilment follow it. */
export interface OrdersTable {
  id: string;
  contract_id: string;
  purchase_order_id: string;
  negotiation_id: string;
  buyer_id: string;
  supplier_id: string;
  /** Lower-case slugs (`awaiting_payment`, …); later issues add states, so no fixed list here. */
  status: string;
  payment_status: string;
  currency: string;
  total: number;
  deposit_amount: number;
  balance_amount: number;
  /** JSON: what both parties agreed to (Expert Advisor (STS) fulfilment, K100Pay), who and when. */
  agreements: string;
  created_at: string;
  updated_at: string;
  /**
   * The designated warehouse recorded at opening (migration 0005); null when none was configured.
   * Optional on insert only because rows written before 0005 had no such column.
   */
  warehouse_id?: string | null;
}

/** The order's timeline; append-only like the audit log. */
export interface OrderEventsTable {
  order_id: string;
  seq: number;
  code: string;
  at: string;
  /** null for events no party caused (a gateway callback, a timer). */
  actor_id: string | null;
  details: string;
  /**
   * Where it happened (migration 0005): the warehouse's name and port for warehouse steps, a tracking event's
   * location; null for everything else. Optional so writers that have no place need not say so.
   */
  place?: string | null;
}

/** Where a partner wants events POSTed (migration 0004_webhooks). */
export interface WebhookEndpointsTable {
  id: string;
  partner_id: string;
  url: string;
  description: string | null;
  /** JSON array of event types, or ["*"] for every type. */
  events: string;
  /** `whsec_…`, or sealed with K100_WEBHOOK_KEY (`v1.…`): we sign with it, so it cannot be hashed. */
  secret: string;
  status: 'enabled' | 'disabled';
  created_at: string;
  updated_at: string;
}

/** The outbox: one row per event per partner, written in the transaction of the change it reports. */
export interface WebhookEventsTable {
  id: string;
  partner_id: string;
  type: string;
  /** JSON. */
  data: string;
  created_at: string;
}

/** One event to one endpoint: its attempts so far and when the worker may try next. */
export interface WebhookDeliveriesTable {
  id: string;
  event_id: string;
  endpoint_id: string;
  attempts: number;
  /** Due time while pending; while an attempt runs, the lease's end. */
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  dead_at: string | null;
  created_at: string;
}

/** A K100Pay gateway (migration 0003_payments); `rules` is the domain's Gateway object as JSON. */
export interface GatewaysTable {
  id: string;
  /** Display order in `GET /v1/gateways`. */
  position: number;
  name: string;
  rules: string;
  /** JSON: where the buyer sends money through this gateway (trust account details), without the reference. */
  instructions: string;
  created_at: string;
}

/** Mid rates as exact decimal text, one base currency (gateways.ts Rates). */
export interface FxRatesTable {
  base: string;
  currency: string;
  rate: string;
  as_of: string;
}

/** HMAC secrets a gateway signs its notifications with; never returned by any endpoint. */
export interface GatewaySecretsTable {
  gateway_id: string;
  version: number;
  secret: string;
  created_at: string;
  retired_at: string | null;
}

export type IntentStatusColumn = 'awaiting_funds' | 'succeeded' | 'failed' | 'expired';
export type IntentFailureCode = 'amount_mismatch' | 'currency_mismatch' | 'expired';

export interface PaymentIntentsTable {
  id: string;
  order_id: string;
  /** 1-based per order; the reference is derived from (order_id, seq). */
  seq: number;
  buyer_id: string;
  gateway_id: string;
  currency: string;
  amount_due: number;
  /** JSON QuoteBreakdown (quote.ts). */
  breakdown: string;
  reference: string;
  /** JSON PaymentInstructions. */
  instructions: string;
  /** Stored as last written; an `awaiting_funds` row past `expires_at` reads as expired. */
  status: IntentStatusColumn;
  expires_at: string;
  received_amount: number | null;
  received_currency: string | null;
  received_at: string | null;
  refund_amount: number | null;
  refund_cost: number | null;
  refunded_at: string | null;
  failure_code: IntentFailureCode | null;
  /** The Idempotency-Key the intent was created with. */
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
}

export type GatewayEventOutcome = 'succeeded' | 'failed' | 'expired' | 'refunded' | 'unmatched';

/** Every authentic gateway notification, once per (gateway, event id); append-only. */
export interface GatewayEventsTable {
  gateway_id: string;
  event_id: string;
  /** The raw body exactly as signed. */
  payload: string;
  /** The signature's `t`, Unix seconds. */
  signed_at: number;
  reference: string | null;
  amount: number;
  currency: string;
  received_at: string;
  outcome: GatewayEventOutcome;
  intent_id: string | null;
  order_id: string | null;
  processed_at: string;
}

/** One Idempotency-Key of one party; the response is set in the same transaction as the work it answers. */
export interface IdempotencyKeysTable {
  party_id: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
  response_status: number | null;
  /** The exact bytes first sent, replayed as they are. */
  response_body: string | null;
  created_at: string;
  expires_at: string;
}

export interface DisputesTable {
  id: string;
  order_id: string;
  opened_by: string;
  reason: string;
  status: 'open' | 'resolved';
  /** JSON {kind, amount?, note?, resolved_by}. */
  resolution: string | null;
  created_at: string;
  resolved_at: string | null;
}

/** A zero-sum movement of one order's money in one currency; append-only, entries written first. */
export interface LedgerTransfersTable {
  id: string;
  order_id: string;
  seq: number;
  kind: string;
  currency: string;
  intent_id: string | null;
  dispute_id: string | null;
  created_at: string;
}

export interface LedgerEntriesTable {
  transfer_id: string;
  account: string;
  /** Signed minor units: + into the account, − out of it; never 0. */
  amount: number;
}

/** A change of a confirmed contract's quantities (migration 0006): proposed by the supplier, answered by the buyer. */
export interface ContractAmendmentsTable {
  id: string;
  order_id: string;
  contract_id: string;
  /** 1-based per contract, declined proposals included. */
  number: number;
  status: 'proposed' | 'confirmed' | 'declined';
  reason: string;
  /** JSON AmendmentItem[] (domain/amendment.ts): every contract line, quantity before and after. */
  items: string;
  currency: string;
  total_before: number;
  total_after: number;
  refund_amount: number;
  proposed_by: string;
  created_at: string;
  /** Confirmation: all four set together, and only when confirmed; then the row never changes. */
  signer_name: string | null;
  confirmed_at: string | null;
  canonical_json: string | null;
  digest: string | null;
  declined_at: string | null;
  decline_comment: string | null;
}

export interface Database {
  partners: PartnersTable;
  parties: PartiesTable;
  products: ProductsTable;
  folder_items: FolderItemsTable;
  private_grants: PrivateGrantsTable;
  private_grant_products: PrivateGrantProductsTable;
  access_requests: AccessRequestsTable;
  settings: SettingsTable;
  negotiations: NegotiationsTable;
  offers: OffersTable;
  purchase_orders: PurchaseOrdersTable;
  contracts: ContractsTable;
  contract_versions: ContractVersionsTable;
  contract_change_requests: ContractChangeRequestsTable;
  contract_audit_log: ContractAuditLogTable;
  party_legal_entities: PartyLegalEntitiesTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  gateways: GatewaysTable;
  fx_rates: FxRatesTable;
  gateway_secrets: GatewaySecretsTable;
  payment_intents: PaymentIntentsTable;
  gateway_events: GatewayEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  disputes: DisputesTable;
  ledger_transfers: LedgerTransfersTable;
  ledger_entries: LedgerEntriesTable;
  contract_amendments: ContractAmendmentsTable;
  warehouses: WarehousesTable;
  warehouse_operators: WarehouseOperatorsTable;
  packing_lists: PackingListsTable;
  receipts: ReceiptsTable;
  received_cartons: ReceivedCartonsTable;
  carton_returns: CartonReturnsTable;
  returned_cartons: ReturnedCartonsTable;
  inspections: InspectionsTable;
  measurements: MeasurementsTable;
  measured_cartons: MeasuredCartonsTable;
  consolidations: ConsolidationsTable;
  customs_releases: CustomsReleasesTable;
  tracking_events: TrackingEventsTable;
  order_documents: OrderDocumentsTable;
  rate_limit_windows: RateLimitWindowsTable;
}

/** One abuse-limit counter (migration 0007_rate_limits); times are epoch milliseconds. */
export interface RateLimitWindowsTable {
  /** The limit's prefix and what it counts, e.g. `mint:partner_demo` or `fsk:203.0.113.7`. */
  key: string;
  window_start: number;
  count: number;
  reset_at: number;
}


// The designated warehouse and its steps (migration 0005_warehouse).

export interface WarehousesTable {
  id: string;
  name: string;
  /** UN/LOCODE of the port of departure, e.g. CNNGB. */
  port: string;
  address: string;
  created_at: string;
}

export interface WarehouseOperatorsTable {
  party_id: string;
  warehouse_id: string;
}

/** One revision of the supplier's packing list; all revisions are kept (append-only). */
export interface PackingListsTable {
  id: string;
  order_id: string;
  revision: number;
  /** JSON [{barcode, product_id, quantity, gross_weight_g|null}]. */
  cartons: string;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface ReceiptsTable {
  id: string;
  order_id: string;
  /** 1-based per order. */
  number: number;
  created_by: string;
  received_at: string;
}

export interface ReceivedCartonsTable {
  order_id: string;
  barcode: string;
  receipt_id: string;
  product_id: string;
  quantity: number;
}

export interface CartonReturnsTable {
  id: string;
  order_id: string;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface ReturnedCartonsTable {
  order_id: string;
  barcode: string;
  return_id: string;
}

export interface InspectionsTable {
  id: string;
  order_id: string;
  seq: number;
  result: 'pass' | 'fail';
  required_sample: number;
  /** JSON string[]. */
  sampled_barcodes: string;
  notes: string | null;
  /** JSON string[]. */
  photo_urls: string;
  created_by: string;
  created_at: string;
}

export interface MeasurementsTable {
  id: string;
  order_id: string;
  seq: number;
  created_by: string;
  created_at: string;
}

export interface MeasuredCartonsTable {
  measurement_id: string;
  barcode: string;
  weight_g: number;
  length_mm: number;
  width_mm: number;
  height_mm: number;
}

export interface ConsolidationsTable {
  order_id: string;
  mode: 'fcl' | 'lcl' | 'courier';
  container_no: string | null;
  seal_no: string | null;
  carrier: string | null;
  tracking_no: string | null;
  created_by: string;
  created_at: string;
}

export interface CustomsReleasesTable {
  order_id: string;
  declaration_no: string;
  created_by: string;
  created_at: string;
}

export interface TrackingEventsTable {
  order_id: string;
  code: 'departed' | 'arrived' | 'ready_for_pickup' | 'picked_up';
  /** When it happened, as the operator reported it. */
  at: string;
  location: string;
  bill_of_lading_no: string | null;
  created_by: string;
  /** When it was recorded. */
  created_at: string;
}

export type OrderDocumentKind = 'goods_receipt' | 'packing_list' | 'commercial_invoice' | 'customs_declaration' | 'bill_of_lading';

/** Append-only: generated documents keep their data snapshot (file null), uploads their bytes. */
export interface OrderDocumentsTable {
  id: string;
  order_id: string;
  kind: OrderDocumentKind;
  title: string;
  /** 1-based per order and kind. */
  number: number;
  /** JSON snapshot (shapes in domain/documents.ts). */
  data: string;
  file: Buffer | null;
  content_type: string;
  filename: string;
  created_by: string;
  created_at: string;
}
