/**
 * One server of `npm run bench`, in its own process so its event loop never shares a thread with the
 * load generator. Driven by `bench-remote.ts` over IPC; argv[2] says which server:
 *   app <database URL> fresh|attach   the real app through @hono/node-server (fresh: migrate + seed the sandbox)
 *   node-http                          floor: bare node:http answering every request with a small JSON body
 *   hono                               floor: one bare Hono route on @hono/node-server, parsing JSON bodies
 * The app comes from dist/server/ (`npm run build:server`, what `npm run server` runs) when built, else from the
 * TypeScript sources through tsx. Sends `{ url, launch }` once listening; answers 'memory' with
 * process.memoryUsage() after a full GC; exits on 'close' or when the bench process goes away.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/** The server build's output folder; K100_BENCH_SERVER_DIR (relative to the working directory) points elsewhere. */
const COMPILED = process.env.K100_BENCH_SERVER_DIR ? pathToFileURL(`${resolve(process.env.K100_BENCH_SERVER_DIR)}/`) : new URL('../dist/server/', import.meta.url);
const SOURCES = new URL('../server/', import.meta.url);
/** Streams are woken by signals only: keep heartbeats (and their re-reads) out of every measurement. */
const HEARTBEAT_MS = '600000';
const DRAIN_MS = 1_000;

type Listening = { url: string; launch: string; close(): Promise<void> };

const FLOOR_BODY = JSON.stringify({ ok: true, service: 'k100' });

function listen(server: ReturnType<typeof createServer> | ReturnType<typeof serve>, launch: string): Promise<Listening> {
  return new Promise((resolve) => {
    const ready = () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        launch,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    };
    if (server.listening) ready();
    else server.once('listening', ready);
  });
}

async function nodeHttpFloor(): Promise<Listening> {
  const server = createServer((req, res) => {
    // Drain any body, as a real route must, then answer the same small JSON for every path and method.
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(FLOOR_BODY) });
      res.end(FLOOR_BODY);
    });
  });
  server.listen(0, '127.0.0.1');
  return listen(server, 'node:http');
}

async function honoFloor(): Promise<Listening> {
  const app = new Hono().all('*', async (c) => {
    // Writes parse their JSON like a validated route would, so write rows have a floor that reads a body.
    if (c.req.header('content-type')?.includes('json')) await c.req.json();
    return c.json({ ok: true, service: 'k100' });
  });
  return listen(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }), 'hono + @hono/node-server');
}

async function appServer(databaseUrl: string, fresh: boolean): Promise<Listening> {
  const compiled = existsSync(new URL('app.js', COMPILED));
  const root = compiled ? COMPILED : SOURCES;
  // tsx turns source maps on for every stack trace; `node dist/server/index.js` runs without them.
  if (compiled) process.setSourceMapsEnabled(false);
  const load = (path: string) => import(new URL(path, root).href);
  const [{ createApp }, { loadConfig }, { openStore }, { migrate }, { seedSandbox }] = await Promise.all([
    load('app.js'), load('config.js'), load('store/db.js'), load('store/migrate.js'), load('store/seed.js'),
  ]);
  // The production configuration path, pointed at the scratch database.
  // Limits off: the load comes from one address and a few credentials, and the bench measures serving, not refusing.
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, K100_SANDBOX: '1', PORT: '0', K100_SSE_HEARTBEAT_MS: HEARTBEAT_MS, K100_LIMITS: 'off' });
  const store = openStore(config.databaseUrl);
  if (fresh) {
    await migrate(store);
    await seedSandbox(store);
  }
  const app = createApp({ store, config });
  const launch = compiled ? `compiled ${fileURLToPath(COMPILED)}` : 'tsx, TypeScript sources (dist/server/app.js not built)';
  const served = await listen(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }), launch);
  return {
    ...served,
    async close() {
      await store.signals.close();
      await served.close();
      // Handlers whose client left when a load run ended may still await Postgres; let them finish
      // rather than fail on a closed pool (and log errors that are the bench's, not the app's).
      await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
      await store.close();
    },
  };
}

const [kind, databaseUrl, how] = process.argv.slice(2);
const server =
  kind === 'node-http' ? await nodeHttpFloor()
  : kind === 'hono' ? await honoFloor()
  : kind === 'app' && databaseUrl ? await appServer(databaseUrl, how === 'fresh')
  : (() => { throw new Error(`bench-server: unknown server ${kind}`); })();

process.send!({ type: 'ready', url: server.url, launch: server.launch });
process.on('message', async (msg) => {
  if (msg === 'memory') {
    // --expose-gc is passed by bench-remote: a delta of live memory, not of garbage not yet collected.
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send!({ type: 'memory', rss, heapUsed });
  } else if (msg === 'close') {
    await server.close();
    process.exit(0);
  }
});
// The bench process died or was killed: never outlive it.
process.on('disconnect', () => process.exit(0));
