/**
 * Events of the warehouse console: one cancelable "about to" event before each step's request, naming
 * the order and the exact body; `preventDefault()` keeps the request from being sent.
 */
import { K100Event } from '../events.js';
import type { ConsolidationBody, CustomsBody, InspectionBody, MeasurementsBody, ReceiptBody, TrackingBody } from './types.js';

export interface StepDetail<B> {
  order_id: string;
  body: B;
}

/** Cartons are about to be recorded as received. */
export class K100ReceiptSubmitEvent extends K100Event<StepDetail<ReceiptBody>> {
  constructor(detail: StepDetail<ReceiptBody>) {
    super('k100-receipt-submit', detail, true);
  }
}

/** An inspection (sample, pass or fail, notes) is about to be recorded. */
export class K100InspectionSubmitEvent extends K100Event<StepDetail<InspectionBody>> {
  constructor(detail: StepDetail<InspectionBody>) {
    super('k100-inspection-submit', detail, true);
  }
}

/** Weights and dimensions of every carton on hand are about to be recorded. */
export class K100MeasurementsSubmitEvent extends K100Event<StepDetail<MeasurementsBody>> {
  constructor(detail: StepDetail<MeasurementsBody>) {
    super('k100-measurements-submit', detail, true);
  }
}

/** The cartons are about to be consolidated into a container or handed to a courier. */
export class K100ConsolidationSubmitEvent extends K100Event<StepDetail<ConsolidationBody>> {
  constructor(detail: StepDetail<ConsolidationBody>) {
    super('k100-consolidation-submit', detail, true);
  }
}

/** Export customs release is about to be recorded. */
export class K100CustomsReleaseEvent extends K100Event<StepDetail<CustomsBody>> {
  constructor(detail: StepDetail<CustomsBody>) {
    super('k100-customs-release', detail, true);
  }
}

/** A tracking event (departed, arrived, ready for pickup, picked up) is about to be recorded. */
export class K100TrackingSubmitEvent extends K100Event<StepDetail<TrackingBody>> {
  constructor(detail: StepDetail<TrackingBody>) {
    super('k100-tracking-submit', detail, true);
  }
}

/** Ownership is about to be transferred, releasing the escrow balance to the supplier. */
export class K100OwnershipTransferEvent extends K100Event<StepDetail<Record<string, never>>> {
  constructor(detail: StepDetail<Record<string, never>>) {
    super('k100-ownership-transfer', detail, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'k100-receipt-submit': K100ReceiptSubmitEvent;
    'k100-inspection-submit': K100InspectionSubmitEvent;
    'k100-measurements-submit': K100MeasurementsSubmitEvent;
    'k100-consolidation-submit': K100ConsolidationSubmitEvent;
    'k100-customs-release': K100CustomsReleaseEvent;
    'k100-tracking-submit': K100TrackingSubmitEvent;
    'k100-ownership-transfer': K100OwnershipTransferEvent;
  }
}
