import { html } from 'lit';
import type { ReviewKeyAction } from './review-keys';

/** Parts of the review mode that need no state of their own. */

/**
 * The visible key legend of the review mode. Every key here also has a button, so the legend
 * is a shortcut list, not the only way in; buttons carry aria-keyshortcuts for screen readers.
 */
export function renderKeyLegend() {
  return html`
    <section class="legend" aria-labelledby="review-keys-title" data-role="key-legend">
      <h3 id="review-keys-title">Keys</h3>
      <ul>
        <li><kbd>A</kbd> Approve and go to the next</li>
        <li><kbd>C</kbd> Copy the text (as chosen next to Copy: text, HTML or Markdown)</li>
        <li><kbd>E</kbd> Edit the text (<kbd>Esc</kbd> returns here)</li>
        <li><kbd>R</kbd> Regenerate</li>
        <li><kbd>S</kbd> Skip to the next not reviewed</li>
        <li><kbd>U</kbd> Use the second model's text, when one is shown</li>
        <li><kbd>J</kbd> or <kbd>→</kbd> Next</li>
        <li><kbd>K</kbd> or <kbd>←</kbd> Previous</li>
        <li><kbd>Esc</kbd> Close</li>
      </ul>
    </section>
  `;
}

/** A button for each verb, with its key for screen readers; "Use this one" sits with the second opinion. */
export function renderReviewButtons(run: (action: ReviewKeyAction) => void) {
  return html`
    <div class="actions">
      <button type="button" class="primary" data-role="approve" aria-keyshortcuts="A" @click=${() => run('approve')}>Approve</button>
      <button type="button" data-role="edit" aria-keyshortcuts="E" @click=${() => run('edit')}>Edit text</button>
      <button type="button" data-role="regenerate" aria-keyshortcuts="R" @click=${() => run('regenerate')}>Regenerate</button>
      <button type="button" data-role="skip" aria-keyshortcuts="S" @click=${() => run('skip')}>Skip</button>
      <button type="button" data-role="previous" aria-keyshortcuts="K ArrowLeft" @click=${() => run('previous')}>Previous</button>
      <button type="button" data-role="next" aria-keyshortcuts="J ArrowRight" @click=${() => run('next')}>Next</button>
    </div>
  `;
}
