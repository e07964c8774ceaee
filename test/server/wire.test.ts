/**
 * The app on a real socket (serveApp), driven by a raw HTTP/1.1 client, for what only the wire shows:
 * a keep-alive connection that survives an answer sent before the request's body arrived, `Connection:
 * close` on answers to bodies the server will not read, `100 Continue` only when the body is wanted,
 * and slow clients timed out.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_BODY_BYTES } from '../../server/http/errors.js';
import { serveApp, type ServeAppOptions } from '../../server/http/node-server.js';
import { SANDBOX } from '../../server/store/seed.js';
import { openTestApp, type TestApp } from './app-harness.js';
import { WireConnection, type WireAnswer, type WireRequest } from './hostile-wire.js';

const REFUSED_REQUESTS = Number(process.env.K100_WIRE_REQUESTS ?? 200);

function listen(t: TestApp, timeouts?: ServeAppOptions['timeouts']): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = serveApp(t.app, { port: 0, hostname: '127.0.0.1', ...(timeouts ? { timeouts } : {}) }, (address) =>
      resolve({ server, url: `http://127.0.0.1:${address.port}` }),
    );
  });
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function assertProblem(answer: WireAnswer, status: number): void {
  assert.equal(answer.status, status, answer.text.slice(0, 300));
  assert.match(answer.headers['content-type'] ?? '', /^application\/problem\+json/);
  assert.equal(JSON.parse(answer.text).status, status);
}

/** Polls until the server closed the connection; fails the test (by its own timeout) if it never does. */
async function closedByServer(conn: WireConnection): Promise<void> {
  while (!conn.closedByServer) await sleep(50);
}

/** One raw connection for the length of `use`, closed on our side afterwards whatever happened. */
async function onConnection(url: string, use: (conn: WireConnection) => Promise<void>): Promise<void> {
  const conn = await WireConnection.open(url);
  try {
    await use(conn);
  } finally {
    conn.close();
  }
}

/** A refusal that said `Connection: close` and then kept its word. */
async function assertRefusedThenClosed(conn: WireConnection, answer: WireAnswer, status: number): Promise<void> {
  assertProblem(answer, status);
  assert.equal(answer.headers.connection, 'close');
  await closedByServer(conn);
}

describe('the app on a keep-alive socket', () => {
  let t: TestApp;
  let server: Server;
  let url: string;
  // No credential on a write: authentication answers 401 before anything reads the body, the early
  // answer whose unread body @hono/node-server used to drop the connection over.
  const refused = (body: string): WireRequest => ({
    method: 'POST',
    path: '/v1/negotiations',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const largeBody = JSON.stringify({ party_id: SANDBOX.buyers.acme, pad: 'x'.repeat(200_000) });

  before(async () => {
    t = await openTestApp();
    ({ server, url } = await listen(t));
  });
  after(async () => {
    await stop(server);
    await t.close();
  });

  test('a request refused before its late body arrived leaves the connection usable for the next one', async () => {
    await onConnection(url, async (conn) => {
    const request = refused(largeBody);
    conn.write(WireConnection.head(request));
    // The body arrives well after the headers (a slow link or a busy client): the server must read it
    // after refusing the request, not drop the socket it answered with keep-alive.
    await sleep(700);
    conn.write(request.body!);
    const refusal = await conn.next();
    assertProblem(refusal, 401);
    assert.notEqual(refusal.headers.connection, 'close');
    const next = await conn.request({ method: 'GET', path: '/health' });
    assert.equal(next.status, 200, next.text);
    assert.equal(conn.closedByServer, false);
    });
  });

  test(`${REFUSED_REQUESTS} refused requests with 200 KB bodies on one connection are all answered`, async () => {
    await onConnection(url, async (conn) => {
    for (let i = 0; i < REFUSED_REQUESTS; i++) assertProblem(await conn.request(refused(largeBody)), 401);
    assert.equal((await conn.request({ method: 'GET', path: '/health' })).status, 200);
    assert.equal(conn.closedByServer, false);
    });
  });

  test('an over-limit body is refused 413 with Connection: close, and the answer is read whole while the client still sends', async () => {
    await onConnection(url, async (conn) => {
    const size = MAX_BODY_BYTES + 4 * 1024 * 1024;
    conn.write(WireConnection.head({ method: 'POST', path: '/v1/sessions', headers: { 'content-type': 'application/json', 'content-length': String(size) } }));
    // Keep sending past the answer: a server that destroys the socket now makes the kernel reset it,
    // and the client loses the answer it had not read yet.
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const answer = conn.next();
    while (sent < size && conn.write(chunk)) {
      sent += chunk.length;
      await sleep(1);
      if (conn.pending > 0 || conn.closedByServer) break;
    }
    const tooLarge = await answer;
    await assertRefusedThenClosed(conn, tooLarge, 413);
    });
  });

  test('Expect: 100-continue with an over-limit length gets 413 and no 100 Continue', async () => {
    await onConnection(url, async (conn) => {
    conn.write(
      WireConnection.head({
        method: 'POST',
        path: '/v1/sessions',
        headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1), expect: '100-continue' },
      }),
    );
    const first = await conn.next();
    await assertRefusedThenClosed(conn, first, 413);
    });
  });

  test('Expect: 100-continue with a small valid body gets 100 Continue, then the answer', async () => {
    await onConnection(url, async (conn) => {
    const body = JSON.stringify({ party_id: SANDBOX.buyers.acme });
    conn.write(
      WireConnection.head({
        method: 'POST',
        path: '/v1/sessions',
        headers: { authorization: `Bearer ${SANDBOX.secretKey}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), expect: '100-continue' },
      }),
    );
    const interim = await conn.next();
    assert.equal(interim.status, 100);
    conn.write(body);
    const created = await conn.next();
    assert.equal(created.status, 201, created.text);
    assert.equal(typeof JSON.parse(created.text).token, 'string');
    assert.equal((await conn.request({ method: 'GET', path: '/health' })).status, 200);
    });
  });

  test('a chunked body over the limit is refused 413, then the connection is closed', async () => {
    await onConnection(url, async (conn) => {
    conn.write(WireConnection.head({ method: 'POST', path: '/v1/sessions', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const answer = conn.next();
    for (let sent = 0; sent <= MAX_BODY_BYTES + 2 * chunk.length && conn.pending === 0 && !conn.closedByServer; sent += chunk.length) {
      if (!conn.write(`${chunk.length.toString(16)}\r\n`) || !conn.write(chunk) || !conn.write('\r\n')) break;
      await sleep(1);
    }
    const tooLarge = await answer;
    await assertRefusedThenClosed(conn, tooLarge, 413);
    });
  });
});

describe('a client that stops halfway through its headers', () => {
  test('has its connection closed once the headers timeout passes', { timeout: 30_000 }, async () => {
    const t = await openTestApp({ seed: false });
    const { server, url } = await listen(t, { headersMs: 1_000, requestMs: 2_000, checkIntervalMs: 200 });
    const conn = await WireConnection.open(url);
    try {
      conn.write('GET /health HTTP/1.1\r\nhost: k100.test\r\nx-slow: ');
      await closedByServer(conn);
    } finally {
      conn.close();
      await stop(server);
      await t.close();
    }
  });
});
