import { css } from 'lit';

export const reviewPriorityStyles = css`
  p {
    margin: 0.25rem 0;
  }
  .summary {
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0.5rem 0;
  }
  .refresh {
    margin-top: 0.75rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--as-border);
    border-radius: 0.5rem;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-weight: 600;
    align-items: flex-start;
  }
  .hint {
    color: var(--as-muted);
    font-size: 0.95rem;
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
`;
