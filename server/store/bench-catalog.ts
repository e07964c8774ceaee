/** A large deterministic catalog (suppliers, products, one buyer's grants) for benchmarks and load tests. */
import { createHash } from 'node:crypto';
import type { Store } from './db.js';
import type { ProductsTable } from './schema.js';

export interface BenchCatalog {
  partnerId: string;
  supplierIds: string[];
  /** A buyer holding live grants on some private products, plus a revoked grant. */
  buyerId: string;
  grantedProductIds: string[];
  productCount: number;
}

/** mulberry32: tiny, fast and seedable, so every run builds the same catalog (and tests replay a seed). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCAB: Record<string, { nouns: string[]; adjectives: string[]; specs: string[] }> = {
  lighting: {
    nouns: ['LED panel', 'LED bulb', 'LED strip', 'floodlight', 'high bay', 'downlight', 'tube light', 'street light', 'spotlight', 'wall lamp', 'desk lamp', 'pendant light', 'track light', 'solar lamp', 'emergency light'],
    adjectives: ['dimmable', 'waterproof', 'slim', 'smart', 'warm white', 'daylight', 'energy saving', 'commercial', 'outdoor', 'flicker-free'],
    specs: ['9 W', '12 W', '18 W', '36 W', '50 W', '100 W', '150 W', 'IP65', 'E27', 'GU10'],
  },
  textiles: {
    nouns: ['bath towel', 'bed sheet', 'duvet cover', 'pillowcase', 'curtain', 'table cloth', 'blanket', 'cushion cover', 'tote bag', 'apron', 'fabric roll', 'bathrobe'],
    adjectives: ['cotton', 'linen', 'polyester', 'organic', 'bamboo', 'hotel grade', 'blackout', 'quick-dry', 'embroidered', 'jacquard'],
    specs: ['300 TC', '400 gsm', '500 gsm', 'king size', 'queen size', '70x140 cm', '150x250 cm', 'OEKO-TEX'],
  },
  apparel: {
    nouns: ['t-shirt', 'hoodie', 'polo shirt', 'jacket', 'scarf', 'cap', 'socks', 'leggings', 'sweatshirt', 'work trousers', 'raincoat', 'vest'],
    adjectives: ['plain', 'printed', 'fleece', 'breathable', 'hi-vis', 'oversized', 'slim fit', 'recycled', 'heavyweight', 'unisex'],
    specs: ['180 gsm', '220 gsm', '320 gsm', 'S-3XL', 'combed cotton', 'cotton-poly', 'EN ISO 20471'],
  },
  packaging: {
    nouns: ['mailer box', 'gift box', 'poly mailer', 'bubble mailer', 'paper bag', 'label roll', 'packing tape', 'glass jar', 'cosmetic tube', 'export carton', 'stretch film', 'coffee bag', 'tissue paper'],
    adjectives: ['kraft', 'rigid', 'recycled', 'compostable', 'custom printed', 'magnetic', 'corrugated', 'biodegradable', 'food grade', 'matte'],
    specs: ['E-flute', '5-ply', '250 ml', '100 ml', '48 mm', '30x40 cm', 'FSC', 'with valve'],
  },
  furniture: {
    nouns: ['office chair', 'standing desk', 'sofa', 'dining chair', 'dining table', 'bar stool', 'bed frame', 'bookshelf', 'filing cabinet', 'coffee table', 'wardrobe', 'lounge chair', 'workstation'],
    adjectives: ['ergonomic', 'solid oak', 'modular', 'upholstered', 'industrial', 'outdoor', 'rattan', 'height adjustable', 'executive', 'flat-pack'],
    specs: ['mesh back', 'leather', 'marble top', '160x80 cm', '3 seats', 'BIFMA', 'with armrests', 'lockable'],
  },
  hardware: {
    nouns: ['machine screw', 'self-tapping screw', 'cabinet hinge', 'drawer slide', 'door handle', 'padlock', 'shelf bracket', 'gas spring', 'caster wheel', 'furniture knob', 'door lock', 'enclosure', 'rivet'],
    adjectives: ['stainless', 'zinc plated', 'soft-close', 'heavy-duty', 'brass', 'galvanised', 'anodised', 'die-cast', 'smart', 'concealed'],
    specs: ['M4', 'M6', 'M8', '35 mm', '450 mm', '100 N', 'A2-70', 'DIN 7985', 'keyed alike'],
  },
  electronics: {
    nouns: ['power bank', 'USB-C cable', 'wall charger', 'wireless charger', 'earbuds', 'smart plug', 'car charger', 'HDMI cable', 'battery cell', 'bluetooth speaker', 'USB hub', 'smart camera', 'keyboard'],
    adjectives: ['fast charging', 'GaN', 'braided', 'portable', 'waterproof', 'noise cancelling', 'Wi-Fi', 'magnetic', 'rechargeable', 'compact'],
    specs: ['10000 mAh', '20000 mAh', '65 W', '1 m', '2 m', 'PD 3.0', 'IPX7', '8K', 'Qi'],
  },
  kitchenware: {
    nouns: ['frying pan', 'cookware set', 'knife set', 'cutting board', 'water bottle', 'coffee mug', 'food container', 'baking tray', 'kettle', 'thermos', 'spice rack', 'lunch box'],
    adjectives: ['non-stick', 'stainless steel', 'ceramic', 'bamboo', 'insulated', 'BPA-free', 'cast iron', 'glass', 'silicone', 'enamel'],
    specs: ['24 cm', '28 cm', '500 ml', '1 L', '12 pieces', 'induction ready', 'dishwasher safe'],
  },
  toys: {
    nouns: ['building blocks', 'plush toy', 'puzzle', 'RC car', 'doll', 'board game', 'kite', 'toy kitchen', 'water gun', 'wooden train', 'slime kit', 'drone'],
    adjectives: ['educational', 'wooden', 'STEM', 'soft', 'electric', 'magnetic', 'glow-in-the-dark', 'eco-friendly', 'musical', 'montessori'],
    specs: ['EN71', 'ASTM F963', '3+ years', '100 pieces', '500 pieces', '2.4 GHz'],
  },
  beauty: {
    nouns: ['lipstick', 'eyeshadow palette', 'makeup brush set', 'face serum', 'sheet mask', 'nail polish', 'hair dryer', 'hair straightener', 'perfume bottle', 'body lotion', 'shampoo', 'lash extensions'],
    adjectives: ['vegan', 'cruelty-free', 'matte', 'hydrating', 'organic', 'long-lasting', 'ionic', 'refillable', 'travel size', 'private label'],
    specs: ['30 ml', '50 ml', '100 ml', '12 colours', 'GMPC', 'ISO 22716'],
  },
  sports: {
    nouns: ['yoga mat', 'dumbbell', 'resistance band', 'jump rope', 'football', 'bicycle helmet', 'camping tent', 'sleeping bag', 'hiking backpack', 'kettlebell', 'tennis racket', 'fitness tracker'],
    adjectives: ['non-slip', 'adjustable', 'lightweight', 'waterproof', 'foldable', 'neoprene', 'carbon', 'ultralight', 'anti-burst', 'eco TPE'],
    specs: ['6 mm', '10 kg', '20 kg', '2 person', '4 season', '40 L', 'size 5'],
  },
  automotive: {
    nouns: ['car seat cover', 'floor mat', 'dash cam', 'tyre inflator', 'jump starter', 'LED headlight', 'wiper blade', 'phone holder', 'roof box', 'tow strap', 'car vacuum', 'brake pad'],
    adjectives: ['universal', 'heavy-duty', 'waterproof', 'cordless', 'magnetic', 'all-weather', 'ceramic', 'portable', 'leather', 'OEM fit'],
    specs: ['12 V', 'H4', 'H7', '1080p', '4K', '20 inch', '5 t', 'E-mark'],
  },
};

/** Sentences a supplier would add; two per product, so no filler word is in every description. */
const EXTRAS = [
  'Custom logo on request.', 'Your own brand and artwork welcome.', 'Samples ship within 7 days.', 'Packed in export cartons.',
  'CE and RoHS certified.', 'Mixed colours allowed per order.', 'Private label available.', 'Drop shipping supported.',
  'Passed SGS third-party inspection.', 'Lead time 25 days after deposit.', 'Factory audited by BSCI.', 'Free replacement for transit damage.',
];

const CITIES = ['Shenzhen', 'Ningbo', 'Yiwu', 'Foshan', 'Dongguan', 'Guangzhou', 'Xiamen', 'Hangzhou', 'Suzhou', 'Qingdao', 'Wenzhou', 'Zhongshan', 'Shantou', 'Jinhua', 'Tianjin'];
const TRADE_NAMES = ['Brightstar', 'Goldenway', 'Everbright', 'Hengtai', 'Jiahe', 'Longsheng', 'Minghua', 'Oriental Pearl', 'Sunrise', 'Tianyi', 'Wanli', 'Xinda', 'Yongfeng'];
const CATEGORIES = Object.keys(VOCAB);

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

/**
 * Inserts `n` products over ~n/500 suppliers (at least one, at most 200) under partner `partner_bench`,
 * in transactions of 2 000 rows with multi-row inserts. About 8 % of products are private; the
 * buyer `buyer_bench` holds a live grant on the private products of the first ten suppliers and a
 * revoked grant on the next ten. Run it on an empty, migrated database.
 */
export async function seedBenchCatalog(store: Store, n: number): Promise<BenchCatalog> {
  const rand = prng(0x6b313030);
  const partnerId = 'partner_bench';
  const supplierCount = Math.max(1, Math.min(200, Math.round(n / 500)));
  const at = (minutes: number) => new Date(Date.parse('2025-01-01T00:00:00.000Z') + minutes * 60_000).toISOString();

  const supplierIds: string[] = [];
  const supplierCategory = new Map<string, string>();
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('partners')
      .values({
        id: partnerId,
        name: 'Bench Marketplace',
        publishable_key: 'pk_test_bench',
        secret_key_hash: createHash('sha256').update('sk_test_bench').digest('hex'),
        allowed_origins: '[]',
        created_at: at(0),
      })
      .execute();
    const parties = [];
    for (let i = 0; i < supplierCount; i++) {
      const id = `supplier_bench_${String(i).padStart(3, '0')}`;
      const city = CITIES[i % CITIES.length] as string;
      const category = CATEGORIES[i % CATEGORIES.length] as string;
      supplierIds.push(id);
      supplierCategory.set(id, category);
      parties.push({
        id,
        partner_id: partnerId,
        kind: 'supplier' as const,
        name: `${city} ${pick(rand, TRADE_NAMES)} ${category[0]?.toUpperCase()}${category.slice(1)} Co., Ltd.`,
        location: `${city}, CN`,
        description: `Export manufacturer of ${category} based in ${city}.`,
        created_at: at(i),
      });
    }
    parties.push({ id: 'buyer_bench', partner_id: partnerId, kind: 'buyer' as const, name: 'Bench Buyer Ltd', location: 'London, GB', description: '', created_at: at(0) });
    await trx.insertInto('parties').values(parties).execute();
  });

  const grantable = new Map<string, string[]>();
  const batch = 2000;
  for (let start = 0; start < n; start += batch) {
    const rows: ProductsTable[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const supplierId = supplierIds[i % supplierCount] as string;
      // Most products sit in the supplier's own trade, some in a neighbouring one, as on real sites.
      const category = rand() < 0.8 ? (supplierCategory.get(supplierId) as string) : pick(rand, CATEGORIES);
      const v = VOCAB[category]!;
      const noun = pick(rand, v.nouns);
      const adjective = pick(rand, v.adjectives);
      const spec = pick(rand, v.specs);
      const other = pick(rand, v.adjectives);
      const visibility = rand() < 0.08 ? 'private' : 'public';
      const id = `prod_bench_${String(i).padStart(6, '0')}`;
      if (visibility === 'private') grantable.set(supplierId, [...(grantable.get(supplierId) ?? []), id]);
      rows.push({
        id,
        supplier_id: supplierId,
        name: `${visibility === 'private' ? 'OEM ' : ''}${adjective} ${noun}, ${spec}`,
        description: `${other[0]?.toUpperCase()}${other.slice(1)} ${noun}, ${spec}. ${pick(rand, EXTRAS)} ${pick(rand, EXTRAS)}`,
        category,
        moq: [10, 50, 100, 200, 500, 1000, 5000][Math.floor(rand() * 7)] as number,
        unit_price: 5 + Math.floor(rand() * rand() * 50_000),
        currency: 'USD',
        images: '[]',
        visibility,
        created_at: at(1000 + i),
        updated_at: at(1000 + i),
      });
    }
    await store.db.transaction().execute(async (trx) => {
      for (let j = 0; j < rows.length; j += 500) await trx.insertInto('products').values(rows.slice(j, j + 500)).execute();
    });
  }

  const grantedProductIds = supplierIds.slice(0, 10).flatMap((s) => grantable.get(s) ?? []);
  await store.db.transaction().execute(async (trx) => {
    const grant = async (supplierId: string, productIds: string[], revoked: boolean) => {
      if (productIds.length === 0) return;
      const id = `grant_bench_${supplierId}`;
      await trx
        .insertInto('private_grants')
        .values({ id, supplier_id: supplierId, buyer_id: 'buyer_bench', created_at: at(0), revoked_at: revoked ? at(1) : null })
        .execute();
      await trx.insertInto('private_grant_products').values(productIds.map((product_id) => ({ grant_id: id, product_id }))).execute();
    };
    for (const s of supplierIds.slice(0, 10)) await grant(s, grantable.get(s) ?? [], false);
    for (const s of supplierIds.slice(10, 20)) await grant(s, grantable.get(s) ?? [], true);
  });

  return { partnerId, supplierIds, buyerId: 'buyer_bench', grantedProductIds, productCount: n };
}
