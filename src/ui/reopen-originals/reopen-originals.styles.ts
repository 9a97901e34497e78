import { css } from 'lit';

export const reopenOriginalsStyles = css`
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
  p {
    margin: 0 0 0.75rem;
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: progress;
  }
`;
