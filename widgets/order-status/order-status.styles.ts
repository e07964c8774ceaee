/** Styles of `<k100-order-status>`; its public knob is `--k100-order-status-accent`. */
import { css } from 'lit';

export const styles = css`
  .base {
    --_accent-orders: var(--k100-order-status-accent, var(--_primary));
  }
  .overview {
    gap: var(--_s4);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: var(--_s3);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s3);
  }
  .toolbar .field {
    min-width: 10rem;
  }
  .count {
    font-size: 0.875em;
  }
  .order {
    cursor: pointer;
  }
  .order:hover {
    background: var(--_surface-raised);
  }
  .order-cell {
    display: inline-flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 2px;
  }
  .order-cell time {
    font-size: 0.8125em;
    font-weight: 400;
  }
  .link {
    min-height: 44px;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 2px;
    cursor: pointer;
    overflow-wrap: anywhere;
    text-align: start;
  }
  .next.yours {
    font-weight: 600;
    color: var(--_accent-orders);
  }
  .more {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_s2);
  }
  @container (max-width: 34rem) {
    .toolbar,
    .toolbar .field {
      flex: 1 1 100%;
    }
    .order-cell {
      align-items: flex-end;
    }
    .more .btn {
      width: 100%;
    }
  }
`;
