/**
 * One bench server instance in its own process (so its event loop does not share a core with the bench's
 * clients): the real app on a real port through @hono/node-server. Driven by `bench-remote.ts` over IPC.
 *   argv[2] = 'sqlite' | 'postgres': a fresh scratch database, migrated and seeded with the sandbox
 *   argv[2] = 'attach', argv[3] = a postgres URL: a second instance on an existing database
 * Sends `{ url, databaseUrl }` once listening; on the message 'close' shuts down (dropping its scratch database).
 */
import { sql } from 'kysely';
import { createApp } from '../server/app.js';
import { openStore, type Store } from '../server/store/db.js';
import { migrate } from '../server/store/migrate.js';
import { seedSandbox } from '../server/store/seed.js';
import { testConfig } from '../test/server/app-harness.js';
import { openScratchStore } from '../test/server/harness.js';
import { serveOnPort } from '../test/server/sse-client.js';

/** Streams are woken by signals only: a heartbeat re-read inside a measurement would flatter nothing, but keep it out. */
const HEARTBEAT_MS = 600_000;

const mode = process.argv[2];
let store: Store;
let databaseUrl: string | null = null;
if (mode === 'attach') {
  databaseUrl = process.argv[3]!;
  store = openStore(databaseUrl);
} else if (mode === 'sqlite' || mode === 'postgres') {
  store = await openScratchStore(mode);
  await migrate(store);
  await seedSandbox(store);
  if (mode === 'postgres') {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(store.db);
    const url = new URL(process.env.K100_TEST_PG_URL!);
    url.pathname = `/${rows[0]!.name}`;
    databaseUrl = url.toString();
  }
} else {
  throw new Error(`bench-server: unknown mode ${mode}`);
}

const app = createApp({ store, config: testConfig({ sandbox: true, sseHeartbeatMs: HEARTBEAT_MS }) });
const served = await serveOnPort(app.fetch);
process.send!({ url: served.url, databaseUrl });
process.on('message', async (msg) => {
  if (msg !== 'close') return;
  await store.signals.close();
  await served.close();
  await store.close();
  process.exit(0);
});
