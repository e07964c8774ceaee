/** Queries for the webhook outbox: events, their deliveries, the worker's claim of due ones and its results. */
import type { Queryable } from './db.js';
import { afterKey, toPage, type Page } from './paging.js';
import { cursorScope } from './cursor.js';
import type { WebhookDeliveriesTable, WebhookEventsTable } from './schema.js';

export type EventRow = WebhookEventsTable;
export type DeliveryRow = WebhookDeliveriesTable;

export async function insertEvent(q: Queryable, row: EventRow): Promise<void> {
  await q.db.insertInto('webhook_events').values(row).execute();
}

export async function insertDeliveries(q: Queryable, rows: DeliveryRow[]): Promise<void> {
  if (rows.length > 0) await q.db.insertInto('webhook_deliveries').values(rows).execute();
}

/** A delivery as the debugging list shows it: the row and its event's type. */
export type DeliveryRecord = DeliveryRow & { event_type: string };

/** One endpoint's deliveries, newest first, paged by (created_at, id). */
export async function listDeliveries(q: Queryable, endpointId: string, query: { cursor?: string | undefined; limit: number }): Promise<Page<DeliveryRecord>> {
  const scope = cursorScope({ list: 'webhook_deliveries', endpointId });
  const key = afterKey(query.cursor, scope);
  const rows = await q.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.type as event_type')
    .where('d.endpoint_id', '=', endpointId)
    .$if(key !== undefined, (qb) => qb.where((eb) => eb(eb.refTuple('d.created_at', 'd.id'), '<', eb.tuple(key![0], key![1]))))
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, scope);
}

/**
 * Gives up on an endpoint's pending deliveries (it was disabled): they are marked dead with `reason`,
 * so re-enabling it later does not replay a backlog the partner chose to stop.
 */
export async function cancelPendingDeliveries(q: Queryable, endpointId: string, at: string, reason: string): Promise<void> {
  await q.db
    .updateTable('webhook_deliveries')
    .set({ dead_at: at, last_error: reason })
    .where('endpoint_id', '=', endpointId)
    .where('delivered_at', 'is', null)
    .where('dead_at', 'is', null)
    .execute();
}

/** A claimed delivery with what one attempt needs; `attempts` already counts the attempt about to be made. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  endpoint_id: string;
  url: string;
  secret: string;
  event_id: string;
  event_type: string;
  event_created_at: string;
  event_data: string;
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints in one statement, which is its own short
 * transaction: their attempt count goes up and `next_attempt_at` moves to `leaseUntil`, so no other
 * worker picks them up while this one tries (and if this worker dies, they come due again when the
 * lease ends: at-least-once, never lost). On Postgres `FOR UPDATE SKIP LOCKED` lets concurrent
 * instances claim disjoint rows without waiting on each other; SQLite has a single writer, so the
 * statement alone is atomic.
 */
export async function claimDueDeliveries(q: Queryable, input: { now: string; leaseUntil: string; limit: number }): Promise<ClaimedDelivery[]> {
  const due = q.db
    .selectFrom('webhook_deliveries')
    .select('id')
    // The same two conditions as the partial index `webhook_deliveries_due`, so it is used.
    .where('delivered_at', 'is', null)
    .where('dead_at', 'is', null)
    .where('next_attempt_at', '<=', input.now)
    // A subquery, not a join: FOR UPDATE then locks delivery rows only, never the endpoint row.
    .where('endpoint_id', 'in', q.db.selectFrom('webhook_endpoints').select('id').where('status', '=', 'enabled'))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(input.limit)
    .$if(q.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
  const claimed = await q.db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: input.leaseUntil, last_attempt_at: input.now }))
    .where('id', 'in', due)
    .returning('id')
    .execute();
  if (claimed.length === 0) return [];
  const rows = await q.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .innerJoin('webhook_endpoints as ep', 'ep.id', 'd.endpoint_id')
    .select([
      'd.id',
      'd.attempts',
      'd.endpoint_id',
      'ep.url',
      'ep.secret',
      'd.event_id',
      'e.type as event_type',
      'e.created_at as event_created_at',
      'e.data as event_data',
    ])
    .where(
      'd.id',
      'in',
      claimed.map((c) => c.id),
    )
    .orderBy('d.next_attempt_at')
    .execute();
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

/**
 * Writes an attempt's outcome, only if the claim is still ours (same attempt count, still pending): a
 * worker that overran its lease and was superseded must not overwrite the newer attempt's result.
 */
export async function recordAttempt(
  q: Queryable,
  claim: { id: string; attempts: number },
  outcome:
    | { kind: 'delivered'; at: string; status: number }
    | { kind: 'retry'; at: string; next: string; status: number | null; error: string | null }
    | { kind: 'dead'; at: string; status: number | null; error: string | null },
): Promise<void> {
  const changes =
    outcome.kind === 'delivered'
      ? { delivered_at: outcome.at, last_status_code: outcome.status, last_error: null }
      : outcome.kind === 'retry'
        ? { next_attempt_at: outcome.next, last_status_code: outcome.status, last_error: outcome.error }
        : { dead_at: outcome.at, last_status_code: outcome.status, last_error: outcome.error };
  await q.db
    .updateTable('webhook_deliveries')
    .set(changes)
    .where('id', '=', claim.id)
    .where('attempts', '=', claim.attempts)
    .where('delivered_at', 'is', null)
    .where('dead_at', 'is', null)
    .execute();
}
