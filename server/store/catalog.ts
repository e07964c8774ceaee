/**
 * Catalog reads for the routes: ranked product search, single products, suppliers and categories, each
 * filtered by what the viewer may see.
 *
 *   searchProducts(store, viewer, query)  -> { data: Product[], next_cursor }   (throws InvalidCursorError)
 *   getProduct(store, viewer, id)         -> Product | undefined                (undefined = not visible)
 *   getProductsByIds(store, viewer, ids)  -> Product[]  (visible ones only, in the order asked)
 *   searchSuppliers(store, { q, cursor, limit }) -> { data: Supplier[], next_cursor }
 *   listCategories(store, viewer)         -> Category[]
 *
 * `store` is a Queryable ({ db, dialect }): pass the Store, or `{ db: trx, dialect }` inside a transaction.
 *
 * Visibility, the tenancy rule of the catalog: a product is visible when it is public; or the viewer is
 * its supplier; or the viewer is a buyer holding an unrevoked grant from that supplier that includes
 * it. Operators and anonymous viewers see public products only.
 */
import type { Category, Product, Supplier } from '../schemas/catalog.js';
import type { Queryable } from './db.js';
import { preparedQuery } from './prepared.js';
import { cursorScope, decodeCursor, encodeCursor } from './cursor.js';
import type { Page } from './product-search.js';
import { parseTextQuery } from './text-query.js';
import { productsWithSupplier, toProduct, visibleTo, type Viewer } from './visibility.js';

export { InvalidCursorError } from './cursor.js';
export { searchProducts, type Page, type ProductSearch } from './product-search.js';
export { visibleTo, type Viewer } from './visibility.js';

/**
 * One product as each kind of viewer sees it: the product page and every collect read it, so the
 * query is compiled once per visibility rule (the viewer's id is a parameter of the rule).
 */
const productAs = {
  public: preparedQuery((db, id: string) => productsWithSupplier(db).where('p.id', '=', id).where(visibleTo({ kind: 'anonymous' }))),
  buyer: preparedQuery((db, id: string, buyerId: string) =>
    productsWithSupplier(db).where('p.id', '=', id).where(visibleTo({ kind: 'buyer', id: buyerId })),
  ),
  supplier: preparedQuery((db, id: string, supplierId: string) =>
    productsWithSupplier(db).where('p.id', '=', id).where(visibleTo({ kind: 'supplier', id: supplierId })),
  ),
};

export async function getProduct(store: Queryable, viewer: Viewer, id: string): Promise<Product | undefined> {
  const [row] =
    viewer.kind === 'buyer' || viewer.kind === 'supplier'
      ? await productAs[viewer.kind](store, id, viewer.id)
      : await productAs.public(store, id);
  return row && toProduct(row);
}

/** Visible products among `ids`, in the order given, each once; invisible and unknown ids are dropped. */
export async function getProductsByIds(store: Queryable, viewer: Viewer, ids: readonly string[]): Promise<Product[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await productsWithSupplier(store.db)
    .where('p.id', 'in', unique)
    .where(visibleTo(viewer))
    .execute();
  const byId = new Map(rows.map((r) => [r.id, toProduct(r)]));
  return unique.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Suppliers by name (then id); `q` keeps those whose name, location or description contains every
 * word of it, case-insensitively. Supplier directories are small, so a scan is fine here.
 */
export async function searchSuppliers(
  store: Queryable,
  query: { q?: string | undefined; cursor?: string | undefined; limit?: number | undefined } = {},
): Promise<Page<Supplier>> {
  const limit = query.limit ?? 20;
  const q = query.q?.trim() ?? '';
  const text = q === '' ? undefined : parseTextQuery(q);
  if (q !== '' && !text) return { data: [], next_cursor: null };
  const scope = cursorScope({ list: 'suppliers', words: text?.tokens ?? null });

  let qb = store.db
    .selectFrom('parties as s')
    .select(['s.id', 's.name', 's.location', 's.description'])
    .select((eb) =>
      eb
        .selectFrom('products as p')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('p.supplier_id', '=', 's.id')
        .where('p.visibility', '=', 'public')
        .as('public_product_count'),
    )
    .where('s.kind', '=', 'supplier');
  for (const word of text?.tokens ?? []) {
    // Tokens hold only letters, digits and marks, so they carry no LIKE wildcards; still bound.
    const pattern = `%${word}%`;
    qb = qb.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['s.name']), 'like', pattern),
        eb(eb.fn('lower', ['s.location']), 'like', pattern),
        eb(eb.fn('lower', ['s.description']), 'like', pattern),
      ]),
    );
  }
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor, scope, ['string', 'string'] as const);
    qb = qb.where((eb) => eb(eb.refTuple('s.name', 's.id'), '>', eb.tuple(name, id)));
  }
  const rows = await qb.orderBy('s.name').orderBy('s.id').limit(limit + 1).execute();
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return {
    data: shown.map((r) => ({ ...r, public_product_count: Number(r.public_product_count ?? 0) })),
    next_cursor: more && last ? encodeCursor(scope, [last.name, last.id]) : null,
  };
}

/** Category slugs with how many products the viewer can see in each, alphabetically. */
export async function listCategories(store: Queryable, viewer: Viewer): Promise<Category[]> {
  const rows = await store.db
    .selectFrom('products as p')
    .select(['p.category as slug', (eb) => eb.fn.countAll<number>().as('product_count')])
    .where(visibleTo(viewer))
    .groupBy('p.category')
    .orderBy('p.category')
    .execute();
  return rows.map((r) => ({ slug: r.slug, product_count: Number(r.product_count) }));
}
