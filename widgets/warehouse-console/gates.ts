/**
 * Which steps the order allows right now, mirroring the server's step order so a section is disabled with
 * its reason before anyone tries; the server still decides (its refusals show at the form).
 */
import type { CrossCheck, Order, PackingList, Shipment, ShipmentCarton, TrackingCode } from '../core/warehouse/api.js';
import type { WarehouseKey } from '../core/warehouse/messages.js';
import type { SectionId } from './step-form.js';

export interface ConsoleData {
  order: Order;
  shipment: Shipment;
  crossCheck: CrossCheck;
  packingList: PackingList | null;
}

/** `open`: the step can be recorded; `blocked`: not yet or no longer (`reason` says why); `done`: recorded, once-only. */
export interface Gate {
  state: 'open' | 'blocked' | 'done';
  reason?: WarehouseKey;
}

export const TRACKING_CODES: TrackingCode[] = ['departed', 'arrived', 'ready_for_pickup', 'picked_up'];

export const onHand = (shipment: Shipment): ShipmentCarton[] => shipment.cartons.filter((c) => !c.returned);

/** The tracking event due next, or undefined once the goods are picked up. */
export const nextTracking = (shipment: Shipment) => TRACKING_CODES.find((code) => !shipment.tracking.some((e) => e.code === code));

/** Cartons the agreed inspection must sample: ceil(on hand × percent / 100), at least 1. */
export function requiredSample(data: ConsoleData): number {
  return Math.max(1, Math.ceil((onHand(data.shipment).length * data.order.inspection_percent) / 100));
}

const open: Gate = { state: 'open' };
const blocked = (reason: WarehouseKey): Gate => ({ state: 'blocked', reason });
const done: Gate = { state: 'done' };

export function gates({ order, shipment, crossCheck }: ConsoleData): Record<SectionId, Gate> {
  const closed = ['settled', 'refunded'].includes(order.status) || ['released', 'refunded'].includes(order.payment_status);
  const held = ['escrow_funded', 'disputed'].includes(order.payment_status);
  const cartons = onHand(shipment);
  const consolidated = !!shipment.consolidation;
  const tracking = nextTracking(shipment);
  const agreed = order.inspection_percent > 0;
  const match = crossCheck.status === 'match';
  // Every step needs the escrow held; before consolidation the cartons can change.
  const base = closed ? blocked('whClosed') : !held ? blocked('whNotPaid') : undefined;
  const cartonStep = (needsCartons: boolean, extra?: Gate) =>
    base ?? (consolidated ? blocked('whAfterConsolidation') : needsCartons && !cartons.length ? blocked('whNoCartons') : (extra ?? open));
  const measured = cartons.length > 0 && cartons.every((c) => c.weight_kg !== null && c.length_cm !== null);
  const inspection = shipment.inspection;
  return {
    receipt: cartonStep(false),
    returns: cartonStep(true),
    inspection: cartonStep(true, agreed ? open : blocked('whInspectionNotAgreed')),
    measurements: cartonStep(true),
    consolidation: consolidated
      ? done
      : (base ??
        (!cartons.length
          ? blocked('whNoCartons')
          : !measured
            ? blocked('whMeasureFirst')
            : agreed && !inspection
              ? blocked('whInspectFirst')
              : agreed && inspection?.result === 'fail'
                ? blocked('whInspectionFailed')
                : agreed && inspection?.stale
                  ? blocked('whInspectionStale')
                  : !match
                    ? blocked('whCrossCheckFirst')
                    : open)),
    customs: shipment.customs
      ? done
      : (base ?? (!consolidated ? blocked('whConsolidateFirst') : crossCheck.packing_list_revision === null ? blocked('whPackingListFirst') : open)),
    tracking: !tracking ? done : (base ?? (!shipment.customs ? blocked('whCustomsFirst') : open)),
    upload: base ?? (!consolidated ? blocked('whConsolidateFirst') : open),
    transfer:
      order.status === 'settled'
        ? done
        : (base ?? (tracking ? blocked('whPickupFirst') : !match ? blocked('whCrossCheckFirst') : open)),
  };
}

/** The section a `next_step` code points at (milestone or step names alike), if the operator's. */
export function sectionOf(code: string | undefined): SectionId | undefined {
  if (!code) return undefined;
  if (/receiv|receipt/.test(code)) return 'receipt';
  if (/^return/.test(code)) return 'returns';
  if (/inspect/.test(code)) return 'inspection';
  if (/measur/.test(code)) return 'measurements';
  if (/consolidat/.test(code)) return 'consolidation';
  if (/customs/.test(code)) return 'customs';
  if (/departed|arrived|pickup|picked_up|tracking/.test(code)) return 'tracking';
  if (/ownership|transfer|settle/.test(code)) return 'transfer';
  return undefined;
}

/** The message naming a `next_step` code, if there is one. */
export function stepLabel(code: string): WarehouseKey | undefined {
  for (const tracking of TRACKING_CODES) if (code === tracking) return `whStep_${tracking}`;
  if (/packing/.test(code)) return 'whStep_packing_list';
  if (/pay/.test(code)) return 'whStep_payment';
  if (/amend/.test(code)) return 'whStep_amendment';
  const section = sectionOf(code);
  if (section === 'returns') return 'whStep_return';
  return section && section !== 'upload' && section !== 'tracking' ? `whStep_${section}` : undefined;
}
