/** Styles of `<k100-product-search>`; its public knobs are the `--k100-product-search-*` properties. */
import { css } from 'lit';

export const styles = css`
  .base {
    --_card-bg: var(--k100-product-search-card-background, var(--_surface-raised));
    --_card-min: var(--k100-product-search-card-min-width, 240px);
    --_gap: var(--k100-product-search-gap, var(--_s3));
    display: flex;
    flex-direction: column;
    gap: var(--_s4);
  }
  .form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_s3);
  }
  .query {
    flex: 3 1 16rem;
  }
  .category {
    flex: 1 1 10rem;
  }
  .price {
    flex: 1 1 7rem;
  }
  .form .btn {
    flex: 0 0 auto;
  }
  .price-error {
    flex-basis: 100%;
  }
  .results {
    display: grid;
    gap: var(--_gap);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_card-min)), 1fr));
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: var(--_s2);
    padding: var(--_s3);
    background: var(--_card-bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  .thumb {
    width: 100%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .head {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: var(--_s2);
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .badge {
    flex: none;
    padding: 0 var(--_s2);
    border: 1px solid currentColor;
    border-radius: 999px;
    color: var(--_accent);
    font-size: 0.8125em;
    font-weight: 600;
  }
  .supplier,
  .meta {
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .price-line {
    font-size: 1.125em;
    font-weight: 700;
  }
  .actions {
    margin-top: auto;
    display: flex;
    flex-direction: column;
    gap: var(--_s1);
  }
  .actions .btn {
    width: 100%;
  }
  .btn.done,
  .btn.done[aria-disabled='true'] {
    background: var(--_surface);
    border-color: var(--_success);
    color: var(--_success);
  }
  .actions .error {
    font-size: 0.875em;
  }
  .more {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_s2);
    margin-top: var(--_s4);
  }
  @container (max-width: 30rem) {
    .category {
      flex-basis: 100%;
    }
    .price {
      flex-basis: 40%;
    }
    .form .btn {
      flex: 1 1 100%;
    }
  }
`;
