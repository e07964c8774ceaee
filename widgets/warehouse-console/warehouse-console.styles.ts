/** Styles of `<k100-warehouse-console>`; its public knobs are the `--k100-warehouse-console-*` properties. */
import { css } from 'lit';

export const styles = css`
  .base {
    --_next: var(--k100-warehouse-console-next-accent, var(--_primary));
    --_diff-bg: var(--k100-warehouse-console-diff-background, light-dark(#fde2df, #4c1d1a));
    display: flex;
    flex-direction: column;
    gap: var(--_s4);
  }
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.0625em;
  }
  h3[tabindex]:focus {
    outline: none;
  }
  .console {
    display: flex;
    flex-direction: column;
    gap: var(--_s4);
    max-width: var(--k100-warehouse-console-max-width, 64rem);
  }
  .stack,
  .step,
  form {
    display: flex;
    flex-direction: column;
    gap: var(--_s3);
    min-width: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_s2) var(--_s3);
  }
  .grow {
    flex: 1 1 auto;
    min-width: 0;
  }
  .cols {
    display: grid;
    gap: var(--_s3);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
  }
  .step {
    padding: var(--_s4);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .step.is-next {
    border-color: var(--_next);
    box-shadow: inset 4px 0 0 var(--_next);
  }
  .step.is-blocked > .row h3 {
    color: var(--_text-muted);
  }
  fieldset {
    display: flex;
    flex-direction: column;
    gap: var(--_s2);
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0 0 var(--_s2);
    font-weight: 700;
  }
  .reason {
    font-weight: 600;
    color: var(--_text-muted);
  }
  .strong {
    font-weight: 700;
  }
  .mono {
    font-family: var(--k100-font-family-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    overflow-wrap: anywhere;
  }
  .badge,
  .tag,
  .mark {
    display: inline-block;
    padding: 0 var(--_s2);
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.8125em;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge.next {
    border-color: var(--_next);
    color: var(--_next);
  }
  .badge.done,
  .mark.ok,
  .hint.ok {
    color: var(--_success);
  }
  .mark.bad {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .tag {
    margin-inline-start: var(--_s1);
    color: var(--_text-muted);
    font-family: var(--_font);
  }
  .hint.error {
    color: var(--_danger);
    font-weight: 600;
  }
  .hint,
  .field-error {
    font-size: 0.875em;
  }
  .field-error {
    font-weight: 600;
  }
  .callout {
    padding: var(--_s3);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    overflow-wrap: anywhere;
  }
  .callout.ok {
    border-color: var(--_success);
  }
  .callout.bad {
    border-color: var(--_danger);
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: var(--_s2) var(--_s4);
    margin: 0;
  }
  .facts dt {
    font-size: 0.875em;
    color: var(--_text-muted);
  }
  .facts dd {
    margin: 0;
    font-weight: 600;
  }
  .list {
    display: flex;
    flex-direction: column;
    gap: var(--_s2);
  }
  .open-item {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_s1);
    width: 100%;
    padding: var(--_s3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    text-align: start;
    cursor: pointer;
  }
  .item-head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s2);
    align-items: center;
  }
  .btn.link {
    border-color: transparent;
    padding-inline: var(--_s2);
  }
  .table-wrap {
    overflow-x: auto;
  }
  .grid {
    width: 100%;
    border-collapse: collapse;
  }
  .grid th,
  .grid td {
    padding: var(--_s1) var(--_s2);
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  .grid thead th {
    font-size: 0.875em;
    color: var(--_text-muted);
  }
  .grid .num,
  .control.num {
    font-variant-numeric: tabular-nums;
    text-align: end;
  }
  .control.num {
    min-width: 5.5rem;
  }
  .grid tr.is-diff,
  .grid tr.is-refused {
    background: var(--_diff-bg);
  }
  .flags,
  .differences,
  .events {
    display: flex;
    flex-direction: column;
    gap: var(--_s1);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .flag {
    font-weight: 600;
    color: var(--_danger);
  }
  .checks .check {
    display: flex;
    align-items: center;
    gap: var(--_s2);
    min-height: 2.25rem;
    overflow-wrap: anywhere;
  }
  .checks.inline {
    flex-direction: row;
    flex-wrap: wrap;
    gap: var(--_s4);
  }
  .checks.inline legend {
    width: 100%;
  }
  .check input {
    width: 1.25rem;
    height: 1.25rem;
    flex: none;
    margin: 0;
  }
  .control.file {
    padding: var(--_s2);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s2);
  }
  .btn[disabled] {
    background: var(--_surface-raised);
    border-color: var(--_border);
    color: var(--_text-muted);
    cursor: not-allowed;
  }
  .btn[aria-busy='true'] {
    cursor: progress;
  }
  fieldset:disabled .control {
    background: var(--_surface-raised);
  }
  @container (max-width: 30rem) {
    .actions .btn {
      flex: 1 1 100%;
    }
  }
`;
