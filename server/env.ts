/** The Hono environment every router and middleware shares: what a request carries once it reaches a handler. */
import type { AppConfig } from './config.js';
import type { Caller } from './auth/caller.js';
import type { SessionService } from './auth/sessions.js';
import type { StreamSlots } from './http/rate-limits.js';
import type { Store } from './store/db.js';

export interface AppVariables {
  /** Set by `hono/request-id`; echoed as `X-Request-Id` and in every problem body. */
  requestId: string;
  store: Store;
  config: AppConfig;
  sessions: SessionService;
  /** Open-at-once limits on live order streams (a no-op when limits are off). */
  streamSlots: StreamSlots;
  /** Who is calling; `{kind: 'none'}` until `authenticate()` resolves a credential. */
  caller: Caller;
}

export interface AppEnv {
  Variables: AppVariables;
}
