/**
 * Theme tokens and the styles every widget shares. Partners set the public `--k100-*` tokens anywhere
 * above a widget (they inherit through shadow DOM); each widget resolves them into private `--_*`
 * variables whose fallbacks are the light or dark defaults, picked by the `theme` setting
 * (`auto` follows `prefers-color-scheme`).
 */
import { css, unsafeCSS } from 'lit';

/** Public colour tokens (`--k100-color-<name>`) and their light and dark defaults. */
const colors: Record<string, [light: string, dark: string]> = {
  surface: ['#ffffff', '#15181d'],
  'surface-raised': ['#f4f6f9', '#1f242c'],
  text: ['#1a1d23', '#e9ecf1'],
  'text-muted': ['#4d5664', '#aeb7c3'],
  border: ['#d3d8df', '#363d48'],
  'control-border': ['#7b8492', '#808a99'],
  primary: ['#1b58b8', '#8db6ff'],
  'on-primary': ['#ffffff', '#0b1530'],
  success: ['#166b37', '#74d394'],
  danger: ['#b3261e', '#ff9189'],
  accent: ['#6a3d9e', '#cfaeff'],
  focus: ['#1b58b8', '#8db6ff'],
};

// `light-dark()` follows the element's `color-scheme`, which the theme sets: one set of tokens, no duplication.
const tokens = unsafeCSS(
  Object.entries(colors)
    .map(([name, [light, dark]]) => `--_${name}:var(--k100-color-${name},light-dark(${light},${dark}));`)
    .join(''),
);

/** Tokens, the light/dark schemes and the primitives (buttons, fields, states) all widgets use. */
export const coreStyles = css`
  :host {
    display: block;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .base {
    ${tokens}
    color-scheme: light;
    --_font: var(--k100-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    --_radius: var(--k100-radius, 8px);
    --_s1: var(--k100-space-1, 4px);
    --_s2: var(--k100-space-2, 8px);
    --_s3: var(--k100-space-3, 12px);
    --_s4: var(--k100-space-4, 16px);
    --_s5: var(--k100-space-5, 24px);
    font-family: var(--_font);
    font-size: var(--k100-font-size, 1rem);
    line-height: 1.45;
    color: var(--_text);
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: var(--_s4);
    container-type: inline-size;
  }
  .base.dark {
    color-scheme: dark;
  }
  .base.auto {
    color-scheme: light dark;
  }
  p,
  ul {
    margin: 0;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: var(--k100-focus-ring, 2px solid var(--_focus));
    outline-offset: 2px;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_s2);
    min-height: 44px;
    min-width: 44px;
    padding: 0 var(--_s4);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    font-weight: 600;
    cursor: pointer;
  }
  .btn.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .btn[aria-disabled='true'] {
    background: var(--_surface-raised);
    border-color: var(--_border);
    color: var(--_text-muted);
    cursor: default;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_s1);
    min-width: 0;
  }
  .label {
    font-size: 0.875em;
    font-weight: 600;
  }
  .control {
    width: 100%;
    min-height: 44px;
    padding: 0 var(--_s3);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .control[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  textarea.control {
    min-height: 88px;
    padding: var(--_s2) var(--_s3);
    resize: vertical;
  }
  .muted {
    color: var(--_text-muted);
  }
  .error {
    color: var(--_danger);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_s2);
    padding: var(--_s5) var(--_s4);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    text-align: center;
  }
  .state-title {
    font-weight: 600;
  }
  .skeleton {
    display: grid;
    gap: var(--_s3);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr));
  }
  .bone {
    height: 7.5rem;
    border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_surface-raised) 30%, var(--_border) 50%, var(--_surface-raised) 70%);
    background-size: 300% 100%;
    animation: k100-shimmer 1.5s ease-in-out infinite;
  }
  .skeleton.rows {
    grid-template-columns: 1fr;
  }
  .rows .bone {
    height: 3.5rem;
  }
  @keyframes k100-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: 0 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone {
      animation: none;
    }
  }
  .stale {
    opacity: 0.6;
    transition: opacity 0.2s;
  }
`;
