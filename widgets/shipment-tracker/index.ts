/** Registers `<k100-shipment-tracker>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100ShipmentTracker } from './shipment-tracker.js';

define('k100-shipment-tracker', K100ShipmentTracker);

export { K100ShipmentTracker };
