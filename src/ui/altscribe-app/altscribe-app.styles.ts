import { css } from 'lit';

export const altscribeAppStyles = css`
  :host {
    display: block;
    max-width: 60rem;
    margin: 0 auto;
    padding: 1.5rem 1rem 4rem;
  }
  header h1 {
    margin: 0;
    font-size: 1.8rem;
  }
  header p {
    margin: 0.25rem 0 1.5rem;
    color: var(--as-muted, #4a5160);
  }
  main {
    display: grid;
    gap: 1.25rem;
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
    border: 2px solid var(--as-danger, #a4161a);
    background: #fdecec;
    color: var(--as-danger, #a4161a);
    font-weight: 600;
  }
  .empty {
    color: var(--as-muted, #4a5160);
  }
`;
