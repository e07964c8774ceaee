/** Styles of `<k100-pay-checkout>`; its public knobs are the `--k100-pay-checkout-*` properties. */
import { css } from 'lit';

export const styles = css`
  .base {
    --_accent-pay: var(--k100-pay-checkout-accent, var(--_primary));
  }
  h2,
  h3,
  h4 {
    margin: 0;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.0625em;
  }
  h4 {
    font-size: 1em;
  }
  h3[tabindex]:focus {
    outline: none;
  }
  .section {
    display: flex;
    flex-direction: column;
    gap: var(--_s3);
    min-width: 0;
  }
  .checkout {
    gap: var(--_s4);
    max-width: var(--k100-pay-checkout-max-width, 44rem);
  }
  .notice {
    padding: var(--_s2) var(--_s3);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    font-weight: 600;
  }
  .order-line {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .figures {
    display: flex;
    flex-direction: column;
    margin: 0;
  }
  .figures > div {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0 var(--_s4);
    padding: var(--_s2) 0;
    border-bottom: 1px solid var(--_border);
  }
  .figures dt {
    flex: 1 1 12rem;
    min-width: 0;
  }
  .figures dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    text-align: end;
    margin-inline-start: auto;
  }
  .figures .rule {
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .figures .due {
    border-bottom: 0;
    border-top: 2px solid var(--_accent-pay);
    padding-top: var(--_s3);
  }
  .due dt {
    font-weight: 700;
  }
  .due dd {
    font-size: var(--k100-pay-checkout-amount-size, 1.75em);
    font-weight: 700;
    color: var(--_accent-pay);
    overflow-wrap: anywhere;
  }
  .split-note {
    color: var(--_text-muted);
  }
  .callout {
    display: flex;
    flex-direction: column;
    gap: var(--_s2);
    overflow-wrap: anywhere;
    padding: var(--_s3);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .callout.ok {
    border-color: var(--_success);
  }
  .callout.bad {
    border-color: var(--_danger);
  }
  .status-title {
    display: flex;
    align-items: center;
    gap: var(--_s2);
    font-weight: 700;
  }
  .pulse {
    flex: none;
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    background: var(--_accent-pay);
    animation: k100-pulse 1.6s ease-in-out infinite;
  }
  @keyframes k100-pulse {
    50% {
      opacity: 0.3;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .pulse {
      animation: none;
    }
  }
  fieldset {
    display: flex;
    flex-direction: column;
    gap: var(--_s3);
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0 0 var(--_s2);
    font-weight: 700;
  }
  .gateway-grid {
    display: grid;
    gap: var(--_s2);
  }
  .gateway {
    position: relative;
    display: flex;
    align-items: flex-start;
    gap: var(--_s2);
    padding: var(--_s3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .gateway:has(input:checked) {
    border-color: var(--_accent-pay);
    box-shadow: inset 0 0 0 1px var(--_accent-pay);
  }
  .gateway:has(input:focus-visible) {
    outline: var(--k100-focus-ring, 2px solid var(--_focus));
    outline-offset: 2px;
  }
  .gateway input {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.1em 0 0;
    accent-color: var(--_accent-pay);
  }
  .gateway input:focus-visible {
    outline: none;
  }
  .gateway-body {
    display: flex;
    flex-direction: column;
    gap: var(--_s1);
    min-width: 0;
  }
  .gateway-name {
    font-weight: 700;
    cursor: pointer;
  }
  /* The whole card picks the gateway: the label's hit area covers it. */
  .gateway-name::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  .gateway-about {
    display: flex;
    flex-direction: column;
    gap: var(--_s1);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .gateway.is-unavailable {
    background: var(--_surface);
  }
  .gateway.is-unavailable .gateway-name {
    color: var(--_text-muted);
    cursor: default;
  }
  .currency-field {
    max-width: 16rem;
  }
  .hint,
  .field-error {
    font-size: 0.875em;
  }
  .field-error {
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s2);
  }
  .btn[aria-busy='true'] {
    cursor: progress;
  }
  .countdown {
    display: flex;
    flex-direction: column;
    gap: var(--_s1);
  }
  .countdown-line {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_s1) var(--_s3);
  }
  .clock {
    font-size: 1.375em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .countdown.is-expired .clock {
    color: var(--_danger);
  }
  .mono {
    font-family: var(--k100-font-family-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    overflow-wrap: anywhere;
  }
  .instruction-list {
    display: flex;
    flex-direction: column;
    gap: var(--_s2);
    margin: 0;
  }
  .instruction {
    display: grid;
    grid-template-columns: minmax(8rem, 12rem) 1fr;
    align-items: center;
    gap: var(--_s1) var(--_s3);
    padding-bottom: var(--_s2);
    border-bottom: 1px solid var(--_border);
  }
  .instruction dt {
    color: var(--_text-muted);
  }
  .instruction dd {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_s1) var(--_s2);
    margin: 0;
    min-width: 0;
  }
  .instruction .value {
    flex: 1 1 10rem;
    font-weight: 600;
    user-select: all;
  }
  .instruction.reference .value {
    padding: var(--_s1) var(--_s2);
    border: 1px dashed var(--_accent-pay);
    border-radius: var(--_radius);
  }
  .copy {
    padding: 0 var(--_s3);
  }
  .copied {
    font-size: 0.875em;
    font-weight: 600;
  }
  .copied.ok {
    color: var(--_success);
  }
  .balances dd {
    font-size: 1em;
  }
  @container (max-width: 30rem) {
    .instruction {
      grid-template-columns: 1fr;
    }
    .actions .btn {
      flex: 1 1 100%;
    }
    .currency-field {
      max-width: none;
    }
  }
`;
