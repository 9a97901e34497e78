import { html } from 'lit';

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
        <li><kbd>E</kbd> Edit the text (<kbd>Esc</kbd> returns here)</li>
        <li><kbd>R</kbd> Regenerate</li>
        <li><kbd>S</kbd> Skip to the next not reviewed</li>
        <li><kbd>J</kbd> or <kbd>→</kbd> Next</li>
        <li><kbd>K</kbd> or <kbd>←</kbd> Previous</li>
        <li><kbd>Esc</kbd> Close</li>
      </ul>
    </section>
  `;
}
