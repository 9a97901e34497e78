import { css } from 'lit';
import { panelStyles } from './shared-styles';

/** The framed box of a status panel that comes and goes with the work (batch progress, reopen originals). */
export const statusPanelStyles = css`
  :host {
    display: block;
  }
  section {
    border: 1px solid var(--as-border);
    border-radius: 0.75rem;
    padding: 1rem;
    margin: 1rem 0;
    background: var(--as-surface-2);
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.1rem;
  }
`;

/** A settings panel that is always there (model, device): the model views' frame, with more room under its heading. */
export const settingsPanelStyles = [
  panelStyles,
  css`
    h2 {
      margin: 0 0 0.75rem;
    }
  `,
];
