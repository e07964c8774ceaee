/**
 * The shapes of the K100 API the widgets read, as plain TypeScript: the widgets' published declarations
 * (and their events' `detail` types) must not drag zod or hono into a partner's project. The server's zod
 * schemas are the source of truth; test/types/api-types.ts checks each type here against the type
 * zod infers from its schema, both ways, so the two cannot drift apart unnoticed (`npm run typecheck`).
 */

/** RFC 9457 problem details, as every error response carries them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string | undefined;
  code?: string | undefined;
  intent_id?: string | undefined;
  instance?: string | undefined;
  request_id?: string | undefined;
  errors?: { path: string; message: string }[] | undefined;
}

export type PartyKind = 'supplier' | 'buyer' | 'operator';

export interface PartyRef {
  id: string;
  name: string;
}

export interface PartySummary {
  id: string;
  kind: PartyKind;
  name: string;
  location: string;
}

/* ---- catalog ---- */

export type Visibility = 'public' | 'private';

export interface Product {
  id: string;
  supplier_id: string;
  supplier: { id: string; name: string; location: string };
  name: string;
  description: string;
  category: string;
  moq: number;
  /** Minor units of `currency`. */
  unit_price: number;
  currency: string;
  images: string[];
  visibility: Visibility;
  created_at: string;
  updated_at: string;
}

export interface ProductList {
  data: Product[];
  next_cursor: string | null;
}

export interface Supplier {
  id: string;
  name: string;
  location: string;
  description: string;
  public_product_count: number;
}

export interface Category {
  slug: string;
  product_count: number;
}

/* ---- folders ---- */

export interface PublicFolderItem {
  product_id: string;
  added_at: string;
  product: Product;
}

export interface PrivateFolderItem {
  product_id: string;
  grant_id: string;
  granted_at: string;
  product: Product;
}

export type AccessRequestStatus = 'pending' | 'approved' | 'declined';

export interface AccessRequest {
  id: string;
  buyer: PartyRef;
  supplier: PartyRef;
  message: string;
  status: AccessRequestStatus;
  grant_id: string | null;
  created_at: string;
  decided_at: string | null;
}

/* ---- sessions ---- */

export interface LegalEntity {
  name: string;
  address: string;
  country: string;
  registration_no?: string | undefined;
}

export interface Me {
  party: PartySummary;
  partner: PartyRef;
  expires_at: string;
  legal_entity: LegalEntity | null;
}

/* ---- terms and contracts ---- */

export type Incoterm = 'EXW' | 'FCA' | 'CPT' | 'CIP' | 'DAP' | 'DPU' | 'DDP' | 'FAS' | 'FOB' | 'CFR' | 'CIF';
export type ShippingMode = 'fcl' | 'lcl' | 'courier';

export interface TermsItem {
  product_id: string;
  quantity: number;
  unit_price: number;
}

/** The fields shared by proposed terms and priced (agreed) terms. */
interface TermsFields {
  currency: string;
  incoterm: Incoterm;
  delivery_date: string;
  deposit_percent: number;
  inspection_percent: number;
  shipping_mode: ShippingMode;
  destination_port: string;
  notes?: string | undefined;
}

export interface Terms extends TermsFields {
  items: TermsItem[];
}

export interface PricedTerms extends TermsFields {
  items: (TermsItem & { line_total: number })[];
  totals: { subtotal: number; deposit_amount: number; balance_amount: number };
}

export interface Clause {
  title: string;
  body: string;
}

export interface LegalEntities {
  seller: LegalEntity;
  buyer: LegalEntity;
}

export interface ProductSnapshot {
  product_id: string;
  name: string;
  list_unit_price: number;
  list_currency: string;
}

export interface Difference {
  path: string;
  before: unknown;
  after: unknown;
  kind: 'added' | 'removed' | 'changed';
}

export type ContractStatus = 'draft' | 'sent' | 'changes_requested' | 'confirmed';
export type ContractAction = 'revise' | 'send' | 'request_changes' | 'confirm';

export interface ContractSummary {
  id: string;
  status: ContractStatus;
  purchase_order_id: string;
  negotiation_id: string;
  buyer: PartyRef;
  supplier: PartyRef;
  version: number;
  terms: PricedTerms;
  allowed_actions: ContractAction[];
  signer_name: string | null;
  confirmed_at: string | null;
  digest: string | null;
  order_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContractVersion {
  version: number;
  terms: PricedTerms;
  clauses: Clause[];
  legal_entities: LegalEntities;
  products: ProductSnapshot[];
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface Contract extends ContractSummary {
  clauses: Clause[];
  legal_entities: LegalEntities;
  products: ProductSnapshot[];
  agreed_terms: PricedTerms;
  versions: ContractVersion[];
  differences: { from_agreed_terms: Difference[]; from_previous_version: Difference[] };
  change_requests: { version: number; comment: string; at: string }[];
}

export interface ContractVerification {
  contract_id: string;
  status: ContractStatus;
  valid: boolean;
  digest: { valid: boolean; expected: string | null; actual: string | null; recorded_in_chain: string | null } | null;
  chain: {
    valid: boolean;
    length: number;
    broken_at_seq?: number | undefined;
    reason?: 'hash_mismatch' | 'prev_mismatch' | 'seq_gap' | undefined;
  };
  anchor: { valid: boolean; length: number; head_hash: string };
  versions: { version: number; valid: boolean; recorded: string | null; actual: string | null }[];
  evidence: { valid: boolean } | null;
  amendments: { id: string; number: number; valid: boolean; digest: string | null }[];
  failures: {
    check: 'version' | 'digest' | 'chain' | 'anchor' | 'evidence' | 'amendment';
    where: string;
    reason: string;
    message: string;
  }[];
}

/* ---- orders ---- */

export interface TimelineActor {
  id: string;
  kind: PartyKind;
  name: string;
}

export interface TimelineEvent {
  seq: number;
  code: string;
  at: string;
  actor: TimelineActor | null;
  place: string | null;
  details: Record<string, unknown>;
}

export interface OrderAgreements {
  expert_advisor_sts_fulfilment: true;
  k100pay_payment_and_settlement: true;
  statement: string;
  contract_digest: string;
  buyer: { party_id: string; signer_name: string; agreed_at: string };
  supplier: { party_id: string; agreed_at: string };
}

export interface OrderSummary {
  id: string;
  status: string;
  shipping_mode: ShippingMode;
  destination_port: string;
  inspection_percent: number;
  next_step: { code: string; by: PartyKind } | null;
  payment_status: string;
  contract_id: string;
  purchase_order_id: string;
  negotiation_id: string;
  buyer: PartyRef;
  supplier: PartyRef;
  currency: string;
  total: number;
  deposit_amount: number;
  balance_amount: number;
  latest_event: TimelineEvent;
  created_at: string;
  updated_at: string;
}

export interface Milestone {
  code: string;
  state: 'done' | 'current' | 'upcoming' | 'skipped';
  at: string | null;
  place: string | null;
  actor: TimelineActor | null;
}

export interface Order extends OrderSummary {
  agreements: OrderAgreements;
  warehouse: { id: string; name: string; port: string; address: string } | null;
  timeline: TimelineEvent[];
  milestones: Milestone[];
  current_milestone: string | null;
}

/* ---- payments ---- */

export interface GatewayInfo {
  id: string;
  name: string;
  description: string;
  currencies: string[];
  converts: boolean;
  spread_bps: number;
  fee_summary: string;
  quote_ttl_seconds: number;
}

export type PaymentIntentStatus = 'awaiting_funds' | 'succeeded' | 'failed' | 'expired';

export interface PaymentIntent {
  id: string;
  order_id: string;
  status: PaymentIntentStatus;
  gateway: string;
  amount_due: number;
  currency: string;
  breakdown: {
    contract_total: number;
    contract_currency: string;
    rate: string;
    converted_amount: number;
    fee: number;
    fee_rule: string;
    mid_rate?: string | undefined;
    spread_bps?: number | undefined;
  };
  reference: string;
  instructions: {
    method: string;
    beneficiary: string;
    bank_name: string;
    account_number: string;
    swift_bic: string | null;
    reference: string;
    note: string;
  };
  expires_at: string;
  received: { amount: number; currency: string; at: string } | null;
  refund: { amount: number; cost: number; currency: string; at: string } | null;
  failure_code: 'expired' | 'amount_mismatch' | 'currency_mismatch' | null;
  created_at: string;
}

export interface LedgerBalances {
  escrow: number;
  released: number;
  refunded: number;
  fees: number;
}

export interface Ledger {
  order_id: string;
  currency: string;
  transfers: {
    id: string;
    kind: string;
    currency: string;
    created_at: string;
    entries: { account: string; amount: number }[];
  }[];
  balances: LedgerBalances;
  balances_by_currency?: Record<string, LedgerBalances> | undefined;
}

/* ---- negotiations and purchase orders ---- */

export type NegotiationSide = 'buyer' | 'supplier';
export type NegotiationStatus = 'open' | 'accepted' | 'withdrawn';
export type NegotiationAction = 'offer' | 'accept' | 'withdraw' | 'issue_purchase_order';
export type PartyName = PartyRef;

export interface Offer {
  seq: number;
  by: NegotiationSide;
  terms: PricedTerms;
  products: ProductSnapshot[];
  message: string | null;
  at: string;
  differences: Difference[];
}

export interface NegotiationSummary {
  id: string;
  status: NegotiationStatus;
  buyer: PartyRef;
  supplier: PartyRef;
  offer_count: number;
  latest_offer: Offer;
  next_to_act: NegotiationSide | null;
  allowed_actions: NegotiationAction[];
  accepted_offer_seq: number | null;
  accepted_by: NegotiationSide | null;
  consensus: PricedTerms | null;
  purchase_order_id: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface Negotiation extends NegotiationSummary {
  offers: Offer[];
}

export type PurchaseOrderStatus = 'issued' | 'contract_drafted' | 'contract_confirmed';

export interface PurchaseOrder {
  id: string;
  status: PurchaseOrderStatus;
  negotiation_id: string;
  accepted_offer_seq: number;
  buyer: PartyRef;
  supplier: PartyRef;
  terms: PricedTerms;
  products: ProductSnapshot[];
  contract_id: string | null;
  legal_entity_defaults: { seller: LegalEntity | null; buyer: LegalEntity | null };
  allowed_actions: 'draft_contract'[];
  created_at: string;
  updated_at: string;
}

/* ---- fulfilment: documents, amendments, warehouse, live events ---- */

/** Open-ended on the wire (new steps may appear); see the `order-status` codes the widgets know. */
export type OrderStatus = string;

export interface OrderDocument {
  id: string;
  kind: 'contract' | 'goods_receipt' | 'packing_list' | 'commercial_invoice' | 'customs_declaration' | 'bill_of_lading';
  title: string;
  number: number;
  content_type: string;
  filename: string;
  created_at: string;
  url: string;
}

export interface Amendment {
  id: string;
  order_id: string;
  contract_id: string;
  number: number;
  status: 'proposed' | 'confirmed' | 'declined';
  reason: string;
  items: { product_id: string; product_name: string; unit_price: number; from_quantity: number; to_quantity: number }[];
  currency: string;
  total_before: number;
  total_after: number;
  refund_amount: number;
  created_at: string;
  confirmed_at: string | null;
  signer_name: string | null;
  digest: string | null;
}

export interface Warehouse {
  id: string;
  name: string;
  port: string;
  address: string;
}

export interface Shipment {
  order_id: string;
  shipping_mode: ShippingMode;
  destination_port: string;
  warehouse: Warehouse | null;
  cartons: {
    barcode: string;
    product_id: string;
    product_name: string | null;
    quantity: number;
    received_at: string;
    returned: boolean;
    weight_kg: number | null;
    length_cm: number | null;
    width_cm: number | null;
    height_cm: number | null;
  }[];
  totals: { cartons: number; quantity: number; weight_kg: number | null; volume_cbm: number | null };
  inspection: {
    result: 'pass' | 'fail';
    required_sample: number;
    sampled: number;
    notes: string | null;
    at: string;
    stale: boolean;
  } | null;
  consolidation: {
    order_id: string;
    mode: ShippingMode;
    container_no: string | null;
    seal_no: string | null;
    carrier: string | null;
    tracking_no: string | null;
    at: string;
  } | null;
  customs: { declaration_no: string; at: string } | null;
  bill_of_lading_no: string | null;
  tracking: { code: 'departed' | 'arrived' | 'ready_for_pickup' | 'picked_up'; at: string; location: string }[];
  pickup: { mode: ShippingMode; where: string; instructions: string };
}

export interface PackingList {
  id: string;
  order_id: string;
  revision: number;
  cartons: { barcode: string; product_id: string; product_name: string | null; quantity: number; gross_weight_kg: number | null }[];
  totals: { cartons: number; quantity: number; gross_weight_kg: number | null };
  note: string | null;
  created_at: string;
}

export interface LatestPackingList extends PackingList {
  revisions: { revision: number; created_at: string }[];
}

export interface OwnershipTransfer {
  order_id: string;
  status: 'settled';
  released: number;
  currency: string;
}

export interface Receipt {
  id: string;
  order_id: string;
  number: number;
  cartons: { barcode: string; product_id: string; quantity: number }[];
  received_at: string;
  document_id: string;
}

/** What `data:` carries for each `event: timeline` of `GET /v1/orders/:id/events`. */
export interface LiveTimelineEvent {
  order_id: string;
  seq: number;
  code: string;
  at: string;
  actor: { id: string; kind: string; name: string } | null;
  place: string | null;
  details: Record<string, unknown>;
  status: string;
  payment_status: string;
}

/** A difference the warehouse cross-check found between contract, packing list and what arrived. */
export type CrossCheckDifference =
  | { kind: 'short' | 'excess'; product_id: string; product_name: string; expected: number; packing_list: number | null; received: number }
  | { kind: 'unexpected_product'; product_id: string; product_name: string | null; received: number }
  | { kind: 'packing_list_mismatch'; product_id: string; product_name: string | null; contract: number; packing_list: number }
  | { kind: 'packing_list_missing' }
  | { kind: 'weight_mismatch'; barcode: string; declared_kg: number; measured_kg: number };

export interface CrossCheckLine {
  product_id: string;
  product_name: string | null;
  contract_quantity: number;
  packing_list_quantity: number | null;
  received_quantity: number;
}

export interface CrossCheck {
  status: 'match' | 'discrepancy';
  packing_list_revision: number | null;
  lines: CrossCheckLine[];
  differences: CrossCheckDifference[];
}
