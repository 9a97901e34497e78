import { css } from 'lit';

/** Styles every element shares: visible focus, buttons, the visually-hidden helper. */
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
    border: 1px solid var(--as-border, #5b6270);
    background: var(--as-surface-2, #fff);
    cursor: pointer;
  }
  button.primary {
    background: var(--as-accent, #1f4fd1);
    border-color: var(--as-accent, #1f4fd1);
    color: #fff;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid var(--as-focus, #ffbf47);
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
`;

/** The framed panel the model views share (add a model, download prompt, model manager). */
export const panelStyles = css`
  :host {
    display: block;
  }
  section {
    padding: 1rem 1.25rem;
    border: 1px solid var(--as-border-soft, #c9ced8);
    border-radius: 0.75rem;
    background: var(--as-surface-2, #fff);
  }
  h2 {
    font-size: 1.1rem;
  }
`;
