/**
 * The bench's client side: servers in child processes (`bench-server.ts`), every one of them killed when
 * the bench exits however it exits; a `Deal` whose calls go over real HTTP to one of them (so the test
 * flow helpers drive it); and a timestamping SSE subscriber on a raw socket of its own.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';
import { SANDBOX } from '../server/store/seed.js';
import type { CallOptions, TestApp } from '../test/server/app-harness.js';
import { LED, type Deal } from '../test/server/deal-flow.js';

export type ServerKind = 'node-http' | 'hono' | { app: string; fresh: boolean };

export interface BenchServer {
  url: string;
  /** How the server code was loaded (compiled dist/server or tsx), for the table's notes. */
  launch: string;
  /** process.memoryUsage() of the server process after a full GC. */
  memory(): Promise<{ rss: number; heapUsed: number }>;
  close(): Promise<void>;
}

const SERVER_SCRIPT = fileURLToPath(new URL('./bench-server.ts', import.meta.url));
const children = new Set<ChildProcess>();

// However the bench ends (done, thrown, Ctrl-C), no server child is left listening.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
process.once('SIGINT', () => process.exit(130)).once('SIGTERM', () => process.exit(143));

type Message = { type: 'ready'; url: string; launch: string } | { type: 'memory'; rss: number; heapUsed: number };

function next<T extends Message['type']>(child: ChildProcess, type: T): Promise<Extract<Message, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench server exited (${code}) while the bench waited for "${type}"`));
    const onMessage = (msg: Message) => {
      if (msg.type !== type) return;
      child.off('message', onMessage).off('exit', onExit);
      resolve(msg as Extract<Message, { type: T }>);
    };
    child.on('message', onMessage).once('exit', onExit);
  });
}

export async function startServer(kind: ServerKind): Promise<BenchServer> {
  const args = typeof kind === 'string' ? [kind] : ['app', kind.app, kind.fresh ? 'fresh' : 'attach'];
  // K100_BENCH_CPU_PROF=<dir>: every server writes a V8 CPU profile there when it closes (open in Chrome DevTools).
  const profile = process.env.K100_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.K100_BENCH_CPU_PROF}`] : [];
  const child = fork(SERVER_SCRIPT, args, { execArgv: ['--import', 'tsx', '--expose-gc', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const { url, launch } = await next(child, 'ready');
  return {
    url,
    launch,
    async memory() {
      const reply = next(child, 'memory');
      child.send('memory');
      const { rss, heapUsed } = await reply;
      return { rss, heapUsed };
    },
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.send('close');
      }),
  };
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

/**
 * One live subscriber of an order: a raw `http.request` on a socket of its own (no agent, so a thousand of
 * them are a thousand connections, not a pool's queue) and eventsource-parser; every timeline event is
 * stamped on arrival.
 */
export class Subscriber {
  readonly events: Received[] = [];
  private waiters: Array<() => void> = [];
  private constructor(private readonly abort: AbortController) {}

  /** Resolves once the stream's `retry:` line is read, i.e. the server has subscribed and fixed its cursor. */
  static open(url: string, orderId: string, token: string): Promise<Subscriber> {
    const abort = new AbortController();
    const sub = new Subscriber(abort);
    return new Promise((resolve, reject) => {
      const parser = createParser({
        onRetry: () => resolve(sub),
        onEvent: (e) => {
          const at = performance.now();
          if (e.event !== 'timeline') return;
          const data = JSON.parse(e.data) as { seq: number; code: string; details: Record<string, unknown> };
          sub.events.push({ seq: data.seq, code: data.code, details: data.details, at });
          for (const wake of sub.waiters.splice(0)) wake();
        },
      });
      const req = request(`${url}/v1/orders/${orderId}/events`, {
        agent: false,
        signal: abort.signal,
        headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
      });
      req.on('response', (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`events stream: ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => parser.feed(chunk));
        res.on('error', () => {
          /* closed by the bench */
        });
      });
      req.on('error', (error) => {
        if (!abort.signal.aborted) reject(error);
      });
      req.end();
    });
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
