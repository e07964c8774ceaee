/** The configuration a `<k100-provider>` shares with the widgets inside it. */
import { createContext } from '@lit/context';

export type Theme = 'light' | 'dark' | 'auto';

/** What a provider (or a widget's own attributes) configures. Unset fields fall through. */
export interface K100Config {
  session?: string | undefined;
  apiBase?: string | undefined;
  locale?: string | undefined;
  publishableKey?: string | undefined;
  theme?: Theme | undefined;
}

// A string key rather than a Symbol, so two copies of our script on one page still find each other.
export const configContext = createContext<K100Config>('k100-config');
