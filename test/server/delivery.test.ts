/** Widget files and the demo served from disk with the right headers, and the sandbox's demo-backend routes. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SANDBOX } from '../../server/store/seed.js';
import { expectProblem, openTestApp, type TestApp } from './app-harness.js';

const root = mkdtempSync(join(tmpdir(), 'k100-dist-'));
const widgets = join(root, 'widgets');
const demo = join(root, 'demo');
mkdirSync(join(widgets, 'chunks'), { recursive: true });
mkdirSync(join(demo, 'assets'), { recursive: true });
writeFileSync(join(widgets, 'k100-widgets.js'), 'export {};\n');
writeFileSync(join(widgets, 'product-search.js'), `export const big = ${JSON.stringify('k100 '.repeat(2000))};\n`);
writeFileSync(join(widgets, 'chunks', 'core-Ab12Cd34.js'), 'export const x = 1;\n');
writeFileSync(join(demo, 'index.html'), '<!doctype html><title>demo</title>');
writeFileSync(join(demo, 'supplier.html'), '<!doctype html><title>supplier</title>');
writeFileSync(join(demo, 'assets', 'index-Zz99Yy88.js'), 'console.log(1);\n');
writeFileSync(join(root, 'secret.txt'), 'outside the served directories');

after(() => rmSync(root, { recursive: true, force: true }));

describe('static delivery', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp({ seed: false, config: { widgetsDir: widgets, demoDir: demo } });
  });
  after(() => t.close());

  test('widget bundles: JS, loadable from any origin, cached 5 minutes', async () => {
    const res = await t.call('GET', '/widgets/k100-widgets.js', { headers: { origin: 'https://any-partner.example' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await res.text(), 'export {};\n');
  });

  test('large bundles are sent gzipped to clients that accept it', async () => {
    const res = await t.call('GET', '/widgets/product-search.js', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    const { gunzipSync } = await import('node:zlib');
    assert.match(gunzipSync(Buffer.from(await res.arrayBuffer())).toString(), /^export const big = "k100 k100/);
  });

  test('hashed chunks are immutable; an ETag revalidates to 304', async () => {
    const res = await t.call('GET', '/widgets/chunks/core-Ab12Cd34.js');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const etag = res.headers.get('etag')!;
    assert.ok(etag);
    const again = await t.call('GET', '/widgets/chunks/core-Ab12Cd34.js', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  test('missing files are a 404 problem; paths cannot escape the directory', async () => {
    const missing = await t.call('GET', '/widgets/nope.js');
    await expectProblem(missing, 404, 'not-found');
    assert.equal(missing.headers.get('cross-origin-resource-policy'), 'cross-origin');
    for (const path of ['/widgets/%2e%2e/secret.txt', '/widgets/..%2fsecret.txt', '/widgets/chunks/%2e%2e/%2e%2e/secret.txt', '/widgets/%5c..%5csecret.txt']) {
      const res = await t.call('GET', path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /outside the served/);
    }
  });

  test('the demo pages are served under a strict CSP', async () => {
    for (const [path, title] of [['/', 'demo'], ['/supplier', 'supplier'], ['/supplier.html', 'supplier']] as const) {
      const res = await t.call('GET', path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'/);
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(await res.text(), new RegExp(`<title>${title}</title>`));
    }
    const asset = await t.call('GET', '/assets/index-Zz99Yy88.js');
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    await expectProblem(await t.call('GET', '/warehouse'), 404, 'not-found');
  });
});

describe('sandbox routes', () => {
  test('mint a demo session exactly as the partner server would, and list personas', async () => {
    const t = await openTestApp({ config: { sandbox: true } });
    try {
      const parties = await (await t.call('GET', '/sandbox/parties')).json();
      const byId = new Map(parties.data.map((p: { id: string; kind: string }) => [p.id, p.kind]));
      assert.equal(byId.get('buyer_acme'), 'buyer');
      assert.equal(byId.get('supplier_shenzhen_led'), 'supplier');
      assert.equal(byId.get('operator_ningbo_wh'), 'operator');

      const res = await t.call('POST', '/sandbox/sessions', { body: { party_id: 'buyer_globex' }, headers: { origin: 'http://localhost:8787' } });
      assert.equal(res.status, 201);
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:8787');
      const session = await res.json();
      assert.equal(session.party.id, 'buyer_globex');
      const ttl = (Date.parse(session.expires_at) - Date.now()) / 1000;
      assert.ok(ttl > 890 && ttl <= 900);
      const me = await (await t.call('GET', '/v1/me', { token: session.token })).json();
      assert.equal(me.partner.id, SANDBOX.partnerId);

      await expectProblem(await t.call('POST', '/sandbox/sessions', { body: { party_id: 'buyer_elsewhere' } }), 404, 'not-found');
      await expectProblem(await t.call('POST', '/sandbox/sessions', { body: {} }), 422, 'validation');
    } finally {
      await t.close();
    }
  });

  test('do not exist when the sandbox is off', async () => {
    const t = await openTestApp({ config: { sandbox: false } });
    try {
      await expectProblem(await t.call('POST', '/sandbox/sessions', { body: { party_id: 'buyer_acme' } }), 404, 'not-found');
      await expectProblem(await t.call('GET', '/sandbox/parties'), 404, 'not-found');
    } finally {
      await t.close();
    }
  });
});
