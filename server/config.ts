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
  /**
   * `K100_SSE_HEARTBEAT_MS`: how often live streams send a `: heartbeat` comment (and re-read, in case a
   * signal was missed). Absent: 15 000, below the idle timeout of common proxies.
   */
  sseHeartbeatMs?: number | undefined;
}

export const DEFAULT_SSE_HEARTBEAT_MS = 15_000;

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
    sseHeartbeatMs: heartbeatMs(env.K100_SSE_HEARTBEAT_MS),
  };
}

function heartbeatMs(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SSE_HEARTBEAT_MS;
  const ms = Number(value);
  // Under 1 s is a busy loop of re-reads; over an hour outlives every proxy's idle timeout (and setInterval's range is 2^31 ms).
  if (!Number.isInteger(ms) || ms < 1_000 || ms > 3_600_000) throw new Error(`K100_SSE_HEARTBEAT_MS must be 1000..3600000 milliseconds, got ${value}`);
  return ms;
}

function webhookKey(value: string | undefined): string | undefined {
  const key = value?.trim() || undefined;
  if (key !== undefined && key.length < 32) throw new Error('K100_WEBHOOK_KEY must be at least 32 characters');
  return key;
}
