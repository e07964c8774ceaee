/** Catalog over HTTP: visibility by caller, suppliers editing only their own products, bad input, hostile text. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { SANDBOX, SEED_PRODUCTS } from '../../server/store/seed.js';
import { expectProblem, openTestApp, snapshot, type TestApp } from './app-harness.js';

const LED = SANDBOX.suppliers.shenzhenLed;
const TEXTILES = SANDBOX.suppliers.ningboTextiles;
const seeded = (supplier: string, visibility: 'public' | 'private') =>
  SEED_PRODUCTS.find((p) => p.supplier_id === supplier && p.visibility === visibility)!.id;
const LED_PUBLIC = seeded(LED, 'public');
const LED_PRIVATE = seeded(LED, 'private');
const TEXTILES_PUBLIC = seeded(TEXTILES, 'public');

const NEW_PRODUCT = {
  name: 'Linear High Bay 150 W',
  description: 'IP65, 160 lm/W.',
  category: 'lighting',
  moq: 50,
  unit_price: 3990,
  currency: 'USD',
  images: ['https://cdn.example/high-bay.jpg'],
};

describe('catalog reads', () => {
  let t: TestApp;
  let buyer: string;
  let supplier: string;
  before(async () => {
    t = await openTestApp();
    buyer = await t.session('buyer_acme');
    supplier = await t.session(LED);
  });
  after(() => t.close());

  const ids = async (res: Response) => {
    assert.equal(res.status, 200);
    return ((await res.json()) as { data: Array<{ id: string }> }).data.map((p) => p.id);
  };

  test('a publishable key and a buyer without grants see public products only', async () => {
    for (const token of [SANDBOX.publishableKey, buyer]) {
      const found = await ids(await t.call('GET', `/v1/products?supplier_id=${LED}&limit=100`, { token }));
      assert.ok(found.includes(LED_PUBLIC));
      assert.ok(!found.includes(LED_PRIVATE));
      await expectProblem(await t.call('GET', `/v1/products/${LED_PRIVATE}`, { token }), 404, 'not-found');
    }
  });

  test('a supplier sees its own private products', async () => {
    const found = await ids(await t.call('GET', `/v1/products?supplier_id=${LED}&limit=100`, { token: supplier }));
    assert.ok(found.includes(LED_PRIVATE));
    const res = await t.call('GET', `/v1/products/${LED_PRIVATE}`, { token: supplier });
    assert.equal(res.status, 200);
    const product = await res.json();
    assert.equal(product.visibility, 'private');
    assert.equal(product.supplier.id, LED);
  });

  test('a price range with a currency compares like for like', async () => {
    // Textiles' supplier sees its own private CNY towel set; ¥5.20 is 520 minor units, like $5.20.
    const token = await t.session(TEXTILES);
    const range = 'min_price=500&max_price=600&limit=100';
    const any = (await (await t.call('GET', `/v1/products?${range}`, { token })).json()).data as Array<{ currency: string }>;
    assert.ok(any.some((p) => p.currency === 'CNY') && any.some((p) => p.currency === 'USD'), 'both currencies fall in 500..600');
    const cny = (await (await t.call('GET', `/v1/products?${range}&currency=CNY`, { token })).json()).data as Array<{ currency: string }>;
    assert.ok(cny.length > 0);
    assert.ok(cny.every((p) => p.currency === 'CNY'));
    await expectProblem(await t.call('GET', '/v1/products?currency=usd', { token }), 422, 'validation');
  });

  test('search is ranked full text and pages with a cursor', async () => {
    const first = await t.call('GET', '/v1/products?q=led&limit=2', { token: buyer });
    const page = await first.json();
    assert.equal(page.data.length, 2);
    assert.equal(typeof page.next_cursor, 'string');
    const second = await (await t.call('GET', `/v1/products?q=led&limit=2&cursor=${encodeURIComponent(page.next_cursor)}`, { token: buyer })).json();
    assert.ok(second.data.every((p: { id: string }) => !page.data.some((q: { id: string }) => q.id === p.id)));
  });

  test('suppliers and categories', async () => {
    const suppliers = await (await t.call('GET', '/v1/suppliers?q=shenzhen', { token: buyer })).json();
    assert.ok(suppliers.data.some((s: { id: string }) => s.id === LED));
    assert.ok(suppliers.data.every((s: { name: string; location: string }) => /shenzhen/i.test(s.name + s.location)));
    const anon = await (await t.call('GET', '/v1/categories', { token: SANDBOX.publishableKey })).json();
    const own = await (await t.call('GET', '/v1/categories', { token: supplier })).json();
    const count = (list: { data: Array<{ slug: string; product_count: number }> }) => list.data.find((c) => c.slug === 'lighting')?.product_count ?? 0;
    assert.ok(count(own) > count(anon), 'the supplier counts its private lighting products too');
  });

  test('bad query parameters are 422 with the field named', async () => {
    const problem = await expectProblem(await t.call('GET', '/v1/products?limit=101&min_price=-1', { token: buyer }), 422, 'validation');
    assert.deepEqual(problem.errors?.map((e) => e.path).sort(), ['limit', 'min_price']);
    const range = await expectProblem(await t.call('GET', '/v1/products?min_price=500&max_price=100', { token: buyer }), 422, 'validation');
    assert.deepEqual(range.errors?.map((e) => e.path), ['max_price']);
  });
});

describe('catalog writes', () => {
  let t: TestApp;
  let supplier: string;
  let otherSupplier: string;
  beforeEach(async () => {
    await t?.close();
    t = await openTestApp();
    supplier = await t.session(LED);
    otherSupplier = await t.session(TEXTILES);
  });
  after(() => t.close());

  const productRow = (id: string) => t.store.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();

  test('a supplier publishes into its own catalog: 201, Location, and it is searchable', async () => {
    const res = await t.call('POST', '/v1/products', { token: supplier, body: NEW_PRODUCT });
    assert.equal(res.status, 201);
    const product = await res.json();
    assert.match(product.id, /^prod_[a-z2-7]{26}$/);
    assert.equal(res.headers.get('location'), `/v1/products/${product.id}`);
    assert.equal(product.supplier_id, LED);
    assert.equal(product.visibility, 'public');
    assert.deepEqual(product.images, NEW_PRODUCT.images);
    const buyer = await t.session('buyer_acme');
    const found = await (await t.call('GET', '/v1/products?q=high%20bay', { token: buyer })).json();
    assert.ok(found.data.some((p: { id: string }) => p.id === product.id));
  });

  test('PATCH changes only the fields given', async () => {
    const before = (await productRow(LED_PUBLIC))!;
    const res = await t.call('PATCH', `/v1/products/${LED_PUBLIC}`, { token: supplier, body: { unit_price: 1234 } });
    assert.equal(res.status, 200);
    const after = (await productRow(LED_PUBLIC))!;
    assert.equal(after.unit_price, 1234);
    assert.equal(after.description, before.description);
    assert.equal(after.images, before.images);
    assert.equal(after.visibility, before.visibility);
    assert.ok(after.updated_at > before.updated_at);
  });

  test("another supplier's product: PATCH is 404 and the row is unchanged", async () => {
    const before = await snapshot(t.store);
    await expectProblem(
      await t.call('PATCH', `/v1/products/${LED_PUBLIC}`, { token: otherSupplier, body: { name: 'Hijacked' } }),
      404,
      'not-found',
    );
    await expectProblem(
      await t.call('PATCH', `/v1/products/${LED_PRIVATE}`, { token: otherSupplier, body: { name: 'Hijacked' } }),
      404,
      'not-found',
    );
    assert.deepEqual(await snapshot(t.store), before);
    assert.equal((await t.call('PATCH', `/v1/products/${TEXTILES_PUBLIC}`, { token: otherSupplier, body: { moq: 7 } })).status, 200);
  });

  test('every kind of bad product input is 422 with each field, and nothing is written', async () => {
    const before = await snapshot(t.store);
    const cases: Array<[unknown, string[]]> = [
      [{ ...NEW_PRODUCT, unit_price: 12.5 }, ['unit_price']],
      [{ ...NEW_PRODUCT, currency: 'usd', moq: 0 }, ['currency', 'moq']],
      [{ ...NEW_PRODUCT, images: ['javascript:alert(1)'] }, ['images.0']],
      [{ ...NEW_PRODUCT, name: '   ' }, ['name']],
      [{ ...NEW_PRODUCT, category: 'Not A Slug' }, ['category']],
      [{ ...NEW_PRODUCT, visibility: 'secret' }, ['visibility']],
      [{ description: 'no name' }, ['category', 'currency', 'moq', 'name', 'unit_price']],
      [[], ['']],
    ];
    for (const [body, paths] of cases) {
      const problem = await expectProblem(await t.call('POST', '/v1/products', { token: supplier, body }), 422, 'validation');
      assert.deepEqual(problem.errors?.map((e) => e.path).sort(), paths, JSON.stringify(body));
    }
    await expectProblem(await t.call('PATCH', `/v1/products/${LED_PUBLIC}`, { token: supplier, body: {} }), 422, 'validation');
    await expectProblem(await t.call('PATCH', `/v1/products/${LED_PUBLIC}`, { token: supplier, body: { unit_price: -1 } }), 422, 'validation');
    assert.deepEqual(await snapshot(t.store), before);
  });

  test('hostile text is stored and returned verbatim: JSON is not HTML', async () => {
    const hostile = `<img src=x onerror="alert('x')"> & </script>\u202e "quoted" 漢字`;
    const res = await t.call('POST', '/v1/products', { token: supplier, body: { ...NEW_PRODUCT, name: hostile, description: hostile } });
    assert.equal(res.status, 201);
    const product = await res.json();
    assert.equal(product.name, hostile);
    assert.equal((await productRow(product.id))!.description, hostile);
    const read = await (await t.call('GET', `/v1/products/${product.id}`, { token: SANDBOX.publishableKey })).json();
    assert.equal(read.name, hostile);
  });
});
