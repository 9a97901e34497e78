import { css, html, nothing } from 'lit';
import { replaceQuestion } from '../../app/regenerate';
import type { CaptionRecord, CaptionReview, TextVersion } from '../../app/card-view';

/**
 * Pieces the caption card and the review mode share: the "Earlier versions" disclosure and the
 * question asked before a person's text is replaced by a new caption.
 */

// Made when a card first shows its earlier versions: building a formatter loads locale data, a
// cost the first view does not need to pay.
let whenFormat: Intl.DateTimeFormat | undefined;
const when = (time: number): string => (whenFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })).format(time);

/** Who wrote a kept text, in words: the model's id, or the person. */
export function versionAuthor(version: TextVersion): string {
  switch (version.review) {
    case 'edited':
      return 'you';
    case 'approved':
      return `${version.modelId ?? 'the model'}, reviewed by you`;
    case 'imported':
      return 'imported';
    case 'unreviewed':
      return version.modelId ?? 'the model';
  }
}

/** Newest first; each entry says what, who and when, and can be brought back. */
export function renderEarlierVersions(record: CaptionRecord, onUse: (index: number) => void, idPrefix: string) {
  const history = record.history ?? [];
  if (history.length === 0) return nothing;
  const newestFirst = history.map((version, index) => ({ version, index })).reverse();
  return html`
    <details class="versions" data-role="versions">
      <summary>Earlier versions (${history.length})</summary>
      <ol>
        ${newestFirst.map(({ version, index }) => {
          const textId = `${idPrefix}-version-${index}`;
          return html`<li data-role="version" data-version=${index}>
            <p class="version-text" id=${textId}>${version.text}</p>
            <p class="version-meta">By ${versionAuthor(version)} · replaced ${when(version.replacedAt)}</p>
            <button type="button" aria-describedby=${textId} @click=${() => onUse(index)}>Use this version</button>
          </li>`;
        })}
      </ol>
    </details>
  `;
}

/**
 * Asked before a regenerate would replace an edited, approved or imported text. A group named
 * by its question, so moving focus to Replace reads the question too.
 */
export function renderReplaceConfirmation(review: CaptionReview, idPrefix: string, onReplace: () => void, onKeep: () => void) {
  const questionId = `${idPrefix}-replace-question`;
  return html`
    <div class="replace-confirmation" role="group" aria-labelledby=${questionId} data-role="replace-confirmation">
      <p id=${questionId}>${replaceQuestion(review)}</p>
      <button type="button" class="primary" data-role="replace" @click=${onReplace}>Replace text</button>
      <button type="button" data-role="keep" @click=${onKeep}>Keep current text</button>
    </div>
  `;
}

export const earlierVersionsStyles = css`
  .versions {
    margin-top: 0.5rem;
    font-size: 0.9rem;
  }
  .versions summary {
    cursor: pointer;
    font-weight: 600;
    padding: 0.25rem 0;
  }
  .versions ol {
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .versions li {
    padding: 0.4rem 0.6rem;
    border-left: 0.25rem solid var(--as-border-soft);
  }
  .versions p {
    margin: 0 0 0.25rem;
  }
  .version-meta {
    color: var(--as-muted);
  }
  .replace-confirmation {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-top: 0.5rem;
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--as-accent);
    border-radius: 0.5rem;
  }
  .replace-confirmation p {
    margin: 0;
    flex-basis: 100%;
    font-weight: 600;
  }
`;
