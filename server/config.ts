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
  /**
   * The webhook delivery worker's timing: `K100_WEBHOOK_INTERVAL_MS` (pause between polls, default 2 000),
   * `K100_WEBHOOK_TIMEOUT_MS` (per attempt, default 10 000, the 10 s partners are promised) and
   * `K100_WEBHOOK_LEASE_MS` (how long a claim keeps other workers away, default 60 000; after a crash the
   * claimed deliveries come due again when it ends). Production keeps the defaults; the crash test shortens
   * them so a delivery abandoned by a killed process is retried within seconds, not a minute.
   */
  webhookTiming?: WebhookTiming | undefined;
}

export interface WebhookTiming {
  intervalMs: number;
  timeoutMs: number;
  leaseMs: number;
}

export const DEFAULT_WEBHOOK_TIMING: WebhookTiming = { intervalMs: 2_000, timeoutMs: 10_000, leaseMs: 60_000 };

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
    webhookTiming: webhookTiming(env),
  };
}

function webhookTiming(env: NodeJS.ProcessEnv): WebhookTiming {
  const ms = (name: string, fallback: number, min: number): number => {
    const value = env[name];
    if (value === undefined || value.trim() === '') return fallback;
    const n = Number(value);
    // setTimeout's range is 2^31 ms; below `min` the worker would spin or time out every attempt.
    if (!Number.isInteger(n) || n < min || n > 2_147_483_647) throw new Error(`${name} must be a whole number of milliseconds ≥ ${min}, got ${value}`);
    return n;
  };
  const timing = {
    intervalMs: ms('K100_WEBHOOK_INTERVAL_MS', DEFAULT_WEBHOOK_TIMING.intervalMs, 10),
    timeoutMs: ms('K100_WEBHOOK_TIMEOUT_MS', DEFAULT_WEBHOOK_TIMING.timeoutMs, 100),
    leaseMs: ms('K100_WEBHOOK_LEASE_MS', DEFAULT_WEBHOOK_TIMING.leaseMs, 200),
  };
  // A lease shorter than the timeout would let a second worker claim a delivery still being attempted.
  if (timing.leaseMs <= timing.timeoutMs) throw new Error(`K100_WEBHOOK_LEASE_MS (${timing.leaseMs}) must exceed K100_WEBHOOK_TIMEOUT_MS (${timing.timeoutMs})`);
  return timing;
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
