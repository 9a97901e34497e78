import { css } from 'lit';

/**
 * Styles every element shares: visible focus, buttons, the visually-hidden helper, and the
 * rules for forced colours, reduced motion and target size. Colours are the tokens page.css
 * defines on :root (custom properties inherit into shadow roots).
 */
export const sharedStyles = css`
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  select {
    font: inherit;
    color: inherit;
    min-height: 2.5rem;
    padding: 0.4rem 0.9rem;
    border-radius: 0.5rem;
    border: 1px solid var(--as-border);
    background: var(--as-surface-2);
    cursor: pointer;
  }
  select {
    background: var(--as-field);
  }
  /* A select is as wide as its longest option, a field as its size: in a narrow column they take
     the column's width instead of pushing the page past the viewport (WCAG 1.4.10). */
  select,
  input,
  textarea {
    max-width: 100%;
  }
  button.primary {
    background: var(--as-accent);
    border-color: var(--as-accent);
    color: var(--as-on-accent);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  /* WCAG 2.2 target size (2.5.8): every control at least 24 by 24 CSS px. */
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--as-accent);
  }
  summary {
    min-height: 1.5rem;
    cursor: pointer;
  }
  a {
    color: var(--as-link);
  }
  :focus-visible {
    outline: 3px solid var(--as-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  /* An indeterminate bar moves by itself; drawn flat it still says "working" without motion. */
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0s !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0s !important;
      scroll-behavior: auto !important;
    }
    progress:indeterminate {
      appearance: none;
      border: 1px solid var(--as-border);
      background: var(--as-surface);
    }
    progress:indeterminate::-webkit-progress-bar {
      background: var(--as-surface);
    }
  }
  /* Windows high contrast: backgrounds vanish, so every state needs a border or a system colour. */
  @media (forced-colors: active) {
    button,
    select {
      border: 1px solid ButtonText;
    }
    button.primary {
      border-width: 3px;
    }
    button:disabled,
    button[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
      opacity: 1;
    }
    :focus-visible {
      outline: 3px solid Highlight;
    }
  }
`;

/** The framed panel the model views share (add a model, download prompt, model manager). */
export const panelStyles = css`
  :host {
    display: block;
  }
  section {
    padding: 1rem 1.25rem;
    border: 1px solid var(--as-border-soft);
    border-radius: 0.75rem;
    background: var(--as-surface-2);
  }
  h2 {
    font-size: 1.1rem;
  }
`;
