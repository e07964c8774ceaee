/** HTTP plumbing: problem+json for every error kind, security headers, request ids, caching, health. */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../server/app.js';
import { SANDBOX } from '../../server/store/seed.js';
import { expectProblem, openTestApp, snapshot, testConfig, type TestApp } from './app-harness.js';
import { openTestStore } from './harness.js';
import { serveOnPort } from './sse-client.js';

/** One request on its own connection with exactly the given headers (fetch would add its own framing). */
function rawRequest(base: string, method: string, path: string, headers: Record<string, string>, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer 413 and close before the whole body is sent; that is an answer, not a failure.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('HTTP core', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp();
  });
  after(() => t.close());

  test('security headers and a request id on every answer, success or error', async () => {
    for (const res of [await t.call('GET', '/health'), await t.call('GET', '/v1/nope')]) {
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'; frame-ancestors 'none'/);
      assert.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin');
      assert.match(res.headers.get('strict-transport-security') ?? '', /^max-age=\d+/);
      assert.equal(res.headers.get('x-powered-by'), null);
      assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    }
  });

  test('HTML answers also carry the headers only a browsing context obeys; a page keeps its own CSP', async () => {
    const page = await t.call('GET', '/docs');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.doesNotMatch(page.headers.get('content-security-policy') ?? '', /^default-src 'none'; frame-ancestors/);
    const json = await t.call('GET', '/health');
    assert.equal(json.headers.get('referrer-policy'), null);
  });

  test('a sane incoming X-Request-Id is kept; a hostile one is replaced', async () => {
    const kept = await t.call('GET', '/health', { headers: { 'x-request-id': 'partner-trace-42' } });
    assert.equal(kept.headers.get('x-request-id'), 'partner-trace-42');
    const replaced = await t.call('GET', '/v1/nope', { headers: { 'x-request-id': 'bad id <script>' } });
    assert.notEqual(replaced.headers.get('x-request-id'), 'bad id <script>');
    const problem = await expectProblem(replaced, 404, 'not-found');
    assert.equal(problem.request_id, replaced.headers.get('x-request-id'));
  });

  test('API answers are never cached', async () => {
    const res = await t.call('GET', '/v1/products', { token: SANDBOX.publishableKey });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const problem = await t.call('GET', '/v1/me');
    assert.equal(problem.headers.get('cache-control'), 'no-store');
  });

  test('GET /health reports the database', async () => {
    const res = await t.call('GET', '/health');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', database: 'ok' });
  });

  test('unknown route: 404 problem with the path as instance', async () => {
    const problem = await expectProblem(await t.call('GET', '/v1/does-not-exist'), 404, 'not-found');
    assert.equal(problem.instance, '/v1/does-not-exist');
  });

  test('wrong method on a known API path: 405 with Allow', async () => {
    const res = await t.call('DELETE', '/v1/products', { token: SANDBOX.publishableKey });
    await expectProblem(res, 405, 'method-not-allowed');
    assert.deepEqual(res.headers.get('allow')?.split(', ').sort(), ['GET', 'HEAD', 'POST']);
  });

  test('malformed JSON: 400', async () => {
    const res = await t.call('POST', '/v1/sessions', { token: SANDBOX.secretKey, body: '{"party_id": ' });
    await expectProblem(res, 400, 'malformed-json');
  });

  test('a JSON body sent as another content type: 415', async () => {
    const res = await t.call('POST', '/v1/sessions', {
      token: SANDBOX.secretKey,
      body: JSON.stringify({ party_id: 'buyer_acme' }),
      headers: { 'content-type': 'text/plain' },
    });
    await expectProblem(res, 415, 'unsupported-media-type');
  });

  test('validation failure: 422 with dotted field paths', async () => {
    const token = await t.session(SANDBOX.suppliers.shenzhenLed);
    const before = await snapshot(t.store);
    const res = await t.call('POST', '/v1/private-grants', {
      token,
      body: { buyer_id: 'buyer_acme', product_ids: ['prod_ok', 'not an id!'] },
    });
    const problem = await expectProblem(res, 422, 'validation');
    assert.deepEqual(problem.errors?.map((e) => e.path), ['product_ids.1']);
    assert.deepEqual(await snapshot(t.store), before);
  });

  test('validation of query and path parameters uses the same shape', async () => {
    const query = await expectProblem(await t.call('GET', '/v1/products?limit=0', { token: SANDBOX.publishableKey }), 422, 'validation');
    assert.deepEqual(query.errors?.map((e) => e.path), ['limit']);
    const param = await expectProblem(
      await t.call('GET', `/v1/products/${'x'.repeat(65)}`, { token: SANDBOX.publishableKey }),
      422,
      'validation',
    );
    assert.deepEqual(param.errors?.map((e) => e.path), ['id']);
  });

  test('a body over 1 MB: 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ party_id: 'buyer_acme', pad: 'x'.repeat(1024 * 1024) });
    await expectProblem(await t.call('POST', '/v1/sessions', { token: SANDBOX.secretKey, body: big }), 413, 'payload-too-large');
    const chunks = [new TextEncoder().encode(big)];
    const stream = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const res = await t.app.request('/v1/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${SANDBOX.secretKey}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(res, 413, 'payload-too-large');
  });

  test('over a real socket: body limits hold with Content-Length or chunked, and a write with no body works', async () => {
    const served = await serveOnPort(t.app.fetch);
    try {
      const buyer = await t.session('buyer_acme');
      const big = JSON.stringify({ party_id: 'buyer_acme', pad: 'x'.repeat(1024 * 1024) });
      const headers = { authorization: `Bearer ${SANDBOX.secretKey}`, 'content-type': 'application/json' };
      const declared = await rawRequest(served.url, 'POST', '/v1/sessions', { ...headers, 'content-length': String(Buffer.byteLength(big)) }, [big]);
      assert.equal(declared.status, 413);
      assert.match(declared.body, /payload-too-large/);
      const chunked = await rawRequest(served.url, 'POST', '/v1/sessions', { ...headers, 'transfer-encoding': 'chunked' }, [big.slice(0, 600_000), big.slice(600_000)]);
      assert.equal(chunked.status, 413);
      // A PUT with neither Content-Length nor Transfer-Encoding has an empty body: collect needs none.
      const collect = await rawRequest(served.url, 'PUT', '/v1/folders/public/items/prod_led_strip_cob_24v', { authorization: `Bearer ${buyer}` }, []);
      assert.ok(collect.status === 201 || collect.status === 200, `collect answered ${collect.status}: ${collect.body}`);
    } finally {
      await served.close();
    }
  });

  test('a cursor that was not ours: 400 invalid-cursor', async () => {
    const res = await t.call('GET', '/v1/products?cursor=not-a-real-cursor', { token: SANDBOX.publishableKey });
    await expectProblem(res, 400, 'invalid-cursor');
  });
});

describe('unexpected errors', () => {
  test('become a 500 problem that reveals nothing, logged with the request id', async () => {
    const store = await openTestStore({ seed: true });
    await store.close(); // every query now fails inside the driver
    const app = createApp({ store, config: testConfig() });
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const res = await app.request('/v1/products', { headers: { authorization: `Bearer ${SANDBOX.publishableKey}` } });
      const problem = await expectProblem(res, 500, 'internal');
      assert.doesNotMatch(JSON.stringify(problem), /destroy|driver|pool|sqlite|postgres|Error:/i);
      assert.ok(logged.some((args) => String(args[0]).includes(problem.request_id)), 'the request id is logged');
    } finally {
      console.error = original;
    }
  });

  test('/health answers 503 when the database is unreachable', async () => {
    const store = await openTestStore();
    await store.close();
    const app = createApp({ store, config: testConfig() });
    const original = console.error;
    console.error = () => {};
    try {
      const res = await app.request('/health');
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), { status: 'degraded', database: 'unavailable' });
    } finally {
      console.error = original;
    }
  });
});
