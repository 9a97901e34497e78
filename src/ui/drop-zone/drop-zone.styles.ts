import { css } from 'lit';

export const dropZoneStyles = css`
  .zone {
    border: 2px dashed var(--as-border);
    border-radius: 1rem;
    padding: 2rem 1.5rem;
    text-align: center;
    background: var(--as-surface);
    overflow-wrap: anywhere;
  }
  :host([active]) .zone {
    border-color: var(--as-accent);
    background: var(--as-accent-soft);
  }
  p {
    margin: 0 0 1rem;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.75rem;
  }
  .hint {
    margin: 0.75rem 0 0;
    font-size: 0.9rem;
    color: var(--as-muted);
  }
  /* Kept in the page while empty (not display: none), so screen readers hear its first sentence. */
  .summary {
    color: inherit;
    font-weight: 600;
  }
  .summary:empty {
    margin: 0;
  }
  /* Once photos exist: one row of instructions and buttons, the two general hints only for screen readers. */
  :host([compact]) .zone {
    padding: 0.75rem 1rem;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    column-gap: 0.75rem;
  }
  :host([compact]) #drop-instructions {
    margin: 0;
  }
  :host([compact]) .zone > * {
    flex-basis: 100%;
  }
  :host([compact]) #drop-instructions,
  :host([compact]) .choices {
    flex-basis: auto;
  }
  :host([compact]) .more {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    margin: 0;
  }
  /* A drag over the zone shows only by colour otherwise. */
  @media (forced-colors: active) {
    :host([active]) .zone {
      border-style: solid;
      border-color: Highlight;
    }
  }
`;
