/** The sandbox pages' language and theme switches: applied to the widgets' provider and remembered. */
import { remembered } from './sandbox.js';

export function wirePreferences(provider: HTMLElement, locale: HTMLSelectElement, theme: HTMLSelectElement): void {
  const apply = () => {
    provider.setAttribute('locale', locale.value);
    provider.setAttribute('theme', theme.value);
    document.documentElement.lang = locale.value;
    document.documentElement.dataset['theme'] = theme.value;
    remembered.set('locale', locale.value);
    remembered.set('theme', theme.value);
  };
  locale.value = remembered.get('locale') ?? 'en';
  theme.value = remembered.get('theme') ?? 'auto';
  apply();
  locale.addEventListener('change', apply);
  theme.addEventListener('change', apply);
}

/** Widgets that can reload what they show, e.g. after the other party acted in another tab. */
type Refreshable = HTMLElement & { refresh?: () => void };

/** Coming back to the tab reloads the deal widgets, so the other party's moves show without a reload. */
export function refreshOnReturn(root: ParentNode): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    for (const widget of root.querySelectorAll<Refreshable>('k100-purchase-order, k100-contract-drafter, k100-contract-review, k100-pay-checkout, k100-order-status, k100-warehouse-console')) {
      widget.refresh?.();
    }
  });
}
