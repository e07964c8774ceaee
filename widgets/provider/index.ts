/** Registers `<k100-provider>`. */
import { define } from '../core/define.js';
import { K100Provider } from './provider.js';

define('k100-provider', K100Provider);

export { K100Provider };
