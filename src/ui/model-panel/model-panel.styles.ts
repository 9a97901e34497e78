import { css } from 'lit';

export const modelPanelStyles = css`
  :host {
    display: block;
  }
  section {
    padding: 0.5rem 0;
  }
  .line {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .dot {
    margin: 0 0.15rem;
  }
  a {
    color: var(--as-link);
    display: inline-block;
    min-height: 1.5rem;
  }
  progress {
    width: 100%;
    height: 1rem;
    margin: 0.25rem 0;
  }
  .detail {
    margin: 0.5rem 0 0;
  }
  .notice {
    padding: 0.5rem 0.75rem;
    border-radius: 0.5rem;
    background: var(--as-warn-soft);
    color: var(--as-warn-ink);
  }
  .error {
    color: var(--as-danger);
  }
  p.error {
    font-weight: 400;
  }
  @media (forced-colors: active) {
    .notice {
      border: 1px solid CanvasText;
    }
  }
`;
