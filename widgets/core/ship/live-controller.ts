/**
 * Follows an order's Server-Sent Events (`GET /v1/orders/:id/events`) through fetch streaming, so the
 * session travels in the Authorization header and never in a URL. Resumes with `Last-Event-ID` after a
 * drop (backing off from the server's `retry:`), pauses while its host is disconnected, and stops for good
 * on 401 (the host shows its expired-session state) and 404.
 */
import type { ReactiveController } from 'lit';
import { createParser } from 'eventsource-parser';
import { ApiError, type ApiClient } from '../api.js';
import type { K100Element } from '../element.js';
import type { LiveEvent } from './types.js';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveOptions {
  /** The stream's path, or undefined while there is nothing to follow (no order loaded yet). */
  path: () => string | undefined;
  /** The last event seq the host already shows: the first connection resumes after it. */
  since: () => number | undefined;
  /** One `timeline` event, each seq once and in order. */
  onEvent: (event: LiveEvent) => void;
}

/** Longest wait between reconnection attempts. */
const MAX_BACKOFF_MS = 30_000;

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });

export class LiveController implements ReactiveController {
  /** @internal Silence after which a connection counts as dead (the server beats every 15 s). */
  static idleTimeout = 45_000;

  state: LiveState = 'offline';
  /** The seq of the last event received, sent back as `Last-Event-ID`. */
  lastSeq: number | undefined;
  /** Milliseconds before reconnecting, as the server's `retry:` field last said. */
  retry = 3000;
  private key: string | undefined;
  private running: AbortController | undefined;
  /** The stream refused us (401/404) for this key: not tried again until the key changes. */
  private refused: string | undefined;
  private connected = false;

  constructor(
    private readonly host: K100Element,
    private readonly options: LiveOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  /** Before rendering, so the indicator's first frame already says "connecting". */
  hostUpdate(): void {
    this.sync();
  }

  private set(state: LiveState): void {
    if (this.state === state) return;
    this.state = state;
    this.host.requestUpdate();
  }

  /** Connects, reconnects for another order or session, or stops, as the host's state asks. */
  private sync(): void {
    const { host } = this;
    const path = this.connected && host.hasCredentials && !host.sessionExpired ? this.options.path() : undefined;
    const api = host.api;
    const key = path && `${api.options.base} ${api.options.session ?? ''} ${path}`;
    if (key === this.key && (this.running || key === this.refused)) return;
    if (key !== this.key) this.lastSeq = undefined;
    this.stop();
    this.key = key;
    if (!key || !path || key === this.refused) return;
    const run = (this.running = new AbortController());
    void this.run(api, path, key, run.signal);
  }

  private stop(): void {
    this.running?.abort();
    this.running = undefined;
    this.set('offline');
  }

  private async run(api: ApiClient, path: string, key: string, signal: AbortSignal): Promise<void> {
    for (let failures = 0; !signal.aborted; ) {
      this.set(failures || this.lastSeq !== undefined ? 'reconnecting' : 'connecting');
      const since = this.lastSeq ?? this.options.since();
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (since !== undefined) headers['last-event-id'] = String(since);
      try {
        const response = await api.send('GET', path, { headers, signal });
        this.set('live');
        failures = 0;
        await this.read(response, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 404)) {
          this.refused = key;
          this.running = undefined;
          this.set('offline');
          this.host.handleApiError(error);
          return;
        }
        failures++;
      }
      if (signal.aborted) return;
      this.set('reconnecting');
      // Jittered so a server restart is not met by every tab at once.
      const backoff = Math.min(this.retry * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
      await wait(backoff * (0.8 + Math.random() * 0.4), signal);
    }
  }

  /** Reads one connection until it ends, fails, goes silent or is aborted. */
  private async read(response: Response, signal: AbortSignal): Promise<void> {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const parser = createParser({
      onRetry: (ms) => (this.retry = ms),
      onEvent: ({ event, id, data }) => {
        const seq = Number(id);
        if (event !== 'timeline' || !Number.isFinite(seq) || seq <= (this.lastSeq ?? -Infinity)) return;
        let payload: LiveEvent;
        try {
          payload = JSON.parse(data) as LiveEvent;
        } catch {
          return;
        }
        this.lastSeq = seq;
        this.options.onEvent(payload);
      },
    });
    let idle: ReturnType<typeof setTimeout> | undefined;
    const cancel = () => void reader.cancel().catch(() => {});
    signal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        clearTimeout(idle);
        idle = setTimeout(cancel, LiveController.idleTimeout);
        const { done, value } = await reader.read();
        if (done || signal.aborted) return;
        parser.feed(value);
      }
    } finally {
      clearTimeout(idle);
      signal.removeEventListener('abort', cancel);
    }
  }
}
