/** Storage on the test database: migrations, constraints, transactions, search-index upkeep and the sandbox seed. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openStore, type Store } from '../../server/store/db.js';
import { migrate } from '../../server/store/migrate.js';
import { migrations } from '../../server/store/migrations/index.js';
import { searchProducts } from '../../server/store/catalog.js';
import { SANDBOX, SEED_PRODUCTS, SEED_SUPPLIERS, seedSandbox } from '../../server/store/seed.js';
import type { Database } from '../../server/store/schema.js';
import { openTestStore, testDialect } from './harness.js';

const NOW = '2026-02-01T10:00:00.000Z';
const LED = SANDBOX.suppliers.shenzhenLed;
const TEXTILES = SANDBOX.suppliers.ningboTextiles;

let serial = 0;
function product(overrides: Partial<Database['products']> = {}): Database['products'] {
  return {
    id: `prod_t_${++serial}`,
    supplier_id: LED,
    name: 'Test lamp',
    description: '',
    category: 'lighting',
    moq: 1,
    unit_price: 100,
    currency: 'USD',
    images: '[]',
    visibility: 'public',
    created_at: NOW,
    updated_at: NOW,
    ...overrides,
  };
}

const ids = (page: { data: { id: string }[] }) => page.data.map((p) => p.id);

describe(`migrations (${testDialect})`, () => {
  test('run twice without error, record each migration once and keep data', async () => {
    const store = await openTestStore({ seed: true });
    try {
      await migrate(store);
      await migrate(store);
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(store.db);
      // Every migration exactly once, whatever later issues add.
      assert.deepEqual(applied.rows.map((r) => r.name), Object.keys(migrations(testDialect)).sort());
      assert.equal(applied.rows[0]?.name, '0001_catalog');
      const count = await store.db.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), SEED_PRODUCTS.length);
      assert.deepEqual(ids(await searchProducts(store, { kind: 'anonymous' }, { q: 'floodlight' })), ['prod_led_floodlight_100w']);
    } finally {
      await store.close();
    }
  });

  test('leave the settings table empty for the auth layer to fill', async () => {
    const store = await openTestStore();
    try {
      assert.deepEqual(await store.db.selectFrom('settings').selectAll().execute(), []);
    } finally {
      await store.close();
    }
  });
});

test('openStore refuses an unknown URL scheme with a message naming the accepted forms', () => {
  assert.throws(() => openStore('mysql://localhost/k100'), /Unsupported DATABASE_URL.*sqlite:<path>.*postgres:\/\//);
  assert.throws(() => openStore('sqlite:'), /needs a file path/);
  // The message echoes the URL for debugging, but never its password.
  assert.throws(() => openStore('mysql://user:hunter2@db/k100'), (e: Error) => e.message.includes('mysql://***@db/k100') && !e.message.includes('hunter2'));
});

describe(`constraints (${testDialect})`, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore({ seed: true });
  });
  after(() => store.close());

  const refused: Array<[string, () => Promise<unknown>]> = [
    ['unknown party kind', () => store.db.insertInto('parties').values({ id: 'x1', partner_id: SANDBOX.partnerId, kind: 'admin' as 'buyer', name: 'X', location: '', description: '', created_at: NOW }).execute()],
    ['party of an unknown partner', () => store.db.insertInto('parties').values({ id: 'x2', partner_id: 'partner_nope', kind: 'buyer', name: 'X', location: '', description: '', created_at: NOW }).execute()],
    ['unknown visibility', () => store.db.insertInto('products').values(product({ visibility: 'secret' as 'public' })).execute()],
    ['moq of zero', () => store.db.insertInto('products').values(product({ moq: 0 })).execute()],
    ['negative price', () => store.db.insertInto('products').values(product({ unit_price: -1 })).execute()],
    ['fractional price', () => store.db.insertInto('products').values(product({ unit_price: 12.5 })).execute()],
    ['two-letter currency', () => store.db.insertInto('products').values(product({ currency: 'US' })).execute()],
    ['lower-case currency', () => store.db.insertInto('products').values(product({ currency: 'usd' })).execute()],
    ['images that are not JSON', () => store.db.insertInto('products').values(product({ images: 'not json' })).execute()],
    ['a timestamp that is not ISO-8601 UTC', () => store.db.insertInto('products').values(product({ created_at: 'Mon Feb 02 2026' })).execute()],
    ['product of an unknown supplier', () => store.db.insertInto('products').values(product({ supplier_id: 'supplier_nope' })).execute()],
    ['duplicate product id', () => store.db.insertInto('products').values(product({ id: 'prod_led_panel_600x600' })).execute()],
    ['duplicate publishable key', () => store.db.insertInto('partners').values({ id: 'partner_2', name: 'Two', publishable_key: SANDBOX.publishableKey, secret_key_hash: 'a'.repeat(64), allowed_origins: '[]', created_at: NOW }).execute()],
    ['duplicate secret key hash', () => store.db.insertInto('partners').values({ id: 'partner_3', name: 'Three', publishable_key: 'pk_test_three', secret_key_hash: createHash('sha256').update(SANDBOX.secretKey).digest('hex'), allowed_origins: '[]', created_at: NOW }).execute()],
    ['duplicate folder item', async () => {
      const row = { buyer_id: SANDBOX.buyers.acme, product_id: 'prod_led_panel_600x600', added_at: NOW };
      await store.db.insertInto('folder_items').values(row).execute();
      await store.db.insertInto('folder_items').values(row).execute();
    }],
    ['grant of an unknown product', async () => {
      await store.db.insertInto('private_grants').values({ id: 'grant_c1', supplier_id: LED, buyer_id: SANDBOX.buyers.acme, created_at: NOW, revoked_at: null }).execute();
      await store.db.insertInto('private_grant_products').values({ grant_id: 'grant_c1', product_id: 'prod_nope' }).execute();
    }],
    ['access request with an unknown status', () => store.db.insertInto('access_requests').values({ id: 'ar1', buyer_id: SANDBOX.buyers.acme, supplier_id: LED, message: 'hi', status: 'maybe' as 'pending', grant_id: null, created_at: NOW, decided_at: null }).execute()],
    ['a second pending access request for the same buyer and supplier', async () => {
      const row = { buyer_id: SANDBOX.buyers.globex, supplier_id: TEXTILES, message: 'hi', status: 'pending' as const, grant_id: null, created_at: NOW, decided_at: null };
      await store.db.insertInto('access_requests').values({ ...row, id: 'ar_p1' }).execute();
      await store.db.insertInto('access_requests').values({ ...row, id: 'ar_p2' }).execute();
    }],
    ['decided access request without decided_at', () => store.db.insertInto('access_requests').values({ id: 'ar2', buyer_id: SANDBOX.buyers.acme, supplier_id: LED, message: 'hi', status: 'declined', grant_id: null, created_at: NOW, decided_at: null }).execute()],
  ];
  for (const [name, write] of refused) {
    test(`refuse ${name}`, async () => {
      await assert.rejects(write());
    });
  }

  test('accept a valid row (so the refusals above are about the bad field)', async () => {
    await store.db.insertInto('products').values(product({ id: 'prod_t_valid' })).execute();
    await store.db.insertInto('access_requests').values({ id: 'ar_ok', buyer_id: SANDBOX.buyers.acme, supplier_id: LED, message: 'hi', status: 'pending', grant_id: null, created_at: NOW, decided_at: null }).execute();
    // Decided requests do not count against the one-pending rule.
    const decided = { buyer_id: SANDBOX.buyers.acme, supplier_id: TEXTILES, message: 'hi', status: 'declined' as const, grant_id: null, created_at: NOW, decided_at: NOW };
    await store.db.insertInto('access_requests').values([{ ...decided, id: 'ar_d1' }, { ...decided, id: 'ar_d2' }]).execute();
  });
});

describe(`transactions (${testDialect})`, () => {
  test('a failing transaction leaves nothing written; a committed one keeps everything', async () => {
    const store = await openTestStore({ seed: true });
    try {
      await assert.rejects(
        store.db.transaction().execute(async (trx) => {
          await trx.insertInto('products').values(product({ id: 'prod_t_rolled_back', name: 'Rollback lantern' })).execute();
          await trx.insertInto('products').values(product({ id: 'prod_t_bad', moq: 0 })).execute();
        }),
      );
      assert.equal(await store.db.selectFrom('products').select('id').where('id', '=', 'prod_t_rolled_back').executeTakeFirst(), undefined);
      assert.deepEqual(ids(await searchProducts(store, { kind: 'anonymous' }, { q: 'rollback lantern' })), []);

      await store.db.transaction().execute(async (trx) => {
        await trx.insertInto('products').values(product({ id: 'prod_t_committed', name: 'Committed lantern' })).execute();
      });
      assert.deepEqual(ids(await searchProducts(store, { kind: 'anonymous' }, { q: 'committed lantern' })), ['prod_t_committed']);
    } finally {
      await store.close();
    }
  });
});

describe(`search index upkeep (${testDialect})`, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore({ seed: true });
  });
  after(() => store.close());
  const search = (q: string) => searchProducts(store, { kind: 'anonymous' }, { q, limit: 100 }).then(ids);

  test('an edited name is found by its new words and no longer by its old ones', async () => {
    await store.db.updateTable('products').set({ name: 'Quasar beacon 600x600' }).where('id', '=', 'prod_led_panel_600x600').execute();
    assert.deepEqual(await search('quasar'), ['prod_led_panel_600x600']);
    assert.ok(!(await search('panel light 600x600')).includes('prod_led_panel_600x600'));
  });

  test('a deleted product leaves the index', async () => {
    await store.db.insertInto('products').values(product({ id: 'prod_t_ephemeral', name: 'Ephemeral gizmo' })).execute();
    assert.deepEqual(await search('ephemeral'), ['prod_t_ephemeral']);
    await store.db.deleteFrom('products').where('id', '=', 'prod_t_ephemeral').execute();
    assert.deepEqual(await search('ephemeral'), []);
  });

  test("a supplier's products are found by its name, and by its new name after a rename", async () => {
    const textiles = await search('harbour textiles');
    assert.ok(textiles.length > 0 && textiles.every((id) => SEED_PRODUCTS.find((p) => p.id === id)?.supplier_id === TEXTILES));
    await store.db.updateTable('parties').set({ name: 'Zhejiang Tidewater Mills' }).where('id', '=', TEXTILES).execute();
    assert.deepEqual(await search('harbour textiles'), []);
    assert.deepEqual(new Set(await search('tidewater')), new Set(textiles));
    if (testDialect === 'sqlite') {
      // FTS5 compares the index with its content table and throws on any drift.
      await sql`INSERT INTO products_fts(products_fts, rank) VALUES ('integrity-check', 1)`.execute(store.db);
    }
  });
});

describe(`sandbox seed (${testDialect})`, () => {
  test('seeds once: true on an empty database, then false with nothing changed', async () => {
    const store = await openTestStore();
    try {
      assert.equal(await seedSandbox(store), true);
      const before = await store.db.selectFrom('products').select('id').orderBy('id').execute();
      assert.equal(await seedSandbox(store), false);
      assert.deepEqual(await store.db.selectFrom('products').select('id').orderBy('id').execute(), before);
      assert.equal(before.length, SEED_PRODUCTS.length);
    } finally {
      await store.close();
    }
  });

  test('holds the documented identities: keys, parties, kinds and locations', async () => {
    const store = await openTestStore({ seed: true });
    try {
      const partner = await store.db.selectFrom('partners').selectAll().executeTakeFirstOrThrow();
      assert.equal(partner.id, 'partner_demo');
      assert.equal(partner.name, 'Demo Marketplace');
      assert.equal(partner.publishable_key, 'pk_test_demo');
      assert.equal(partner.secret_key_hash, createHash('sha256').update('sk_test_demo').digest('hex'));
      assert.deepEqual(JSON.parse(partner.allowed_origins), ['http://localhost:*', 'http://127.0.0.1:*']);
      const parties = await store.db.selectFrom('parties').select(['id', 'kind', 'name', 'location', 'partner_id']).execute();
      const party = (id: string) => parties.find((p) => p.id === id);
      assert.deepEqual(party('buyer_acme'), { id: 'buyer_acme', kind: 'buyer', name: 'Acme Trading BV', location: 'Rotterdam, NL', partner_id: 'partner_demo' });
      assert.deepEqual(party('buyer_globex'), { id: 'buyer_globex', kind: 'buyer', name: 'Globex Imports LLC', location: 'Austin, US', partner_id: 'partner_demo' });
      assert.equal(party('supplier_shenzhen_led')?.name, 'Shenzhen Brightway LED Co., Ltd.');
      assert.equal(party('supplier_ningbo_textiles')?.name, 'Ningbo Harbour Textiles Co., Ltd.');
      assert.equal(party('operator_ningbo_wh')?.kind, 'operator');
      assert.equal(parties.filter((p) => p.kind === 'supplier').length, SEED_SUPPLIERS.length);
      assert.ok(SEED_SUPPLIERS.length >= 5);
    } finally {
      await store.close();
    }
  });

  test('gives every supplier public products and the two named ones a private OEM/ODM product', () => {
    assert.ok(SEED_PRODUCTS.length >= 80 && SEED_PRODUCTS.length <= 120);
    for (const s of SEED_SUPPLIERS) {
      assert.ok(SEED_PRODUCTS.some((p) => p.supplier_id === s.id && p.visibility === 'public'), s.id);
    }
    for (const s of [LED, TEXTILES]) {
      assert.ok(SEED_PRODUCTS.some((p) => p.supplier_id === s && p.visibility === 'private' && /\b(OEM|ODM)\b/.test(p.name)), s);
    }
    assert.equal(new Set(SEED_PRODUCTS.map((p) => p.id)).size, SEED_PRODUCTS.length);
    assert.ok(SEED_PRODUCTS.every((p) => /^prod_[a-z0-9_]+$/.test(p.id) && Number.isInteger(p.unit_price) && p.moq >= 1));
  });

  test('matches the identities the README documents', { skip: !existsSync('README.md') && 'no README.md yet' }, () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const value of [SANDBOX.partnerId, SANDBOX.publishableKey, SANDBOX.secretKey, ...Object.values(SANDBOX.buyers), LED, TEXTILES, SANDBOX.operator]) {
      assert.ok(readme.includes(value), `README.md should mention ${value}`);
    }
  });
});
