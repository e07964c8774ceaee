/** The buyer's Public and Private Product Folders, private grants and access requests. */
import { z } from '@hono/zod-openapi';
import { Id, Timestamp, listOf } from './common.js';
import { Product } from './catalog.js';

export const PublicFolderItem = z
  .object({ product_id: z.string(), added_at: Timestamp, product: Product })
  .openapi('PublicFolderItem');
export type PublicFolderItem = z.infer<typeof PublicFolderItem>;
export const PublicFolder = listOf(PublicFolderItem, 'PublicFolder');

export const PrivateFolderItem = z
  .object({ product_id: z.string(), grant_id: z.string(), granted_at: Timestamp, product: Product })
  .openapi('PrivateFolderItem');
export type PrivateFolderItem = z.infer<typeof PrivateFolderItem>;
export const PrivateFolder = listOf(PrivateFolderItem, 'PrivateFolder');

export const CreateGrant = z
  .object({
    buyer_id: Id,
    product_ids: z.array(Id).min(1).max(100).refine((ids) => new Set(ids).size === ids.length, 'has duplicates'),
  })
  .strict()
  .openapi('CreateGrant');

export const Grant = z
  .object({
    id: z.string(),
    supplier_id: z.string(),
    buyer_id: z.string(),
    product_ids: z.array(z.string()),
    created_at: Timestamp,
    revoked_at: Timestamp.nullable(),
  })
  .openapi('Grant');
export type Grant = z.infer<typeof Grant>;
export const GrantList = listOf(Grant, 'GrantList');

export const AccessRequestStatus = z.enum(['pending', 'approved', 'declined']);
export type AccessRequestStatus = z.infer<typeof AccessRequestStatus>;

export const CreateAccessRequest = z
  .object({ supplier_id: Id, message: z.string().trim().min(1).max(2000) })
  .strict()
  .openapi('CreateAccessRequest');

export const ApproveAccessRequest = z
  .object({
    product_ids: z.array(Id).min(1).max(100).refine((ids) => new Set(ids).size === ids.length, 'has duplicates').optional().openapi({
      description: 'Private products to grant; all of the supplier’s private products when omitted.',
    }),
  })
  .strict()
  .openapi('ApproveAccessRequest');

export const AccessRequest = z
  .object({
    id: z.string(),
    buyer: z.object({ id: z.string(), name: z.string() }),
    supplier: z.object({ id: z.string(), name: z.string() }),
    message: z.string(),
    status: AccessRequestStatus,
    grant_id: z.string().nullable(),
    created_at: Timestamp,
    decided_at: Timestamp.nullable(),
  })
  .openapi('AccessRequest');
export type AccessRequest = z.infer<typeof AccessRequest>;
export const AccessRequestList = listOf(AccessRequest, 'AccessRequestList');
