/** Server configuration read once from the environment; everything else receives it as a plain value. */
import { DEFAULT_DATABASE_URL } from './store/db.js';

export interface AppConfig {
  port: number;
  /** `sqlite:<path>` or `postgres://…`. */
  databaseUrl: string;
  /** Seed the demo partner and expose `/sandbox/*` helpers. */
  sandbox: boolean;
  /**
   * HS256 key for session tokens. When absent, a random key kept in the `settings` table is used, so
   * every instance sharing the database shares it and restarts keep sessions valid.
   */
  sessionSecret: string | undefined;
  /** Where the built widgets (`/widgets/*`) and demo (`/`) are served from. */
  widgetsDir: string;
  demoDir: string;
  /**
   * `K100_WEBHOOK_KEY`: when set (≥ 32 characters), webhook endpoint signing secrets are stored encrypted
   * with a key derived from it; keep it stable, or sealed secrets can no longer be read.
   */
  webhookKey?: string | undefined;
  /**
   * The time K100Pay's rules run on (quote expiry, late funds, signature tolerance, idempotency expiry).
   * Absent: the system clock. Tests inject a movable clock instead of sleeping through a quote's lifetime.
   */
  clock?: (() => Date) | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const secret = env.K100_SESSION_SECRET?.trim() || undefined;
  // A short secret makes HS256 tokens guessable offline; refuse it rather than run weakly.
  if (secret !== undefined && secret.length < 32) throw new Error('K100_SESSION_SECRET must be at least 32 characters');
  return {
    port,
    databaseUrl: env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL,
    sandbox: env.K100_SANDBOX === '1',
    sessionSecret: secret,
    widgetsDir: env.K100_WIDGETS_DIR ?? 'dist/widgets',
    demoDir: env.K100_DEMO_DIR ?? 'dist/demo',
    webhookKey: webhookKey(env.K100_WEBHOOK_KEY),
  };
}

function webhookKey(value: string | undefined): string | undefined {
  const key = value?.trim() || undefined;
  if (key !== undefined && key.length < 32) throw new Error('K100_WEBHOOK_KEY must be at least 32 characters');
  return key;
}
