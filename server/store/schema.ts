/**
 * The database tables as Kysely sees them. One set of types for SQLite and Postgres: timestamps are
 * ISO-8601 UTC strings (they sort as text and read the same from both drivers), JSON columns are text,
 * money is integer minor units.
 */


export type PartyKind = 'buyer' | 'supplier' | 'operator';
export type Visibility = 'public' | 'private';
export type AccessRequestStatus = 'pending' | 'approved' | 'declined';

export interface PartnersTable {
  id: string;
  name: string;
  publishable_key: string;
  /** hex SHA-256 of the secret key: secret keys are 32 random bytes, so a fast hash is enough. */
  secret_key_hash: string;
  /** JSON array of exact origins, e.g. ["http://localhost:8787"]. */
  allowed_origins: string;
  created_at: string;
}

export interface PartiesTable {
  id: string;
  partner_id: string;
  kind: PartyKind;
  name: string;
  /** Free text such as "Shenzhen, CN"; empty for buyers who gave none. */
  location: string;
  description: string;
  created_at: string;
}

export interface ProductsTable {
  id: string;
  supplier_id: string;
  name: string;
  description: string;
  category: string;
  moq: number;
  unit_price: number;
  currency: string;
  /** JSON array of image URLs. */
  images: string;
  visibility: Visibility;
  created_at: string;
  updated_at: string;
}

export interface FolderItemsTable {
  buyer_id: string;
  product_id: string;
  added_at: string;
}

export interface PrivateGrantsTable {
  id: string;
  supplier_id: string;
  buyer_id: string;
  created_at: string;
  revoked_at: string | null;
}

export interface PrivateGrantProductsTable {
  grant_id: string;
  product_id: string;
}

export interface AccessRequestsTable {
  id: string;
  buyer_id: string;
  supplier_id: string;
  message: string;
  status: AccessRequestStatus;
  /** The grant an approval created, so the buyer can see what it unlocked. */
  grant_id: string | null;
  created_at: string;
  decided_at: string | null;
}

/** Server-wide secrets and flags that every instance must share (e.g. the session signing key). */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  partners: PartnersTable;
  parties: PartiesTable;
  products: ProductsTable;
  folder_items: FolderItemsTable;
  private_grants: PrivateGrantsTable;
  private_grant_products: PrivateGrantProductsTable;
  access_requests: AccessRequestsTable;
  settings: SettingsTable;
}

