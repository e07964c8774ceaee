/** K100Pay: gateways, FX rates and notification secrets, payment intents, gateway events, idempotency keys, the ledger and disputes. */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../db.js';
import { LEDGER_ACCOUNTS, OVERDRAFTABLE_ACCOUNTS, ledgerTriggers } from './ledger-triggers.js';

/** ISO-8601 UTC as written by `Date#toISOString()`. */
const iso = (column: string) => sql.raw(`${column} LIKE '____-__-__T__:__:__%Z'`);
const isoOrNull = (column: string) => sql.raw(`${column} IS NULL OR ${column} LIKE '____-__-__T__:__:__%Z'`);
const oneOf = (column: string, values: readonly string[]) => sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
const currency = (column: string) => sql.raw(`length(${column}) = 3 AND ${column} = upper(${column})`);
const currencyOrNull = (column: string) => sql.raw(`${column} IS NULL OR (length(${column}) = 3 AND ${column} = upper(${column}))`);

/**
 * Copies of ledger.ts's lists as they were when this migration was written: a migration must create the same
 * schema forever, whatever the domain later becomes (a test checks they still agree).
 */
export const LEDGER_TRANSFER_KINDS = [
  'funds_received', 'fee_collected', 'fx_converted', 'escrow_funded', 'deposit_released', 'balance_released',
  'mismatch_refunded', 'expired_refunded', 'unexpected_refunded', 'dispute_refunded',
] as const;
export { LEDGER_ACCOUNTS, OVERDRAFTABLE_ACCOUNTS };

export const INTENT_STATUSES = ['awaiting_funds', 'succeeded', 'failed', 'expired'] as const;
export const FAILURE_CODES = ['amount_mismatch', 'currency_mismatch', 'expired'] as const;
export const EVENT_OUTCOMES = ['succeeded', 'failed', 'expired', 'refunded', 'unmatched'] as const;

/** Rows that are evidence of money: written once, never changed or removed (triggers refuse it). */
export const MONEY_APPEND_ONLY = ['ledger_transfers', 'ledger_entries', 'gateway_events'] as const;

export function payments(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const money = pg ? 'bigint' : 'integer';
  const json = (column: string) => sql.raw(pg ? `(${column}::json) IS NOT NULL` : `json_valid(${column})`);
  const jsonOrNull = (column: string) => sql.raw(pg ? `${column} IS NULL OR (${column}::json) IS NOT NULL` : `${column} IS NULL OR json_valid(${column})`);
  const slug = (column: string) =>
    sql.raw(pg ? `${column} ~ '^[a-z][a-z0-9_]*$'` : `length(${column}) > 0 AND ${column} NOT GLOB '*[^a-z0-9_]*'`);
  // The decimal text quote.ts parses (parseRate); SQLite has no regex, so GLOB checks the alphabet and shape.
  const decimal = (column: string) =>
    sql.raw(
      pg
        ? `${column} ~ '^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,12})?$'`
        : `length(${column}) BETWEEN 1 AND 25 AND ${column} NOT GLOB '*[^0-9.]*' AND ${column} GLOB '[0-9]*' AND ${column} NOT GLOB '*.*.*' AND ${column} NOT GLOB '*.'`,
    );
  const sha256Hex = (column: string) =>
    sql.raw(pg ? `${column} ~ '^[0-9a-f]{64}$'` : `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`);
  const strict = pg ? sql`` : sql`strict`;

  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('gateways')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        // The domain's Gateway object (gateways.ts) verbatim: fee and refund rules stay exactly as written.
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('instructions', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('gateways_id_slug', slug('id'))
        .addCheckConstraint('gateways_name_present', sql.raw('length(name) > 0'))
        .addCheckConstraint('gateways_rules_json', json('rules'))
        .addCheckConstraint('gateways_instructions_json', json('instructions'))
        .addCheckConstraint('gateways_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();

      // Mid rates as the decimal strings of gateways.ts Rates: never floats, so "0.1" stays one tenth.
      await db.schema
        .createTable('fx_rates')
        .addColumn('base', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('rate', 'text', (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('fx_rates_pk', ['base', 'currency'])
        .addCheckConstraint('fx_rates_base_iso4217', currency('base'))
        .addCheckConstraint('fx_rates_currency_iso4217', currency('currency'))
        .addCheckConstraint('fx_rates_not_self', sql.raw('base <> currency'))
        .addCheckConstraint('fx_rates_rate_decimal', decimal('rate'))
        .addCheckConstraint('fx_rates_as_of_iso', iso('as_of'))
        .modifyEnd(strict)
        .execute();

      // Several live secrets per gateway allow a rotation without downtime (signatures.ts accepts any one).
      await db.schema
        .createTable('gateway_secrets')
        .addColumn('gateway_id', 'text', (c) => c.notNull().references('gateways.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addPrimaryKeyConstraint('gateway_secrets_pk', ['gateway_id', 'version'])
        .addCheckConstraint('gateway_secrets_version_positive', sql.raw('version >= 1'))
        .addCheckConstraint('gateway_secrets_length', sql.raw('length(secret) >= 32'))
        .addCheckConstraint('gateway_secrets_created_at_iso', iso('created_at'))
        .addCheckConstraint('gateway_secrets_retired_at_iso', isoOrNull('retired_at'))
        .modifyEnd(strict)
        .execute();

      await db.schema
        .createTable('payment_intents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('buyer_id', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('gateway_id', 'text', (c) => c.notNull().references('gateways.id'))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('amount_due', money, (c) => c.notNull())
        .addColumn('breakdown', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('instructions', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('received_amount', money)
        .addColumn('received_currency', 'text')
        .addColumn('received_at', 'text')
        .addColumn('refund_amount', money)
        .addColumn('refund_cost', money)
        .addColumn('refunded_at', 'text')
        .addColumn('failure_code', 'text')
        .addColumn('idempotency_key', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('payment_intents_order_seq', ['order_id', 'seq'])
        .addCheckConstraint('payment_intents_seq_positive', sql.raw('seq >= 1'))
        .addCheckConstraint('payment_intents_currency_iso4217', currency('currency'))
        .addCheckConstraint('payment_intents_amount_due_positive', sql.raw('amount_due > 0'))
        .addCheckConstraint('payment_intents_breakdown_json', json('breakdown'))
        .addCheckConstraint('payment_intents_instructions_json', json('instructions'))
        .addCheckConstraint('payment_intents_status', oneOf('status', INTENT_STATUSES))
        .addCheckConstraint('payment_intents_failure_code', sql`failure_code IS NULL OR ${oneOf('failure_code', FAILURE_CODES)}`)
        .addCheckConstraint(
          'payment_intents_received_together',
          sql.raw('(received_amount IS NULL) = (received_currency IS NULL) AND (received_amount IS NULL) = (received_at IS NULL)'),
        )
        .addCheckConstraint('payment_intents_received_positive', sql.raw('received_amount IS NULL OR received_amount > 0'))
        .addCheckConstraint('payment_intents_received_currency', currencyOrNull('received_currency'))
        // The exact-amount rule's arithmetic, kept by the database too: what went back plus its cost is what came in.
        .addCheckConstraint(
          'payment_intents_refund_closes',
          sql.raw(
            '(refund_amount IS NULL AND refund_cost IS NULL AND refunded_at IS NULL) OR ' +
              '(refund_amount >= 0 AND refund_cost >= 0 AND refunded_at IS NOT NULL AND received_amount IS NOT NULL AND refund_amount + refund_cost = received_amount)',
          ),
        )
        .addCheckConstraint(
          'payment_intents_status_shape',
          sql.raw(
            "(status = 'awaiting_funds' AND received_amount IS NULL AND failure_code IS NULL) OR " +
              "(status = 'succeeded' AND received_amount IS NOT NULL AND refund_amount IS NULL AND failure_code IS NULL) OR " +
              "(status = 'failed' AND refund_amount IS NOT NULL AND failure_code IN ('amount_mismatch', 'currency_mismatch')) OR " +
              "(status = 'expired' AND failure_code = 'expired' AND (received_amount IS NULL) = (refund_amount IS NULL))",
          ),
        )
        .addCheckConstraint('payment_intents_expires_at_iso', iso('expires_at'))
        .addCheckConstraint('payment_intents_received_at_iso', isoOrNull('received_at'))
        .addCheckConstraint('payment_intents_refunded_at_iso', isoOrNull('refunded_at'))
        .addCheckConstraint('payment_intents_created_at_iso', iso('created_at'))
        .addCheckConstraint('payment_intents_updated_at_iso', iso('updated_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('payment_intents_by_order').on('payment_intents').columns(['order_id', 'created_at', 'id']).execute();
      // At most one intent per order is ever awaiting funds: the database backs the 409 of a second one.
      await sql.raw(`CREATE UNIQUE INDEX payment_intents_one_awaiting ON payment_intents (order_id) WHERE status = 'awaiting_funds'`).execute(db);

      await db.schema
        .createTable('gateway_events')
        .addColumn('gateway_id', 'text', (c) => c.notNull().references('gateways.id'))
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'integer', (c) => c.notNull())
        .addColumn('reference', 'text')
        .addColumn('amount', money, (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('intent_id', 'text', (c) => c.references('payment_intents.id'))
        .addColumn('order_id', 'text', (c) => c.references('orders.id'))
        .addColumn('processed_at', 'text', (c) => c.notNull())
        // Each gateway event is processed once: a retry or a replay of it finds this row and changes nothing.
        .addPrimaryKeyConstraint('gateway_events_pk', ['gateway_id', 'event_id'])
        .addCheckConstraint('gateway_events_event_id_present', sql.raw('length(event_id) BETWEEN 1 AND 128'))
        .addCheckConstraint('gateway_events_payload_json', json('payload'))
        .addCheckConstraint('gateway_events_amount_positive', sql.raw('amount > 0'))
        .addCheckConstraint('gateway_events_currency_iso4217', currency('currency'))
        .addCheckConstraint('gateway_events_outcome', oneOf('outcome', EVENT_OUTCOMES))
        .addCheckConstraint('gateway_events_matched', sql.raw(`(outcome = 'unmatched') = (intent_id IS NULL)`))
        .addCheckConstraint('gateway_events_received_at_iso', iso('received_at'))
        .addCheckConstraint('gateway_events_processed_at_iso', iso('processed_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('gateway_events_by_intent').on('gateway_events').columns(['intent_id']).execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('response_status', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['party_id', 'key'])
        .addCheckConstraint('idempotency_keys_key_length', sql.raw('length(key) BETWEEN 1 AND 255'))
        .addCheckConstraint('idempotency_keys_fingerprint_hex', sha256Hex('fingerprint'))
        .addCheckConstraint('idempotency_keys_response_together', sql.raw('(response_status IS NULL) = (response_body IS NULL)'))
        .addCheckConstraint('idempotency_keys_response_status', sql.raw('response_status IS NULL OR response_status BETWEEN 200 AND 299'))
        .addCheckConstraint('idempotency_keys_created_at_iso', iso('created_at'))
        .addCheckConstraint('idempotency_keys_expires_at_iso', iso('expires_at'))
        .addCheckConstraint('idempotency_keys_kept_a_day', sql.raw('expires_at > created_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('idempotency_keys_by_expiry').on('idempotency_keys').columns(['expires_at']).execute();

      await db.schema
        .createTable('disputes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('opened_by', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addCheckConstraint('disputes_reason_length', sql.raw('length(reason) BETWEEN 1 AND 2000'))
        .addCheckConstraint('disputes_status', oneOf('status', ['open', 'resolved']))
        .addCheckConstraint('disputes_resolution_json', jsonOrNull('resolution'))
        .addCheckConstraint('disputes_resolved_iff', sql.raw(`(status = 'resolved') = (resolution IS NOT NULL AND resolved_at IS NOT NULL)`))
        .addCheckConstraint('disputes_created_at_iso', iso('created_at'))
        .addCheckConstraint('disputes_resolved_at_iso', isoOrNull('resolved_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('disputes_by_order').on('disputes').columns(['order_id', 'created_at']).execute();
      await sql.raw(`CREATE UNIQUE INDEX disputes_one_open ON disputes (order_id) WHERE status = 'open'`).execute(db);

      await db.schema
        .createTable('ledger_transfers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('intent_id', 'text', (c) => c.references('payment_intents.id'))
        .addColumn('dispute_id', 'text', (c) => c.references('disputes.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('ledger_transfers_order_seq', ['order_id', 'seq'])
        .addCheckConstraint('ledger_transfers_seq_positive', sql.raw('seq >= 1'))
        .addCheckConstraint('ledger_transfers_kind', oneOf('kind', LEDGER_TRANSFER_KINDS))
        .addCheckConstraint('ledger_transfers_currency_iso4217', currency('currency'))
        .addCheckConstraint('ledger_transfers_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('ledger_transfers_by_order_currency').on('ledger_transfers').columns(['order_id', 'currency']).execute();

      // Entries are written before their transfer row (the FK is checked at commit), so the transfer's insert
      // trigger can see every entry and refuse an unbalanced transfer: zero-sum is the database's rule too.
      await db.schema
        .createTable('ledger_entries')
        .addColumn('transfer_id', 'text', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('amount', money, (c) => c.notNull())
        .addPrimaryKeyConstraint('ledger_entries_pk', ['transfer_id', 'account'])
        .addForeignKeyConstraint('ledger_entries_transfer', ['transfer_id'], 'ledger_transfers', ['id'], (fk) => fk.deferrable().initiallyDeferred())
        .addCheckConstraint('ledger_entries_account', oneOf('account', LEDGER_ACCOUNTS))
        .addCheckConstraint('ledger_entries_amount_nonzero', sql.raw('amount <> 0'))
        .modifyEnd(strict)
        .execute();

      for (const statement of ledgerTriggers(dialect, MONEY_APPEND_ONLY)) await sql.raw(statement).execute(db);
    },
  };
}
