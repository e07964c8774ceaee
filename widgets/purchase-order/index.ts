/** Registers `<k100-purchase-order>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100PurchaseOrder } from './purchase-order.js';

define('k100-purchase-order', K100PurchaseOrder);

export { K100PurchaseOrder };
