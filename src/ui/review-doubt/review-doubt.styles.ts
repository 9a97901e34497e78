import { css } from 'lit';

/**
 * The doubt panel renders into its host's shadow root, so its host adopts these styles. Each
 * band differs by its words, its shape and its border style; the colour only echoes them.
 */
export const reviewDoubtStyles = css`
  review-doubt {
    display: block;
  }
  review-doubt .doubt {
    margin: 0.4rem 0;
    font-size: 0.9rem;
  }
  review-doubt .band {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    margin: 0 0 0.25rem;
    padding: 0.1rem 0.6rem;
    border-radius: 999px;
    border: 2px solid currentColor;
    font-weight: 600;
  }
  review-doubt .band.needs-review {
    background: #fde4e1;
    color: #7a1014;
  }
  review-doubt .band.check {
    border-style: dashed;
    background: var(--as-warn-soft, #fff3c4);
    color: #5c4400;
  }
  review-doubt .band.fine {
    border-style: dotted;
    background: var(--as-ok-soft, #dff5e3);
    color: #17512a;
  }
  review-doubt .reasons {
    margin: 0.25rem 0;
    padding-left: 1.25rem;
  }
  review-doubt .reasons li {
    margin: 0.15rem 0;
  }
  review-doubt .unsure-text,
  review-doubt .second-opinion p {
    margin: 0.35rem 0;
  }
  review-doubt .unsure-intro {
    color: var(--as-muted, #4a5160);
  }
  review-doubt mark {
    background: #fff3c4;
    color: #1d1d1d;
    text-decoration: underline wavy #7a1014;
    text-underline-offset: 0.2em;
  }
  review-doubt .second-opinion {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    padding: 0.25rem 0.5rem;
    border-left: 0.25rem solid var(--as-border, #5b6270);
  }
`;
