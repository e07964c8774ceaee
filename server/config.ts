/** Server configuration read once from the environment; everything else receives it as a plain value. */
import { z } from 'zod';
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
   * Abuse limits (`K100_LIMIT_*`, see `loadLimits`). Absent: nothing is limited, which is what in-process
   * tests of other features want; `loadConfig` fills it unless `K100_LIMITS=off`.
   */
  limits?: RateLimits | undefined;
  /**
   * `K100_TRUST_PROXY`: addresses or CIDR ranges of the reverse proxies in front of us. Absent: the client
   * is the socket's peer and `X-Forwarded-For` is ignored (anyone can send it).
   */
  trustProxy?: readonly string[] | undefined;
  /**
   * The webhook delivery worker's timing: `K100_WEBHOOK_INTERVAL_MS` (pause between polls, default 2 000),
   * `K100_WEBHOOK_TIMEOUT_MS` (per attempt, default 10 000, the 10 s partners are promised) and
   * `K100_WEBHOOK_LEASE_MS` (how long a claim keeps other workers away, default 60 000; after a crash the
   * claimed deliveries come due again when it ends). Production keeps the defaults; the crash test shortens
   * them so a delivery abandoned by a killed process is retried within seconds, not a minute.
   */
  webhookTiming?: WebhookTiming | undefined;
}

/** At most `count` hits per window of `seconds`. */
export interface WindowLimit {
  count: number;
  seconds: number;
}

/** Every abuse limit; `undefined` switches that one off. */
export interface RateLimits {
  /** Unknown secret keys per client IP (only failures count). */
  failedSecretKeys: WindowLimit | undefined;
  /** `POST /v1/sessions` per secret key (per partner). */
  sessionMints: WindowLimit | undefined;
  /** `POST /v1/orders/{id}/payment-intents` per buyer. */
  paymentIntents: WindowLimit | undefined;
  /** `POST /v1/sandbox/deposits` per session party. */
  sandboxDeposits: WindowLimit | undefined;
  /** `POST /v1/gateways/{gateway}/notifications` per client IP. */
  gatewayNotifications: WindowLimit | undefined;
  /** Every API request per client IP, counted in each instance's memory. */
  perIp: WindowLimit | undefined;
  /** Every API request per credential (session, publishable key, secret key), in each instance's memory. */
  perToken: WindowLimit | undefined;
  /** Live order streams open at once per session. */
  streamsPerSession: number | undefined;
  /** Live order streams open at once per partner (all its sessions), per instance. */
  streamsPerPartner: number | undefined;
}

/** The defaults, with the `K100_LIMIT_*` variable that overrides each. */
export const LIMIT_VARIABLES = {
  failedSecretKeys: ['K100_LIMIT_FAILED_SECRET_KEYS', '20/600'],
  sessionMints: ['K100_LIMIT_SESSION_MINTS', '300/60'],
  paymentIntents: ['K100_LIMIT_PAYMENT_INTENTS', '10/60'],
  sandboxDeposits: ['K100_LIMIT_SANDBOX_DEPOSITS', '30/60'],
  gatewayNotifications: ['K100_LIMIT_GATEWAY_NOTIFICATIONS', '120/60'],
  perIp: ['K100_LIMIT_PER_IP', '3000/60'],
  perToken: ['K100_LIMIT_PER_TOKEN', '1200/60'],
  streamsPerSession: ['K100_LIMIT_STREAMS_PER_SESSION', '5'],
  streamsPerPartner: ['K100_LIMIT_STREAMS_PER_PARTNER', '1000'],
} as const satisfies Record<keyof RateLimits, readonly [string, string]>;

const Count = z.number().int().min(1, 'must allow at least 1').max(1_000_000_000, 'is over 10^9');
/** `<count>/<seconds>` (a window of at most a day, e.g. `300/60`) or `off`. */
const WindowValue = z
  .string()
  .regex(/^(off|\d+\/\d+)$/, 'must be <count>/<seconds> (e.g. 300/60) or off')
  .transform((v) => (v === 'off' ? undefined : { count: Number(v.split('/')[0]), seconds: Number(v.split('/')[1]) }))
  .pipe(z.object({ count: Count, seconds: z.number().int().min(1, 'needs a window of at least 1 s').max(86_400, 'window is over a day') }).optional());
/** A number of streams open at once, or `off`. */
const ConcurrentValue = z
  .string()
  .regex(/^(off|\d+)$/, 'must be a count (e.g. 5) or off')
  .transform((v) => (v === 'off' ? undefined : Number(v)))
  .pipe(Count.optional());

/** Reads every limit; `K100_LIMITS=off` switches them all off (benchmarks measure the server, not refusals). */
export function loadLimits(env: NodeJS.ProcessEnv = process.env): RateLimits | undefined {
  if (env.K100_LIMITS?.trim() === 'off') return undefined;
  const read = (name: string, fallback: string, schema: z.ZodType) => {
    const parsed = schema.safeParse(env[name]?.trim() || fallback);
    if (!parsed.success) throw new Error(`${name} ${parsed.error.issues[0]?.message ?? 'is invalid'}, got ${env[name]}`);
    return parsed.data;
  };
  const limits = {} as Record<keyof RateLimits, unknown>;
  for (const [field, [name, fallback]] of Object.entries(LIMIT_VARIABLES)) {
    limits[field as keyof RateLimits] = read(name, fallback, field.startsWith('streams') ? ConcurrentValue : WindowValue);
  }
  return limits as unknown as RateLimits;
}

/** `K100_TRUST_PROXY`: comma-separated IPv4/IPv6 addresses or CIDR ranges (`10.0.0.0/8,::1`). */
const ProxyList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], { error: 'must list IP addresses or CIDR ranges' })).min(1));

export function loadTrustProxy(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = ProxyList.safeParse(value);
  if (!parsed.success) throw new Error(`K100_TRUST_PROXY ${parsed.error.issues[0]?.message ?? 'is invalid'}, got ${value}`);
  return parsed.data;
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
    limits: loadLimits(env),
    trustProxy: loadTrustProxy(env.K100_TRUST_PROXY),
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
