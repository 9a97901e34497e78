import { css } from 'lit';

export const resultsToolbarStyles = css`
  :host {
    display: grid;
    gap: 0.75rem;
  }
  fieldset {
    /* A fieldset is at least as wide as its content by default, which pushed selects past a phone's edge. */
    min-inline-size: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    margin: 0;
    padding: 0.75rem 1rem;
    border: 1px solid var(--as-border);
    border-radius: 0.5rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  /* A label and its select wrap as one item: a select never starts a line away from its label. */
  .field {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-width: 0;
    max-width: 100%;
  }
  label {
    font-weight: 600;
    white-space: nowrap;
  }
  select {
    min-width: 0;
    max-width: 100%;
  }
  .showing {
    margin: 0;
    flex-basis: 100%;
  }
  .hint {
    margin: 0;
    flex-basis: 100%;
    color: var(--as-muted);
    font-size: 0.95rem;
  }
  .message {
    padding: 0.5rem 1rem;
    border-left: 4px solid var(--as-accent);
    background: var(--as-surface-2);
  }
  .message.failed {
    border-left-color: var(--as-danger);
    color: var(--as-danger);
  }
  .message p {
    margin: 0;
  }
  .message ul {
    margin: 0.25rem 0 0;
  }
`;
