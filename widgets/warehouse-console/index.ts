/** Registers `<k100-warehouse-console>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100WarehouseConsole } from './warehouse-console.js';

define('k100-warehouse-console', K100WarehouseConsole);

export { K100WarehouseConsole };

// Its events, for typed listeners; a type-only export also brings their GlobalEventHandlersEventMap entries.
export type { K100ConsolidationSubmitEvent, K100CustomsReleaseEvent, K100InspectionSubmitEvent, K100MeasurementsSubmitEvent, K100OwnershipTransferEvent, K100ReceiptSubmitEvent, K100TrackingSubmitEvent } from '../core/warehouse/events.js';
export type { K100SessionExpiredEvent } from '../core/events.js';
