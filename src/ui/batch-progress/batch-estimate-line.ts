import { css, html, nothing } from 'lit';
import type { BatchEstimate } from '../../models/batch-time-left';
import { estimateText, formatDuration, formatPerPhoto } from '../../models/batch-estimate';

/**
 * "≈ 7 h 40 min for 8,950 photos with Florence-2 base, at 3.1 s per photo on this device;
 * ≈ 2 h with DistilViT" and a button that switches the remaining photos to the faster model.
 * Plain text, not a live region: the estimate changes with every photo, and the page speaks it
 * only when first known and rarely after (EstimateAnnouncer).
 */
export function renderEstimate(estimate: BatchEstimate, useFaster: () => void) {
  const { faster, switchingTo } = estimate;
  return html`<div class="estimate" data-role="estimate">
    <p>
      <span data-role="estimate-text">${estimateText(estimate.remainingMs, estimate.remaining, estimate.modelName)}</span>, at
      <span data-role="per-photo">${formatPerPhoto(estimate.msPerPhoto)}</span> per photo on this device${faster
        ? html`; <span data-role="faster-text">${formatDuration(faster.remainingMs)} with ${faster.modelName}</span>`
        : nothing}.
      ${switchingTo ? html`<span data-role="switching">The remaining photos switch to ${switchingTo}; a new estimate follows after its first few photos.</span>` : nothing}
    </p>
    ${faster
      ? html`<p class="faster">
          <button type="button" data-role="use-faster-model" aria-describedby="faster-hint" @click=${useFaster}>Use ${faster.modelName} for the remaining photos</button>
          <span id="faster-hint" class="hint">Its speed here is projected from measurements; you are asked before any download.</span>
        </p>`
      : nothing}
  </div>`;
}

export const estimateStyles = css`
  .estimate p {
    margin: 0.4rem 0;
  }
  .faster {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .estimate .hint {
    font-size: 0.9rem;
    color: var(--as-muted);
  }
`;
