/** Partner webhooks: endpoints, the transactional outbox of events, and one delivery row per event × endpoint. */
import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db.js';

const iso = (column: string) => sql.raw(`${column} LIKE '____-__-__T__:__:__%Z'`);
const isoOrNull = (column: string) => sql.raw(`${column} IS NULL OR ${column} LIKE '____-__-__T__:__:__%Z'`);

export function webhooks(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const json = (column: string) => sql.raw(pg ? `(${column}::json) IS NOT NULL` : `json_valid(${column})`);
  // Event types are dotted slugs (`contract.confirmed`); the list grows in code, so no fixed IN (…) here.
  const eventType = (column: string) =>
    sql.raw(pg ? `${column} ~ '^[a-z][a-z_.]*$'` : `length(${column}) > 0 AND ${column} NOT GLOB '*[^a-z_.]*'`);
  const strict = pg ? sql`` : sql`strict`;

  return {
    async up(db) {
      await db.schema
        .createTable('webhook_endpoints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('events', 'text', (c) => c.notNull())
        // Kept (optionally sealed with K100_WEBHOOK_KEY), never hashed: every delivery is signed with it.
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('enabled'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('webhook_endpoints_url_length', sql.raw('length(url) BETWEEN 1 AND 2048'))
        .addCheckConstraint('webhook_endpoints_description_length', sql.raw('description IS NULL OR length(description) <= 500'))
        .addCheckConstraint('webhook_endpoints_events_json', json('events'))
        .addCheckConstraint('webhook_endpoints_secret_present', sql.raw('length(secret) > 0'))
        .addCheckConstraint('webhook_endpoints_status', sql.raw(`status IN ('enabled', 'disabled')`))
        .addCheckConstraint('webhook_endpoints_created_at_iso', iso('created_at'))
        .addCheckConstraint('webhook_endpoints_updated_at_iso', iso('updated_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('webhook_endpoints_by_partner').on('webhook_endpoints').columns(['partner_id', 'created_at', 'id']).execute();

      await db.schema
        .createTable('webhook_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('webhook_events_type', eventType('type'))
        .addCheckConstraint('webhook_events_data_json', json('data'))
        .addCheckConstraint('webhook_events_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('webhook_events_by_partner').on('webhook_events').columns(['partner_id', 'created_at', 'id']).execute();

      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('webhook_events.id'))
        // A deleted endpoint takes its delivery history (and its secret) with it.
        .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_attempt_at', 'text')
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('dead_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('webhook_deliveries_event_endpoint', ['event_id', 'endpoint_id'])
        .addCheckConstraint('webhook_deliveries_attempts', sql.raw('attempts >= 0'))
        .addCheckConstraint('webhook_deliveries_one_outcome', sql.raw('delivered_at IS NULL OR dead_at IS NULL'))
        .addCheckConstraint('webhook_deliveries_status_code', sql.raw('last_status_code IS NULL OR last_status_code BETWEEN 100 AND 599'))
        .addCheckConstraint('webhook_deliveries_next_attempt_at_iso', iso('next_attempt_at'))
        .addCheckConstraint('webhook_deliveries_last_attempt_at_iso', isoOrNull('last_attempt_at'))
        .addCheckConstraint('webhook_deliveries_delivered_at_iso', isoOrNull('delivered_at'))
        .addCheckConstraint('webhook_deliveries_dead_at_iso', isoOrNull('dead_at'))
        .addCheckConstraint('webhook_deliveries_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();
      // The worker's "due" query: pending rows only (a partial index stays small however much history
      // accumulates), in due order. Its WHERE must repeat these two conditions for the index to apply.
      await db.schema
        .createIndex('webhook_deliveries_due')
        .on('webhook_deliveries')
        .columns(['next_attempt_at', 'id'])
        .where(sql<boolean>`delivered_at IS NULL AND dead_at IS NULL`)
        .execute();
      // The debugging list: one endpoint's deliveries, newest first.
      await db.schema.createIndex('webhook_deliveries_by_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'created_at', 'id']).execute();
    },
  };
}
