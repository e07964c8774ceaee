/** The sandbox: a demo partner, its buyers, suppliers and warehouse operator, and a catalog worth searching. */
import { createHash } from 'node:crypto';
import type { Queryable, Store } from './db.js';
import { SEED_PRODUCTS, SEED_SUPPLIERS } from './seed-catalog.js';
import { seedLegalEntities } from './seed-legal-entities.js';
import { seedPaymentRails } from './pay-rails.js';
import { DESIGNATED_WAREHOUSE_KEY } from './warehouse.js';

export { seedBenchCatalog } from './bench-catalog.js';
export { SEED_PRODUCTS, SEED_SUPPLIERS } from './seed-catalog.js';

/** The identities the README documents; tests and the demo import them rather than repeating strings. */
export const SANDBOX = {
  partnerId: 'partner_demo',
  partnerName: 'Demo Marketplace',
  publishableKey: 'pk_test_demo',
  secretKey: 'sk_test_demo',
  /** `:*` means any port of that host; the HTTP layer expands it. */
  allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
  buyers: { acme: 'buyer_acme', globex: 'buyer_globex' },
  suppliers: {
    shenzhenLed: 'supplier_shenzhen_led',
    ningboTextiles: 'supplier_ningbo_textiles',
    yiwuPackaging: 'supplier_yiwu_packaging',
    foshanFurniture: 'supplier_foshan_furniture',
    dongguanHardware: 'supplier_dongguan_hardware',
    shenzhenVoltcore: 'supplier_shenzhen_voltcore',
  },
  operator: 'operator_ningbo_wh',
} as const;

/** The sandbox's designated warehouse at the port of departure, and the settings key naming it. */
export const SANDBOX_WAREHOUSE = {
  id: 'wh_ningbo',
  name: 'Ningbo Designated Warehouse',
  port: 'CNNGB',
  address: 'No. 1 Beilun Port Road, Ningbo, Zhejiang, CN',
} as const;

/**
 * Idempotent: the warehouse and the `designated_warehouse_id` setting if missing, the sandbox operator's link
 * once that party exists, and the warehouse recorded on orders that have none.
 */
async function seedWarehouse(q: Queryable, at: string): Promise<void> {
  await q.db.insertInto('warehouses').values({ ...SANDBOX_WAREHOUSE, created_at: at }).onConflict((oc) => oc.column('id').doNothing()).execute();
  await q.db.insertInto('settings').values({ key: DESIGNATED_WAREHOUSE_KEY, value: SANDBOX_WAREHOUSE.id }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const operator = await q.db.selectFrom('parties').select('id').where('id', '=', SANDBOX.operator).executeTakeFirst();
  if (operator) {
    await q.db.insertInto('warehouse_operators').values({ party_id: SANDBOX.operator, warehouse_id: SANDBOX_WAREHOUSE.id }).onConflict((oc) => oc.column('party_id').doNothing()).execute();
  }
  const designated = await q.db.selectFrom('settings').select('value').where('key', '=', DESIGNATED_WAREHOUSE_KEY).executeTakeFirstOrThrow();
  await q.db.updateTable('orders').set({ warehouse_id: designated.value }).where('warehouse_id', 'is', null).execute();
}

export function hashSecretKey(secretKey: string): string {
  return createHash('sha256').update(secretKey, 'utf8').digest('hex');
}

const SEEDED_AT = '2026-01-05T07:00:00.000Z';

/**
 * Seeds an empty database (one without partners) in one transaction and returns true; returns false
 * and changes nothing when any partner exists (bar K100Pay rails it lacks), so it is safe on every start.
 */
export async function seedSandbox(store: Store): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    // K100Pay's gateways, rates and secrets are filled in even on a database seeded before they existed.
    await seedPaymentRails({ db: trx, dialect: store.dialect }, SEEDED_AT);
    // The designated warehouse too, and orders opened before it existed get it (so its operator sees them).
    await seedWarehouse({ db: trx, dialect: store.dialect }, SEEDED_AT);
    const existing = await trx.selectFrom('partners').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    // ON CONFLICT: two instances starting together on Postgres both see no partner; the loser's insert
    // waits for the winner's commit, then inserts nothing and we back out.
    const inserted = await trx
      .insertInto('partners')
      .values({
        id: SANDBOX.partnerId,
        name: SANDBOX.partnerName,
        publishable_key: SANDBOX.publishableKey,
        secret_key_hash: hashSecretKey(SANDBOX.secretKey),
        allowed_origins: JSON.stringify(SANDBOX.allowedOrigins),
        created_at: SEEDED_AT,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;

    const party = (id: string, kind: 'buyer' | 'supplier' | 'operator', name: string, location: string, description: string) =>
      ({ id, partner_id: SANDBOX.partnerId, kind, name, location, description, created_at: SEEDED_AT });
    await trx
      .insertInto('parties')
      .values([
        party(SANDBOX.buyers.acme, 'buyer', 'Acme Trading BV', 'Rotterdam, NL', 'Importer of home and office goods for Benelux retail chains.'),
        party(SANDBOX.buyers.globex, 'buyer', 'Globex Imports LLC', 'Austin, US', 'Sources lighting, electronics and hospitality furniture for US distributors.'),
        ...SEED_SUPPLIERS.map((s) => party(s.id, 'supplier', s.name, s.location, s.description)),
        party(SANDBOX.operator, 'operator', 'Ningbo Designated Warehouse', 'Ningbo, CN', 'K100 designated export warehouse at the port of Ningbo-Zhoushan.'),
      ])
      .execute();

    await trx
      .insertInto('products')
      .values(SEED_PRODUCTS.map((p) => ({ ...p, images: '[]', updated_at: p.created_at })))
      .execute();
    await seedLegalEntities({ db: trx, dialect: store.dialect }, SEEDED_AT);
    await seedWarehouse({ db: trx, dialect: store.dialect }, SEEDED_AT);
    return true;
  });
}
