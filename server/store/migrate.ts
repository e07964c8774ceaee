/** Brings a database to the latest schema; safe to call on every start and from several instances at once. */
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import type { Store } from './db.js';
import type { Database } from './schema.js';
import { migrations } from './migrations/index.js';

export async function migrate(store: Store): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(store.dialect) };
  if (store.dialect === 'postgres') {
    // Kysely runs Postgres migrations in one transaction under an advisory lock.
    await run(new Migrator({ db: store.db, provider }));
    return;
  }
  // Kysely runs SQLite migrations outside a transaction, so a crash mid-way would leave half a schema,
  // and two processes starting on one file could race. BEGIN IMMEDIATE takes the write lock up front
  // (the other process waits on busy_timeout) and makes the DDL plus its bookkeeping all-or-nothing.
  await store.db.connection().execute(async (conn: Kysely<Database>) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      await run(new Migrator({ db: conn, provider }));
      await sql`COMMIT`.execute(conn);
    } catch (error) {
      await sql`ROLLBACK`.execute(conn);
      throw error;
    }
  });
}

async function run(migrator: Migrator): Promise<void> {
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '(bookkeeping)';
  const reason = error instanceof Error ? error.message : String(error);
  throw new Error(`database migration ${failed} failed: ${reason}`, { cause: error });
}
