/**
 * "Order X's timeline may have grown": the hint live streams wait on instead of polling. A signal carries
 * no event, only the order id; subscribers re-read the timeline from the database, so a lost, doubled or
 * early signal costs a query, never an event. SQLite fans out in-process; Postgres across instances
 * (see `pg-order-signals.ts`).
 */
import { EventEmitter, setMaxListeners } from 'node:events';
import { sql } from 'kysely';
import type { Queryable } from '../store/db.js';

/** The Postgres NOTIFY channel; the payload is the order id. */
export const ORDER_EVENTS_CHANNEL = 'k100_order_events';

export interface OrderSignals {
  /**
   * Calls `onSignal` whenever `orderId` may have a new timeline event. Resolves once signals are being
   * received, so a read made after it misses nothing; resolves (degraded) even when the listener cannot
   * connect: streams then catch up on their heartbeat re-reads. The result unsubscribes.
   */
  subscribe(orderId: string, onSignal: () => void): Promise<() => void>;
  /** Subscriptions still open (a stream that ended must have left none behind). */
  subscriptions(): number;
  /** Aborted by `close()`: live streams end so a shutting-down server has no open responses to wait for. */
  readonly closed: AbortSignal;
  close(): Promise<void>;
}

/**
 * SQLite has one writing process (this one), so one process-wide emitter reaches every subscriber. Order
 * ids are random and unique, so stores sharing a process (tests) never see each other's orders.
 */
const localBus = new EventEmitter().setMaxListeners(0);

/** Called by `appendOrderEvent`, inside the writing transaction. */
export async function signalOrderEvent(q: Queryable, orderId: string): Promise<void> {
  if (q.dialect === 'postgres') {
    // Postgres holds a NOTIFY until the transaction commits and drops it on rollback, so listeners on
    // every instance hear it only once the event is readable.
    await sql`select pg_notify(${ORDER_EVENTS_CHANNEL}, ${orderId})`.execute(q.db);
    return;
  }
  // Emitted before the commit, which is still safe: Kysely runs every SQLite query on one connection
  // behind a mutex held for the whole transaction, so a subscriber's re-read waits for the commit (after
  // a rollback it just finds nothing new). Deferred so a subscriber can never throw into the writer.
  setImmediate(() => localBus.emit(orderId));
}

/** The in-process signals of a SQLite store. */
export function localOrderSignals(): OrderSignals {
  const closing = new AbortController();
  // Every open stream listens for shutdown on this one signal: as many listeners as streams is expected.
  setMaxListeners(0, closing.signal);
  const mine = new Set<{ orderId: string; listener: () => void }>();
  return {
    async subscribe(orderId, onSignal) {
      const entry = { orderId, listener: () => onSignal() };
      if (closing.signal.aborted) return () => undefined;
      localBus.on(orderId, entry.listener);
      mine.add(entry);
      return () => {
        localBus.off(orderId, entry.listener);
        mine.delete(entry);
      };
    },
    subscriptions: () => mine.size,
    closed: closing.signal,
    async close() {
      closing.abort();
      for (const { orderId, listener } of mine) localBus.off(orderId, listener);
      mine.clear();
    },
  };
}
