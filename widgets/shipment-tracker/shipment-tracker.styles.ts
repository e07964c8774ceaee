/** Styles of `<k100-shipment-tracker>`; its public knobs are the `--k100-shipment-tracker-*` properties. */
import { css } from 'lit';

export const styles = css`
  .base {
    --_accent-ship: var(--k100-shipment-tracker-accent, var(--_primary));
  }
  .tracker {
    gap: var(--_s5);
    max-width: var(--k100-shipment-tracker-max-width, 56rem);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_s2) var(--_s4);
  }
  .live {
    display: inline-flex;
    align-items: center;
    gap: var(--_s2);
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_text-muted);
  }
  .dot {
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    border: 2px solid currentColor;
  }
  .live.live {
    color: var(--_success);
  }
  .live.live .dot {
    background: currentColor;
    animation: k100-pulse 1.6s ease-in-out infinite;
  }
  @keyframes k100-pulse {
    50% {
      opacity: 0.3;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .live.live .dot {
      animation: none;
    }
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_s2) var(--_s3);
    overflow-wrap: anywhere;
  }
  .next {
    font-weight: 600;
  }
  .milestones {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .milestone {
    position: relative;
    display: flex;
    gap: var(--_s3);
    padding-bottom: var(--_s3);
  }
  /* The line joining each marker to the next. */
  .milestone:not(:last-child)::before {
    content: '';
    position: absolute;
    inset-inline-start: calc(0.5rem - 1px);
    top: 1.25rem;
    bottom: 0;
    border-inline-start: 2px solid var(--_border);
  }
  .milestone.done:not(:last-child)::before {
    border-color: var(--_accent-ship);
  }
  .marker {
    flex: none;
    width: 1rem;
    height: 1rem;
    margin-top: 0.2rem;
    border: 2px solid var(--_control-border);
    border-radius: 50%;
    background: var(--_surface);
  }
  .done .marker {
    border-color: var(--_accent-ship);
    background: var(--_accent-ship);
  }
  .current .marker {
    border-color: var(--_accent-ship);
    box-shadow: 0 0 0 3px var(--_surface), 0 0 0 5px var(--_accent-ship);
    background: var(--_accent-ship);
  }
  .skipped .marker {
    border-style: dashed;
  }
  .milestone-body {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-width: 0;
  }
  .milestone-line {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_s2);
  }
  .milestone-name {
    font-weight: 600;
  }
  .upcoming .milestone-name,
  .skipped .milestone-name {
    font-weight: 400;
    color: var(--_text-muted);
  }
  .skipped .milestone-name {
    text-decoration: line-through;
  }
  /* Not \`.state\`: that is the theme's empty/error box. */
  .milestone-state {
    font-size: 0.8125em;
    color: var(--_text-muted);
  }
  .current .milestone-state {
    font-weight: 700;
    color: var(--_accent-ship);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_s3);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .columns {
    display: grid;
    gap: var(--_s4);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
  }
  .facts {
    display: flex;
    flex-direction: column;
    margin: 0;
  }
  .facts > div {
    display: grid;
    grid-template-columns: minmax(8rem, 12rem) 1fr;
    gap: var(--_s1) var(--_s3);
    padding: var(--_s2) 0;
    border-bottom: 1px solid var(--_border);
  }
  .facts dt {
    color: var(--_text-muted);
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .callout {
    padding: var(--_s3);
    border-inline-start: 4px solid var(--_accent-ship);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    overflow-wrap: anywhere;
  }
  .where {
    font-weight: 600;
  }
  tr.returned td,
  tr.returned th {
    color: var(--_text-muted);
  }
  .documents {
    display: flex;
    flex-direction: column;
  }
  .document {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_s2) var(--_s3);
    padding: var(--_s2) 0;
    border-bottom: 1px solid var(--_border);
  }
  .document-name {
    display: flex;
    flex-direction: column;
    flex: 1 1 12rem;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .document [part~='download-status'] {
    flex-basis: 100%;
    font-size: 0.875em;
  }
  .document [part~='download-status']:empty {
    display: none;
  }
  /* Contract amendment: the buyer's reconfirmation panel and the list of amendments. */
  h4 {
    margin: 0;
    font-size: 1em;
  }
  .callout.ok {
    border-color: var(--_success);
  }
  .amendment {
    border-inline-start-color: var(--_accent);
  }
  .reason {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  tr.changed td:last-child {
    font-weight: 600;
  }
  .refund dt,
  .refund dd {
    font-weight: 700;
    color: var(--_text);
  }
  .amendment-forms {
    display: grid;
    gap: var(--_s3);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: var(--_s2);
    padding: var(--_s3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .hint {
    margin: 0;
    font-size: 0.875em;
  }
  .field-error,
  .form-error {
    font-weight: 600;
  }
  .field-error {
    font-size: 0.875em;
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: var(--_s2);
    min-height: 44px;
    cursor: pointer;
  }
  .check input {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.15em 0 0;
    accent-color: var(--_primary);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s2);
  }
  .digest {
    overflow-wrap: anywhere;
  }
  .digest code {
    font-size: 0.875em;
  }
  .amendments {
    display: flex;
    flex-direction: column;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .amendment-item {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_s1) var(--_s3);
    padding: var(--_s2) 0;
    border-bottom: 1px solid var(--_border);
  }
  .amendment-number {
    font-weight: 600;
  }
  .badge.confirmed {
    border-color: var(--_success);
    color: var(--_success);
  }
  @container (max-width: 30rem) {
    .actions .btn {
      flex: 1 1 100%;
    }
    .facts > div {
      grid-template-columns: 1fr;
    }
    .document .btn {
      flex: 1 1 100%;
    }
  }
`;
