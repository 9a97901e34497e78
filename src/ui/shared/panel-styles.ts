import { css } from 'lit';

/** The framed box of a status panel that comes and goes with the work (batch progress, reopen originals). */
export const statusPanelStyles = css`
  :host {
    display: block;
  }
  section {
    border: 1px solid var(--as-border, #5b6270);
    border-radius: 0.75rem;
    padding: 1rem;
    margin: 1rem 0;
    background: var(--as-surface-2, #fff);
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.1rem;
  }
`;

/** The softer frame of a settings panel that is always there (model, device). */
export const settingsPanelStyles = css`
  section {
    padding: 1rem 1.25rem;
    border: 1px solid var(--as-border-soft, #c9ced8);
    border-radius: 0.75rem;
    background: var(--as-surface-2, #fff);
  }
  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.1rem;
  }
`;
