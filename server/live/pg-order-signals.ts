/**
 * Order signals across server instances: one dedicated Postgres connection per instance LISTENs on
 * `k100_order_events` (writers `pg_notify` inside their transaction) and fans notifications out to this
 * instance's subscribers. The connection opens on the first subscriber and comes back when dropped.
 */
import { EventEmitter, setMaxListeners } from 'node:events';
import type pg from 'pg';
import { ORDER_EVENTS_CHANNEL, type OrderSignals } from './order-signals.js';

export interface PgOrderSignalsOptions {
  /** A new, unconnected client on the store's database (not from its pool: LISTEN holds it for good). */
  client: () => pg.Client;
  /** Reconnect delays grow from `minDelayMs` to `maxDelayMs` (defaults 250 ms, 10 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export function pgOrderSignals(opts: PgOrderSignalsOptions): OrderSignals {
  const minDelay = opts.minDelayMs ?? 250;
  const maxDelay = opts.maxDelayMs ?? 10_000;
  const closing = new AbortController();
  // Every open stream listens for shutdown on this one signal: as many listeners as streams is expected.
  setMaxListeners(0, closing.signal);
  const subscribers = new EventEmitter().setMaxListeners(0);
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let everConnected = false;

  const hasSubscribers = () => subscribers.eventNames().length > 0;

  function dropped(which: pg.Client, reason: string): void {
    if (which !== client) return;
    client = undefined;
    which.end().catch(() => undefined);
    if (closing.signal.aborted) return;
    console.error(`[k100] order signals: LISTEN connection lost (${reason}); reconnecting`);
    schedule();
  }

  function schedule(): void {
    if (retry !== undefined || closing.signal.aborted || !hasSubscribers()) return;
    const delay = Math.min(maxDelay, minDelay * 2 ** Math.min(failures, 16));
    retry = setTimeout(() => {
      retry = undefined;
      void listen();
    }, delay);
    // A reconnect attempt alone must not keep a finished process (a test run) alive.
    retry.unref();
  }

  /** Connects and LISTENs once; never rejects (a failure schedules the next attempt). */
  function listen(): Promise<void> {
    if (client !== undefined || closing.signal.aborted) return Promise.resolve();
    connecting ??= (async () => {
      const next = opts.client();
      next.on('notification', (msg) => {
        if (msg.channel === ORDER_EVENTS_CHANNEL && msg.payload) subscribers.emit(msg.payload);
      });
      // Without an 'error' listener a dropped connection would crash the process.
      next.on('error', (err) => dropped(next, err.message));
      next.on('end', () => dropped(next, 'connection ended'));
      try {
        await next.connect();
        await next.query(`LISTEN ${ORDER_EVENTS_CHANNEL}`);
      } catch (err) {
        next.end().catch(() => undefined);
        failures++;
        console.error(`[k100] order signals: cannot LISTEN (${(err as Error).message}); streams fall back on heartbeats`);
        schedule();
        return;
      }
      if (closing.signal.aborted) {
        await next.end().catch(() => undefined);
        return;
      }
      client = next;
      failures = 0;
      // Notifications sent while no connection listened are gone: every subscriber re-reads once.
      if (everConnected) for (const orderId of subscribers.eventNames()) subscribers.emit(orderId);
      everConnected = true;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  return {
    async subscribe(orderId, onSignal) {
      if (closing.signal.aborted) return () => undefined;
      const listener = () => onSignal();
      subscribers.on(orderId, listener);
      await listen();
      return () => void subscribers.off(orderId, listener);
    },
    subscriptions: () => subscribers.eventNames().reduce((n, name) => n + subscribers.listenerCount(name), 0),
    closed: closing.signal,
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      clearTimeout(retry);
      subscribers.removeAllListeners();
      await connecting;
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
