/** Queries for partners (keys, allowed origins) and their parties (buyers, suppliers, operators). */
import { parseAllowedOrigins } from '../auth/origins.js';
import type { Queryable } from './db.js';
import { preparedQuery } from './prepared.js';
import type { PartyKind } from './schema.js';

export interface PartnerRef {
  id: string;
  name: string;
  /** Exact origins or `scheme://host:*` patterns (see `auth/origins.ts`). */
  allowedOrigins: string[];
}

export interface PartyRef<K extends PartyKind = PartyKind> {
  id: string;
  kind: K;
  name: string;
  location: string;
}

const partnerColumns = ['id', 'name', 'allowed_origins'] as const;

function toPartnerRef(row: { id: string; name: string; allowed_origins: string }): PartnerRef {
  return { id: row.id, name: row.name, allowedOrigins: parseAllowedOrigins(row.allowed_origins) };
}

export async function findPartnerByPublishableKey(q: Queryable, key: string): Promise<PartnerRef | undefined> {
  const row = await q.db.selectFrom('partners').select(partnerColumns).where('publishable_key', '=', key).executeTakeFirst();
  return row && toPartnerRef(row);
}

/** Looks a partner up by the hex SHA-256 of its secret key; the caller still compares in constant time. */
export async function findPartnerBySecretKeyHash(
  q: Queryable,
  hash: string,
): Promise<(PartnerRef & { secretKeyHash: string }) | undefined> {
  const row = await q.db
    .selectFrom('partners')
    .select([...partnerColumns, 'secret_key_hash'])
    .where('secret_key_hash', '=', hash)
    .executeTakeFirst();
  return row && { ...toPartnerRef(row), secretKeyHash: row.secret_key_hash };
}

/** Every allowed origin of every partner: what a CORS preflight may be answered for. */
export async function listAllAllowedOrigins(q: Queryable): Promise<string[]> {
  const rows = await q.db.selectFrom('partners').select('allowed_origins').execute();
  return rows.flatMap((r) => parseAllowedOrigins(r.allowed_origins));
}

/** Every authenticated request runs this (session verification), so it is compiled once. */
const partyOfPartner = preparedQuery((db, partyId: string, partnerId: string) =>
  db
    .selectFrom('parties as p')
    .innerJoin('partners as pt', 'pt.id', 'p.partner_id')
    .select(['p.id', 'p.kind', 'p.name', 'p.location', 'pt.name as partner_name', 'pt.allowed_origins'])
    .where('p.id', '=', partyId)
    .where('p.partner_id', '=', partnerId),
);

/** A party together with its partner, only if it belongs to that partner (tenancy is checked in SQL). */
export async function findPartyOfPartner(
  q: Queryable,
  partnerId: string,
  partyId: string,
): Promise<{ partner: PartnerRef; party: PartyRef } | undefined> {
  const [row] = await partyOfPartner(q, partyId, partnerId);
  if (!row) return undefined;
  return {
    partner: toPartnerRef({ id: partnerId, name: row.partner_name, allowed_origins: row.allowed_origins }),
    party: { id: row.id, kind: row.kind, name: row.name, location: row.location },
  };
}

/**
 * A party by id and kind, e.g. "is buyer_x a buyer?". Not limited to one partner: the catalog is shared
 * by every partner's buyers (see `catalog.ts`), so buyers and suppliers meet across partners.
 */
export async function findPartyOfKind<K extends PartyKind>(q: Queryable, partyId: string, kind: K): Promise<PartyRef<K> | undefined> {
  const row = await q.db
    .selectFrom('parties')
    .select(['id', 'kind', 'name', 'location'])
    .where('id', '=', partyId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row && { ...row, kind };
}

export async function listPartiesOfPartner(q: Queryable, partnerId: string): Promise<PartyRef[]> {
  return q.db
    .selectFrom('parties')
    .select(['id', 'kind', 'name', 'location'])
    .where('partner_id', '=', partnerId)
    .orderBy('kind')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/**
 * Serialises a party's concurrent writes for the rest of the transaction (check-then-insert rules such as
 * "one pending access request per supplier"). Postgres locks the row; SQLite already runs one write
 * transaction at a time.
 */
export async function lockParty(q: Queryable, partyId: string): Promise<void> {
  await q.db
    .selectFrom('parties')
    .select('id')
    .where('id', '=', partyId)
    .$if(q.dialect === 'postgres', (qb) => qb.forUpdate())
    .execute();
}
