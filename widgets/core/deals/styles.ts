/** Styles the deal widgets share: terms table, differences, badges, forms and section layout. */
import { css } from 'lit';

export const dealStyles = css`
  .base {
    --_changed: var(--k100-color-changed, light-dark(#fff3c4, #4a3b00));
    --_added: var(--k100-color-added, light-dark(#dcf5e3, #17402a));
    --_removed: var(--k100-color-removed, light-dark(#fde2df, #4c1d1a));
    display: flex;
    flex-direction: column;
    gap: var(--_s4);
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
  .section {
    display: flex;
    flex-direction: column;
    gap: var(--_s3);
    min-width: 0;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_s2) var(--_s3);
  }
  .head .grow {
    flex: 1 1 12rem;
    min-width: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_s2) var(--_s3);
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: var(--_s2);
    padding: var(--_s3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    min-width: 0;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    padding: 0 var(--_s2);
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.8125em;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge.active {
    color: var(--_primary);
  }
  .badge.done {
    color: var(--_success);
  }
  .badge.warn {
    color: var(--_danger);
  }
  .badge.neutral {
    color: var(--_text-muted);
  }
  .list {
    display: flex;
    flex-direction: column;
    gap: var(--_s2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .section > .section,
  .section > [part~='actions'],
  .section > [part~='decision'],
  .section > [part~='evidence'] {
    margin-top: var(--_s2);
  }
  .open-item {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_s1) var(--_s3);
    width: 100%;
    min-height: 44px;
    padding: var(--_s2) var(--_s3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    text-align: start;
    cursor: pointer;
  }
  .open-item:hover {
    border-color: var(--_primary);
  }
  .open-item .grow {
    flex: 1 1 12rem;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .terms {
    display: flex;
    flex-direction: column;
    gap: var(--_s3);
  }
  .items-table {
    width: 100%;
    border-collapse: collapse;
  }
  .items-table th,
  .items-table td {
    padding: var(--_s2);
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  .items-table .num {
    text-align: end;
  }
  .items-table .product {
    overflow-wrap: anywhere;
  }
  .items-table tfoot th {
    font-weight: 600;
    text-align: end;
  }
  .items-table tfoot .muted {
    display: block;
    font-weight: 400;
    font-size: 0.8125em;
  }
  .term-list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
    gap: var(--_s2) var(--_s4);
    margin: 0;
  }
  .term dt {
    font-size: 0.875em;
    color: var(--_text-muted);
  }
  .term dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
  .changed {
    background: var(--_changed);
    border-radius: 2px;
    padding: 0 2px;
  }
  tr.is-changed th.product {
    box-shadow: inset 4px 0 0 var(--_accent);
  }
  .was {
    display: block;
    font-size: 0.8125em;
    font-weight: 400;
    color: var(--_text-muted);
  }
  .diffs {
    display: flex;
    flex-direction: column;
    gap: var(--_s1);
  }
  .diff {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_s2);
    overflow-wrap: anywhere;
  }
  .diff.long {
    flex-direction: column;
  }
  .diff-label {
    font-weight: 600;
  }
  .diff-kind {
    font-size: 0.875em;
    color: var(--_text-muted);
  }
  del,
  ins {
    padding: 0 2px;
    border-radius: 2px;
    white-space: pre-wrap;
  }
  del {
    background: var(--_removed);
  }
  ins {
    background: var(--_added);
    text-decoration: none;
  }
  .callout {
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
  form,
  fieldset {
    display: flex;
    flex-direction: column;
    gap: var(--_s3);
    margin: 0;
    min-width: 0;
  }
  fieldset {
    padding: var(--_s3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  legend {
    padding: 0 var(--_s1);
    font-weight: 700;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
    gap: var(--_s3);
  }
  .hint {
    font-size: 0.875em;
  }
  .field-error {
    font-size: 0.875em;
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s2);
  }
  .btn.link {
    border-color: transparent;
    background: none;
    color: var(--_primary);
    padding: 0 var(--_s2);
  }
  .btn.danger {
    color: var(--_danger);
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
  .mono {
    font-family: var(--k100-font-family-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    overflow-wrap: anywhere;
  }
  @container (max-width: 37.5rem) {
    .items-table thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .items-table,
    .items-table tbody,
    .items-table tfoot,
    .items-table tr,
    .items-table th,
    .items-table td {
      display: block;
    }
    .items-table tbody tr {
      padding: var(--_s2) 0;
      border-bottom: 1px solid var(--_border);
    }
    .items-table th,
    .items-table td {
      padding: var(--_s1) 0;
      border: 0;
    }
    .items-table td,
    .items-table tfoot tr {
      display: flex;
      justify-content: space-between;
      gap: var(--_s3);
    }
    .items-table td::before {
      content: attr(data-label);
      color: var(--_text-muted);
    }
    .items-table tfoot tr {
      padding: var(--_s1) 0;
    }
    .items-table tfoot th {
      text-align: start;
    }
    .items-table tfoot td::before {
      content: none;
    }
    .actions .btn {
      flex: 1 1 100%;
    }
    fieldset,
    .card {
      padding: var(--_s2);
    }
  }
`;
