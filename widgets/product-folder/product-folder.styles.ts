/** Styles of `<k100-product-folder>`; its public knobs are the `--k100-product-folder-*` properties. */
import { css } from 'lit';

export const styles = css`
  .base {
    --_item-bg: var(--k100-product-folder-item-background, var(--_surface-raised));
    --_indicator: var(--k100-product-folder-tab-indicator, var(--_primary));
    display: flex;
    flex-direction: column;
    gap: var(--_s4);
  }
  .tabs {
    display: flex;
    gap: var(--_s1);
    border-bottom: 1px solid var(--_border);
    overflow-x: auto;
  }
  .tab {
    min-height: 44px;
    padding: 0 var(--_s4);
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--_text-muted);
    font-weight: 600;
    cursor: pointer;
    white-space: nowrap;
  }
  .tab:focus-visible {
    /* Inset: the scrolling tablist would clip an outside ring. */
    outline-offset: -3px;
  }
  .tab[aria-selected='true'] {
    border-bottom-color: var(--_indicator);
    color: var(--_text);
  }
  .panel {
    display: flex;
    flex-direction: column;
    gap: var(--_s4);
  }
  .items {
    display: flex;
    flex-direction: column;
    gap: var(--_s2);
  }
  .item {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: var(--_s1) var(--_s3);
    padding: var(--_s2) var(--_s3);
    background: var(--_item-bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .item.selected {
    border-color: var(--_primary);
  }
  .pick {
    display: flex;
    align-items: center;
    gap: var(--_s2);
    min-height: 44px;
    cursor: pointer;
  }
  .pick input {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_primary);
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .details,
  .qty,
  .qty-error {
    grid-column: 1;
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .qty {
    max-width: 12rem;
  }
  .item .remove {
    grid-column: 2;
    grid-row: 1 / span 2;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: var(--_s2) var(--_s4);
    padding-top: var(--_s3);
    border-top: 1px solid var(--_border);
  }
  .summary .count {
    margin-right: auto;
  }
  .total {
    font-weight: 700;
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_s3);
    padding: var(--_s2) var(--_s3);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .notice:not(.shown) {
    display: none;
  }
  .access,
  .access-form {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_s3);
  }
  .access {
    padding-top: var(--_s4);
    border-top: 1px solid var(--_border);
  }
  .access-form {
    align-self: stretch;
    max-width: 36rem;
  }
  .access-form .field {
    align-self: stretch;
  }
  .section-title {
    font-weight: 700;
  }
  .pending li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s2);
    padding: var(--_s1) 0;
  }
  @container (max-width: 28rem) {
    .item {
      grid-template-columns: minmax(0, 1fr);
    }
    .item .remove {
      grid-column: 1;
      grid-row: auto;
      justify-self: start;
    }
    .summary .btn {
      flex: 1 1 100%;
    }
  }
`;
