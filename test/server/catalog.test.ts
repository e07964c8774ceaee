/** Catalog queries on the test database: the visibility rule, ranking, hostile input and cursor paging. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../server/store/db.js';
import {
  InvalidCursorError, getProduct, getProductsByIds, listCategories, searchProducts, searchSuppliers,
  type ProductSearch, type Viewer,
} from '../../server/store/catalog.js';
import { SANDBOX, SEED_PRODUCTS } from '../../server/store/seed.js';
import type { Database } from '../../server/store/schema.js';
import { openTestStore, testDialect } from './harness.js';

const NOW = '2026-02-01T10:00:00.000Z';
const LED = SANDBOX.suppliers.shenzhenLed;
const TEXTILES = SANDBOX.suppliers.ningboTextiles;
const ACME = SANDBOX.buyers.acme;
const GLOBEX = SANDBOX.buyers.globex;
const SMART_BULB = 'prod_oem_smart_bulb'; // LED, private: granted to Acme
const CCT_PANEL = 'prod_odm_panel_custom_cct'; // LED, private: Globex's grant revoked; Textiles "grants" it to Acme
const HOODIE = 'prod_oem_private_label_hoodie'; // Textiles, private: granted to nobody

const anonymous: Viewer = { kind: 'anonymous' };
const operator: Viewer = { kind: 'operator', id: SANDBOX.operator };
const buyer = (id: string): Viewer => ({ kind: 'buyer', id });
const supplier = (id: string): Viewer => ({ kind: 'supplier', id });
const ids = (page: { data: { id: string }[] }) => page.data.map((p) => p.id);

async function grant(store: Store, id: string, supplierId: string, buyerId: string, productIds: string[], revoked = false) {
  await store.db.insertInto('private_grants').values({ id, supplier_id: supplierId, buyer_id: buyerId, created_at: NOW, revoked_at: revoked ? NOW : null }).execute();
  await store.db.insertInto('private_grant_products').values(productIds.map((product_id) => ({ grant_id: id, product_id }))).execute();
}

/** Every page of a search, asserting along the way that no id repeats. */
async function allPages(store: Store, viewer: Viewer, query: ProductSearch, candidates?: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 200; pages++) {
    const page = await searchProducts(store, viewer, { ...query, cursor }, { candidates });
    for (const id of ids(page)) {
      assert.ok(!seen.includes(id), `${id} returned twice`);
      seen.push(id);
    }
    if (page.next_cursor === null) return seen;
    assert.equal(page.data.length, query.limit ?? 20, 'only the last page may be short');
    cursor = page.next_cursor;
  }
  throw new Error('paging did not end');
}

describe(`product visibility (${testDialect})`, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore({ seed: true });
    await grant(store, 'grant_acme', LED, ACME, [SMART_BULB]);
    await grant(store, 'grant_globex_old', LED, GLOBEX, [CCT_PANEL, SMART_BULB], true);
    // A grant naming another supplier's product must unlock nothing, whatever wrote it.
    await grant(store, 'grant_bogus', TEXTILES, ACME, [CCT_PANEL]);
  });
  after(() => store.close());

  const publicIds = SEED_PRODUCTS.filter((p) => p.visibility === 'public').map((p) => p.id);
  const ownPrivate = (s: string) => SEED_PRODUCTS.filter((p) => p.supplier_id === s && p.visibility === 'private').map((p) => p.id);
  const expected: Array<[string, Viewer, string[]]> = [
    ['anonymous', anonymous, publicIds],
    ['an operator', operator, publicIds],
    ['the LED supplier', supplier(LED), [...publicIds, ...ownPrivate(LED)]],
    ['the textiles supplier', supplier(TEXTILES), [...publicIds, ...ownPrivate(TEXTILES)]],
    ['Acme (one live grant, one bogus cross-supplier grant)', buyer(ACME), [...publicIds, SMART_BULB]],
    ['Globex (revoked grant)', buyer(GLOBEX), publicIds],
    ['an unknown buyer', buyer('buyer_nobody'), publicIds],
  ];

  for (const [who, viewer, visible] of expected) {
    test(`${who}: browsing every page shows exactly the visible products`, async () => {
      assert.deepEqual(new Set(await allPages(store, viewer, { limit: 9 })), new Set(visible));
    });
    test(`${who}: getProduct answers for visible products only`, async () => {
      for (const id of [SMART_BULB, CCT_PANEL, HOODIE, 'prod_led_panel_600x600']) {
        assert.equal((await getProduct(store, viewer, id))?.id, visible.includes(id) ? id : undefined, id);
      }
    });
  }

  test('search finds a private product only for those who may see it', async () => {
    const finds = async (viewer: Viewer, q: string, id: string) => ids(await searchProducts(store, viewer, { q, limit: 100 })).includes(id);
    assert.equal(await finds(anonymous, 'smart bulb', SMART_BULB), false);
    assert.equal(await finds(operator, 'smart bulb', SMART_BULB), false);
    assert.equal(await finds(buyer(GLOBEX), 'smart bulb', SMART_BULB), false);
    assert.equal(await finds(supplier(TEXTILES), 'smart bulb', SMART_BULB), false);
    assert.equal(await finds(buyer(ACME), 'smart bulb', SMART_BULB), true);
    assert.equal(await finds(supplier(LED), 'smart bulb', SMART_BULB), true);
    assert.equal(await finds(buyer(ACME), 'custom cct remote', CCT_PANEL), false);
    assert.equal(await finds(supplier(LED), 'custom cct remote', CCT_PANEL), true);
    assert.equal(await finds(buyer(ACME), 'private label hoodie', HOODIE), false);
  });

  test('products carry their visibility, their supplier and parsed images', async () => {
    const bulb = await getProduct(store, buyer(ACME), SMART_BULB);
    assert.equal(bulb?.visibility, 'private');
    assert.deepEqual(bulb?.supplier, { id: LED, name: 'Shenzhen Brightway LED Co., Ltd.', location: 'Shenzhen, CN' });
    assert.deepEqual(bulb?.images, []);
    assert.equal(typeof bulb?.unit_price, 'number');
  });

  test('getProductsByIds keeps the order asked, once each, dropping invisible and unknown ids', async () => {
    const asked = ['prod_led_panel_600x600', HOODIE, SMART_BULB, 'prod_nope', 'prod_led_panel_600x600', 'prod_kraft_mailer_box'];
    assert.deepEqual((await getProductsByIds(store, buyer(ACME), asked)).map((p) => p.id), ['prod_led_panel_600x600', SMART_BULB, 'prod_kraft_mailer_box']);
    assert.deepEqual(await getProductsByIds(store, anonymous, []), []);
  });

  test('listCategories counts what the viewer sees', async () => {
    const lighting = async (viewer: Viewer) => (await listCategories(store, viewer)).find((c) => c.slug === 'lighting')?.product_count;
    const publicLighting = SEED_PRODUCTS.filter((p) => p.category === 'lighting' && p.visibility === 'public').length;
    assert.equal(await lighting(anonymous), publicLighting);
    assert.equal(await lighting(buyer(ACME)), publicLighting + 1);
    assert.equal(await lighting(supplier(LED)), publicLighting + ownPrivate(LED).length);
  });

  test('revoking a grant hides the product again', async () => {
    await store.db.updateTable('private_grants').set({ revoked_at: NOW }).where('id', '=', 'grant_acme').execute();
    assert.equal(await getProduct(store, buyer(ACME), SMART_BULB), undefined);
    assert.ok(!ids(await searchProducts(store, buyer(ACME), { q: 'smart bulb' })).includes(SMART_BULB));
  });
});

describe(`product search (${testDialect})`, () => {
  let store: Store;
  const row = (id: string, name: string, description: string, extra: Partial<Database['products']> = {}): Database['products'] => ({
    id, supplier_id: LED, name, description, category: 'testing', moq: 1, unit_price: 100, currency: 'USD', images: '[]', visibility: 'public', created_at: NOW, updated_at: NOW, ...extra,
  });
  before(async () => {
    store = await openTestStore({ seed: true });
    await store.db.insertInto('products').values([
      row('prod_rank_desc', 'Plain lamp base', 'A sturdy base finished in zephyrite grey enamel.'),
      row('prod_rank_name', 'Zephyrite desk lamp', 'A sturdy lamp finished in grey enamel paint.'),
      row('prod_hostile', '<img src=x onerror=alert(1)> "Hostile" & Co lamp', "Robert'); DROP TABLE products;-- 中文 描述"),
      // 25 products alike in every sort key but the id, so paging must fall back on the id; inserted
      // in an order unlike the ids' so that storage order cannot stand in for the tiebreak.
      ...Array.from({ length: 25 }, (_, i) => row(`prod_tie_${String((i * 7) % 25).padStart(2, '0')}`, 'Tiebreak widget', 'Same text for all.', { created_at: '2026-03-01T00:00:00.000Z' })),
      // Distinct scores (longer text ranks lower), every other one private: candidate pools that end
      // in rows the viewer cannot see.
      ...Array.from({ length: 12 }, (_, i) => row(`prod_quokka_${String(i).padStart(2, '0')}`, 'Quokka item', 'filler '.repeat(i + 1), { visibility: i % 2 ? 'private' : 'public' })),
    ]).execute();
  });
  after(() => store.close());
  const search = (query: ProductSearch, viewer: Viewer = anonymous) => searchProducts(store, viewer, query);

  test('ranks a match in the name above a match in the description', async () => {
    assert.deepEqual(ids(await search({ q: 'zephyrite' })), ['prod_rank_name', 'prod_rank_desc']);
  });

  test('matches the last word as a prefix: "led pan" finds LED panels', async () => {
    const found = ids(await search({ q: 'led pan' }));
    assert.ok(found.includes('prod_led_panel_600x600') && found.includes('prod_led_panel_300x1200'), found.join());
    assert.ok(!found.includes('prod_led_bulb_a60_9w'), 'every word must match');
    assert.deepEqual(ids(await search({ q: 'zephyr' })).sort(), ['prod_rank_desc', 'prod_rank_name']);
  });

  test("finds products by their supplier's name, case- and width-insensitively", async () => {
    const found = ids(await search({ q: 'ＳＨＥＮＺＨＥＮ brightway', limit: 100 }));
    const ledPublic = await store.db.selectFrom('products').select('id').where('supplier_id', '=', LED).where('visibility', '=', 'public').execute();
    assert.ok(ledPublic.length > 10);
    assert.deepEqual(new Set(found), new Set(ledPublic.map((p) => p.id)));
  });

  const hostile = ['"', "'", '*', 'NEAR(', ')', '-', '-led', 'led -panel', '"led', 'led*', 'AND', 'OR NOT', 'name:led', '^led', '{name}: x', '\\', '%', '_', '🔥💡', '中文', '灯', 'ǅ́', '\u0301', 'led \u0301', '\u200d', '٣٤', '\u0000', 'a'.repeat(200), 'x '.repeat(100)];
  for (const q of hostile) {
    test(`takes hostile input ${JSON.stringify(q.slice(0, 12))} without throwing`, async () => {
      const page = await search({ q });
      assert.ok(Array.isArray(page.data));
      const bySupplier = await searchSuppliers(store, { q });
      assert.ok(Array.isArray(bySupplier.data));
    });
  }

  test('ignores stray marks and stop words around real words', async () => {
    const led = ids(await search({ q: 'led panel', limit: 100 }));
    assert.ok(led.length > 0);
    assert.deepEqual(ids(await search({ q: 'the led \u0301 panel for', limit: 100 })), led);
  });

  test('finds a product named with HTML and quotes, returned verbatim', async () => {
    const [found] = (await search({ q: 'hostile lamp' })).data;
    assert.equal(found?.name, '<img src=x onerror=alert(1)> "Hostile" & Co lamp');
    assert.ok(ids(await search({ q: 'DROP TABLE products' })).includes('prod_hostile'));
  });

  test('filters by category, supplier and price range (minor units as stored)', async () => {
    const lighting = (await search({ category: 'lighting', limit: 100 })).data;
    assert.ok(lighting.length > 0 && lighting.every((p) => p.category === 'lighting'));
    const textiles = (await search({ supplier_id: TEXTILES, limit: 100 })).data;
    assert.ok(textiles.length > 0 && textiles.every((p) => p.supplier_id === TEXTILES));
    const priced = (await search({ min_price: 1000, max_price: 2000, limit: 100 })).data;
    const expected = SEED_PRODUCTS.filter((p) => p.visibility === 'public' && p.unit_price >= 1000 && p.unit_price <= 2000);
    assert.deepEqual(new Set(priced.map((p) => p.id)), new Set(expected.map((p) => p.id)));
    assert.deepEqual(ids(await search({ q: 'panel', min_price: 2000, category: 'lighting' })), ['prod_led_panel_300x1200']);
  });

  const pagings: Array<[string, ProductSearch]> = [
    ['newest first', { supplier_id: TEXTILES, limit: 7 }],
    ['ranked "led"', { q: 'led', limit: 4 }],
    ['ranked with tied scores', { q: 'tiebreak widget', limit: 4 }],
    ['newest first with tied timestamps', { category: 'testing', limit: 4 }],
    ['ranked and filtered', { q: 'light', min_price: 200, limit: 3 }],
    ['ranked over alternating private rows', { q: 'quokka', limit: 2 }],
  ];
  for (const [name, query] of pagings) {
    test(`pages ${name}: every row exactly once, in the one-page order`, async () => {
      const whole = ids(await search({ ...query, limit: 100 }));
      assert.ok(whole.length > (query.limit ?? 20) && whole.length < 100, 'the case must need several pages and fit in one');
      assert.deepEqual(await allPages(store, anonymous, query), whole);
      // SQLite's candidate pass, squeezed so that some pages are served by it and others fall back.
      for (const candidates of [1, 2, 5, 12]) {
        assert.deepEqual(await allPages(store, anonymous, query, candidates), whole, `candidates=${candidates}`);
        assert.deepEqual(await allPages(store, buyer(ACME), query, candidates), ids(await search({ ...query, limit: 100 }, buyer(ACME))));
      }
    });
  }

  test('refuses a malformed, edited or foreign cursor with InvalidCursorError', async () => {
    const ranked = (await search({ q: 'led', limit: 2 })).next_cursor!;
    const browse = (await search({ limit: 2 })).next_cursor!;
    const payload = JSON.parse(Buffer.from(ranked, 'base64url').toString()) as { s: string; k: unknown[] };
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const bad: Array<[string, ProductSearch]> = [
      ['not base64url', { q: 'led', cursor: 'not a cursor!' }],
      ['not JSON', { q: 'led', cursor: Buffer.from('{oops').toString('base64url') }],
      ['empty object', { q: 'led', cursor: forge({}) }],
      ['string where a score belongs', { q: 'led', cursor: forge({ ...payload, k: ['x', 'prod_a'] }) }],
      ['key too short', { q: 'led', cursor: forge({ ...payload, k: [1] }) }],
      ['another query’s cursor', { q: 'chair', cursor: ranked }],
      ['a browse cursor on a ranked search', { q: 'led', cursor: browse }],
      ['a ranked cursor on a browse', { cursor: ranked }],
      ['another filter’s cursor', { q: 'led', category: 'lighting', cursor: ranked }],
    ];
    for (const [why, query] of bad) {
      await assert.rejects(search(query), InvalidCursorError, why);
    }
    await assert.rejects(searchSuppliers(store, { cursor: browse }), InvalidCursorError);
    assert.equal((await search({ q: 'led', limit: 2, cursor: ranked })).data.length, 2, 'the genuine cursor works');
  });
});

describe(`supplier search (${testDialect})`, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore({ seed: true });
  });
  after(() => store.close());

  test('finds suppliers by any word of name, location or description, with public product counts', async () => {
    const { data } = await searchSuppliers(store, { q: 'shenzhen' });
    assert.deepEqual(data.map((s) => s.id), [LED, SANDBOX.suppliers.shenzhenVoltcore]);
    const publicLed = SEED_PRODUCTS.filter((p) => p.supplier_id === LED && p.visibility === 'public').length;
    assert.equal(data[0]?.public_product_count, publicLed);
    assert.deepEqual((await searchSuppliers(store, { q: 'ningbo harb' })).data.map((s) => s.id), [TEXTILES]);
    assert.deepEqual((await searchSuppliers(store, { q: 'zzzz' })).data, []);
  });

  test('lists only suppliers, by name, paging every one exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchSuppliers(store, { limit: 2, cursor });
      seen.push(...page.data.map((s) => s.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    const whole = (await searchSuppliers(store, { limit: 100 })).data.map((s) => s.id);
    assert.deepEqual(seen, whole);
    assert.equal(whole.length, Object.keys(SANDBOX.suppliers).length);
    assert.ok(!whole.includes(ACME) && !whole.includes(SANDBOX.operator));
  });
});
