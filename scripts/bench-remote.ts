/**
 * The bench's client side: bench servers in child processes (`bench-server.ts`), a `Deal` whose calls go
 * over real HTTP to one of them (so the test flow helpers drive it), and a timestamping SSE subscriber.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';
import type { Dialect } from '../server/store/db.js';
import { SANDBOX } from '../server/store/seed.js';
import type { CallOptions, TestApp } from '../test/server/app-harness.js';
import { LED, type Deal } from '../test/server/deal-flow.js';

export interface BenchServer {
  url: string;
  /** The Postgres URL of its database (null on SQLite). */
  databaseUrl: string | null;
  close(): Promise<void>;
}

const SERVER_SCRIPT = fileURLToPath(new URL('./bench-server.ts', import.meta.url));

/** A server on a fresh seeded database (`sqlite`/`postgres`), or a second instance on `attach`'s database. */
export function startServer(mode: Dialect | { attach: string }): Promise<BenchServer> {
  const args = typeof mode === 'string' ? [mode] : ['attach', mode.attach];
  const child: ChildProcess = fork(SERVER_SCRIPT, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited early (${code})`)));
    child.once('message', (msg) => {
      const { url, databaseUrl } = msg as { url: string; databaseUrl: string | null };
      child.removeAllListeners('exit');
      resolve({
        url,
        databaseUrl,
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.send('close');
          }),
      });
    });
  });
}

/** `call` and `session` over HTTP: all the deal, pay and warehouse flow helpers use of a TestApp. */
export function remoteApp(url: string): TestApp {
  const call = (method: string, path: string, o: CallOptions = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    return fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  };
  const remote = {
    call,
    async session(partyId: string) {
      const res = await call('POST', '/v1/sessions', { token: SANDBOX.secretKey, body: { party_id: partyId } });
      if (res.status !== 201) throw new Error(`session for ${partyId}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    close: () => Promise.resolve(),
  };
  // The flow helpers never touch `app` or `store` (the server lives in another process).
  return remote as unknown as TestApp;
}

export async function remoteDeal(url: string): Promise<Deal> {
  const t = remoteApp(url);
  const [acme, globex, led, textiles, operator] = await Promise.all([
    t.session(SANDBOX.buyers.acme),
    t.session(SANDBOX.buyers.globex),
    t.session(LED),
    t.session(SANDBOX.suppliers.ningboTextiles),
    t.session(SANDBOX.operator),
  ]);
  return { t, acme, globex, led, textiles, operator };
}

export interface Received {
  seq: number;
  code: string;
  details: Record<string, unknown>;
  /** performance.now() when the parser handed over the event. */
  at: number;
}

/** One live subscriber of an order: fetch + eventsource-parser, every timeline event stamped on arrival. */
export class Subscriber {
  readonly events: Received[] = [];
  private waiters: Array<() => void> = [];
  private constructor(private readonly abort: AbortController) {}

  /** Resolves once the stream's `retry:` line is read, i.e. the server has subscribed and fixed its cursor. */
  static async open(url: string, orderId: string, token: string): Promise<Subscriber> {
    const abort = new AbortController();
    const res = await fetch(`${url}/v1/orders/${orderId}/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` }, signal: abort.signal });
    if (res.status !== 200 || !res.body) throw new Error(`events stream: ${res.status} ${await res.text()}`);
    const sub = new Subscriber(abort);
    let ready!: () => void;
    const live = new Promise<void>((resolve) => (ready = resolve));
    const parser = createParser({
      onRetry: () => ready(),
      onEvent: (e) => {
        const at = performance.now();
        if (e.event !== 'timeline') return;
        const data = JSON.parse(e.data) as { seq: number; code: string; details: Record<string, unknown> };
        sub.events.push({ seq: data.seq, code: data.code, details: data.details, at });
        for (const wake of sub.waiters.splice(0)) wake();
      },
    });
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body!) parser.feed(decoder.decode(chunk, { stream: true }));
      } catch {
        /* closed by the bench */
      }
    })();
    await live;
    return sub;
  }

  /** The first event matching `match`, waiting up to `timeoutMs`. */
  async waitFor(match: (e: Received) => boolean, timeoutMs = 10_000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.abort.abort();
  }
}
