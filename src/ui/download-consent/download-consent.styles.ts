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
    color: var(--as-muted, #4a5160);
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
    background: var(--as-warn-soft, #fff3c4);
    color: #5c4400;
    font-weight: 600;
  }
  .error {
    color: var(--as-danger, #a4161a);
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
`;
