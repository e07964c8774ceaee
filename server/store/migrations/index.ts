/** Every migration, imported statically so they run from any cwd and survive bundling; names sort in order. */
import type { Migration } from 'kysely';
import type { Dialect } from '../db.js';
import { catalog } from './0001_catalog.js';
import { contracts } from './0002_contracts.js';
import { payments } from './0003_payments.js';
import { webhooks } from './0004_webhooks.js';
import { warehouse } from './0005_warehouse.js';
import { amendments } from './0006_amendments.js';
import { rateLimits } from './0007_rate_limits.js';

export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_catalog': catalog(dialect),
    '0002_contracts': contracts(dialect),
    '0003_payments': payments(dialect),
    '0004_webhooks': webhooks(dialect),
    '0005_warehouse': warehouse(dialect),
    '0006_amendments': amendments(dialect),
    '0007_rate_limits': rateLimits(dialect),
  };
}
