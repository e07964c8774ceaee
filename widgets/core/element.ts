/** The thin base every K100 widget extends: configuration attributes merged with `<k100-provider>` context. */
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { ApiClient, SessionExpiredError } from './api.js';
import { configContext, type K100Config, type Theme } from './context.js';
import { K100SessionExpiredEvent } from './events.js';
import { formatDate, formatMoney, formatNumber } from './format.js';
import { loadCatalog, resolveLocale, translate, type MessageKey, type Params } from './i18n.js';

/** Where our script was loaded from: the API lives on the same origin unless `api-base` says otherwise. */
const scriptOrigin = new URL(import.meta.url).origin;

/** The configuration a widget actually uses once its own attributes and its provider are merged. */
export interface EffectiveConfig {
  session: string | undefined;
  apiBase: string;
  locale: string;
  publishableKey: string | undefined;
  theme: Theme;
}

/**
 * Base of every K100 widget: configuration attributes, the API client, locale and expiry handling.
 *
 * @event {K100SessionExpiredEvent} k100-session-expired - The session was refused (any 401); set a freshly minted `session` to continue.
 */
export abstract class K100Element extends LitElement {
  /** Short-lived session token minted by the partner's server; setting a new one retries what failed. */
  @property() session?: string;

  /** Origin of the K100 API; defaults to the origin this script was loaded from. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /** BCP 47 locale for text, money and dates (`en`, `zh-CN`); defaults to the page's `lang`. */
  @property() locale?: string;

  /** Publishable key (`pk_…`) for anonymous, read-only browsing when there is no session. */
  @property({ attribute: 'publishable-key' }) publishableKey?: string;

  /** Colour scheme: `light` (default), `dark`, or `auto` to follow the user's system setting. */
  @property({ reflect: true }) theme?: Theme;

  @consume({ context: configContext, subscribe: true })
  @state()
  private inherited?: K100Config;

  /** The session token the API last refused with a 401. */
  @state() private refusedSession?: string;

  private client?: ApiClient;

  /** Own attributes win over the enclosing `<k100-provider>`, which wins over defaults. */
  get config(): EffectiveConfig {
    const up = this.inherited ?? {};
    return {
      session: this.session || up.session || undefined,
      apiBase: this.apiBase || up.apiBase || scriptOrigin,
      locale: resolveLocale(this.locale || up.locale || document.documentElement.lang || undefined),
      publishableKey: this.publishableKey || up.publishableKey || undefined,
      theme: this.theme || up.theme || 'light',
    };
  }

  /** An API client for the current configuration; a new instance whenever it changes, so tasks rerun. */
  get api(): ApiClient {
    const { apiBase: base, session, publishableKey } = this.config;
    const options = this.client?.options;
    if (this.client && options?.base === base && options.session === session && options.publishableKey === publishableKey) {
      return this.client;
    }
    return (this.client = new ApiClient({ base, session, publishableKey }));
  }

  /** False until the page hands over a session or a publishable key: nothing is fetched before that. */
  get hasCredentials(): boolean {
    const { session, publishableKey } = this.config;
    return !!(session || publishableKey);
  }

  /** True once the API refused the current session; cleared by setting a new one. */
  get sessionExpired(): boolean {
    const { session } = this.config;
    return !!session && session === this.refusedSession;
  }

  /** Class list for the `base` part: the resolved colour scheme. */
  protected get baseClass(): string {
    return `base ${this.config.theme}`;
  }

  /** Waits for the locale's message catalog (loaded once per page) so no update shows the wrong language. */
  protected override async scheduleUpdate(): Promise<void> {
    const { locale } = this.config;
    const catalog = loadCatalog(locale);
    if (catalog) await catalog;
    super.scheduleUpdate();
    // A page's first Intl formatter loads ICU's number data (~15 ms, 60 ms at 4x CPU). Built here, after
    // the update that sent the first requests, it loads while they are in flight rather than between
    // their answer and the first paint of the data. Cached, so later updates pay a lookup.
    formatNumber(0, locale);
  }

  /** Turns a 401 into the expired-session state and tells the host page, once per refused token. */
  handleApiError(error: unknown): void {
    const { session } = this.config;
    if (error instanceof SessionExpiredError && session && session !== this.refusedSession) {
      this.refusedSession = session;
      // Dispatched through a variable throughout: the manifest analyzer lists inline `new` events nameless.
      const event = new K100SessionExpiredEvent({ type: error.type });
      this.dispatchEvent(event);
    }
  }

  /** A message from the catalogs in the widget's locale. */
  t(key: MessageKey, params?: Params): string {
    return translate(this.config.locale, key, params);
  }

  money(minor: number, currency: string): string {
    return formatMoney(minor, currency, this.config.locale);
  }

  date(iso: string): string {
    return formatDate(iso, this.config.locale);
  }
}
