/** Registers `<k100-product-folder>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100ProductFolder } from './product-folder.js';

define('k100-product-folder', K100ProductFolder);

export { K100ProductFolder };
