/** Partners, parties, the catalog, folders, private grants and access requests, plus product search. */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../db.js';

/** ISO-8601 UTC as written by `Date#toISOString()`; catches a `Date#toString()` slipping in. */
const iso = (column: string) => sql.raw(`${column} LIKE '____-__-__T__:__:__%Z'`);

export function catalog(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  // SQLite STRICT tables refuse a string or a fractional number in an integer column instead of
  // storing it silently; STRICT only knows INTEGER, so money is bigint on Postgres alone.
  const money = pg ? 'bigint' : 'integer';
  const json = (column: string) =>
    sql.raw(pg ? `(${column}::json) IS NOT NULL` : `json_valid(${column})`);
  const strict = pg ? sql`` : sql`strict`;

  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('partners')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('publishable_key', 'text', (c) => c.notNull().unique())
        .addColumn('secret_key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('allowed_origins', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('partners_publishable_key_format', sql.raw(`publishable_key LIKE 'pk\\_%' ESCAPE '\\'`))
        .addCheckConstraint('partners_secret_key_hash_hex', sql.raw('length(secret_key_hash) = 64'))
        .addCheckConstraint('partners_allowed_origins_json', json('allowed_origins'))
        .addCheckConstraint('partners_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();

      await db.schema
        .createTable('parties')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('parties_kind', sql.raw(`kind IN ('buyer', 'supplier', 'operator')`))
        .addCheckConstraint('parties_name_present', sql.raw('length(name) > 0'))
        .addCheckConstraint('parties_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('parties_by_partner').on('parties').columns(['partner_id', 'kind']).execute();
      await db.schema.createIndex('parties_by_kind_name').on('parties').columns(['kind', 'name', 'id']).execute();

      await db.schema
        .createTable('products')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('supplier_id', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('moq', 'integer', (c) => c.notNull())
        .addColumn('unit_price', money, (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('images', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('products_name_present', sql.raw('length(name) > 0'))
        .addCheckConstraint('products_category_present', sql.raw('length(category) > 0'))
        .addCheckConstraint('products_moq_positive', sql.raw('moq >= 1'))
        .addCheckConstraint('products_unit_price_nonnegative', sql.raw('unit_price >= 0'))
        .addCheckConstraint('products_currency_iso4217', sql.raw('length(currency) = 3 AND currency = upper(currency)'))
        .addCheckConstraint('products_visibility', sql.raw(`visibility IN ('public', 'private')`))
        .addCheckConstraint('products_images_json', json('images'))
        .addCheckConstraint('products_created_at_iso', iso('created_at'))
        .addCheckConstraint('products_updated_at_iso', iso('updated_at'))
        .modifyEnd(strict)
        .execute();
      // One index per browse path, each ending in the keyset (created_at, id) so ORDER BY … LIMIT
      // walks the index and stops after one page.
      const productIndexes: Record<string, string[]> = {
        products_by_created: ['created_at', 'id'],
        products_by_visibility: ['visibility', 'created_at', 'id'],
        products_by_supplier: ['supplier_id', 'visibility', 'created_at', 'id'],
        products_by_category: ['category', 'created_at', 'id'],
        products_by_visibility_category: ['visibility', 'category'],
      };
      for (const [name, columns] of Object.entries(productIndexes)) {
        await db.schema.createIndex(name).on('products').columns(columns).execute();
      }

      await db.schema
        .createTable('folder_items')
        .addColumn('buyer_id', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('folder_items_pk', ['buyer_id', 'product_id'])
        .addCheckConstraint('folder_items_added_at_iso', iso('added_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema.createIndex('folder_items_by_product').on('folder_items').column('product_id').execute();

      await db.schema
        .createTable('private_grants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('supplier_id', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('buyer_id', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addCheckConstraint('private_grants_distinct_parties', sql.raw('supplier_id <> buyer_id'))
        .addCheckConstraint('private_grants_created_at_iso', iso('created_at'))
        .addCheckConstraint('private_grants_revoked_at_iso', sql`revoked_at IS NULL OR ${iso('revoked_at')}`)
        .modifyEnd(strict)
        .execute();
      // (buyer, supplier) is exactly what the visibility check asks per private product.
      await db.schema.createIndex('private_grants_by_buyer').on('private_grants').columns(['buyer_id', 'supplier_id', 'revoked_at']).execute();
      await db.schema.createIndex('private_grants_by_supplier').on('private_grants').columns(['supplier_id', 'created_at']).execute();

      await db.schema
        .createTable('private_grant_products')
        .addColumn('grant_id', 'text', (c) => c.notNull().references('private_grants.id').onDelete('cascade'))
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('private_grant_products_pk', ['grant_id', 'product_id'])
        .modifyEnd(strict)
        .execute();
      // The visibility check asks "is this product granted to this buyer?" per product row.
      await db.schema
        .createIndex('private_grant_products_by_product')
        .on('private_grant_products')
        .columns(['product_id', 'grant_id'])
        .execute();

      await db.schema
        .createTable('access_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('buyer_id', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('supplier_id', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('grant_id', 'text', (c) => c.references('private_grants.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addCheckConstraint('access_requests_status', sql.raw(`status IN ('pending', 'approved', 'declined')`))
        .addCheckConstraint(
          'access_requests_decided_iff_not_pending',
          sql.raw(`(status = 'pending' AND decided_at IS NULL) OR (status <> 'pending' AND decided_at IS NOT NULL)`),
        )
        .addCheckConstraint('access_requests_grant_only_when_approved', sql.raw(`grant_id IS NULL OR status = 'approved'`))
        .addCheckConstraint('access_requests_created_at_iso', iso('created_at'))
        .modifyEnd(strict)
        .execute();
      await db.schema
        .createIndex('access_requests_by_supplier')
        .on('access_requests')
        .columns(['supplier_id', 'status', 'created_at'])
        .execute();
      await db.schema.createIndex('access_requests_by_buyer').on('access_requests').columns(['buyer_id', 'created_at']).execute();
      // At most one pending request per buyer and supplier, even if two requests race past the check.
      await sql`CREATE UNIQUE INDEX access_requests_one_pending ON access_requests (buyer_id, supplier_id) WHERE status = 'pending'`.execute(db);

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .modifyEnd(strict)
        .execute();

      for (const statement of pg ? postgresSearch : sqliteSearch) await sql.raw(statement).execute(db);
    },
  };
}

/**
 * FTS5 over a view so the index also holds the supplier's name ("shenzhen" finds its products) while
 * the text itself stays only in products/parties (external content). Triggers keep it in step; FTS5
 * needs the exact old values to delete an entry, hence the old supplier name on renames.
 * The FTS rowid is products.rowid: VACUUM may renumber the rowids of a table without an INTEGER
 * PRIMARY KEY, so after a VACUUM run `INSERT INTO products_fts(products_fts) VALUES('rebuild')`.
 */
const sqliteSearch = [
  `CREATE VIEW products_fts_source AS
     SELECT p.rowid AS rid, p.name, p.description, p.category, s.name AS supplier_name
     FROM products p JOIN parties s ON s.id = p.supplier_id`,
  `CREATE VIRTUAL TABLE products_fts USING fts5(
     name, description, category, supplier_name,
     content='products_fts_source', content_rowid='rid',
     tokenize='unicode61 remove_diacritics 2', prefix='2 3')`,
  `CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
     INSERT INTO products_fts(rowid, name, description, category, supplier_name)
     VALUES (new.rowid, new.name, new.description, new.category,
             (SELECT name FROM parties WHERE id = new.supplier_id));
   END`,
  `CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
     INSERT INTO products_fts(products_fts, rowid, name, description, category, supplier_name)
     VALUES ('delete', old.rowid, old.name, old.description, old.category,
             (SELECT name FROM parties WHERE id = old.supplier_id));
   END`,
  `CREATE TRIGGER products_fts_update AFTER UPDATE OF name, description, category, supplier_id ON products BEGIN
     INSERT INTO products_fts(products_fts, rowid, name, description, category, supplier_name)
     VALUES ('delete', old.rowid, old.name, old.description, old.category,
             (SELECT name FROM parties WHERE id = old.supplier_id));
     INSERT INTO products_fts(rowid, name, description, category, supplier_name)
     VALUES (new.rowid, new.name, new.description, new.category,
             (SELECT name FROM parties WHERE id = new.supplier_id));
   END`,
  `CREATE TRIGGER parties_fts_rename AFTER UPDATE OF name ON parties WHEN old.name IS NOT new.name BEGIN
     INSERT INTO products_fts(products_fts, rowid, name, description, category, supplier_name)
       SELECT 'delete', rowid, name, description, category, old.name FROM products WHERE supplier_id = new.id;
     INSERT INTO products_fts(rowid, name, description, category, supplier_name)
       SELECT rowid, name, description, category, new.name FROM products WHERE supplier_id = new.id;
   END`,
];

/**
 * A weighted tsvector (name A, category B, description C, supplier name D) kept by a trigger rather
 * than a GENERATED column because it reads the supplier's name from parties. The 'simple'
 * configuration does no stemming, so a prefix query on the last word ("led pan" -> 'pan':*) matches
 * what was typed; English stemming would turn "batter" into a prefix that misses "battery".
 */
const postgresSearch = [
  `ALTER TABLE products ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector`,
  `CREATE FUNCTION products_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.search :=
       setweight(to_tsvector('simple', NEW.name), 'A') ||
       setweight(to_tsvector('simple', NEW.category), 'B') ||
       setweight(to_tsvector('simple', NEW.description), 'C') ||
       setweight(to_tsvector('simple', coalesce((SELECT name FROM parties WHERE id = NEW.supplier_id), '')), 'D');
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER products_search_refresh BEFORE INSERT OR UPDATE OF name, description, category, supplier_id
     ON products FOR EACH ROW EXECUTE FUNCTION products_search_refresh()`,
  `CREATE FUNCTION parties_search_rename() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE products SET name = name WHERE supplier_id = NEW.id;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER parties_search_rename AFTER UPDATE OF name ON parties
     FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION parties_search_rename()`,
  `CREATE INDEX products_search ON products USING gin (search)`,
];
