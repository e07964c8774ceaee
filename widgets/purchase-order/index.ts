/** Registers `<k100-purchase-order>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100PurchaseOrder } from './purchase-order.js';

define('k100-purchase-order', K100PurchaseOrder);

export { K100PurchaseOrder };

// Its events, for typed listeners; a type-only export also brings their GlobalEventHandlersEventMap entries.
export type { K100NegotiationAcceptEvent, K100NegotiationCreateEvent, K100NegotiationWithdrawEvent, K100OfferSubmitEvent, K100PoIssueEvent } from '../core/deals/events.js';
export type { K100SessionExpiredEvent } from '../core/events.js';
