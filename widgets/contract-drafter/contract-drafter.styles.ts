/** Styles of `<k100-contract-drafter>`; its public knobs are the `--k100-contract-drafter-*` properties. */
import { css } from 'lit';

export const styles = css`
  .base {
    --_clause-bg: var(--k100-contract-drafter-clause-background, var(--_surface-raised));
    --_request: var(--k100-contract-drafter-request-accent, var(--_danger));
  }
  .toolbar {
    align-items: flex-end;
  }
  .status-filter {
    flex: 0 1 16rem;
  }
  .notice {
    padding: var(--_s2) var(--_s3);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    font-weight: 600;
  }
  .clause {
    background: var(--_clause-bg);
  }
  .clause-number {
    font-weight: 700;
  }
  .clause textarea {
    min-height: 7rem;
  }
  .clause .actions .btn {
    flex: 0 0 auto;
  }
  .request {
    border-inline-start: 4px solid var(--_border);
  }
  .request.open {
    border-inline-start-color: var(--_request);
  }
  .form-alert:empty {
    display: none;
  }
  .parties {
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
  }
  .party-name {
    font-weight: 700;
  }
`;
