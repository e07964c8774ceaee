/** Queries for negotiations and their offers. */
import type { Queryable } from './db.js';
import { afterKey, listScope, toPage, type DealListQuery, type DealSide, type Page } from './paging.js';
import type { NegotiationsTable, OffersTable } from './schema.js';

export interface NegotiationRecord extends NegotiationsTable {
  buyer_name: string;
  supplier_name: string;
  /** The e-PO issued from it, if any. */
  purchase_order_id: string | null;
}

export type OfferRow = OffersTable;

function selectWithNames(q: Queryable) {
  return q.db
    .selectFrom('negotiations as n')
    .innerJoin('parties as b', 'b.id', 'n.buyer_id')
    .innerJoin('parties as s', 's.id', 'n.supplier_id')
    .leftJoin('purchase_orders as po', 'po.negotiation_id', 'n.id')
    .selectAll('n')
    .select(['b.name as buyer_name', 's.name as supplier_name', 'po.id as purchase_order_id']);
}

/** A negotiation only if `partyId` is its buyer or supplier; anyone else gets nothing. */
export async function getNegotiationFor(q: Queryable, partyId: string, id: string): Promise<NegotiationRecord | undefined> {
  return selectWithNames(q)
    .where('n.id', '=', id)
    .where((eb) => eb.or([eb('n.buyer_id', '=', partyId), eb('n.supplier_id', '=', partyId)]))
    .executeTakeFirst();
}

/**
 * Serialises state changes of one negotiation for the rest of the transaction: on Postgres a row lock
 * (a concurrent offer or accept waits, then sees this one's result); SQLite runs one writer at a time.
 */
export async function lockNegotiation(q: Queryable, id: string): Promise<void> {
  await q.db
    .selectFrom('negotiations')
    .select('id')
    .where('id', '=', id)
    .$if(q.dialect === 'postgres', (qb) => qb.forUpdate())
    .execute();
}

export async function listOffers(q: Queryable, negotiationId: string): Promise<OfferRow[]> {
  return q.db.selectFrom('offers').selectAll().where('negotiation_id', '=', negotiationId).orderBy('seq').execute();
}

/** The offers of several negotiations (a list page), oldest first within each. */
export async function offersOf(q: Queryable, negotiationIds: readonly string[]): Promise<Map<string, OfferRow[]>> {
  const byNegotiation = new Map<string, OfferRow[]>(negotiationIds.map((id) => [id, []]));
  if (negotiationIds.length === 0) return byNegotiation;
  const rows = await q.db
    .selectFrom('offers')
    .selectAll()
    .where('negotiation_id', 'in', [...negotiationIds])
    .orderBy('negotiation_id')
    .orderBy('seq')
    .execute();
  for (const row of rows) byNegotiation.get(row.negotiation_id)?.push(row);
  return byNegotiation;
}

export async function insertNegotiation(q: Queryable, row: NegotiationsTable): Promise<void> {
  await q.db.insertInto('negotiations').values(row).execute();
}

export async function insertOffer(q: Queryable, row: OfferRow): Promise<void> {
  await q.db.insertInto('offers').values(row).execute();
}

export async function updateNegotiation(
  q: Queryable,
  id: string,
  changes: Pick<NegotiationsTable, 'status' | 'accepted_offer_seq' | 'accepted_by' | 'closed_at' | 'updated_at'>,
): Promise<void> {
  await q.db.updateTable('negotiations').set(changes).where('id', '=', id).execute();
}

/** The buyer's own negotiations or the supplier's inbox, newest first. */
export async function listNegotiations(q: Queryable, side: DealSide, query: DealListQuery): Promise<Page<NegotiationRecord>> {
  const limit = query.limit ?? 20;
  const scope = listScope('negotiations', side, query.status);
  const key = afterKey(query.cursor, scope);
  const rows = await selectWithNames(q)
    .$if('buyer_id' in side, (qb) => qb.where('n.buyer_id', '=', (side as { buyer_id: string }).buyer_id))
    .$if('supplier_id' in side, (qb) => qb.where('n.supplier_id', '=', (side as { supplier_id: string }).supplier_id))
    .$if(query.status !== undefined, (qb) => qb.where('n.status', '=', query.status as NegotiationsTable['status']))
    .$if(key !== undefined, (qb) => qb.where((eb) => eb(eb.refTuple('n.created_at', 'n.id'), '<', eb.tuple(key![0], key![1]))))
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, scope);
}
