/** Registers `<k100-warehouse-console>` (and `<k100-provider>`, so a provider around it always answers). */
import '../provider/index.js';
import { define } from '../core/define.js';
import { K100WarehouseConsole } from './warehouse-console.js';

define('k100-warehouse-console', K100WarehouseConsole);

export { K100WarehouseConsole };
