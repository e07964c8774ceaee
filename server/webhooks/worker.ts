/**
 * The delivery worker: every few seconds it claims due deliveries from the outbox, POSTs them signed, and
 * records each outcome (delivered, retry later with backoff, or dead). Any number of server instances can
 * run one against the same database; a claim is a lease, so each attempt is made by one worker.
 */
import type { Store } from '../store/db.js';
import { claimDueDeliveries, recordAttempt, type ClaimedDelivery } from '../store/webhook-deliveries.js';
import { AttemptAbandoned, attemptDelivery, type AttemptResult, type FetchLike } from './deliver.js';
import { envelopeBody } from './events.js';
import { retryDelayMs } from './retry.js';
import { secretBox } from './secrets.js';
import { privateTargetProblem, type Lookup } from './url-policy.js';

export interface WebhookWorkerOptions {
  store: Store;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Defaults to the system clock; due times, leases, backoff and signature timestamps all read it. */
  clock?: () => Date;
  /** Pause between polls when there was nothing (or little) to do; default 2 s. */
  intervalMs?: number;
  /** false: no polling at all, the caller drives `runOnce()` (tests). Default true. */
  poll?: boolean;
  /** Deliveries claimed and attempted concurrently per run; default 20. */
  batchSize?: number;
  /** Per-attempt timeout; default 10 s. */
  timeoutMs?: number;
  /** How long a claim keeps other workers away; must exceed the timeout. Default 60 s. */
  leaseMs?: number;
  /** `K100_WEBHOOK_KEY`, to open sealed endpoint secrets. */
  webhookKey?: string | undefined;
  /** Sandbox only: deliver to loopback and private addresses (a developer's laptop). Default false. */
  allowPrivateNetworks?: boolean;
  /** DNS lookup for the private-address check; defaults to the system resolver. */
  lookup?: Lookup;
  /** For the backoff jitter; default Math.random. */
  random?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export interface WebhookWorker {
  /** Claims one batch of due deliveries, attempts them, records the outcomes; resolves to how many were attempted. */
  runOnce(): Promise<number>;
  /** Stops polling, abandons in-flight requests (their leases expire and they are retried) and waits for runs to end. */
  stop(): Promise<void>;
}

export function startWebhookWorker(opts: WebhookWorkerOptions): WebhookWorker {
  const { store } = opts;
  const fetchFn: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const clock = opts.clock ?? (() => new Date());
  const intervalMs = opts.intervalMs ?? 2_000;
  const batchSize = opts.batchSize ?? 20;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const leaseMs = opts.leaseMs ?? 60_000;
  if (leaseMs <= timeoutMs) throw new RangeError('leaseMs must exceed timeoutMs, or a slow attempt could be claimed twice');
  const box = secretBox(opts.webhookKey);
  const log = opts.log ?? ((message, error) => console.error(`[k100] webhooks: ${message}`, error ?? ''));
  const stopping = new AbortController();
  const runs = new Set<Promise<number>>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function attempt(d: ClaimedDelivery): Promise<AttemptResult> {
    let secret: string;
    try {
      secret = box.open(d.endpoint_id, d.secret);
    } catch (error) {
      return { ok: false, status: null, error: (error as Error).message };
    }
    if (!opts.allowPrivateNetworks) {
      const refused = await privateTargetProblem(d.url, opts.lookup);
      if (refused) return { ok: false, status: null, error: refused };
    }
    return attemptDelivery({
      url: d.url,
      secret,
      body: envelopeBody({ id: d.event_id, type: d.event_type, created_at: d.event_created_at, data: d.event_data }),
      eventId: d.event_id,
      eventType: d.event_type,
      attempt: d.attempts,
      now: clock(),
      timeoutMs,
      fetch: fetchFn,
      stopping: stopping.signal,
    });
  }

  async function deliver(d: ClaimedDelivery): Promise<void> {
    let result: AttemptResult;
    try {
      result = await attempt(d);
    } catch (error) {
      if (error instanceof AttemptAbandoned) return;
      result = { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
    }
    const at = clock();
    if (result.ok) {
      await recordAttempt(store, d, { kind: 'delivered', at: at.toISOString(), status: result.status });
      return;
    }
    const delay = retryDelayMs(d.attempts, opts.random);
    await recordAttempt(
      store,
      d,
      delay === null
        ? { kind: 'dead', at: at.toISOString(), status: result.status, error: result.error }
        : { kind: 'retry', at: at.toISOString(), next: new Date(at.getTime() + delay).toISOString(), status: result.status, error: result.error },
    );
  }

  async function run(): Promise<number> {
    const now = clock();
    const claimed = await claimDueDeliveries(store, {
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      limit: batchSize,
    });
    // One failing write must not hide the other outcomes; each unrecorded one is retried after its lease.
    const settled = await Promise.allSettled(claimed.map(deliver));
    for (const s of settled) if (s.status === 'rejected') log('recording a delivery outcome failed', s.reason);
    return claimed.length;
  }

  function runOnce(): Promise<number> {
    if (stopping.signal.aborted) return Promise.resolve(0);
    const p = run();
    runs.add(p);
    void p.finally(() => runs.delete(p)).catch(() => undefined);
    return p;
  }

  async function tick(): Promise<void> {
    timer = undefined;
    let attempted = 0;
    try {
      attempted = await runOnce();
    } catch (error) {
      log('a delivery run failed', error);
    }
    // A full batch means more may be due: go again at once rather than after the interval.
    if (!stopping.signal.aborted) timer = setTimeout(tick, attempted >= batchSize ? 0 : intervalMs).unref();
  }

  if (opts.poll ?? true) timer = setTimeout(tick, 0).unref();

  return {
    runOnce,
    async stop() {
      stopping.abort();
      if (timer !== undefined) clearTimeout(timer);
      await Promise.allSettled([...runs]);
    },
  };
}
