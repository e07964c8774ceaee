/** Folders, private grants and access requests end to end over HTTP, with tenancy and refused input changing nothing. */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { SANDBOX, SEED_PRODUCTS } from '../../server/store/seed.js';
import { expectProblem, openTestApp, snapshot, type TestApp } from './app-harness.js';

const LED = SANDBOX.suppliers.shenzhenLed;
const TEXTILES = SANDBOX.suppliers.ningboTextiles;
const productsOf = (supplier: string, visibility: 'public' | 'private') =>
  SEED_PRODUCTS.filter((p) => p.supplier_id === supplier && p.visibility === visibility).map((p) => p.id);
const [LED_PUBLIC] = productsOf(LED, 'public') as [string];
const LED_PRIVATES = productsOf(LED, 'private');
const [LED_PRIVATE] = LED_PRIVATES as [string];
const [TEXTILES_PRIVATE] = productsOf(TEXTILES, 'private') as [string];

let t: TestApp;
let acme: string;
let globex: string;
let led: string;
let textiles: string;

beforeEach(async () => {
  await t?.close();
  t = await openTestApp();
  [acme, globex, led, textiles] = await Promise.all([
    t.session(SANDBOX.buyers.acme),
    t.session(SANDBOX.buyers.globex),
    t.session(LED),
    t.session(TEXTILES),
  ]);
});
after(() => t.close());

const json = async (res: Response, status = 200) => {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return text === '' ? undefined : JSON.parse(text);
};
const ids = (list: { data: Array<{ product_id?: string; id?: string }> }) => list.data.map((i) => i.product_id ?? i.id);

describe('Public Product Folder', () => {
  test('collect is idempotent: 201 then 200 with the same added_at; remove is idempotent', async () => {
    const path = `/v1/folders/public/items/${LED_PUBLIC}`;
    const first = await json(await t.call('PUT', path, { token: acme }), 201);
    assert.equal(first.product.id, LED_PUBLIC);
    const again = await json(await t.call('PUT', path, { token: acme }), 200);
    assert.equal(again.added_at, first.added_at);
    assert.deepEqual(ids(await json(await t.call('GET', '/v1/folders/public', { token: acme }))), [LED_PUBLIC]);
    assert.equal((await t.call('DELETE', path, { token: acme })).status, 204);
    assert.equal((await t.call('DELETE', path, { token: acme })).status, 204);
    assert.deepEqual(ids(await json(await t.call('GET', '/v1/folders/public', { token: acme }))), []);
  });

  test("one buyer's folder is never another's", async () => {
    await json(await t.call('PUT', `/v1/folders/public/items/${LED_PUBLIC}`, { token: acme }), 201);
    assert.deepEqual(ids(await json(await t.call('GET', '/v1/folders/public', { token: globex }))), []);
    assert.equal((await t.call('DELETE', `/v1/folders/public/items/${LED_PUBLIC}`, { token: globex })).status, 204);
    assert.deepEqual(ids(await json(await t.call('GET', '/v1/folders/public', { token: acme }))), [LED_PUBLIC]);
  });

  test('unknown and invisible private products are 404; a granted private one is 422; nothing written', async () => {
    const before = await snapshot(t.store);
    await expectProblem(await t.call('PUT', '/v1/folders/public/items/prod_nope', { token: acme }), 404, 'not-found');
    await expectProblem(await t.call('PUT', `/v1/folders/public/items/${LED_PRIVATE}`, { token: acme }), 404, 'not-found');
    await expectProblem(await t.call('PUT', '/v1/folders/public/items/bad%20id', { token: acme }), 422, 'validation');
    assert.deepEqual(await snapshot(t.store), before);

    await json(await t.call('POST', '/v1/private-grants', { token: led, body: { buyer_id: 'buyer_acme', product_ids: [LED_PRIVATE] } }), 201);
    const granted = await snapshot(t.store);
    const problem = await expectProblem(await t.call('PUT', `/v1/folders/public/items/${LED_PRIVATE}`, { token: acme }), 422, 'validation');
    assert.match(problem.errors?.[0]?.message ?? '', /Private Product Folder/);
    assert.deepEqual(await snapshot(t.store), granted);
  });
});

describe('private visibility, end to end', () => {
  test('invisible, then granted (folder, search, read), then revoked (404 again)', async () => {
    const read = () => t.call('GET', `/v1/products/${LED_PRIVATE}`, { token: acme });
    const searchIds = async () => ids(await json(await t.call('GET', `/v1/products?supplier_id=${LED}&limit=100`, { token: acme })));
    const privateFolder = async () => ids(await json(await t.call('GET', '/v1/folders/private', { token: acme })));

    await expectProblem(await read(), 404, 'not-found');
    assert.ok(!(await searchIds()).includes(LED_PRIVATE));
    assert.deepEqual(await privateFolder(), []);

    const grant = await json(await t.call('POST', '/v1/private-grants', { token: led, body: { buyer_id: 'buyer_acme', product_ids: [LED_PRIVATE] } }), 201);
    assert.match(grant.id, /^grant_[a-z2-7]{26}$/);
    assert.deepEqual(grant.product_ids, [LED_PRIVATE]);
    assert.equal(grant.revoked_at, null);

    assert.equal((await read()).status, 200);
    assert.ok((await searchIds()).includes(LED_PRIVATE));
    const folder = await json(await t.call('GET', '/v1/folders/private', { token: acme }));
    assert.deepEqual(ids(folder), [LED_PRIVATE]);
    assert.equal(folder.data[0].grant_id, grant.id);
    assert.equal(folder.data[0].product.visibility, 'private');
    // Globex was not granted anything.
    await expectProblem(await t.call('GET', `/v1/products/${LED_PRIVATE}`, { token: globex }), 404, 'not-found');

    // A second grant of the same product still lists it once.
    await json(await t.call('POST', '/v1/private-grants', { token: led, body: { buyer_id: 'buyer_acme', product_ids: LED_PRIVATES } }), 201);
    assert.deepEqual((await privateFolder()).sort(), [...LED_PRIVATES].sort());

    const listed = await json(await t.call('GET', '/v1/private-grants?buyer_id=buyer_acme', { token: led }));
    for (const g of listed.data) {
      const revoked = await json(await t.call('DELETE', `/v1/private-grants/${g.id}`, { token: led }));
      assert.ok(revoked.revoked_at);
      const again = await json(await t.call('DELETE', `/v1/private-grants/${g.id}`, { token: led }));
      assert.equal(again.revoked_at, revoked.revoked_at, 'revoking twice keeps the first revoked_at');
    }
    await expectProblem(await read(), 404, 'not-found');
    assert.ok(!(await searchIds()).includes(LED_PRIVATE));
    assert.deepEqual(await privateFolder(), []);
  });

  test('bad grants are 422 per field and write nothing', async () => {
    const before = await snapshot(t.store);
    const problem = await expectProblem(
      await t.call('POST', '/v1/private-grants', {
        token: led,
        body: { buyer_id: TEXTILES, product_ids: [LED_PRIVATE, LED_PUBLIC, TEXTILES_PRIVATE, 'prod_nope'] },
      }),
      422,
      'validation',
    );
    assert.deepEqual(problem.errors?.map((e) => e.path), ['buyer_id', 'product_ids.1', 'product_ids.2', 'product_ids.3']);
    await expectProblem(
      await t.call('POST', '/v1/private-grants', { token: led, body: { buyer_id: 'buyer_acme', product_ids: [LED_PRIVATE, LED_PRIVATE] } }),
      422,
      'validation',
    );
    await expectProblem(await t.call('POST', '/v1/private-grants', { token: led, body: { buyer_id: 'buyer_acme', product_ids: [] } }), 422, 'validation');
    assert.deepEqual(await snapshot(t.store), before);
  });

  test("another supplier's grant is 404 to list, revoke, and stays untouched", async () => {
    const grant = await json(await t.call('POST', '/v1/private-grants', { token: led, body: { buyer_id: 'buyer_acme', product_ids: [LED_PRIVATE] } }), 201);
    const before = await snapshot(t.store);
    await expectProblem(await t.call('DELETE', `/v1/private-grants/${grant.id}`, { token: textiles }), 404, 'not-found');
    assert.deepEqual((await json(await t.call('GET', '/v1/private-grants', { token: textiles }))).data, []);
    assert.deepEqual(await snapshot(t.store), before);
  });
});

describe('access requests', () => {
  const ask = (token: string, body: unknown) => t.call('POST', '/v1/access-requests', { token, body });
  const decide = (token: string, id: string, decision: 'approve' | 'decline', body?: unknown) =>
    t.call('POST', `/v1/access-requests/${id}/${decision}`, { token, ...(body === undefined ? {} : { body }) });

  test('ask, see it on both sides, approve: the grant covers all private products by default', async () => {
    const request = await json(await ask(acme, { supplier_id: LED, message: 'We sell in Benelux; may we see your OEM range?' }), 201);
    assert.equal(request.status, 'pending');
    assert.deepEqual(request.buyer, { id: 'buyer_acme', name: 'Acme Trading BV' });
    assert.equal(request.supplier.id, LED);

    assert.deepEqual(ids(await json(await t.call('GET', '/v1/access-requests', { token: acme }))), [request.id]);
    assert.deepEqual(ids(await json(await t.call('GET', '/v1/access-requests?status=pending', { token: led }))), [request.id]);
    assert.deepEqual(ids(await json(await t.call('GET', '/v1/access-requests', { token: textiles }))), []);
    assert.deepEqual(ids(await json(await t.call('GET', '/v1/access-requests', { token: globex }))), []);

    const approved = await json(await decide(led, request.id, 'approve'));
    assert.equal(approved.status, 'approved');
    assert.ok(approved.decided_at);
    const grant = await t.store.db.selectFrom('private_grant_products').select('product_id').where('grant_id', '=', approved.grant_id).execute();
    assert.deepEqual(grant.map((g) => g.product_id).sort(), [...LED_PRIVATES].sort());
    assert.deepEqual(ids(await json(await t.call('GET', '/v1/folders/private', { token: acme }))).sort(), [...LED_PRIVATES].sort());
  });

  test('illegal transitions are 409 and change nothing', async () => {
    const request = await json(await ask(acme, { supplier_id: LED, message: 'Please' }), 201);
    await expectProblem(await ask(acme, { supplier_id: LED, message: 'Again' }), 409, 'conflict');
    await json(await decide(led, request.id, 'decline', {}));
    const before = await snapshot(t.store);
    await expectProblem(await decide(led, request.id, 'approve'), 409, 'conflict');
    await expectProblem(await decide(led, request.id, 'decline'), 409, 'conflict');
    assert.deepEqual(await snapshot(t.store), before);
    // Declined, so asking again is allowed.
    await json(await ask(acme, { supplier_id: LED, message: 'Once more' }), 201);
  });

  test('concurrent requests to one supplier: exactly one is created, the rest conflict', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => ask(acme, { supplier_id: LED, message: `Try ${i}` })));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409]);
    const rows = await t.store.db.selectFrom('access_requests').selectAll().where('buyer_id', '=', 'buyer_acme').execute();
    assert.equal(rows.length, 1);
  });

  test('concurrent collects of one product: one 201, the rest 200 with the same added_at', async () => {
    const path = `/v1/folders/public/items/${LED_PUBLIC}`;
    const results = await Promise.all(Array.from({ length: 5 }, () => t.call('PUT', path, { token: acme })));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 200, 200, 201]);
    const added = new Set(await Promise.all(results.map(async (r) => (await r.json()).added_at)));
    assert.equal(added.size, 1);
  });

  test("only the request's supplier decides; others get 404 or 403", async () => {
    const request = await json(await ask(acme, { supplier_id: LED, message: 'Please' }), 201);
    const before = await snapshot(t.store);
    await expectProblem(await decide(textiles, request.id, 'approve'), 404, 'not-found');
    await expectProblem(await decide(acme, request.id, 'approve'), 403, 'forbidden');
    await expectProblem(await decide(led, 'areq_nope', 'approve'), 404, 'not-found');
    assert.deepEqual(await snapshot(t.store), before);
  });

  test('bad input is refused and changes nothing; a failed approval leaves the request pending', async () => {
    const before = await snapshot(t.store);
    await expectProblem(await ask(acme, { supplier_id: 'supplier_nope', message: 'Hi' }), 404, 'not-found');
    await expectProblem(await ask(acme, { supplier_id: 'buyer_globex', message: 'Hi' }), 404, 'not-found');
    const empty = await expectProblem(await ask(acme, { supplier_id: LED, message: '   ' }), 422, 'validation');
    assert.deepEqual(empty.errors?.map((e) => e.path), ['message']);
    await expectProblem(await ask(acme, { supplier_id: LED, message: 'x'.repeat(2001) }), 422, 'validation');
    assert.deepEqual(await snapshot(t.store), before);

    const request = await json(await ask(acme, { supplier_id: LED, message: 'Please' }), 201);
    const pending = await snapshot(t.store);
    const problem = await expectProblem(await decide(led, request.id, 'approve', { product_ids: [LED_PUBLIC] }), 422, 'validation');
    assert.deepEqual(problem.errors?.map((e) => e.path), ['product_ids.0']);
    await expectProblem(await decide(led, request.id, 'approve', '{oops'), 400, 'malformed-json');
    assert.deepEqual(await snapshot(t.store), pending);
    const approved = await json(await decide(led, request.id, 'approve', { product_ids: [LED_PRIVATE] }));
    assert.equal(approved.status, 'approved');
  });
});
