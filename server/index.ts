/** The server process: config, database (migrated, seeded in sandbox mode), app, socket, graceful shutdown. */
import { createApp } from './app.js';
import { DEFAULT_WEBHOOK_TIMING, loadConfig } from './config.js';
import { serveApp } from './http/node-server.js';
import { openStore } from './store/db.js';
import { migrate } from './store/migrate.js';
import { seedSandbox } from './store/seed.js';
import { startWebhookWorker } from './webhooks/worker.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const store = openStore(config.databaseUrl);
  await migrate(store);
  if (config.sandbox && (await seedSandbox(store))) console.log('[k100] seeded the sandbox (pk_test_demo / sk_test_demo)');

  const app = createApp({ store, config });
  // Delivers the webhook outbox; every instance runs one (claims are leases, so they share the work).
  const timing = config.webhookTiming ?? DEFAULT_WEBHOOK_TIMING;
  const webhooks = startWebhookWorker({ store, ...timing, webhookKey: config.webhookKey, allowPrivateNetworks: config.sandbox });
  const server = serveApp(app, { port: config.port }, (info) => {
    console.log(`[k100] listening on http://localhost:${info.port}${config.sandbox ? ' (sandbox)' : ''}`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[k100] ${signal}: closing`);
    // Stop claiming webhook deliveries at once (in-flight ones are abandoned and retried after their lease).
    const webhooksStopped = webhooks.stop().catch((e: unknown) => console.error('[k100] stopping the webhook worker failed:', e));
    // Live order streams never finish by themselves; ending them lets close() below complete (clients reconnect elsewhere).
    void store.signals.close().catch((e: unknown) => console.error('[k100] closing order signals failed:', e));
    // Stop accepting, let in-flight requests finish, then release the database.
    server.close(async (err) => {
      await webhooksStopped;
      await store.close().catch((e: unknown) => console.error('[k100] closing the database failed:', e));
      process.exit(err ? 1 : 0);
    });
    // Keep-alive and streaming connections would hold close() open forever.
    setTimeout(() => {
      console.error('[k100] connections still open after 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('[k100] failed to start:', err);
  process.exit(1);
});
