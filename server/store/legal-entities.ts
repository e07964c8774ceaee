/** Parties' registered legal entities: the defaults a contract drafter prefills for seller and buyer. */
import type { LegalEntity } from '../schemas/terms.js';
import type { Queryable } from './db.js';
import { preparedQuery } from './prepared.js';

const toEntity = (row: { name: string; address: string; registration_no: string | null; country: string }): LegalEntity => ({
  name: row.name,
  address: row.address,
  ...(row.registration_no === null ? {} : { registration_no: row.registration_no }),
  country: row.country,
});

const legalEntityOf = preparedQuery((db, partyId: string) => db.selectFrom('party_legal_entities').selectAll().where('party_id', '=', partyId));

/** One party's legal entity, if it has one (`GET /v1/me` on every widget's start, so compiled once). */
export async function getLegalEntity(q: Queryable, partyId: string): Promise<LegalEntity | undefined> {
  const [row] = await legalEntityOf(q, partyId);
  return row && toEntity(row);
}

/** The legal entity of each given party that has one. */
export async function getLegalEntities(q: Queryable, partyIds: readonly string[]): Promise<Map<string, LegalEntity>> {
  if (partyIds.length === 0) return new Map();
  const rows = await q.db.selectFrom('party_legal_entities').selectAll().where('party_id', 'in', [...partyIds]).execute();
  return new Map(rows.map((r) => [r.party_id, toEntity(r)]));
}

/** Sets (or replaces) a party's legal entity. */
export async function putLegalEntity(q: Queryable, partyId: string, entity: LegalEntity, at: string): Promise<void> {
  const row = {
    name: entity.name,
    address: entity.address,
    registration_no: entity.registration_no ?? null,
    country: entity.country,
    updated_at: at,
  };
  await q.db
    .insertInto('party_legal_entities')
    .values({ party_id: partyId, ...row })
    .onConflict((oc) => oc.column('party_id').doUpdateSet(row))
    .execute();
}
