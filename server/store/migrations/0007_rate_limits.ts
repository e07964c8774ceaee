/**
 * Abuse limits shared by every instance on one database: one row per limited key (a prefixed IP, secret
 * key's partner, buyer or session), counting hits in a fixed window that starts with the first hit.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../db.js';

export function rateLimits(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  // Milliseconds since the epoch: the upsert compares them in SQL, which text timestamps would make dialect-specific.
  const millis = pg ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('rate_limit_windows')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', millis, (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('reset_at', millis, (c) => c.notNull())
        .addCheckConstraint('rate_limit_windows_count', sql.raw('count >= 0'))
        .addCheckConstraint('rate_limit_windows_reset_after_start', sql.raw('reset_at > window_start'))
        .modifyEnd(pg ? sql`` : sql`strict`)
        .execute();
      // Pruning deletes by expiry; without this it would scan every window.
      await db.schema.createIndex('rate_limit_windows_by_reset').on('rate_limit_windows').column('reset_at').execute();
    },
  };
}
