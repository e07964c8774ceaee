/** Registers `<k100-product-search>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100ProductSearch } from './product-search.js';

define('k100-product-search', K100ProductSearch);

export { K100ProductSearch };

// Its events, for typed listeners; a type-only export also brings their GlobalEventHandlersEventMap entries.
export type { K100ProductCollectEvent, K100SessionExpiredEvent } from '../core/events.js';
