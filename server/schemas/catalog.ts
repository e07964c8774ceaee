/** Products, suppliers and categories: what buyers search and suppliers publish. */
import { z } from '@hono/zod-openapi';
import { Currency, Cursor, Id, Limit, MinorUnits, Timestamp, listOf } from './common.js';

export const Visibility = z.enum(['public', 'private']).openapi({
  description: '`private` products (OEM/ODM) exist only for their supplier and buyers it granted.',
});
export type Visibility = z.infer<typeof Visibility>;

export const SupplierRef = z
  .object({ id: z.string(), name: z.string(), location: z.string() })
  .openapi('SupplierRef');

export const Product = z
  .object({
    id: z.string(),
    supplier_id: z.string(),
    supplier: SupplierRef,
    name: z.string(),
    description: z.string(),
    category: z.string(),
    moq: z.number().int().openapi({ description: 'Minimum order quantity, in pieces.' }),
    unit_price: MinorUnits,
    currency: Currency,
    images: z.array(z.string()),
    visibility: Visibility,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Product');
export type Product = z.infer<typeof Product>;

const ImageUrl = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:/.test(u), 'must be an http(s) URL');

/** The editable fields, without defaults: `UpdateProduct` must not fill in what a PATCH left out. */
const ProductFields = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000),
  category: z.string().trim().min(1).max(64).regex(/^[a-z0-9-]+$/, 'must be a category slug'),
  moq: z.number().int().min(1).max(10_000_000),
  unit_price: MinorUnits,
  currency: Currency,
  images: z.array(ImageUrl).max(10),
  visibility: Visibility,
});

export const CreateProduct = ProductFields.extend({
  description: ProductFields.shape.description.default(''),
  images: ProductFields.shape.images.default([]),
  visibility: Visibility.default('public'),
}).openapi('CreateProduct');
export type CreateProduct = z.infer<typeof CreateProduct>;

export const UpdateProduct = ProductFields.partial()
  .refine((p) => Object.keys(p).length > 0, 'give at least one field to change')
  .openapi('UpdateProduct');
export type UpdateProduct = z.infer<typeof UpdateProduct>;

export const ProductSearchQuery = z.object({
  q: z.string().trim().max(200).optional().openapi({ description: 'Full-text query, ranked.' }),
  category: z.string().max(64).optional(),
  supplier_id: Id.optional(),
  min_price: z.coerce.number().int().min(0).optional().openapi({ description: 'Lowest unit price, in minor units.' }),
  max_price: z.coerce.number().int().min(0).optional().openapi({ description: 'Highest unit price, in minor units.' }),
  currency: Currency.optional().openapi({
    description: 'Only products priced in this currency; give it with a price range so amounts compare like for like.',
  }),
  cursor: Cursor.optional(),
  limit: Limit,
}).refine((q) => q.min_price === undefined || q.max_price === undefined || q.min_price <= q.max_price, {
  path: ['max_price'],
  message: 'must not be below min_price',
});
export type ProductSearchQuery = z.infer<typeof ProductSearchQuery>;

export const ProductList = listOf(Product, 'ProductList');
export type ProductList = z.infer<typeof ProductList>;

export const Supplier = z
  .object({
    id: z.string(),
    name: z.string(),
    location: z.string(),
    description: z.string(),
    public_product_count: z.number().int(),
  })
  .openapi('Supplier');
export type Supplier = z.infer<typeof Supplier>;

export const SupplierList = listOf(Supplier, 'SupplierList');

export const Category = z
  .object({ slug: z.string(), product_count: z.number().int() })
  .openapi('Category');
export type Category = z.infer<typeof Category>;
export const CategoryList = z.object({ data: z.array(Category) }).openapi('CategoryList');
