/** Styles the buyer's order widgets share: headings, label/value lists, status badges, tables that stack on phones. */
import { css } from 'lit';

export const shipStyles = css`
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.0625em;
  }
  .section {
    display: flex;
    flex-direction: column;
    gap: var(--_s3);
    min-width: 0;
  }
  .badge {
    display: inline-block;
    padding: 0 var(--_s2);
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface-raised);
    font-size: 0.875em;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge.settled,
  .badge.escrow_funded,
  .badge.released {
    border-color: var(--_success);
    color: var(--_success);
  }
  .badge.refunded,
  .badge.disputed {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: var(--_s2);
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  th {
    font-size: 0.875em;
    color: var(--_text-muted);
    overflow-wrap: normal;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .mono {
    font-family: var(--k100-font-family-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
  }
  /* Narrow containers (a phone, or a side column of a partner's page): each row becomes a card of
     label/value lines. Six columns need about 44rem before words start breaking inside cells. */
  @container (max-width: 44rem) {
    table.stack,
    .stack tbody,
    .stack tfoot,
    .stack tr,
    .stack td,
    .stack th[scope='row'] {
      display: block;
    }
    .stack thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .stack tr {
      padding: var(--_s2) 0;
      border-bottom: 1px solid var(--_border);
    }
    .stack td,
    .stack th[scope='row'] {
      display: flex;
      justify-content: space-between;
      gap: var(--_s3);
      padding: var(--_s1) 0;
      border: 0;
      text-align: end;
    }
    .stack [data-label]::before {
      content: attr(data-label);
      color: var(--_text-muted);
      font-weight: 400;
      text-align: start;
    }
  }
`;
