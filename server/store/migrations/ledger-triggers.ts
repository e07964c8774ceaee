/**
 * The ledger rules the database enforces itself, on SQLite and Postgres alike: entries and transfers are
 * append-only, a transfer is closed once its row exists, and a transfer's insert is refused unless its
 * entries number at least two, sum to zero, and leave no non-overdraftable account of the order negative.
 */

export const LEDGER_ACCOUNTS = ['buyer_funding', 'gateway_clearing', 'platform_fees', 'fx', 'escrow', 'supplier_released', 'refunds'] as const;
/** The world outside the trust account (ledger.ts OVERDRAFTABLE): the only accounts allowed below zero. */
export const OVERDRAFTABLE_ACCOUNTS = ['buyer_funding', 'fx'] as const;

const overdraftable = OVERDRAFTABLE_ACCOUNTS.map((a) => `'${a}'`).join(', ');

/** The balance of `account` for the new transfer's order and currency before it, plus its new entry. */
const balanceAfter = (entry: string, newRow: string) =>
  `${entry}.amount + coalesce((SELECT sum(x.amount) FROM ledger_entries x JOIN ledger_transfers t ON t.id = x.transfer_id ` +
  `WHERE t.order_id = ${newRow}.order_id AND t.currency = ${newRow}.currency AND x.account = ${entry}.account), 0)`;

function sqlite(appendOnly: readonly string[]): string[] {
  return [
    ...appendOnly.flatMap((table) => [
      `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
    ]),
    `CREATE TRIGGER ledger_entries_transfer_open BEFORE INSERT ON ledger_entries
     WHEN EXISTS (SELECT 1 FROM ledger_transfers WHERE id = NEW.transfer_id)
     BEGIN SELECT RAISE(ABORT, 'ledger transfer is closed: entries cannot be added to it'); END`,
    `CREATE TRIGGER ledger_transfers_balanced BEFORE INSERT ON ledger_transfers
     BEGIN
       SELECT RAISE(ABORT, 'ledger transfer must have at least two entries summing to zero')
       WHERE (SELECT count(*) FROM ledger_entries WHERE transfer_id = NEW.id) < 2
          OR (SELECT sum(amount) FROM ledger_entries WHERE transfer_id = NEW.id) <> 0;
       SELECT RAISE(ABORT, 'ledger transfer would overdraw an account')
       WHERE EXISTS (SELECT 1 FROM ledger_entries n WHERE n.transfer_id = NEW.id AND n.account NOT IN (${overdraftable})
                     AND ${balanceAfter('n', 'NEW')} < 0);
     END`,
  ];
}

function postgres(appendOnly: readonly string[]): string[] {
  return [
    // The same function 0002 created; CREATE OR REPLACE keeps this migration runnable on its own.
    `CREATE OR REPLACE FUNCTION k100_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
     END $$`,
    ...appendOnly.flatMap((table) => [
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION k100_refuse_change()`,
      `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION k100_refuse_change()`,
    ]),
    `CREATE FUNCTION k100_ledger_entry_open() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF EXISTS (SELECT 1 FROM ledger_transfers WHERE id = NEW.transfer_id) THEN
         RAISE EXCEPTION 'ledger transfer % is closed: entries cannot be added to it', NEW.transfer_id USING ERRCODE = 'check_violation';
       END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER ledger_entries_transfer_open BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION k100_ledger_entry_open()`,
    `CREATE FUNCTION k100_ledger_transfer_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE
       n integer;
       total numeric;
       overdrawn text;
     BEGIN
       SELECT count(*), coalesce(sum(amount), 0) INTO n, total FROM ledger_entries WHERE transfer_id = NEW.id;
       IF n < 2 OR total <> 0 THEN
         RAISE EXCEPTION 'ledger transfer % must have at least two entries summing to zero (% entries, sum %)', NEW.id, n, total
           USING ERRCODE = 'check_violation';
       END IF;
       SELECT e.account INTO overdrawn FROM ledger_entries e
        WHERE e.transfer_id = NEW.id AND e.account NOT IN (${overdraftable}) AND ${balanceAfter('e', 'NEW')} < 0
        LIMIT 1;
       IF overdrawn IS NOT NULL THEN
         RAISE EXCEPTION 'ledger transfer % would overdraw %', NEW.id, overdrawn USING ERRCODE = 'check_violation';
       END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER ledger_transfers_balanced BEFORE INSERT ON ledger_transfers FOR EACH ROW EXECUTE FUNCTION k100_ledger_transfer_balanced()`,
  ];
}

export const ledgerTriggers = (dialect: 'sqlite' | 'postgres', appendOnly: readonly string[]): string[] =>
  dialect === 'postgres' ? postgres(appendOnly) : sqlite(appendOnly);
