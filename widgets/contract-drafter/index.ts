/** Registers `<k100-contract-drafter>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100ContractDrafter } from './contract-drafter.js';

define('k100-contract-drafter', K100ContractDrafter);

export { K100ContractDrafter };

// Its events, for typed listeners; a type-only export also brings their GlobalEventHandlersEventMap entries.
export type { K100ContractDraftEvent, K100ContractSendEvent } from '../core/deals/events.js';
export type { K100SessionExpiredEvent } from '../core/events.js';
