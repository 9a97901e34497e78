import { css, html, nothing } from 'lit';
import type { CaptionRecord } from '../../app/card-view';
import { FAILURE_CLASS, failureAdvice, recordFailureKind, splitFailureMessage } from '../../models/caption-failure';

/** A failed photo that retrying cannot help: its card offers Remove and advice instead of Retry. */
export function isPermanentlyFailed(record: CaptionRecord): boolean {
  const kind = recordFailureKind(record);
  return record.status === 'failed' && kind !== null && FAILURE_CLASS[kind] === 'permanent';
}

/**
 * The card's error: what happened in one bold sentence, what to do after it in normal weight,
 * so a long message is not a paragraph of bold red. The stored message stays whole inside
 * [data-role=error]; advice the message lacks follows in its own paragraph.
 */
export function renderFailureMessage(record: CaptionRecord) {
  if (!record.error) return { message: nothing, advice: nothing };
  const kind = recordFailureKind(record);
  const { headline, rest } = splitFailureMessage(record.error, record.fileName);
  const extra = record.status === 'failed' ? failureAdvice(kind, rest) : '';
  return {
    message: html`<span data-role="error"><span class="headline">${headline}</span>${rest ? html` <span class="advice">${rest}</span>` : nothing}</span>`,
    advice: extra ? html`<p class="advice" data-role="advice">${extra}</p>` : nothing,
  };
}

/** The status line is bold red up to the end of the headline (caption-card.styles.ts); the advice is not. */
export const failureMessageStyles = css`
  .advice {
    color: var(--as-text, #1d2230);
    font-weight: normal;
  }
  p.advice {
    margin: 0 0 0.5rem;
    font-size: 0.9rem;
  }
`;
