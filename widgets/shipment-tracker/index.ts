/** Registers `<k100-shipment-tracker>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100ShipmentTracker } from './shipment-tracker.js';

define('k100-shipment-tracker', K100ShipmentTracker);

export { K100ShipmentTracker };

// Its events, for typed listeners; a type-only export also brings their GlobalEventHandlersEventMap entries.
export type { K100AmendmentConfirmEvent, K100AmendmentDeclineEvent, K100DocumentDownloadEvent, K100OrderUpdateEvent } from '../core/ship/events.js';
export type { K100SessionExpiredEvent } from '../core/events.js';
