/**
 * Contract amendments (a discrepancy's second way out): the amendments table, and the two frozen lists that
 * must grow for them, the audit log's events and the ledger's transfer kinds.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../db.js';
import { LEDGER_TRANSFER_KINDS as KINDS_0003 } from './0003_payments.js';
import { ledgerTriggers } from './ledger-triggers.js';

const iso = (column: string) => sql.raw(`${column} LIKE '____-__-__T__:__:__%Z'`);
const isoOrNull = (column: string) => sql.raw(`${column} IS NULL OR ${column} LIKE '____-__-__T__:__:__%Z'`);
const inList = (column: string, values: readonly string[]) => `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;

/** Copies as of 0002/0003 and what this migration makes of them; frozen like theirs (a test compares with the domain). */
const AUDIT_EVENTS_0002 = ['drafted', 'revised', 'sent', 'changes_requested', 'confirmed'] as const;
export const AUDIT_EVENTS = [...AUDIT_EVENTS_0002, 'amendment_proposed', 'amendment_confirmed', 'amendment_declined'] as const;
export const LEDGER_TRANSFER_KINDS = [...KINDS_0003, 'amendment_refunded'] as const;

export const AMENDMENT_STATUSES = ['proposed', 'confirmed', 'declined'] as const;

export function amendments(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const money = pg ? 'bigint' : 'integer';
  const json = (column: string) => sql.raw(pg ? `(${column}::json) IS NOT NULL` : `json_valid(${column})`);
  const sha256HexOrNull = (column: string) =>
    sql.raw(pg ? `${column} IS NULL OR ${column} ~ '^[0-9a-f]{64}$'` : `${column} IS NULL OR (length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*')`);
  const strict = pg ? sql`` : sql`strict`;

  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('contract_amendments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        // JSON AmendmentItem[]: every line of the contract with its quantity before and after.
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('total_before', money, (c) => c.notNull())
        .addColumn('total_after', money, (c) => c.notNull())
        .addColumn('refund_amount', money, (c) => c.notNull())
        .addColumn('proposed_by', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        // The buyer's answer: confirmation with its evidence, or a decline with a comment.
        .addColumn('signer_name', 'text')
        .addColumn('confirmed_at', 'text')
        .addColumn('canonical_json', 'text')
        .addColumn('digest', 'text')
        .addColumn('declined_at', 'text')
        .addColumn('decline_comment', 'text')
        .addUniqueConstraint('contract_amendments_contract_number', ['contract_id', 'number'])
        .addCheckConstraint('contract_amendments_number_positive', sql.raw('number >= 1'))
        .addCheckConstraint('contract_amendments_status', sql.raw(inList('status', AMENDMENT_STATUSES)))
        .addCheckConstraint('contract_amendments_items_json', json('items'))
        .addCheckConstraint('contract_amendments_currency', sql.raw('length(currency) = 3 AND currency = upper(currency)'))
        .addCheckConstraint(
          'contract_amendments_amounts',
          sql.raw('total_after >= 0 AND refund_amount >= 0 AND total_before = total_after + refund_amount'),
        )
        .addCheckConstraint(
          'contract_amendments_confirmed_iff_evidence',
          sql.raw(`(status = 'confirmed') = (signer_name IS NOT NULL AND confirmed_at IS NOT NULL AND canonical_json IS NOT NULL AND digest IS NOT NULL)`),
        )
        .addCheckConstraint('contract_amendments_declined_iff_answer', sql.raw(`(status = 'declined') = (declined_at IS NOT NULL AND decline_comment IS NOT NULL)`))
        .addCheckConstraint('contract_amendments_digest_hex', sha256HexOrNull('digest'))
        .addCheckConstraint('contract_amendments_created_at_iso', iso('created_at'))
        .addCheckConstraint('contract_amendments_confirmed_at_iso', isoOrNull('confirmed_at'))
        .addCheckConstraint('contract_amendments_declined_at_iso', isoOrNull('declined_at'))
        .modifyEnd(strict)
        .execute();
      // At most one proposal waits for the buyer per order: the rule `amendment_pending` reports, kept by the database too.
      await sql.raw(`CREATE UNIQUE INDEX contract_amendments_one_pending ON contract_amendments (order_id) WHERE status = 'proposed'`).execute(db);
      await db.schema.createIndex('contract_amendments_by_order').on('contract_amendments').columns(['order_id', 'number']).execute();
      for (const statement of answeredIsFinal(dialect)) await sql.raw(statement).execute(db);

      if (pg) {
        await widenCheckPostgres(db, 'contract_audit_log', 'contract_audit_log_event', inList('event', AUDIT_EVENTS));
        await widenCheckPostgres(db, 'ledger_transfers', 'ledger_transfers_kind', inList('kind', LEDGER_TRANSFER_KINDS));
        return;
      }
      await widenAuditEventsSqlite(db);
      await widenTransferKindsSqlite(db);
    },
  };
}

/** An answered amendment is evidence (or a recorded refusal): the database refuses to change or remove it. */
function answeredIsFinal(dialect: Dialect): string[] {
  if (dialect === 'postgres') {
    return [
      `CREATE FUNCTION k100_amendment_final() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' OR OLD.status <> 'proposed' THEN
           RAISE EXCEPTION 'contract amendment % is answered and final', OLD.id USING ERRCODE = 'restrict_violation';
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER contract_amendments_final BEFORE UPDATE OR DELETE ON contract_amendments FOR EACH ROW EXECUTE FUNCTION k100_amendment_final()`,
    ];
  }
  return [
    `CREATE TRIGGER contract_amendments_final BEFORE UPDATE ON contract_amendments WHEN OLD.status <> 'proposed'
     BEGIN SELECT RAISE(ABORT, 'contract amendment is answered and final'); END`,
    `CREATE TRIGGER contract_amendments_no_delete BEFORE DELETE ON contract_amendments
     BEGIN SELECT RAISE(ABORT, 'contract amendments are never deleted'); END`,
  ];
}

async function widenCheckPostgres(db: Kysely<any>, table: string, constraint: string, check: string): Promise<void> {
  await sql.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}, ADD CONSTRAINT ${constraint} CHECK (${check})`).execute(db);
}

/*
 * SQLite cannot alter a CHECK constraint: the table is rebuilt (its documented procedure), keeping every other
 * part of its stored definition byte for byte. Migrations run inside one transaction with foreign keys on, so a
 * parent table cannot simply be dropped while children point at it: the ledger's entries are rebuilt with
 * their transfers, pointing at the new table from the start. Triggers go with a dropped table; they are
 * recreated after the rename from the same definitions the earlier migrations used.
 */

async function tableSql(db: Kysely<any>, name: string): Promise<string> {
  const row = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${name}`.execute(db);
  const text = row.rows[0]?.sql;
  if (!text) throw new Error(`no table ${name}`);
  return text;
}

/** `text` with `from` replaced by `to`, which must occur exactly once: anything else means the schema is not what 0002/0003 made. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`migration 0006: expected exactly one "${from}" in ${text.slice(0, 60)}…`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const run = (db: Kysely<any>, statement: string) => sql.raw(statement).execute(db);

async function widenAuditEventsSqlite(db: Kysely<any>): Promise<void> {
  let ddl = await tableSql(db, 'contract_audit_log');
  ddl = replaceOnce(ddl, 'CREATE TABLE "contract_audit_log"', 'CREATE TABLE "contract_audit_log_0006"');
  ddl = replaceOnce(ddl, inList('event', AUDIT_EVENTS_0002), inList('event', AUDIT_EVENTS));
  await run(db, ddl);
  await run(db, 'INSERT INTO contract_audit_log_0006 SELECT * FROM contract_audit_log');
  await run(db, 'DROP TABLE contract_audit_log');
  await run(db, 'ALTER TABLE contract_audit_log_0006 RENAME TO contract_audit_log');
  // As 0002 made them: the log is append-only.
  await run(db, `CREATE TRIGGER contract_audit_log_no_update BEFORE UPDATE ON contract_audit_log BEGIN SELECT RAISE(ABORT, 'contract_audit_log is append-only'); END`);
  await run(db, `CREATE TRIGGER contract_audit_log_no_delete BEFORE DELETE ON contract_audit_log BEGIN SELECT RAISE(ABORT, 'contract_audit_log is append-only'); END`);
}

async function widenTransferKindsSqlite(db: Kysely<any>): Promise<void> {
  let transfers = await tableSql(db, 'ledger_transfers');
  transfers = replaceOnce(transfers, 'CREATE TABLE "ledger_transfers"', 'CREATE TABLE "ledger_transfers_0006"');
  transfers = replaceOnce(transfers, inList('kind', KINDS_0003), inList('kind', LEDGER_TRANSFER_KINDS));
  let entries = await tableSql(db, 'ledger_entries');
  entries = replaceOnce(entries, 'CREATE TABLE "ledger_entries"', 'CREATE TABLE "ledger_entries_0006"');
  entries = replaceOnce(entries, 'references "ledger_transfers"', 'references "ledger_transfers_0006"');
  await run(db, transfers);
  await run(db, entries);
  await run(db, 'INSERT INTO ledger_transfers_0006 SELECT * FROM ledger_transfers');
  await run(db, 'INSERT INTO ledger_entries_0006 SELECT * FROM ledger_entries');
  // Children first, so dropping the old transfers leaves no entry pointing at a missing row.
  await run(db, 'DROP TABLE ledger_entries');
  await run(db, 'DROP TABLE ledger_transfers');
  // Renaming rewrites the entries' foreign key to the final name as well.
  await run(db, 'ALTER TABLE ledger_transfers_0006 RENAME TO ledger_transfers');
  await run(db, 'ALTER TABLE ledger_entries_0006 RENAME TO ledger_entries');
  await run(db, 'CREATE INDEX "ledger_transfers_by_order_currency" on "ledger_transfers" ("order_id", "currency")');
  for (const statement of ledgerTriggers('sqlite', ['ledger_transfers', 'ledger_entries'])) await run(db, statement);
}
