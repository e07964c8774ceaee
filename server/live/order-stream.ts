/**
 * One live order stream: sends every timeline event after the client's cursor, then each new one as its
 * order is signalled, with heartbeats, until the client leaves, its session expires or the server stops.
 * Every pass re-reads `seq > last sent` from the database, so signals only say when to look.
 */
import type { SSEStreamingApi } from 'hono/streaming';
import type { Store } from '../store/db.js';
import { lastOrderEventSeq, orderEventsAfter, type FeedEventRecord } from '../store/order-feed.js';

/** What `data:` carries for each `event: timeline`. */
export interface LiveTimelineEvent {
  order_id: string;
  seq: number;
  code: string;
  at: string;
  actor: { id: string; kind: string; name: string } | null;
  place: string | null;
  details: Record<string, unknown>;
  status: string;
  payment_status: string;
}

export interface OrderStreamOptions {
  store: Store;
  orderId: string;
  /** The client's `Last-Event-ID`; absent: start after the order's current last event. */
  lastEventId: number | undefined;
  heartbeatMs: number;
  /** The session's expiry: the stream ends then, and the client must come back with a fresh token. */
  expiresAt: Date;
  present: (event: FeedEventRecord) => LiveTimelineEvent;
}

/** Browsers (and our widgets) wait this long before reconnecting with `Last-Event-ID`. */
export const RETRY_MS = 3000;
/** Rows per read: a long-absent client catches up in pages rather than one huge query. */
const PAGE = 200;
/** setTimeout's ceiling (~24.8 days); sessions last an hour at most, this only guards the arithmetic. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One signal wakes every stream of the order in the same turn, and streams at the same cursor ask the
 * same question: with 1 000 subscribers a CPU profile showed one prepare and query per subscriber per
 * event. Reads started in one turn are shared; the entry goes at the end of the turn, so a read is only
 * ever joined by wake-ups of the signal that started it, never by a later one it could predate.
 */
const readsThisTurn = new WeakMap<Store, Map<string, Promise<FeedEventRecord[]>>>();

function sharedEventsAfter(store: Store, orderId: string, afterSeq: number): Promise<FeedEventRecord[]> {
  let reads = readsThisTurn.get(store);
  if (!reads) readsThisTurn.set(store, (reads = new Map()));
  const key = `${orderId} ${afterSeq}`;
  let read = reads.get(key);
  if (!read) {
    read = orderEventsAfter(store, orderId, afterSeq, PAGE);
    reads.set(key, read);
    const turn = reads;
    queueMicrotask(() => turn.delete(key));
  }
  return read;
}

/** The `data:` of a row, serialised once however many streams send it (rows of a shared read are shared). */
const serialized = new WeakMap<OrderStreamOptions['present'], WeakMap<FeedEventRecord, string>>();

function dataOf(present: OrderStreamOptions['present'], row: FeedEventRecord): string {
  let rows = serialized.get(present);
  if (!rows) serialized.set(present, (rows = new WeakMap()));
  let data = rows.get(row);
  if (data === undefined) rows.set(row, (data = JSON.stringify(present(row))));
  return data;
}

export async function runOrderStream(stream: SSEStreamingApi, opts: OrderStreamOptions): Promise<void> {
  const { store, orderId } = opts;
  let stop!: () => void;
  const ended = new Promise<void>((resolve) => (stop = resolve));
  let stopped = false;
  const end = () => {
    stopped = true;
    stop();
  };

  let cursor = opts.lastEventId ?? 0;
  const sendNew = async () => {
    for (;;) {
      const rows = await sharedEventsAfter(store, orderId, cursor);
      for (const row of rows) {
        if (stopped) return;
        await stream.writeSSE({ id: String(row.seq), event: 'timeline', data: dataOf(opts.present, row) });
        cursor = row.seq;
      }
      if (rows.length < PAGE) return;
    }
  };
  // Passes never overlap: a wake-up during a pass only asks for one more, so each seq goes out once, in
  // order. The loop's last check and clearing `pass` happen with no await between, so no wake-up is lost.
  let pass: Promise<void> | undefined;
  let again = false;
  const wake = () => {
    if (stopped) return;
    again = true;
    pass ??= (async () => {
      try {
        while (again && !stopped) {
          again = false;
          await sendNew();
        }
      } catch (err) {
        // The client reconnects after `retry` with its Last-Event-ID, which is a cleaner recovery than
        // keeping a stream whose reads fail (database down, or closing under us at shutdown).
        if (!stopped) console.error(`[k100] order stream of ${orderId} failed: ${(err as Error).message}`);
        end();
      } finally {
        pass = undefined;
      }
    })();
  };

  stream.onAbort(end);
  store.signals.closed.addEventListener('abort', end);
  if (stream.aborted || store.signals.closed.aborted) end();
  const expiry = setTimeout(end, Math.min(MAX_TIMER_MS, Math.max(0, opts.expiresAt.getTime() - Date.now())));
  let heartbeat: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  try {
    // Subscribed before the cursor is fixed, so an event committed in between is signalled, not skipped.
    unsubscribe = await store.signals.subscribe(orderId, wake);
    if (opts.lastEventId === undefined) cursor = await lastOrderEventSeq(store, orderId);
    // Still the stream's first line; sent only now, so a client that has read it is already live.
    await stream.write(`retry: ${RETRY_MS}\n\n`);
    wake();
    heartbeat = setInterval(() => {
      // The re-read is the safety net for a signal that never came (a dropped LISTEN connection).
      void stream.write(': heartbeat\n\n').then(wake);
    }, opts.heartbeatMs);
    await ended;
  } finally {
    stopped = true;
    clearTimeout(expiry);
    clearInterval(heartbeat);
    unsubscribe?.();
    store.signals.closed.removeEventListener('abort', end);
    // Let a pass in flight finish its current write before the stream closes under it.
    await pass;
  }
}
