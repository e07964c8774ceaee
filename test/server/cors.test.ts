/** CORS: preflights for any partner's origin, actual requests only from the caller's own partner's origins. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { originMatches } from '../../server/auth/origins.js';
import { SANDBOX } from '../../server/store/seed.js';
import { DEMO_ORIGIN, addPartner, expectProblem, openTestApp, signToken, type TestApp } from './app-harness.js';

const SHOP = 'https://shop.example';
const OTHER = { id: 'partner_shop', publishableKey: 'pk_test_shop', secretKey: 'sk_test_shop', origins: [SHOP], buyerId: 'buyer_shop' };

describe('origin patterns', () => {
  test('exact origins and scheme://host:* (any port of that host)', () => {
    assert.ok(originMatches('https://shop.example', 'https://shop.example'));
    assert.ok(!originMatches('https://shop.example', 'https://shop.example:8443'));
    assert.ok(!originMatches('https://shop.example', 'http://shop.example'));
    assert.ok(originMatches('http://localhost:*', 'http://localhost:5173'));
    assert.ok(originMatches('http://localhost:*', 'http://localhost'));
    assert.ok(!originMatches('http://localhost:*', 'https://localhost:5173'));
    assert.ok(!originMatches('http://localhost:*', 'http://localhost.evil.example:5173'));
    assert.ok(!originMatches('http://localhost:*', 'http://evil-localhost:80'));
    assert.ok(!originMatches('http://localhost:*', 'null'));
    assert.ok(!originMatches('https://shop.example', 'https://shop.example/'));
  });
});

describe('CORS', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp();
    await addPartner(t.store, OTHER);
  });
  after(() => t.close());

  const preflight = (origin: string) =>
    t.call('OPTIONS', '/v1/folders/public/items/prod_led_strip_cob_24v', {
      headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' },
    });

  test('a preflight is answered for an origin any partner allows', async () => {
    for (const origin of [DEMO_ORIGIN, SHOP]) {
      const res = await preflight(origin);
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /PUT/);
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').split(', ');
      assert.deepEqual(allowed, ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID']);
      assert.match(res.headers.get('vary') ?? '', /Origin/);
    }
  });

  test('a preflight from an origin no partner allows is refused without CORS headers', async () => {
    const res = await preflight('https://evil.example');
    await expectProblem(res, 403, 'origin-not-allowed');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  test('a session used from an origin its partner allows gets ACAO, Vary and exposed headers', async () => {
    const token = await t.session('buyer_acme');
    const res = await t.call('GET', '/v1/me', { token, headers: { origin: DEMO_ORIGIN } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), DEMO_ORIGIN);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
    assert.match(res.headers.get('vary') ?? '', /Origin/);
  });

  test("another partner's origin may not use this partner's session or key, and nothing runs", async () => {
    const token = await t.session('buyer_acme');
    const put = await t.call('PUT', '/v1/folders/public/items/prod_led_strip_cob_24v', { token, headers: { origin: SHOP } });
    await expectProblem(put, 403, 'origin-not-allowed');
    assert.equal(put.headers.get('access-control-allow-origin'), null);
    const rows = await t.store.db.selectFrom('folder_items').selectAll().where('buyer_id', '=', 'buyer_acme').execute();
    assert.equal(rows.length, 0, 'the collect did not happen');

    const pk = await t.call('GET', '/v1/products', { token: SANDBOX.publishableKey, headers: { origin: 'https://evil.example' } });
    await expectProblem(pk, 403, 'origin-not-allowed');
    assert.equal(pk.headers.get('access-control-allow-origin'), null);
  });

  test("each partner's publishable key works from its own origins", async () => {
    const res = await t.call('GET', '/v1/categories', { token: OTHER.publishableKey, headers: { origin: SHOP } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP);
  });

  test('a secret key sent from a browser is refused', async () => {
    const res = await t.call('POST', '/v1/sessions', {
      token: SANDBOX.secretKey,
      body: { party_id: 'buyer_acme' },
      headers: { origin: DEMO_ORIGIN },
    });
    const problem = await expectProblem(res, 403, 'secret-key-in-browser');
    assert.match(problem.detail ?? '', /server-to-server/);
  });

  test("pages this server serves (the demo, wherever hosted) are same-origin, not bound to a partner's origins", async () => {
    const token = await t.session('buyer_acme');
    // app.request() serves http://localhost/…; the demo partner allows only localhost:* patterns, the shop partner only its shop.
    const shop = await t.call('POST', '/v1/sessions', { token: OTHER.secretKey, body: { party_id: OTHER.buyerId } });
    const shopToken = (await shop.json()).token;
    for (const tk of [token, shopToken]) {
      const res = await t.call('GET', '/v1/me', { token: tk, headers: { origin: 'http://localhost' } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), null, 'same-origin needs no CORS header');
    }
    const browserSecret = await t.call('GET', '/v1/categories', { token: SANDBOX.secretKey, headers: { origin: 'http://localhost' } });
    await expectProblem(browserSecret, 403, 'secret-key-in-browser');
  });

  test('a 401 is readable by a partner origin, so a widget can tell an expired session', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signToken({ sub: 'buyer_acme', ptn: SANDBOX.partnerId, knd: 'buyer', iat: now - 900, exp: now - 1, jti: 'x' });
    const res = await t.call('GET', '/v1/folders/public', { token: expired, headers: { origin: DEMO_ORIGIN } });
    await expectProblem(res, 401, 'session-expired');
    assert.equal(res.headers.get('access-control-allow-origin'), DEMO_ORIGIN);
    const evil = await t.call('GET', '/v1/folders/public', { token: expired, headers: { origin: 'https://evil.example' } });
    assert.equal(evil.status, 401);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  });
});
