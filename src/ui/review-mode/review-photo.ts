import { html, nothing } from 'lit';
import type { CaptionReview, CardView } from '../../app/card-view';
import { renderReviewBadge } from '../alt-text-editor/alt-text-editor';
import '../alt-text-editor/alt-text-editor';
import { STATUS_TEXT } from '../caption-card/caption-card';
import { renderEarlierVersions, renderReplaceConfirmation } from '../caption-card/earlier-versions';
import { doubtViewOf } from '../review-doubt/doubt-parts';
import { bandIdOf } from '../review-doubt/review-doubt';
import '../review-doubt/review-doubt';
import type { AltscribeEvent } from '../shared/events';
import { renderCopyControl } from '../shared/copy-as-control';
import { renderReviewButtons } from './review-parts';
import type { ReviewKeyAction } from './review-keys';

/** What the photo's part of the review mode calls back into. */
export interface ReviewPhotoHooks {
  /** An object URL for the original (when this session has it) or the stored thumbnail. */
  imageOf(card: CardView): string | null;
  /** Set while "Replace your text?" is asked: whose text it is. */
  replacing: CaptionReview | null;
  save(event: AltscribeEvent<'edit-text'>): void;
  onDoubtAction(event: AltscribeEvent<'card-action'>): void;
  run(action: ReviewKeyAction): void;
  confirmRegenerate(): void;
  keepText(): void;
  useVersion(index: number): void;
}

/** One photo large, its alt-text field, doubt, the verbs and the earlier versions. */
export function renderReviewPhoto(card: CardView, hooks: ReviewPhotoHooks) {
  const { record } = card;
  const hasText = record.status === 'done' || record.text.length > 0;
  const src = hooks.imageOf(card);
  const doubt = doubtViewOf(record);
  return html`
    <div class="photo">
      <!-- The alt-text field says what the photo shows, so the picture itself is decorative here. -->
      ${src ? html`<img src=${src} alt="" data-role="review-image" />` : html`<div class="placeholder" aria-hidden="true">No preview</div>`}
      <div class="details">
        <h3 id="review-file" data-role="file">${record.relativePath ?? record.fileName}</h3>
        <p class="status" data-role="review-state">
          ${STATUS_TEXT[record.status]}${record.error ? `: ${record.error}` : ''} ·
          ${renderReviewBadge(record.review)}
        </p>
        ${hasText
          ? html`<alt-text-editor .record=${record} .describedBy=${doubt ? `review-file ${bandIdOf(record.id)}` : 'review-file'} @edit-text=${hooks.save}></alt-text-editor>`
          : html`<p class="no-text" data-role="no-text">No alt-text yet.</p>`}
        ${doubt ? html`<review-doubt .record=${record} .keyshortcut=${'U'} @card-action=${hooks.onDoubtAction}></review-doubt>` : nothing}
        ${hooks.replacing ? renderReplaceConfirmation(hooks.replacing, 'review', hooks.confirmRegenerate, hooks.keepText) : nothing}
        ${renderReviewButtons(hooks.run)}
        ${hasText ? html`<div class="actions">${renderCopyControl(() => hooks.run('copy'), 'C')}</div>` : nothing}
        ${renderEarlierVersions(record, hooks.useVersion, 'review')}
      </div>
    </div>
  `;
}
