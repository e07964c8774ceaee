/** Keys, session tokens and guards: who may mint, what an expired or forged token gets, `/v1/me`. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../server/app.js';
import { SIGNING_KEY_SETTING } from '../../server/auth/sessions.js';
import { SANDBOX } from '../../server/store/seed.js';
import { addPartner, expectProblem, openTestApp, signToken, testConfig, type TestApp } from './app-harness.js';
import { openTestStore } from './harness.js';

const OTHER = { id: 'partner_other', publishableKey: 'pk_test_other', secretKey: 'sk_test_other', origins: ['https://shop.example'], buyerId: 'buyer_other' };
const now = () => Math.floor(Date.now() / 1000);

describe('POST /v1/sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp();
    await addPartner(t.store, OTHER);
  });
  after(() => t.close());

  const mint = (token: string | undefined, body: unknown) => t.call('POST', '/v1/sessions', { ...(token ? { token } : {}), body });

  test('the secret key mints a 15 minute session for its own party', async () => {
    const started = Date.now();
    const res = await mint(SANDBOX.secretKey, { party_id: 'buyer_acme' });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.deepEqual(body.party, { id: 'buyer_acme', kind: 'buyer', name: 'Acme Trading BV', location: 'Rotterdam, NL' });
    const ttl = (Date.parse(body.expires_at) - started) / 1000;
    assert.ok(ttl > 895 && ttl <= 901, `ttl ${ttl}`);
    assert.match(body.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  test('ttl_seconds up to 3600 is honoured; beyond is 422', async () => {
    const ok = await (await mint(SANDBOX.secretKey, { party_id: 'buyer_acme', ttl_seconds: 3600 })).json();
    const ttl = (Date.parse(ok.expires_at) - Date.now()) / 1000;
    assert.ok(ttl > 3595 && ttl <= 3601, `ttl ${ttl}`);
    const problem = await expectProblem(await mint(SANDBOX.secretKey, { party_id: 'buyer_acme', ttl_seconds: 3601 }), 422, 'validation');
    assert.deepEqual(problem.errors?.map((e) => e.path), ['ttl_seconds']);
    await expectProblem(await mint(SANDBOX.secretKey, { party_id: 'buyer_acme', ttl_seconds: 30 }), 422, 'validation');
  });

  test('a publishable key can never mint a session', async () => {
    await expectProblem(await mint(SANDBOX.publishableKey, { party_id: 'buyer_acme' }), 403, 'forbidden');
  });

  test('a session token cannot mint another', async () => {
    const token = await t.session('buyer_acme');
    await expectProblem(await mint(token, { party_id: 'buyer_acme' }), 403, 'forbidden');
  });

  test('no credential is 401; an unknown secret key is 401', async () => {
    const res = await mint(undefined, { party_id: 'buyer_acme' });
    await expectProblem(res, 401, 'unauthorized');
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    await expectProblem(await mint('sk_test_wrong', { party_id: 'buyer_acme' }), 401, 'unauthorized');
  });

  test('a party of another partner is 404, its own party is fine', async () => {
    await expectProblem(await mint(OTHER.secretKey, { party_id: 'buyer_acme' }), 404, 'not-found');
    await expectProblem(await mint(SANDBOX.secretKey, { party_id: OTHER.buyerId }), 404, 'not-found');
    await expectProblem(await mint(SANDBOX.secretKey, { party_id: 'nobody_here' }), 404, 'not-found');
    const own = await mint(OTHER.secretKey, { party_id: OTHER.buyerId });
    assert.equal(own.status, 201);
  });
});

describe('session tokens', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp();
  });
  after(() => t.close());

  const me = (token?: string) => t.call('GET', '/v1/me', token ? { token } : {});
  const claims = (over: Record<string, unknown> = {}) => ({
    sub: 'buyer_acme', ptn: SANDBOX.partnerId, knd: 'buyer', iat: now(), exp: now() + 600, jti: 'sess_test', ...over,
  });

  test('GET /v1/me describes the session', async () => {
    const res = await me(await t.session('supplier_shenzhen_led', 600));
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.party.id, 'supplier_shenzhen_led');
    assert.equal(body.party.kind, 'supplier');
    assert.deepEqual(body.partner, { id: SANDBOX.partnerId, name: SANDBOX.partnerName });
    assert.ok(Math.abs(Date.parse(body.expires_at) - (Date.now() + 600_000)) < 5000);
  });

  test('missing token: 401 unauthorized', async () => {
    await expectProblem(await me(), 401, 'unauthorized');
  });

  test('a token we signed but expired: 401 session-expired', async () => {
    const expired = await signToken(claims({ iat: now() - 1000, exp: now() - 10 }));
    await expectProblem(await me(expired), 401, 'session-expired');
  });

  test('a forged token: 401 unauthorized, even when it claims to have expired', async () => {
    await expectProblem(await me(await signToken(claims(), 'not-our-key-not-our-key-not-our-key')), 401, 'unauthorized');
    await expectProblem(await me(await signToken(claims({ exp: now() - 10 }), 'not-our-key-not-our-key-not-our-key')), 401, 'unauthorized');
    await expectProblem(await me('not.a.jwt'), 401, 'unauthorized');
    const [h, , s] = (await t.session('buyer_acme')).split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims({ sub: 'buyer_globex' }))).toString('base64url')}.${s}`;
    await expectProblem(await me(tampered), 401, 'unauthorized');
  });

  test('claims that do not match a party of that partner: 401', async () => {
    await expectProblem(await me(await signToken(claims({ ptn: 'partner_other' }))), 401, 'unauthorized');
    await expectProblem(await me(await signToken(claims({ knd: 'supplier' }))), 401, 'unauthorized');
    await expectProblem(await me(await signToken(claims({ exp: undefined }))), 401, 'unauthorized');
  });

  test('a session dies with its party', async () => {
    await t.store.db
      .insertInto('parties')
      .values({ id: 'buyer_gone', partner_id: SANDBOX.partnerId, kind: 'buyer', name: 'Gone', location: '', description: '', created_at: new Date().toISOString() })
      .execute();
    const token = await t.session('buyer_gone');
    assert.equal((await me(token)).status, 200);
    await t.store.db.deleteFrom('parties').where('id', '=', 'buyer_gone').execute();
    await expectProblem(await me(token), 401, 'unauthorized');
  });

  test('not a Bearer credential: 401', async () => {
    await expectProblem(await t.call('GET', '/v1/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'unauthorized');
  });
});

describe('guards', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp();
  });
  after(() => t.close());

  test('the wrong kind of party or key is 403, checked before the body', async () => {
    const buyer = await t.session('buyer_acme');
    const supplier = await t.session('supplier_shenzhen_led');
    const operator = await t.session('operator_ningbo_wh');
    const cases: Array<[string, string, string, unknown?]> = [
      [buyer, 'POST', '/v1/products', { nonsense: true }],
      [buyer, 'POST', '/v1/private-grants', {}],
      [supplier, 'PUT', '/v1/folders/public/items/prod_led_strip_cob_24v'],
      [supplier, 'POST', '/v1/access-requests', {}],
      [operator, 'GET', '/v1/folders/private'],
      [SANDBOX.publishableKey, 'GET', '/v1/me'],
      [SANDBOX.publishableKey, 'GET', '/v1/folders/public'],
      [SANDBOX.secretKey, 'GET', '/v1/folders/public'],
      [buyer, 'POST', '/v1/access-requests/areq_x/approve'],
    ];
    for (const [token, method, path, body] of cases) {
      const res = await t.call(method, path, { token, ...(body === undefined ? {} : { body }) });
      await expectProblem(res, 403, 'forbidden');
    }
  });

  test('keys may browse the catalog', async () => {
    for (const token of [SANDBOX.publishableKey, SANDBOX.secretKey]) {
      assert.equal((await t.call('GET', '/v1/categories', { token })).status, 200);
    }
  });
});

describe('the signing key', () => {
  test('without K100_SESSION_SECRET it is created once in settings and shared by every instance', async () => {
    const store = await openTestStore({ seed: true });
    try {
      const config = testConfig({ sessionSecret: undefined });
      // Two instances starting together race to create the key: both must end up with the same one.
      const [a, b] = [createApp({ store, config }), createApp({ store, config })];
      const mint = (app: ReturnType<typeof createApp>) =>
        app.request('/v1/sessions', {
          method: 'POST',
          headers: { authorization: `Bearer ${SANDBOX.secretKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ party_id: 'buyer_acme' }),
        });
      const [ra, rb] = await Promise.all([mint(a), mint(b)]);
      const tokens = [(await ra.json()).token as string, (await rb.json()).token as string];
      const rows = await store.db.selectFrom('settings').selectAll().where('key', '=', SIGNING_KEY_SETTING).execute();
      assert.equal(rows.length, 1);
      assert.match(rows[0]!.value, /^[0-9a-f]{64}$/);
      // A restarted instance (a fresh app on the same database) still accepts both.
      const restarted = createApp({ store, config });
      for (const token of tokens) {
        const res = await restarted.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });
        assert.equal(res.status, 200);
      }
      // And an instance with a different secret does not.
      const other = createApp({ store, config: testConfig({ sessionSecret: randomBytes(32).toString('hex') }) });
      const res = await other.request('/v1/me', { headers: { authorization: `Bearer ${tokens[0]}` } });
      assert.equal(res.status, 401);
    } finally {
      await store.close();
    }
  });
});
