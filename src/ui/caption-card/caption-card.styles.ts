import { css } from 'lit';

export const captionCardStyles = css`
  article {
    display: grid;
    grid-template-columns: 7.5rem 1fr;
    gap: 1rem;
    padding: 1rem;
    border: 1px solid var(--as-border-soft, #c9ced8);
    border-radius: 0.75rem;
    background: var(--as-surface-2, #fff);
  }
  .thumb {
    width: 7.5rem;
    height: 7.5rem;
    object-fit: contain;
    background: var(--as-surface, #f5f7fb);
    border-radius: 0.5rem;
  }
  .thumb.placeholder {
    display: grid;
    place-items: center;
    font-size: 0.8rem;
    color: var(--as-muted, #4a5160);
  }
  h3 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
    overflow-wrap: anywhere;
  }
  .status {
    margin: 0 0 0.5rem;
    color: var(--as-muted, #4a5160);
    font-size: 0.9rem;
  }
  .status.failed {
    color: var(--as-danger, #a4161a);
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
    background: var(--as-warn-soft, #fff3c4);
    color: #5c4400;
    font-size: 0.85rem;
    font-weight: 600;
  }
  .badge.reviewed {
    background: var(--as-ok-soft, #dff5e3);
    color: #17512a;
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
    color: var(--as-ok, #17512a);
    min-height: 1.2em;
  }
  .meta {
    font-size: 0.8rem;
    color: var(--as-muted, #4a5160);
    margin-top: 0.4rem;
  }
`;
