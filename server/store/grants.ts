/** Queries for private grants: which buyer may see which of a supplier's private products. */
import type { Queryable } from './db.js';
import type { PrivateGrantsTable } from './schema.js';

export interface GrantRecord extends PrivateGrantsTable {
  product_ids: string[];
}

async function withProducts(q: Queryable, grants: PrivateGrantsTable[]): Promise<GrantRecord[]> {
  if (grants.length === 0) return [];
  const rows = await q.db
    .selectFrom('private_grant_products')
    .select(['grant_id', 'product_id'])
    .where(
      'grant_id',
      'in',
      grants.map((g) => g.id),
    )
    .orderBy('product_id')
    .execute();
  return grants.map((g) => ({ ...g, product_ids: rows.filter((r) => r.grant_id === g.id).map((r) => r.product_id) }));
}

export async function insertGrant(q: Queryable, grant: GrantRecord): Promise<void> {
  const { product_ids, ...row } = grant;
  await q.db.insertInto('private_grants').values(row).execute();
  await q.db
    .insertInto('private_grant_products')
    .values(product_ids.map((product_id) => ({ grant_id: grant.id, product_id })))
    .execute();
}

/** A grant only if `supplierId` made it: another supplier's grant is not found. */
export async function getSupplierGrant(q: Queryable, supplierId: string, id: string): Promise<GrantRecord | undefined> {
  const grant = await q.db
    .selectFrom('private_grants')
    .selectAll()
    .where('id', '=', id)
    .where('supplier_id', '=', supplierId)
    .executeTakeFirst();
  return grant && (await withProducts(q, [grant]))[0];
}

export async function listSupplierGrants(q: Queryable, supplierId: string, buyerId?: string): Promise<GrantRecord[]> {
  let query = q.db.selectFrom('private_grants').selectAll().where('supplier_id', '=', supplierId);
  if (buyerId !== undefined) query = query.where('buyer_id', '=', buyerId);
  const grants = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return withProducts(q, grants);
}

export async function setGrantRevoked(q: Queryable, id: string, revokedAt: string): Promise<void> {
  await q.db.updateTable('private_grants').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
}

/**
 * The buyer's Private Product Folder: each private product under an active grant, once, with the
 * earliest grant that opened it; newest first, like the public folder.
 */
export async function listPrivateFolder(
  q: Queryable,
  buyerId: string,
): Promise<Array<{ product_id: string; grant_id: string; granted_at: string }>> {
  const rows = await q.db
    .selectFrom('private_grants as g')
    .innerJoin('private_grant_products as gp', 'gp.grant_id', 'g.id')
    .innerJoin('products as p', 'p.id', 'gp.product_id')
    .select(['gp.product_id', 'g.id as grant_id', 'g.created_at as granted_at'])
    .where('g.buyer_id', '=', buyerId)
    .where('g.revoked_at', 'is', null)
    .where('p.visibility', '=', 'private')
    .orderBy('g.created_at')
    .orderBy('g.id')
    .orderBy('gp.product_id')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.product_id) && seen.add(r.product_id)).reverse();
}
