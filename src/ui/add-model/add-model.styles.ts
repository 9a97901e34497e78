import { css } from 'lit';

export const addModelStyles = css`
  h2 {
    margin: 0 0 0.5rem;
  }
  p {
    margin: 0.5rem 0;
  }
  .hint {
    font-size: 0.9rem;
    color: var(--as-muted);
  }
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    flex: 1 1 20rem;
  }
  input[type='url'] {
    font: inherit;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--as-border);
    border-radius: 0.4rem;
    background: var(--as-field);
    color: inherit;
    min-height: 2.5rem;
  }
  input[aria-invalid='true'] {
    border-color: var(--as-danger);
  }
  .error {
    color: var(--as-danger);
  }
  [aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
`;
