/**
 * The data snapshots of the documents fulfilment issues (order_documents.data): written once by the step that
 * issues them and rendered later exactly as they were, whatever changes afterwards.
 */
import type { LegalEntity } from '../schemas/terms.js';

export const DOCUMENT_KINDS = ['goods_receipt', 'packing_list', 'commercial_invoice', 'customs_declaration', 'bill_of_lading'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentParty {
  id: string;
  name: string;
}

export interface DocumentWarehouse {
  id: string;
  name: string;
  port: string;
  address: string;
}

export interface GoodsReceiptData {
  receipt_number: number;
  warehouse: DocumentWarehouse;
  supplier: DocumentParty;
  buyer: DocumentParty;
  order_id: string;
  contract_id: string;
  cartons: Array<{ barcode: string; product_id: string; product_name: string | null; quantity: number }>;
  totals: { cartons: number; quantity: number };
  received_at: string;
  operator: DocumentParty;
}

export interface PackingListData {
  revision: number;
  order_id: string;
  contract_id: string;
  supplier: DocumentParty;
  buyer: DocumentParty;
  cartons: Array<{ barcode: string; product_id: string; product_name: string | null; quantity: number; gross_weight_kg: number | null }>;
  totals: { cartons: number; quantity: number; gross_weight_kg: number | null };
  note: string | null;
}

export interface CommercialInvoiceData {
  invoice_no: string;
  order_id: string;
  contract_id: string;
  seller: LegalEntity;
  buyer: LegalEntity;
  incoterm: string;
  currency: string;
  /** Quantities received and on hand, at the contract's unit prices (minor units). */
  lines: Array<{ product_id: string; product_name: string | null; quantity: number; unit_price: number; amount: number }>;
  total: number;
  destination_port: string;
  issued_at: string;
}

export interface CustomsDeclarationData {
  declaration_no: string;
  order_id: string;
  exporter: LegalEntity;
  consignee: LegalEntity;
  port_of_loading: string;
  destination_port: string;
  mode: 'fcl' | 'lcl' | 'courier';
  container_no: string | null;
  seal_no: string | null;
  carrier: string | null;
  tracking_no: string | null;
  lines: Array<{ product_id: string; product_name: string | null; quantity: number }>;
  packages: number;
  gross_weight_kg: number;
  volume_cbm: number;
  released_at: string;
}

/** The record issued on departure when a B/L number is given (uploads of the B/L itself are separate rows). */
export interface BillOfLadingData {
  bill_of_lading_no: string;
  order_id: string;
  mode: 'fcl' | 'lcl' | 'courier';
  container_no: string | null;
  seal_no: string | null;
  carrier: string | null;
  port_of_loading: string;
  destination_port: string;
  departed_at: string;
  location: string;
}

export interface DocumentDataOf {
  goods_receipt: GoodsReceiptData;
  packing_list: PackingListData;
  commercial_invoice: CommercialInvoiceData;
  customs_declaration: CustomsDeclarationData;
  bill_of_lading: BillOfLadingData;
}

/** Title of a generated document, e.g. "Goods receipt 2", "Packing list (revision 3)". */
export function documentTitle(kind: DocumentKind, number: number): string {
  switch (kind) {
    case 'goods_receipt':
      return `Goods receipt ${number}`;
    case 'packing_list':
      return `Packing list (revision ${number})`;
    case 'commercial_invoice':
      return number === 1 ? 'Commercial invoice' : `Commercial invoice ${number}`;
    case 'customs_declaration':
      return number === 1 ? 'Export customs declaration' : `Export customs declaration ${number}`;
    case 'bill_of_lading':
      return number === 1 ? 'Bill of lading' : `Bill of lading ${number}`;
  }
}

/** Generated documents download as print-ready HTML named after their kind, order and number. */
export function documentFilename(kind: DocumentKind, orderId: string, number: number): string {
  return `${kind.replaceAll('_', '-')}-${orderId}-${number}.html`;
}

export const GENERATED_CONTENT_TYPE = 'text/html; charset=utf-8';
