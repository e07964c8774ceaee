/** Registers `<k100-contract-review>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100ContractReview } from './contract-review.js';

define('k100-contract-review', K100ContractReview);

export { K100ContractReview };

// Its events, for typed listeners; a type-only export also brings their GlobalEventHandlersEventMap entries.
export type { K100ContractChangesRequestEvent, K100ContractConfirmEvent } from '../core/deals/events.js';
export type { K100SessionExpiredEvent } from '../core/events.js';
