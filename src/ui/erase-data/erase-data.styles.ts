import { css } from 'lit';

export const eraseDataStyles = css`
  :host {
    display: block;
    max-width: 60rem;
    margin: 0 auto;
    padding: 0 1rem 3rem;
  }
  :host([hidden]) {
    display: none;
  }
  h2 {
    font-size: 1.1rem;
    margin: 0 0 0.5rem;
  }
  p {
    margin: 0 0 0.75rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  button.danger {
    background: var(--as-danger);
    border-color: var(--as-danger);
    color: var(--as-on-danger);
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .error {
    color: var(--as-danger);
    font-weight: 600;
  }
  /* Forced colours paint every button alike: the dangerous one keeps a heavier border. */
  @media (forced-colors: active) {
    button.danger {
      border: 3px double ButtonText;
    }
  }
`;
