import { css } from 'lit';

export const batchProgressStyles = css`
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
    accent-color: var(--as-accent);
  }
  p {
    margin: 0.4rem 0;
  }
  .elsewhere,
  .paused {
    font-weight: 600;
  }
`;
