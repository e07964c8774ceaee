/** Registers `<k100-pay-checkout>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100PayCheckout } from './pay-checkout.js';

define('k100-pay-checkout', K100PayCheckout);

export { K100PayCheckout };

// Its events, for typed listeners; a type-only export also brings their GlobalEventHandlersEventMap entries.
export type { K100PaymentFailEvent, K100PaymentIntentCreateEvent, K100PaymentSucceedEvent } from '../core/pay/events.js';
export type { K100SessionExpiredEvent } from '../core/events.js';
