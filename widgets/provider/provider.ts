/** `<k100-provider>`: configuration set once for every K100 widget inside it. */
import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { configContext, type Theme } from '../core/context.js';

/**
 * Shares `session`, `api-base`, `locale`, `publishable-key` and `theme` with every K100 widget inside
 * it, at any depth, so a page sets its session once. A widget's own attributes win over the provider's.
 *
 * @summary Configuration for all K100 widgets inside it.
 * @tag k100-provider
 * @slot - The page content holding K100 widgets.
 */
export class K100Provider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Short-lived session token for the widgets inside; set a new one when they report expiry. */
  @property() session?: string;

  /** Origin of the K100 API for the widgets inside. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /** BCP 47 locale for the widgets inside (`en`, `zh-CN`). */
  @property() locale?: string;

  /** Publishable key (`pk_…`) for anonymous browsing when there is no session. */
  @property({ attribute: 'publishable-key' }) publishableKey?: string;

  /** Colour scheme for the widgets inside: `light`, `dark` or `auto`. */
  @property() theme?: Theme;

  private readonly provider = new ContextProvider(this, { context: configContext, initialValue: {} });

  protected override willUpdate(): void {
    const { session, apiBase, locale, publishableKey, theme } = this;
    this.provider.setValue({ session, apiBase, locale, publishableKey, theme });
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'k100-provider': K100Provider;
  }
}
