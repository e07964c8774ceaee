/** Styles of `<k100-contract-review>`; its public knobs are the `--k100-contract-review-*` properties. */
import { css } from 'lit';

export const styles = css`
  .base {
    --_changes: var(--k100-contract-review-changes-accent, var(--_accent));
  }
  .contract {
    max-width: var(--k100-contract-review-max-width, 48rem);
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
  .changes {
    padding: var(--_s3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .changes.has-changes {
    border-inline-start: 4px solid var(--_changes);
  }
  .clause.is-changed,
  .party.is-changed {
    border-inline-start: 4px solid var(--_changes);
  }
  .clause-no {
    color: var(--_text-muted);
  }
  .parties {
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
  }
  .party-name {
    font-weight: 700;
  }
  .digest-row {
    display: flex;
    flex-direction: column;
    gap: var(--_s1);
  }
  .digest {
    display: block;
    padding: var(--_s2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    user-select: all;
  }
  .verified {
    font-weight: 600;
  }
  .verified.ok {
    color: var(--_success);
  }
  .verified.bad {
    color: var(--_danger);
  }
  .failures {
    padding-inline-start: var(--_s4);
    list-style: disc;
    font-weight: 400;
  }
  .decision .card {
    background: var(--_surface);
  }
  .acceptance {
    font-weight: 600;
  }
`;
