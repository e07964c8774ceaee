/** Negotiations and offers, purchase orders, contracts with versions and an append-only audit log, orders and their timeline. */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../db.js';

/** ISO-8601 UTC as written by `Date#toISOString()`; hashed timestamps must read back byte for byte. */
const iso = (column: string) => sql.raw(`${column} LIKE '____-__-__T__:__:__%Z'`);
const isoOrNull = (column: string) => sql.raw(`${column} IS NULL OR ${column} LIKE '____-__-__T__:__:__%Z'`);
const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);

const PARTIES = ['buyer', 'supplier'] as const;
const AUDIT_EVENTS = ['drafted', 'revised', 'sent', 'changes_requested', 'confirmed'] as const;

export function contracts(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const money = pg ? 'bigint' : 'integer';
  const json = (column: string) => sql.raw(pg ? `(${column}::json) IS NOT NULL` : `json_valid(${column})`);
  // Lower-case hex of a SHA-256; SQLite has no regular expressions, GLOB does the same job.
  const sha256Hex = (column: string) =>
    sql.raw(pg ? `${column} ~ '^[0-9a-f]{64}$'` : `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`);
  // Order states grow with later issues (payment, fulfilment); a slug check keeps them sane without a
  // list that SQLite could only change by rebuilding the table.
  const slug = (column: string) =>
    sql.raw(pg ? `${column} ~ '^[a-z][a-z_]*$'` : `length(${column}) > 0 AND ${column} NOT GLOB '*[^a-z_]*'`);
  const strict = pg ? sql`` : sql`strict`;
  const currency = (column: string) => sql.raw(`length(${column}) = 3 AND ${column} = upper(${column})`);

  /** The two indexes each side's list (newest first, optionally by status) walks. */
  const listIndexes = async (db: Kysely<any>, table: string) => {
    for (const side of ['buyer_id', 'supplier_id']) {
      const short = side.replace('_id', '');
      await db.schema.createIndex(`${table}_by_${short}`).on(table).columns([side, 'created_at', 'id']).execute();
      await db.schema.createIndex(`${table}_by_${short}_status`).on(table).columns([side, 'status', 'created_at', 'id']).execute();
    }
  };

  return {
    async up(db: Kysely<any>) {
      /** A table between a buyer and a supplier: its id and both sides. */
      const deal = (table: string) =>
        db.schema
          .createTable(table)
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('buyer_id', 'text', (c) => c.notNull().references('parties.id'))
          .addColumn('supplier_id', 'text', (c) => c.notNull().references('parties.id'))
          .addCheckConstraint(`${table}_distinct_parties`, sql.raw('buyer_id <> supplier_id'));

      await deal('negotiations')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('accepted_offer_seq', 'integer')
        .addColumn('accepted_by', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('negotiations_status', oneOf('status', ['open', 'accepted', 'withdrawn']))
        .addCheckConstraint('negotiations_accepted_by', sql`accepted_by IS NULL OR ${oneOf('accepted_by', PARTIES)}`)
        .addCheckConstraint(
          'negotiations_accepted_iff_consensus',
          sql.raw(`(status = 'accepted') = (accepted_offer_seq IS NOT NULL AND accepted_by IS NOT NULL)`),
        )
        .addCheckConstraint('negotiations_closed_iff_not_open', sql.raw(`(status = 'open') = (closed_at IS NULL)`))
        .addCheckConstraint('negotiations_created_at_iso', iso('created_at'))
        .addCheckConstraint('negotiations_updated_at_iso', iso('updated_at'))
        .addCheckConstraint('negotiations_closed_at_iso', isoOrNull('closed_at'))
        .modifyEnd(strict)
        .execute();
      await listIndexes(db, 'negotiations');

      await db.schema
        .createTable('offers')
        .addColumn('negotiation_id', 'text', (c) => c.notNull().references('negotiations.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('by', 'text', (c) => c.notNull())
        .addColumn('terms', 'text', (c) => c.notNull())
        .addColumn('products', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('offers_pk', ['negotiation_id', 'seq'])
        .addCheckConstraint('offers_seq_positive', sql.raw('seq >= 1'))
        .addCheckConstraint('offers_by', oneOf('"by"', PARTIES))
        .addCheckConstraint('offers_terms_json', json('terms'))
        .addCheckConstraint('offers_products_json', json('products'))
        .addCheckConstraint('offers_message_length', sql.raw('message IS NULL OR length(message) BETWEEN 1 AND 2000'))
        .addCheckConstraint('offers_at_iso', iso('at'))
        .modifyEnd(strict)
        .execute();

      await deal('purchase_orders')
        .addColumn('negotiation_id', 'text', (c) => c.notNull().unique().references('negotiations.id'))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('issued'))
        .addColumn('accepted_offer_seq', 'integer', (c) => c.notNull())
        .addColumn('terms', 'text', (c) => c.notNull())
        .addColumn('products', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('subtotal', money, (c) => c.notNull())
        .addColumn('deposit_amount', money, (c) => c.notNull())
        .addColumn('balance_amount', money, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // The consensus is exactly one offer of this negotiation.
        .addForeignKeyConstraint('purchase_orders_accepted_offer', ['negotiation_id', 'accepted_offer_seq'], 'offers', ['negotiation_id', 'seq'])
        .addCheckConstraint('purchase_orders_status', oneOf('status', ['issued', 'contract_drafted', 'contract_confirmed']))
        .addCheckConstraint('purchase_orders_terms_json', json('terms'))
        .addCheckConstraint('purchase_orders_products_json', json('products'))
        .addCheckConstraint('purchase_orders_currency_iso4217', currency('currency'))
        .addCheckConstraint(
          'purchase_orders_totals',
          sql.raw('deposit_amount >= 0 AND balance_amount >= 0 AND deposit_amount + balance_amount = subtotal'),
        )
        .addCheckConstraint('purchase_orders_created_at_iso', iso('created_at'))
        .addCheckConstraint('purchase_orders_updated_at_iso', iso('updated_at'))
        .modifyEnd(strict)
        .execute();
      await listIndexes(db, 'purchase_orders');

      await deal('contracts')
        .addColumn('purchase_order_id', 'text', (c) => c.notNull().unique().references('purchase_orders.id'))
        .addColumn('negotiation_id', 'text', (c) => c.notNull().references('negotiations.id'))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
        .addColumn('current_version', 'integer', (c) => c.notNull())
        .addColumn('signer_name', 'text')
        .addColumn('confirmed_at', 'text')
        .addColumn('canonical_json', 'text')
        .addColumn('digest', 'text')
        // No foreign key: orders.contract_id already points here, and a cycle would need deferred checks.
        .addColumn('order_id', 'text')
        .addColumn('audit_head_hash', 'text', (c) => c.notNull())
        .addColumn('audit_length', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('contracts_status', oneOf('status', ['draft', 'sent', 'changes_requested', 'confirmed']))
        .addCheckConstraint('contracts_current_version_positive', sql.raw('current_version >= 1'))
        .addCheckConstraint(
          'contracts_confirmed_iff_evidence',
          sql.raw(
            `(status = 'confirmed') = (signer_name IS NOT NULL AND confirmed_at IS NOT NULL AND canonical_json IS NOT NULL AND digest IS NOT NULL AND order_id IS NOT NULL)`,
          ),
        )
        .addCheckConstraint('contracts_signer_name_present', sql.raw('signer_name IS NULL OR length(signer_name) > 0'))
        .addCheckConstraint('contracts_canonical_json', sql`canonical_json IS NULL OR ${json('canonical_json')}`)
        .addCheckConstraint('contracts_digest_hex', sql`digest IS NULL OR (${sha256Hex('digest')})`)
        .addCheckConstraint('contracts_audit_head_hex', sha256Hex('audit_head_hash'))
        .addCheckConstraint('contracts_audit_length', sql.raw('audit_length >= 0'))
        .addCheckConstraint('contracts_confirmed_at_iso', isoOrNull('confirmed_at'))
        .addCheckConstraint('contracts_created_at_iso', iso('created_at'))
        .addCheckConstraint('contracts_updated_at_iso', iso('updated_at'))
        .modifyEnd(strict)
        .execute();
      await listIndexes(db, 'contracts');

      await db.schema
        .createTable('contract_versions')
        .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addPrimaryKeyConstraint('contract_versions_pk', ['contract_id', 'version'])
        .addCheckConstraint('contract_versions_version_positive', sql.raw('version >= 1'))
        .addCheckConstraint('contract_versions_content_json', json('content'))
        .addCheckConstraint('contract_versions_created_at_iso', iso('created_at'))
        .addCheckConstraint('contract_versions_updated_at_iso', iso('updated_at'))
        .addCheckConstraint('contract_versions_sent_at_iso', isoOrNull('sent_at'))
        .modifyEnd(strict)
        .execute();

      await db.schema
        .createTable('contract_change_requests')
        .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('buyer_id', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('contract_change_requests_pk', ['contract_id', 'seq'])
        .addForeignKeyConstraint('contract_change_requests_version', ['contract_id', 'version'], 'contract_versions', ['contract_id', 'version'])
        .addCheckConstraint('contract_change_requests_comment_present', sql.raw('length(comment) > 0'))
        .addCheckConstraint('contract_change_requests_at_iso', iso('at'))
        .modifyEnd(strict)
        .execute();

      await db.schema
        .createTable('contract_audit_log')
        .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('contract_audit_log_pk', ['contract_id', 'seq'])
        .addCheckConstraint('contract_audit_log_seq_positive', sql.raw('seq >= 1'))
        .addCheckConstraint('contract_audit_log_event', oneOf('event', AUDIT_EVENTS))
        .addCheckConstraint('contract_audit_log_data_json', json('data'))
        .addCheckConstraint('contract_audit_log_prev_hash_hex', sha256Hex('prev_hash'))
        .addCheckConstraint('contract_audit_log_hash_hex', sha256Hex('hash'))
        .addCheckConstraint('contract_audit_log_at_iso', iso('at'))
        .modifyEnd(strict)
        .execute();

      await db.schema
        .createTable('party_legal_entities')
        .addColumn('party_id', 'text', (c) => c.primaryKey().references('parties.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('registration_no', 'text')
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('party_legal_entities_name_present', sql.raw('length(name) > 0'))
        .addCheckConstraint('party_legal_entities_address_present', sql.raw('length(address) > 0'))
        .addCheckConstraint('party_legal_entities_country', sql.raw('length(country) = 2 AND country = upper(country)'))
        .addCheckConstraint('party_legal_entities_updated_at_iso', iso('updated_at'))
        .modifyEnd(strict)
        .execute();

      await deal('orders')
        .addColumn('contract_id', 'text', (c) => c.notNull().unique().references('contracts.id'))
        .addColumn('purchase_order_id', 'text', (c) => c.notNull().unique().references('purchase_orders.id'))
        .addColumn('negotiation_id', 'text', (c) => c.notNull().references('negotiations.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('payment_status', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('total', money, (c) => c.notNull())
        .addColumn('deposit_amount', money, (c) => c.notNull())
        .addColumn('balance_amount', money, (c) => c.notNull())
        .addColumn('agreements', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('orders_status_slug', slug('status'))
        .addCheckConstraint('orders_payment_status_slug', slug('payment_status'))
        .addCheckConstraint('orders_currency_iso4217', currency('currency'))
        .addCheckConstraint('orders_totals', sql.raw('deposit_amount >= 0 AND balance_amount >= 0 AND deposit_amount + balance_amount = total'))
        .addCheckConstraint('orders_agreements_json', json('agreements'))
        .addCheckConstraint('orders_created_at_iso', iso('created_at'))
        .addCheckConstraint('orders_updated_at_iso', iso('updated_at'))
        .modifyEnd(strict)
        .execute();
      await listIndexes(db, 'orders');

      await db.schema
        .createTable('order_events')
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.references('parties.id'))
        .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
        .addPrimaryKeyConstraint('order_events_pk', ['order_id', 'seq'])
        .addCheckConstraint('order_events_seq_positive', sql.raw('seq >= 1'))
        .addCheckConstraint('order_events_code_slug', slug('code'))
        .addCheckConstraint('order_events_details_json', json('details'))
        .addCheckConstraint('order_events_at_iso', iso('at'))
        .modifyEnd(strict)
        .execute();

      for (const table of APPEND_ONLY) {
        for (const statement of pg ? postgresAppendOnly(table) : sqliteAppendOnly(table)) await sql.raw(statement).execute(db);
      }
    },
  };
}

/** Evidence and timelines are written once: the database itself refuses to change or remove a row. */
export const APPEND_ONLY = ['contract_audit_log', 'order_events'] as const;

const sqliteAppendOnly = (table: string) => [
  `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
];

const postgresAppendOnly = (table: string) => [
  // CREATE OR REPLACE: one function serves every append-only table.
  `CREATE OR REPLACE FUNCTION k100_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
   END $$`,
  `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION k100_refuse_change()`,
  `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION k100_refuse_change()`,
];
