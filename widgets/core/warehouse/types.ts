/**
 * The warehouse shapes the console reads and sends: the plain API types (api-types.ts, zero bytes shipped)
 * and, where the server types them more loosely, the contract's exact shape (the cross-check differences).
 */
import type { Order as ServerOrder, OrderSummary as ServerSummary, ShippingMode, LatestPackingList, OwnershipTransfer, Receipt as ServerReceipt, Shipment as ServerShipment, Warehouse as ServerWarehouse } from '../api-types.js';

export type { ShippingMode };
export type TrackingCode = 'departed' | 'arrived' | 'ready_for_pickup' | 'picked_up';

export type NextStep = NonNullable<ServerSummary['next_step']>;
export type Warehouse = ServerWarehouse;
export type Milestone = ServerOrder['milestones'][number];

/** An order as the operator lists it. */
export type OrderSummary = ServerSummary;

/** An order as the operator opens it. */
export type Order = ServerOrder;

export type Shipment = ServerShipment;
export type ShipmentCarton = Shipment['cartons'][number];
export type Consolidation = NonNullable<Shipment['consolidation']>;
export type PackingList = LatestPackingList;
export type PackingListCarton = PackingList['cartons'][number];

// The cross-check's shapes, the same as the server's (checked by test/types/api-types.ts).
export type { CrossCheck, CrossCheckLine, CrossCheckDifference as Difference } from '../api-types.js';

export interface ReceiptBody {
  cartons: { barcode: string; product_id: string; quantity: number }[];
}
export type Receipt = ServerReceipt;
export interface ReturnBody {
  barcodes: string[];
  reason: string;
}
export interface InspectionBody {
  sampled_barcodes: string[];
  result: 'pass' | 'fail';
  notes?: string;
  photo_urls?: string[];
}
export interface MeasurementsBody {
  cartons: { barcode: string; weight_kg: number; length_cm: number; width_cm: number; height_cm: number }[];
}
export interface MeasurementsResult extends MeasurementsBody {
  id: string;
  totals: { cartons: number; weight_kg: number; volume_cbm: number };
}
export interface ConsolidationBody {
  mode: ShippingMode;
  container_no?: string;
  seal_no?: string;
  carrier?: string;
  tracking_no?: string;
}
export interface CustomsBody {
  declaration_no: string;
}
export interface TrackingBody {
  code: TrackingCode;
  at?: string;
  location: string;
  bill_of_lading_no?: string;
}
export type TransferResult = OwnershipTransfer;
export interface OrderDocument {
  id: string;
  kind: string;
  title: string;
  number: number;
  content_type: string;
  filename: string | null;
  created_at: string;
  url: string;
}
