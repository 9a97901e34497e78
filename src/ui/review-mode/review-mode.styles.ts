import { css } from 'lit';

export const reviewModeStyles = css`
  :host {
    display: block;
  }
  dialog {
    width: min(64rem, 96vw);
    max-height: 94vh;
    padding: 1rem 1.25rem;
    border: 1px solid var(--as-border);
    border-radius: 0.75rem;
    background: var(--as-surface-2);
    color: inherit;
  }
  dialog::backdrop {
    background: var(--as-backdrop);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  header h2 {
    margin: 0;
    font-size: 1.2rem;
  }
  .position {
    margin: 0;
    margin-right: auto;
    font-weight: 600;
  }
  .photo {
    display: grid;
    grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr);
    gap: 1.25rem;
    margin-top: 0.75rem;
  }
  @media (max-width: 45rem) {
    .photo {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  img,
  .placeholder {
    width: 100%;
    max-height: 60vh;
    object-fit: contain;
    background: var(--as-surface);
    border-radius: 0.5rem;
  }
  .placeholder {
    display: grid;
    place-items: center;
    min-height: 12rem;
    color: var(--as-muted);
  }
  h3 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
    overflow-wrap: anywhere;
  }
  .status {
    margin: 0 0 0.5rem;
    color: var(--as-muted);
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    padding: 0.1rem 0.6rem;
    border-radius: 999px;
    background: var(--as-warn-soft);
    color: var(--as-warn-ink);
    font-weight: 600;
  }
  .badge.reviewed {
    background: var(--as-ok-soft);
    color: var(--as-ok-ink);
  }
  alt-text-editor {
    --alt-text-min-height: 7rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  .message {
    min-height: 1.5em;
    margin: 0.75rem 0 0;
    font-weight: 600;
  }
  .legend h3 {
    margin-top: 0.75rem;
    font-size: 0.95rem;
  }
  .legend ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.9rem;
  }
  kbd {
    display: inline-block;
    min-width: 1.6em;
    padding: 0 0.3em;
    border: 1px solid var(--as-border);
    border-radius: 0.3rem;
    background: var(--as-surface);
    font: inherit;
    font-weight: 600;
    text-align: center;
  }
  /* Forced colours drop the badge's fill: a border keeps it a badge. */
  @media (forced-colors: active) {
    .badge {
      border: 1px solid CanvasText;
    }
  }
`;
