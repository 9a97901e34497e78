import { css } from 'lit';

export const settingsViewStyles = css`
  :host {
    display: grid;
    gap: 1.25rem;
    min-width: 0;
  }
  /* Grid items shrink to the view instead of growing to their widest select or table. */
  :host > * {
    min-width: 0;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }
  h2 {
    margin: 0;
    font-size: 1.4rem;
  }
  a {
    color: var(--as-link);
    display: inline-block;
    min-height: 1.5rem;
  }
  .panel {
    min-width: 0;
  }
  summary {
    cursor: pointer;
    font-weight: 600;
    min-height: 1.5rem;
  }
`;
