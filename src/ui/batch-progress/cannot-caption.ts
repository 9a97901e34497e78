import { css, html, nothing } from 'lit';
import type { BatchView } from '../../app/batch-controls';
import { STATUS_FILTER_LABELS } from '../../app/result-filters';

/**
 * "8 files cannot be captioned: see why". The count stands apart from Retry, which cannot help
 * them; "see why" is a disclosure button that lists each file with the sentence that says what is
 * wrong, so the reasons are one keypress away without leaving the queue panel.
 */
export function renderCannotCaption(view: BatchView, open: boolean, toggle: () => void) {
  const count = view.cannotCaption;
  const unlisted = count - view.cannotCaptionShown.length;
  return html`<div class="cannot-caption" data-role="cannot-caption">
    <p>
      <span data-role="cannot-caption-count">${count} ${count === 1 ? 'file cannot' : 'files cannot'} be captioned</span>:
      <button type="button" class="see-why" data-role="see-why" aria-expanded=${open ? 'true' : 'false'} aria-controls="cannot-caption-list" @click=${toggle}>see why</button>
    </p>
    <div id="cannot-caption-list" ?hidden=${!open}>
      <ul>
        ${view.cannotCaptionShown.map((file) => html`<li data-role="cannot-caption-file">${file.why}</li>`)}
      </ul>
      <p class="hint">
        ${unlisted > 0 ? `And ${unlisted} more. ` : nothing}Retrying will not help these files: each card says what to do instead, and offers Remove. The
        list's “${STATUS_FILTER_LABELS.failed}” filter shows them.
      </p>
    </div>
  </div>`;
}

export const cannotCaptionStyles = css`
  .cannot-caption p {
    margin: 0.4rem 0;
  }
  .see-why {
    padding: 0 0.25rem;
    min-height: 24px;
    border: none;
    background: none;
    color: var(--as-link);
    text-decoration: underline;
    font: inherit;
    cursor: pointer;
  }
  .cannot-caption ul {
    margin: 0.25rem 0;
    padding-left: 1.25rem;
    overflow-wrap: anywhere;
  }
  .hint {
    font-size: 0.9rem;
    color: var(--as-muted);
  }
`;
