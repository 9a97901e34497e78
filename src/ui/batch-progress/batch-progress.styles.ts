import { css } from 'lit';

export const batchProgressStyles = css`
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
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-bottom: 0.75rem;
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  progress {
    width: 100%;
    height: 1.25rem;
    accent-color: var(--as-accent, #1f4fd1);
  }
  p {
    margin: 0.4rem 0;
  }
  .elsewhere,
  .paused {
    font-weight: 600;
  }
`;
