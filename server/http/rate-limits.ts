/**
 * Abuse limits: which requests count against which key, where the counts live, and the 429 a refused
 * caller gets (problem+json, `Retry-After`, and the IETF draft-7 `RateLimit-Policy` / `RateLimit` headers).
 *
 * hono-rate-limiter runs the fixed windows: it is small, kept up, and its `Store` contract lets the strict
 * limits count in the database (`rate_limit_windows`), so every instance on one Postgres shares one window;
 * the high general limits count in each instance's memory (its `MemoryStore`), where a database write per
 * request would cost more than the abuse it stops. Two limits are our own code over the same `Store`:
 * failed secret keys, because the library counts a request before it runs (its `skipSuccessfulRequests`
 * gives the hit back afterwards), so a partner's server minting 21 sessions at once with a valid key would
 * be refused; and live streams, which are open-at-once counts, not windows.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { MemoryStore, rateLimiter, type ClientRateLimitInfo, type HonoConfigType, type RateLimitInfo, type Store as LimiterStore } from 'hono-rate-limiter';
import type { SessionCaller } from '../auth/caller.js';
import type { AppConfig, RateLimits, WindowLimit } from '../config.js';
import { MAX_SESSION_TTL_SECONDS } from '../domain/sessions.js';
import type { AppEnv } from '../env.js';
import { RETRY_MS } from '../live/order-stream.js';
import { tooManyRequests } from '../problem.js';
import type { Store } from '../store/db.js';
import { deleteWindow, hitWindow, pruneWindows, readWindow, unhitWindow, type WindowCount } from '../store/rate-limit-windows.js';
import { clientIp, trustedProxies } from './client-ip.js';

/** How often one instance deletes ended windows: one indexed DELETE a minute, off the request's path. */
const PRUNE_EVERY_MS = 60_000;
const lastPruned = new WeakMap<Store, number>();

function pruneNowAndThen(store: Store, now: number): void {
  const last = lastPruned.get(store);
  if (last === undefined) lastPruned.set(store, now); // the first prune waits a minute: short-lived stores never run one
  if (last === undefined || now - last < PRUNE_EVERY_MS) return;
  lastPruned.set(store, now);
  pruneWindows(store, now).catch((err: unknown) => console.error(`[k100] pruning rate limit windows failed: ${(err as Error).message}`));
}

const toInfo = (w: WindowCount): ClientRateLimitInfo => ({ totalHits: w.count, resetTime: new Date(w.resetAt) });

/** hono-rate-limiter's `Store` over `rate_limit_windows`: one atomic statement per operation. */
export class SharedWindowStore implements LimiterStore<AppEnv> {
  readonly localKeys = false;
  constructor(
    private readonly store: Store,
    readonly prefix: string,
    private windowMs = 60_000,
  ) {}
  init(options: HonoConfigType<AppEnv>): void {
    this.windowMs = options.windowMs;
  }
  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const w = await readWindow(this.store, this.prefix + key, Date.now());
    return w && toInfo(w);
  }
  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = Date.now();
    pruneNowAndThen(this.store, now);
    return toInfo(await hitWindow(this.store, this.prefix + key, this.windowMs, now));
  }
  decrement(key: string): Promise<void> {
    return unhitWindow(this.store, this.prefix + key, Date.now());
  }
  resetKey(key: string): Promise<void> {
    return deleteWindow(this.store, this.prefix + key);
  }
}

/** What a partner reads in the problem's `detail`, per limit. */
const COUNTED: Record<keyof RateLimits, string> = {
  failedSecretKeys: 'unknown secret keys from this address',
  sessionMints: 'session mints with this secret key',
  paymentIntents: 'payment intent requests by this buyer',
  sandboxDeposits: 'sandbox deposits by this party',
  gatewayNotifications: 'gateway notifications from this address',
  perIp: 'requests from this address',
  perToken: 'requests with this credential',
  streamsPerSession: 'live streams open for this session',
  streamsPerPartner: 'live streams open for this partner',
};

/** `failedSecretKeys` → `failed_secret_keys`: the `limit` member of the problem. */
const limitName = (limit: keyof RateLimits) => limit.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);

const secondsUntil = (at: Date | undefined, fallbackMs: number) =>
  Math.max(1, Math.ceil(((at?.getTime() ?? Date.now() + fallbackMs) - Date.now()) / 1000));

/** The draft-7 pair, as hono-rate-limiter writes it on answers that passed. */
function windowHeaders(limit: WindowLimit, remaining: number, resetSeconds: number): Record<string, string> {
  return {
    'RateLimit-Policy': `${limit.count};w=${limit.seconds}`,
    RateLimit: `limit=${limit.count}, remaining=${remaining}, reset=${resetSeconds}`,
  };
}

function windowRefusal(name: keyof RateLimits, limit: WindowLimit, resetTime: Date | undefined) {
  const retry = secondsUntil(resetTime, limit.seconds * 1000);
  return tooManyRequests(
    limitName(name),
    `Over the limit of ${limit.count} ${COUNTED[name]} per ${limit.seconds} s; retry in ${retry} s.`,
    retry,
    windowHeaders(limit, 0, retry),
  );
}

type KeyOf = (c: Context<AppEnv>) => string | undefined;

/** A fixed-window limit on the requests `keyOf` names a key for (undefined: not counted here). */
function windowLimiter(name: keyof RateLimits, limit: WindowLimit, store: LimiterStore<AppEnv>, keyOf: KeyOf, headers: boolean): MiddlewareHandler<AppEnv> {
  return rateLimiter<AppEnv>({
    windowMs: limit.seconds * 1000,
    limit: limit.count,
    store,
    // The strict limits tell every caller where it stands; the general ones only speak when they refuse.
    standardHeaders: headers ? 'draft-7' : false,
    skip: (c) => keyOf(c) === undefined,
    keyGenerator: (c) => keyOf(c) ?? '',
    handler: (c) => {
      throw windowRefusal(name, limit, (c.get('rateLimit' as never) as RateLimitInfo | undefined)?.resetTime);
    },
  });
}

const SECRET_KEY_BEARER = /^Bearer +sk_/i;

/**
 * Counts unknown secret keys per client IP and, once over the limit, refuses secret-key requests from
 * that IP before the key is even looked up. Only failures count: the check reads the window, and a hit
 * is added after the answer was a 401, so valid keys from a busy partner server never use the budget.
 * Parallel guesses can each pass the read before any failure is counted: at most the concurrency extra.
 */
function secretKeyFailures(limit: WindowLimit, store: SharedWindowStore, ipOf: (c: Context) => string): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async function secretKeyFailures(c, next) {
    if (!SECRET_KEY_BEARER.test(c.req.header('Authorization') ?? '')) return next();
    const ip = ipOf(c);
    const seen = await store.get(ip);
    if (seen && seen.totalHits >= limit.count) throw windowRefusal('failedSecretKeys', limit, seen.resetTime);
    await next();
    if (c.res.status !== 401 || c.var.caller.kind === 'secret_key') return;
    const after = await store.increment(ip);
    for (const [header, value] of Object.entries(windowHeaders(limit, Math.max(0, limit.count - after.totalHits), secondsUntil(after.resetTime, 0)))) {
      c.res.headers.set(header, value);
    }
  });
}

/** Open-at-once live streams: `acquire` takes a slot or throws 429; the function it returns gives it back. */
export interface StreamSlots {
  acquire(session: SessionCaller): Promise<() => Promise<void>>;
}

const NO_SLOTS: StreamSlots = { acquire: async () => async () => {} };

/**
 * Per session in the database, so a session cannot open the limit on every instance: the window outlives
 * any session (tokens last at most an hour, streams end when theirs expires), so it never resets under an
 * open stream, and slots an instance lost by crashing are gone with the session. Per partner in each
 * instance's memory: a partner's sessions keep coming, so no window bounds them, and a shared open-count
 * would keep a crashed instance's slots forever.
 */
function streamSlots(store: Store, perSession: number | undefined, perPartner: number | undefined): StreamSlots {
  if (perSession === undefined && perPartner === undefined) return NO_SLOTS;
  const sessions = new SharedWindowStore(store, 'sse:', (MAX_SESSION_TTL_SECONDS + 60) * 1000);
  const partners = new Map<string, number>();
  const retry = Math.ceil(RETRY_MS / 1000);
  const refuse = (name: 'streamsPerSession' | 'streamsPerPartner', count: number) =>
    tooManyRequests(limitName(name), `At most ${count} ${COUNTED[name]}; close one first.`, retry, {
      RateLimit: `limit=${count}, remaining=0, reset=${retry}`,
    });
  const releaseSession = (id: string) =>
    sessions.decrement(id).catch((err: unknown) => console.error(`[k100] releasing a stream slot failed: ${(err as Error).message}`));
  return {
    async acquire(session) {
      const partnerId = session.partner.id;
      // Taken before the first await, so parallel opens cannot all see the same free slot.
      const open = partners.get(partnerId) ?? 0;
      if (perPartner !== undefined && open >= perPartner) throw refuse('streamsPerPartner', perPartner);
      partners.set(partnerId, open + 1);
      const releasePartner = () => {
        const left = (partners.get(partnerId) ?? 1) - 1;
        if (left === 0) partners.delete(partnerId);
        else partners.set(partnerId, left);
      };
      if (perSession !== undefined) {
        const hits = await sessions.increment(session.sessionId).catch((err: unknown) => {
          releasePartner();
          throw err;
        });
        if (hits.totalHits > perSession) {
          releasePartner();
          await releaseSession(session.sessionId);
          throw refuse('streamsPerSession', perSession);
        }
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        releasePartner();
        if (perSession !== undefined) await releaseSession(session.sessionId);
      };
    },
  };
}

const post = (keyOf: KeyOf): KeyOf => (c) => (c.req.method === 'POST' ? keyOf(c) : undefined);
const sessionParty: KeyOf = (c) => (c.var.caller.kind === 'session' ? c.var.caller.party.id : undefined);

function credentialKey(c: Context<AppEnv>): string | undefined {
  const caller = c.var.caller;
  if (caller.kind === 'session') return `s:${caller.sessionId}`;
  if (caller.kind === 'publishable_key') return `pk:${caller.partner.id}`;
  if (caller.kind === 'secret_key') return `sk:${caller.partner.id}`;
  return undefined;
}

export interface AppRateLimits {
  /** `[path, middleware]` to mount before `authenticate()`: they protect the credential lookups. */
  beforeAuth: Array<[string, MiddlewareHandler<AppEnv>]>;
  /** `[path, middleware]` to mount after it: they count per credential or party. */
  afterAuth: Array<[string, MiddlewareHandler<AppEnv>]>;
  streams: StreamSlots;
}

/** Every enabled limit of `config.limits`; none at all when it is absent. */
export function createRateLimits(store: Store, config: Pick<AppConfig, 'limits' | 'trustProxy'>): AppRateLimits {
  const limits = config.limits;
  if (!limits) return { beforeAuth: [], afterAuth: [], streams: NO_SLOTS };
  const proxies = trustedProxies(config.trustProxy);
  const ipOf = (c: Context) => clientIp(c, proxies);
  const beforeAuth: AppRateLimits['beforeAuth'] = [];
  const afterAuth: AppRateLimits['afterAuth'] = [];
  // hono-rate-limiter's `init` sets the window of the stores it runs; the failure counter runs without it.
  const shared = (prefix: string, window?: WindowLimit) => new SharedWindowStore(store, prefix, window && window.seconds * 1000);

  if (limits.perIp) {
    const perIp = windowLimiter('perIp', limits.perIp, new MemoryStore(), ipOf, false);
    beforeAuth.push(['/v1/*', perIp], ['/sandbox/*', perIp]);
  }
  if (limits.failedSecretKeys) beforeAuth.push(['/v1/*', secretKeyFailures(limits.failedSecretKeys, shared('fsk:', limits.failedSecretKeys), ipOf)]);
  if (limits.perToken) afterAuth.push(['/v1/*', windowLimiter('perToken', limits.perToken, new MemoryStore(), credentialKey, false)]);
  if (limits.sessionMints) {
    const partnerOfKey: KeyOf = (c) => (c.var.caller.kind === 'secret_key' ? c.var.caller.partner.id : undefined);
    afterAuth.push(['/v1/sessions', windowLimiter('sessionMints', limits.sessionMints, shared('mint:'), post(partnerOfKey), true)]);
  }
  if (limits.paymentIntents) {
    afterAuth.push(['/v1/orders/:id/payment-intents', windowLimiter('paymentIntents', limits.paymentIntents, shared('pi:'), post(sessionParty), true)]);
  }
  if (limits.sandboxDeposits) {
    afterAuth.push(['/v1/sandbox/deposits', windowLimiter('sandboxDeposits', limits.sandboxDeposits, shared('dep:'), post(sessionParty), true)]);
  }
  if (limits.gatewayNotifications) {
    afterAuth.push([
      '/v1/gateways/:gateway/notifications',
      windowLimiter('gatewayNotifications', limits.gatewayNotifications, shared('gwn:'), post(ipOf), true),
    ]);
  }
  return { beforeAuth, afterAuth, streams: streamSlots(store, limits.streamsPerSession, limits.streamsPerPartner) };
}
