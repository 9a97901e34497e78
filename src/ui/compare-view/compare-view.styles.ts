import { css } from 'lit';

export const compareViewStyles = css`
  :host {
    display: grid;
    gap: 0.75rem;
    padding-top: 0.75rem;
  }
  p {
    margin: 0;
  }
  .intro,
  .origin,
  .state,
  .time {
    color: var(--as-muted);
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
    margin: 0;
    padding: 0.5rem 1rem 0.75rem;
    border: 1px solid var(--as-border-soft);
    border-radius: 0.5rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .status:empty {
    display: none;
  }
  .table-wrap {
    overflow-x: auto;
    border-radius: 0.5rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.5rem;
  }
  th,
  td {
    border: 1px solid var(--as-border-soft);
    padding: 0.5rem 0.75rem;
    text-align: start;
    vertical-align: top;
    min-width: 12rem;
  }
  thead th {
    background: var(--as-surface);
  }
  tbody th {
    font-weight: 600;
    word-break: break-all;
    min-width: 8rem;
  }
  td > * + * {
    margin-top: 0.4rem;
  }
  .time {
    font-size: 0.9rem;
    font-variant-numeric: tabular-nums;
  }
  .streaming {
    font-style: italic;
  }
  .adopted {
    color: var(--as-ok);
    font-weight: 600;
  }
  .error {
    color: var(--as-danger);
  }
`;
