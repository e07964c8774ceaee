/** Queries for contracts, their versions and the buyer's change requests. */
import type { Queryable } from './db.js';
import { afterKey, listScope, toPage, type DealListQuery, type DealSide, type Page } from './paging.js';
import type { ContractChangeRequestsTable, ContractStatus, ContractVersionsTable, ContractsTable } from './schema.js';

export interface ContractRecord extends ContractsTable {
  buyer_name: string;
  supplier_name: string;
  /** The purchase order's consensus (JSON Terms), which differences are shown against. */
  agreed_terms: string;
}

export type ContractVersionRow = ContractVersionsTable;
export type ChangeRequestRow = ContractChangeRequestsTable;

function selectWithNames(q: Queryable) {
  return q.db
    .selectFrom('contracts as c')
    .innerJoin('parties as b', 'b.id', 'c.buyer_id')
    .innerJoin('parties as s', 's.id', 'c.supplier_id')
    .innerJoin('purchase_orders as po', 'po.id', 'c.purchase_order_id')
    .selectAll('c')
    .select(['b.name as buyer_name', 's.name as supplier_name', 'po.terms as agreed_terms']);
}

/** A contract only if `partyId` is its buyer or supplier. */
export async function getContractFor(q: Queryable, partyId: string, id: string): Promise<ContractRecord | undefined> {
  return selectWithNames(q)
    .where('c.id', '=', id)
    .where((eb) => eb.or([eb('c.buyer_id', '=', partyId), eb('c.supplier_id', '=', partyId)]))
    .executeTakeFirst();
}

/** Row lock on Postgres: a concurrent send, request or confirm waits and then sees this one's result. */
export async function lockContract(q: Queryable, id: string): Promise<void> {
  await q.db
    .selectFrom('contracts')
    .select('id')
    .where('id', '=', id)
    .$if(q.dialect === 'postgres', (qb) => qb.forUpdate())
    .execute();
}

export async function insertContract(q: Queryable, row: ContractsTable): Promise<void> {
  await q.db.insertInto('contracts').values(row).execute();
}

export async function updateContract(
  q: Queryable,
  id: string,
  changes: Partial<Omit<ContractsTable, 'id' | 'purchase_order_id' | 'negotiation_id' | 'buyer_id' | 'supplier_id' | 'created_at'>>,
): Promise<void> {
  await q.db.updateTable('contracts').set(changes).where('id', '=', id).execute();
}

export async function listVersions(q: Queryable, contractId: string): Promise<ContractVersionRow[]> {
  return q.db.selectFrom('contract_versions').selectAll().where('contract_id', '=', contractId).orderBy('version').execute();
}

/** The current version of each contract given, for list pages. */
export async function currentVersions(q: Queryable, contracts: ReadonlyArray<{ id: string; current_version: number }>): Promise<Map<string, ContractVersionRow>> {
  if (contracts.length === 0) return new Map();
  const rows = await q.db
    .selectFrom('contract_versions as v')
    .innerJoin('contracts as c', (join) => join.onRef('c.id', '=', 'v.contract_id').onRef('c.current_version', '=', 'v.version'))
    .selectAll('v')
    .where('v.contract_id', 'in', contracts.map((c) => c.id))
    .execute();
  return new Map(rows.map((r) => [r.contract_id, r]));
}

export async function insertVersion(q: Queryable, row: ContractVersionRow): Promise<void> {
  await q.db.insertInto('contract_versions').values(row).execute();
}

export async function updateVersion(
  q: Queryable,
  contractId: string,
  version: number,
  changes: Pick<ContractVersionRow, 'content' | 'updated_at' | 'sent_at'>,
): Promise<void> {
  await q.db.updateTable('contract_versions').set(changes).where('contract_id', '=', contractId).where('version', '=', version).execute();
}

export async function listChangeRequests(q: Queryable, contractId: string): Promise<ChangeRequestRow[]> {
  return q.db.selectFrom('contract_change_requests').selectAll().where('contract_id', '=', contractId).orderBy('seq').execute();
}

export async function insertChangeRequest(q: Queryable, row: ChangeRequestRow): Promise<void> {
  await q.db.insertInto('contract_change_requests').values(row).execute();
}

/** The buyer's contracts to review or the supplier's drafts, newest first. */
export async function listContracts(q: Queryable, side: DealSide, query: DealListQuery): Promise<Page<ContractRecord>> {
  const limit = query.limit ?? 20;
  const scope = listScope('contracts', side, query.status);
  const key = afterKey(query.cursor, scope);
  const rows = await selectWithNames(q)
    .$if('buyer_id' in side, (qb) => qb.where('c.buyer_id', '=', (side as { buyer_id: string }).buyer_id))
    .$if('supplier_id' in side, (qb) => qb.where('c.supplier_id', '=', (side as { supplier_id: string }).supplier_id))
    .$if(query.status !== undefined, (qb) => qb.where('c.status', '=', query.status as ContractStatus))
    .$if(key !== undefined, (qb) => qb.where((eb) => eb(eb.refTuple('c.created_at', 'c.id'), '<', eb.tuple(key![0], key![1]))))
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, scope);
}
