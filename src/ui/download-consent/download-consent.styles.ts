import { css } from 'lit';

export const downloadConsentStyles = css`
  h2 {
    margin: 0 0 0.5rem;
    overflow-wrap: anywhere;
  }
  p {
    margin: 0.5rem 0 0;
  }
  .note,
  .hint {
    color: var(--as-muted);
    font-size: 0.9rem;
  }
  dl {
    display: grid;
    gap: 0.25rem;
    margin: 0.75rem 0 0;
  }
  dl > div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
  }
  dt {
    font-weight: 600;
  }
  dt::after {
    content: ':';
  }
  dd {
    margin: 0;
  }
  .warning {
    padding: 0.5rem 0.75rem;
    border-radius: 0.5rem;
    background: var(--as-warn-soft);
    color: var(--as-warn-ink);
    font-weight: 600;
  }
  .error {
    color: var(--as-danger);
    font-weight: 600;
  }
  progress {
    width: 100%;
    height: 1rem;
    margin: 0.5rem 0 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 1rem;
  }
  @media (forced-colors: active) {
    .warning {
      border: 2px solid CanvasText;
    }
  }
`;
