/** Registers `<k100-order-status>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100OrderStatus } from './order-status.js';

define('k100-order-status', K100OrderStatus);

export { K100OrderStatus };

// Its events, for typed listeners; a type-only export also brings their GlobalEventHandlersEventMap entries.
export type { K100OrderSelectEvent } from '../core/ship/events.js';
export type { K100SessionExpiredEvent } from '../core/events.js';
