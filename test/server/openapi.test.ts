/** The OpenAPI 3.1 document lists exactly the routes the app serves, and `/docs` renders it under a strict CSP. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openTestApp, type TestApp } from './app-harness.js';

/** Routes that are deliberately not API operations: the document itself, the reference page, static files. */
const UNDOCUMENTED = new Set(['GET /v1/openapi.json', 'GET /docs', 'GET /docs/docs.css', 'GET /widgets/*', 'GET /assets/*', 'GET /', 'GET /:page{[A-Za-z0-9_.-]+}']);

interface Doc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<string, { responses: Record<string, unknown>; security?: unknown[]; 'x-k100-callers'?: string[]; summary?: string; parameters?: Array<{ name: string; in: string }> }>
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
}

for (const sandbox of [false, true]) {
  describe(`OpenAPI document (sandbox ${sandbox ? 'on' : 'off'})`, () => {
    let t: TestApp;
    let doc: Doc;
    before(async () => {
      t = await openTestApp({ config: { sandbox } });
      const res = await t.call('GET', '/v1/openapi.json');
      assert.equal(res.status, 200);
      doc = await res.json();
    });
    after(() => t.close());

    test('is OpenAPI 3.1 with the three bearer schemes', () => {
      assert.match(doc.openapi, /^3\.1\.\d+$/);
      assert.equal(doc.info.title, 'K100 Widgets API');
      assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['publishableKey', 'secretKey', 'sessionToken']);
      for (const scheme of Object.values(doc.components.securitySchemes)) assert.deepEqual([scheme.type, scheme.scheme], ['http', 'bearer']);
      assert.ok(doc.components.schemas.Problem);
    });

    test('lists every route the app mounted, and nothing it did not', () => {
      const served = new Set(
        t.app.routes
          .filter((r) => r.method !== 'ALL')
          .map((r) => `${r.method} ${r.path}`)
          .filter((r) => !UNDOCUMENTED.has(r)),
      );
      const documented = new Set(
        Object.entries(doc.paths).flatMap(([path, item]) =>
          Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
        ),
      );
      assert.deepEqual([...documented].sort(), [...served].sort());
      assert.equal(served.has('POST /sandbox/sessions'), sandbox);
      assert.ok(served.size >= 17);
    });

    test('a nullable reference admits null: anyOf [ref, null], not an allOf that null cannot satisfy', () => {
      const negotiation = doc.components.schemas.Negotiation as { properties: Record<string, unknown> };
      assert.deepEqual(negotiation.properties.next_to_act, {
        anyOf: [{ $ref: '#/components/schemas/DealParty' }, { type: 'null' }],
        description: 'Who may offer or accept now; null once closed.',
      });
      const text = JSON.stringify(doc);
      assert.doesNotMatch(text, /"allOf":\[\{"\$ref":"[^"]+"\},\{"type":\[[^\]]*"null"/);
    });

    test('every operation says who may call it and declares its problems', () => {
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          const where = `${method} ${path}`;
          assert.ok(op.summary, `${where} has a summary`);
          assert.ok(op['x-k100-callers']?.length, `${where} names its callers`);
          assert.ok(Array.isArray(op.security), `${where} declares security`);
          const statuses = Object.keys(op.responses);
          assert.ok(statuses.some((s) => s.startsWith('2')), `${where} has a success response`);
          if (op.security!.length > 0) assert.ok(statuses.includes('401'), `${where} documents 401`);
          for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
            assert.ok(op.parameters?.some((p) => p.in === 'path' && p.name === name), `${where} declares path parameter ${name}`);
          }
        }
      }
    });
  });
}

describe('/docs', () => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp();
  });
  after(() => t.close());

  test('renders every operation from the document, with no script, under a strict CSP', async () => {
    const doc: Doc = await (await t.call('GET', '/v1/openapi.json')).json();
    const res = await t.call('GET', '/docs');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await res.text();
    assert.doesNotMatch(html, /<script|\sstyle=|\son[a-z]+=/i);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        assert.ok(html.includes(`<span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code>`), `${method} ${path}`);
      }
    }
    assert.ok(html.includes('supplier session'));
    assert.ok(html.includes('<code>CreateGrant</code>'));
    assert.ok(html.includes('&#34;party_id&#34;: &#34;buyer_acme&#34;'), 'shows example JSON');
    const css = await t.call('GET', '/docs/docs.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  });
});
