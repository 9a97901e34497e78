import { css } from 'lit';

export const captionCardStyles = css`
  article {
    display: grid;
    /* minmax: a control wider than the text column shrinks or wraps instead of widening the card. */
    grid-template-columns: 7.5rem minmax(0, 1fr);
    gap: 1rem;
    padding: 1rem;
    border: 1px solid var(--as-border-soft);
    border-radius: 0.75rem;
    background: var(--as-surface-2);
  }
  /* The text column may shrink below its longest word; names and messages wrap instead. */
  article > * {
    min-width: 0;
  }
  /* At the narrowest widths the text gets the card's whole width, under the thumbnail. */
  @media (max-width: 30rem) {
    article {
      grid-template-columns: 1fr;
    }
  }
  .thumb {
    width: 7.5rem;
    height: 7.5rem;
    object-fit: contain;
    background: var(--as-surface);
    border-radius: 0.5rem;
  }
  .thumb.placeholder {
    display: grid;
    place-items: center;
    font-size: 0.8rem;
    color: var(--as-muted);
  }
  h3 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
    overflow-wrap: anywhere;
  }
  .status,
  .advice,
  .meta {
    overflow-wrap: anywhere;
  }
  .status {
    margin: 0 0 0.5rem;
    color: var(--as-muted);
    font-size: 0.9rem;
  }
  .status.failed {
    color: var(--as-danger);
    font-weight: 600;
  }
  .streaming {
    margin: 0 0 0.5rem;
    font-style: italic;
    min-height: 1.5em;
  }
  .badge {
    display: inline-block;
    margin: 0.4rem 0;
    padding: 0.15rem 0.6rem;
    border-radius: 999px;
    background: var(--as-warn-soft);
    color: var(--as-warn-ink);
    font-size: 0.85rem;
    font-weight: 600;
  }
  .badge.reviewed {
    background: var(--as-ok-soft);
    color: var(--as-ok-ink);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-top: 0.5rem;
  }
  .confirm {
    font-size: 0.9rem;
    color: var(--as-ok);
    min-height: 1.2em;
  }
  .meta {
    font-size: 0.8rem;
    color: var(--as-muted);
    margin-top: 0.4rem;
  }
  /* Forced colours drop the badge's fill: a border keeps it a badge. */
  @media (forced-colors: active) {
    .badge {
      border: 1px solid CanvasText;
    }
  }
`;
