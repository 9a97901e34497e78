import { css } from 'lit';

export const altscribeAppStyles = css`
  :host {
    display: block;
    max-width: 60rem;
    margin: 0 auto;
    padding: 1.5rem 1rem 4rem;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-bottom: 0.5rem;
  }
  header a,
  a {
    color: var(--as-link);
    display: inline-block;
    min-height: 1.5rem;
  }
  header h1 {
    margin: 0;
    font-size: 1.8rem;
  }
  header p {
    margin: 0.25rem 0 0;
    color: var(--as-muted);
  }
  main,
  .view {
    display: grid;
    gap: 1.25rem;
    min-width: 0;
  }
  /* A grid item is at least as wide as its content by default: a long file name or a select's
     longest option would widen the whole column past a phone's edge. */
  main > *,
  .view > * {
    min-width: 0;
  }
  .view[hidden],
  header a[hidden] {
    display: none;
  }
  /* The batch's progress stays in sight while a long list scrolls under it. In a short viewport
     (a zoomed page, a phone on its side) it would cover most of the list, so there it scrolls away. */
  @media (min-height: 30rem) {
    .progress.sticky {
      position: sticky;
      top: 0;
      z-index: 2;
      background: var(--as-page);
    }
  }
  h2 {
    font-size: 1.2rem;
    margin: 0.5rem 0;
  }
  ol {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 1rem;
  }
  .problem {
    margin: 0;
    padding: 0.75rem 1rem;
    border-radius: 0.5rem;
    border: 2px solid var(--as-danger);
    background: var(--as-danger-soft);
    color: var(--as-danger);
    font-weight: 600;
  }
  .empty {
    color: var(--as-muted);
  }
`;
