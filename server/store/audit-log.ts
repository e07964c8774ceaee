/** The contract audit log: append-only rows (the database refuses UPDATE and DELETE) and the chain anchor on the contract. */
import type { AuditEntry, AuditEvent } from '../domain/audit-chain.js';
import type { JsonValue } from '../domain/canonical-json.js';
import type { Queryable } from './db.js';

type AuditRow = { contract_id: string; seq: number; event: string; actor_id: string; at: string; data: string; prev_hash: string; hash: string };

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  contract_id: r.contract_id,
  event: r.event as AuditEvent,
  actor_id: r.actor_id,
  at: r.at,
  data: parseData(r.data),
  prev_hash: r.prev_hash,
  hash: r.hash,
});

/** A CHECK keeps `data` valid JSON; should it fail anyway the entry simply will not verify. */
function parseData(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** Every entry of a contract's log by seq, data parsed; what verify checks. */
export async function listAuditEntries(q: Queryable, contractId: string): Promise<AuditEntry[]> {
  const rows = await q.db.selectFrom('contract_audit_log').selectAll().where('contract_id', '=', contractId).orderBy('seq').execute();
  return rows.map(toEntry);
}

/** The entry the next one chains to; null for a contract with no log yet. */
export async function latestAuditEntry(q: Queryable, contractId: string): Promise<AuditEntry | null> {
  const row = await q.db
    .selectFrom('contract_audit_log')
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toEntry(row) : null;
}

/**
 * Appends one entry and moves the contract's anchor (head hash, length) with it, in the caller's
 * transaction, so the log and its anchor never disagree unless someone edits the database.
 */
export async function appendAuditEntry(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.db
    .insertInto('contract_audit_log')
    .values({
      contract_id: entry.contract_id,
      seq: entry.seq,
      event: entry.event,
      actor_id: entry.actor_id,
      at: entry.at,
      data: JSON.stringify(entry.data),
      prev_hash: entry.prev_hash,
      hash: entry.hash,
    })
    .execute();
  await q.db
    .updateTable('contracts')
    .set({ audit_head_hash: entry.hash, audit_length: entry.seq })
    .where('id', '=', entry.contract_id)
    .execute();
}
