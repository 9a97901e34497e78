import { css } from 'lit';

export const devicePanelStyles = css`
  h3 {
    margin: 1rem 0 0.5rem;
    font-size: 1rem;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(10rem, max-content) 1fr;
    gap: 0.35rem 1rem;
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  /* One column on narrow screens and at high zoom, so nothing is cut off or overlaps. */
  @media (max-width: 32rem) {
    dl {
      grid-template-columns: 1fr;
    }
    dd {
      margin-bottom: 0.35rem;
    }
  }
  .choice {
    margin: 0 0 0.5rem;
  }
  ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  li + li {
    margin-top: 0.25rem;
  }
  [data-role='reasons'],
  [data-role='rejected'] li {
    color: var(--as-muted);
    font-size: 0.9rem;
  }
`;
