/** Styles of `<k100-purchase-order>`; its public knobs are the `--k100-purchase-order-*` properties. */
import { css } from 'lit';

export const styles = css`
  .base {
    --_offer-bg: var(--k100-purchase-order-offer-background, var(--_surface-raised));
    --_own: var(--k100-purchase-order-own-offer-accent, var(--_primary));
  }
  .status-filter {
    flex: 0 1 14rem;
  }
  [part~='toolbar'] {
    align-items: flex-end;
  }
  .notice {
    padding: var(--_s2) var(--_s3);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    font-weight: 600;
  }
  .timeline {
    display: flex;
    flex-direction: column;
    gap: var(--_s3);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .offer {
    background: var(--_offer-bg);
    border-inline-start: 4px solid var(--_accent);
  }
  .offer.own {
    border-inline-start-color: var(--_own);
  }
  .offer-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_s1) var(--_s3);
  }
  .offer-who {
    font-weight: 700;
  }
  .message {
    padding: var(--_s2) var(--_s3);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .totals {
    font-size: 0.875em;
    font-weight: 600;
  }
  .offer-form {
    padding: var(--_s4);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
  }
  .offer-form h3:focus {
    outline: none;
  }
  .form-alert:empty {
    display: none;
  }
  .line {
    background: var(--_surface);
  }
  .line-name {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
`;
