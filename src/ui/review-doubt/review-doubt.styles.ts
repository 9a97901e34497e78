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
    background: var(--as-danger-soft);
    color: var(--as-danger-ink);
  }
  review-doubt .band.check {
    border-style: dashed;
    background: var(--as-warn-soft);
    color: var(--as-warn-ink);
  }
  review-doubt .band.fine {
    border-style: dotted;
    background: var(--as-ok-soft);
    color: var(--as-ok-ink);
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
    color: var(--as-muted);
  }
  review-doubt mark {
    background: var(--as-warn-soft);
    color: var(--as-text);
    text-decoration: underline wavy var(--as-danger-ink);
    text-underline-offset: 0.2em;
  }
  review-doubt .second-opinion {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    padding: 0.25rem 0.5rem;
    border-left: 0.25rem solid var(--as-border);
  }
  /* Forced colours would drop the highlight; the system's highlight pair keeps the words marked. */
  @media (forced-colors: active) {
    review-doubt mark {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
