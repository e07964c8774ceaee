/** Registers `<k100-product-folder>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100ProductFolder } from './product-folder.js';

define('k100-product-folder', K100ProductFolder);

export { K100ProductFolder };

// Its events, for typed listeners; a type-only export also brings their GlobalEventHandlersEventMap entries.
export type { K100AccessRequestCreateEvent, K100FolderItemRemoveEvent, K100FolderSelectEvent, K100ProductCollectEvent, K100SessionExpiredEvent } from '../core/events.js';
