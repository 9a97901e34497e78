import { css } from 'lit';

export const modelManagerStyles = css`
  h2 {
    margin: 0 0 0.75rem;
  }
  p {
    margin: 0.5rem 0 0;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  caption {
    text-align: start;
    margin-bottom: 0.5rem;
    color: var(--as-muted);
    font-size: 0.9rem;
  }
  th,
  td {
    padding: 0.5rem;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--as-border-soft);
  }
  thead th {
    font-size: 0.9rem;
    border-bottom-color: var(--as-border);
  }
  tbody th {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  td:last-child {
    text-align: end;
  }
  .absolute,
  .muted {
    color: var(--as-muted);
    font-size: 0.85rem;
  }
  .absolute {
    display: block;
  }
  .badge {
    display: inline-block;
    margin-inline-start: 0.25rem;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    background: var(--as-surface);
    border: 1px solid var(--as-border-soft);
    font-size: 0.8rem;
    font-weight: 600;
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: progress;
  }
  .confirm {
    font-weight: 600;
  }
  .persist {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .persist p {
    margin: 0.5rem 0 0;
  }
  .persist button {
    margin-top: 0.5rem;
  }
`;
