/** Queries for partners' webhook endpoints; every read and write is scoped to the owning partner. */
import type { Queryable } from './db.js';
import type { WebhookEndpointsTable } from './schema.js';

export type EndpointRow = WebhookEndpointsTable;

export async function insertEndpoint(q: Queryable, row: EndpointRow): Promise<void> {
  await q.db.insertInto('webhook_endpoints').values(row).execute();
}

export async function countEndpoints(q: Queryable, partnerId: string): Promise<number> {
  const row = await q.db
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partner_id', '=', partnerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Newest first. A partner has a handful of endpoints (capped at creation), so no paging. */
export async function listEndpoints(q: Queryable, partnerId: string): Promise<EndpointRow[]> {
  return q.db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('partner_id', '=', partnerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The endpoint only if `partnerId` owns it; another partner's is simply not found. */
export async function getEndpoint(q: Queryable, partnerId: string, id: string, lock = false): Promise<EndpointRow | undefined> {
  return q.db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .where('partner_id', '=', partnerId)
    .$if(lock && q.dialect === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst();
}

export async function updateEndpoint(
  q: Queryable,
  id: string,
  changes: Partial<Pick<EndpointRow, 'description' | 'events' | 'status' | 'updated_at'>>,
): Promise<void> {
  await q.db.updateTable('webhook_endpoints').set(changes).where('id', '=', id).execute();
}

/** Deletes the endpoint (its deliveries go with it, by cascade); false when `partnerId` has no such endpoint. */
export async function deleteEndpoint(q: Queryable, partnerId: string, id: string): Promise<boolean> {
  const result = await q.db.deleteFrom('webhook_endpoints').where('id', '=', id).where('partner_id', '=', partnerId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** What the outbox needs to fan an event out: the partner's enabled endpoints and their subscriptions. */
export async function enabledEndpoints(q: Queryable, partnerId: string): Promise<Array<Pick<EndpointRow, 'id' | 'events'>>> {
  return q.db
    .selectFrom('webhook_endpoints')
    .select(['id', 'events'])
    .where('partner_id', '=', partnerId)
    .where('status', '=', 'enabled')
    .orderBy('id')
    .execute();
}
